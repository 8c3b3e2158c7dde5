// The daemon's only uses of the USB plate driver, kept in one file so that programs and tests
// that never use USB do not pull the driver in.
#include "plantar/capture/daemon/control_protocol.hpp"
#include "plantar/capture/daemon/sources.hpp"

namespace plantar::daemon {

std::unique_ptr<LiveSource> make_usb_source(const usb::UsbSourceOptions& options) {
    return usb::open_plate_source(options);
}

nlohmann::json list_usb_plates_json(const std::vector<usb::UsbId>& accepted) {
    nlohmann::json plates = nlohmann::json::array();
    for (const auto& plate : usb::list_plates(accepted)) {
        nlohmann::json entry{{"bus", plate.bus}, {"address", plate.address}, {"usb_id", usb::to_string(plate.id)}};
        if (plate.identity) {
            const auto& identity = *plate.identity;
            entry["serial"] = identity.serial;
            entry["firmware_version"] = identity.firmware_version;
            entry["geometry"] = to_json(identity.geometry);
            entry["adc_bits"] = identity.adc_bits;
            entry["max_rate_hz"] = identity.max_rate_hz;
            entry["rate_hz"] = identity.rate_hz;
        }
        if (!plate.problem.empty()) entry["problem"] = plate.problem;
        plates.push_back(entry);
    }
    return plates;
}

}  // namespace plantar::daemon
