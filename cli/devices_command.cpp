// `plantar devices`: the plantar plates attached to this computer, as a person or a script
// wants them (docs/usb-protocol.md).
#include <iostream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "plantar/capture/daemon/sources.hpp"
#include "plantar/capture/errors.hpp"
#include "plantar/capture/usb/usb_plate.hpp"

namespace plantar::cli {

namespace {

struct DevicesOptions {
    std::vector<std::string> usb_ids;
    bool json = false;
};

std::vector<usb::UsbId> parse_usb_ids(const std::vector<std::string>& texts) {
    std::vector<usb::UsbId> ids;
    for (const auto& text : texts) {
        auto id = usb::usb_id_from_string(text);
        if (!id) throw InvalidArgument("--usb-id takes VID:PID in hexadecimal, like 1209:0001 (got '" + text + "')");
        ids.push_back(*id);
    }
    return ids;
}

void print_plate(const usb::AttachedPlate& plate) {
    std::cout << "bus " << plate.bus << " address " << plate.address << "  " << usb::to_string(plate.id);
    if (plate.identity) {
        const auto& id = *plate.identity;
        std::cout << "  serial " << id.serial << "  firmware " << id.firmware_version << "  " << id.geometry.rows
                  << "x" << id.geometry.cols << " sensors at " << id.geometry.pitch_x_mm << " x "
                  << id.geometry.pitch_y_mm << " mm  " << id.adc_bits << "-bit  " << id.rate_hz << " Hz (max "
                  << id.max_rate_hz << " Hz)";
    }
    if (!plate.problem.empty()) std::cout << "  problem: " << plate.problem;
    std::cout << "\n";
}

void run_devices(const DevicesOptions& o) {
    const auto accepted = parse_usb_ids(o.usb_ids);
    if (o.json) {
        // The same entries as plantard's list_devices reply.
        std::cout << daemon::list_usb_plates_json(accepted).dump(2) << "\n";
        return;
    }
    const auto plates = usb::list_plates(accepted);
    if (plates.empty()) {
        std::string ids;
        for (const auto& id : accepted.empty() ? std::vector<usb::UsbId>{usb::default_plate_id()} : accepted)
            ids += (ids.empty() ? "" : ", ") + usb::to_string(id);
        std::cout << "no plantar plate attached (looking for " << ids << ")\n";
        return;
    }
    for (const auto& plate : plates) print_plate(plate);
}

}  // namespace

void add_devices_command(CLI::App& app) {
    auto options = std::make_shared<DevicesOptions>();
    auto* cmd = app.add_subcommand("devices", "List the plantar plates attached over USB (bus, address, serial, "
                                              "firmware, geometry, rate)");
    cmd->add_option("--usb-id", options->usb_ids, "Accept plates with this VID:PID (repeatable; default 1209:0001)");
    cmd->add_flag("--json", options->json, "Print JSON: one object per plate");
    cmd->callback([options] { run_devices(*options); });
}

}  // namespace plantar::cli
