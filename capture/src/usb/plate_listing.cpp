// USB ids and the list of attached plates (`plantar devices`).
#include <cstdio>
#include <regex>

#include "libusb_plate.hpp"
#include "plantar/capture/log.hpp"
#include "plantar/capture/usb/plate_protocol.hpp"

namespace plantar::usb {

std::string to_string(UsbId id) {
    char text[16];
    std::snprintf(text, sizeof text, "%04x:%04x", id.vendor, id.product);
    return text;
}

std::optional<UsbId> usb_id_from_string(const std::string& text) {
    static const std::regex pattern("^(?:0x)?([0-9a-fA-F]{1,4}):(?:0x)?([0-9a-fA-F]{1,4})$");
    std::smatch match;
    if (!std::regex_match(text, match, pattern)) return std::nullopt;
    return UsbId{static_cast<std::uint16_t>(std::stoul(match[1].str(), nullptr, 16)),
                 static_cast<std::uint16_t>(std::stoul(match[2].str(), nullptr, 16))};
}

UsbId default_plate_id() { return UsbId{protocol::kVendorId, protocol::kTestProductId}; }

std::vector<AttachedPlate> list_plates(const std::vector<UsbId>& accepted) {
    LibusbContext context;
    libusb_device** devices = nullptr;
    const auto count = libusb_get_device_list(context.get(), &devices);
    if (count < 0) throw IoError("cannot list USB devices: " + libusb_error_text(static_cast<int>(count)));
    std::vector<AttachedPlate> plates;
    for (ssize_t i = 0; i < count; ++i) {
        libusb_device* device = devices[i];
        const UsbId id = usb_id_of(device);
        if (!is_accepted(id, accepted)) continue;
        AttachedPlate plate;
        plate.bus = libusb_get_bus_number(device);
        plate.address = libusb_get_device_address(device);
        plate.id = id;
        try {
            OpenPlate open(device);
            // Identity and geometry only: listing must stay quick and must not disturb a plate.
            auto [identity, geometry] = read_identity_and_geometry(open);
            plate.identity = plate_identity_of(identity, geometry);
        } catch (const Error& e) {
            plate.problem = e.what();
            log(LogLevel::Debug, "usb", plate.problem);
        }
        plates.push_back(std::move(plate));
    }
    libusb_free_device_list(devices, 1);
    return plates;
}

}  // namespace plantar::usb
