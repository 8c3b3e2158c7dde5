// The USB pressure plate (docs/usb-protocol.md): what is attached, and a LiveSource that
// streams from one plate, following it through unplugging and plugging back. This header has
// no libusb types; capture/src/usb/ is the only code that includes libusb.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "plantar/capture/calibration.hpp"
#include "plantar/capture/frame.hpp"
#include "plantar/capture/live_source.hpp"

namespace plantar::usb {

struct UsbId {
    std::uint16_t vendor = 0;
    std::uint16_t product = 0;
    bool operator==(const UsbId&) const = default;
};
std::string to_string(UsbId id);                          // "1209:xxxx"
std::optional<UsbId> usb_id_from_string(const std::string& text);  // "1209:xxxx"

// The VID:PID plantar plates use by default (docs/usb-protocol.md says which and why).
UsbId default_plate_id();

// What a plate says about itself (the identity and geometry control requests).
struct PlateIdentity {
    std::string serial;
    std::string firmware_version;
    PlateGeometry geometry;
    int adc_bits = 0;
    double max_rate_hz = 0.0;
    double rate_hz = 0.0;  // the rate it is set to now
};

struct AttachedPlate {
    int bus = 0;
    int address = 0;
    UsbId id;
    std::optional<PlateIdentity> identity;  // none when the plate could not be asked
    std::string problem;                    // why not ("permission denied: install the udev rule", ...)
};

// Plates attached now whose VID:PID is in `accepted` (empty: the default id only).
// Throws IoError when USB itself cannot be used.
std::vector<AttachedPlate> list_plates(const std::vector<UsbId>& accepted = {});

struct UsbSourceOptions {
    std::string serial;              // empty: the first accepted plate
    std::vector<UsbId> accepted;     // empty: the default id only
    std::optional<double> rate_hz;   // set on the plate when it is opened; empty: keep its rate
    // For emulated plates (tests under umockdev, which replays a capture as fast as it is read):
    // frames are released no sooner than their device timestamps say (from one second after
    // the first frame, so that clients can connect), stamped when released, and the frame queue
    // has no bound. PLANTAR_USB_EMULATION=1 in the environment turns it on too, so that a test
    // can ask it of a program it does not build (plantard).
    bool pace_to_device_clock = false;
};

// Starts searching at once; state() tells Searching / Streaming / Lost. A lost plate reads as
// Streaming until next_within() has found no frame left, so a consumer that reacts to Lost has
// had every frame sent before the loss. Frames' sequence numbers and device times carry on
// across a loss (the plate restarts them at START). Frames the consumer is too slow for (more
// than 512 waiting) are dropped, logged and named in last_problem(), never blocking the driver.
// Throws IoError when USB itself cannot be used (no libusb context).
std::unique_ptr<LiveSource> open_plate_source(const UsbSourceOptions& options);

}  // namespace plantar::usb
