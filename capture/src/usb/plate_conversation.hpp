// What the host says to a plate, in which order (docs/usb-protocol.md, "Opening a plate"), over
// an abstract control channel, and the bulk transfer plan. Pure: the libusb driver runs it over
// real control transfers, and the test tool that writes usbmon captures runs the very same code
// over a simulated plate, so the capture always matches what the driver does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "plantar/capture/calibration.hpp"
#include "plantar/capture/usb/plate_protocol.hpp"
#include "plantar/capture/usb/usb_plate.hpp"

namespace plantar::usb {

class ControlChannel {
public:
    virtual ~ControlChannel() = default;
    // A vendor IN request; the reply may be shorter than `length`. Throws IoError.
    virtual std::vector<std::uint8_t> read(protocol::Request request, std::uint16_t value, std::uint16_t length) = 0;
    // A vendor OUT request with its payload (possibly empty). Throws IoError.
    virtual void write(protocol::Request request, std::uint16_t value, std::span<const std::uint8_t> payload) = 0;
};

PlateIdentity plate_identity_of(const protocol::Identity& identity, const protocol::Geometry& geometry);

struct PlateDescription {
    protocol::Identity identity;
    protocol::Geometry geometry;
    Calibration calibration;

    PlateIdentity as_identity() const { return plate_identity_of(identity, geometry); }
};

// GET_IDENTITY then GET_GEOMETRY: enough to list a plate. Throws IoError for a plate this
// version cannot use (another protocol major version, no sensors, unknown sample format).
std::pair<protocol::Identity, protocol::Geometry> read_identity_and_geometry(ControlChannel& channel);
// The above, then every GET_CALIBRATION page.
PlateDescription read_plate_description(ControlChannel& channel);
// SET_RATE when a rate is asked for (InvalidArgument above the plate's maximum), then START.
// Returns the rate the plate now runs at.
double start_streaming(ControlChannel& channel, const PlateDescription& plate, std::optional<double> rate_hz);
void change_rate(ControlChannel& channel, const PlateDescription& plate, double rate_hz);
void stop_streaming(ControlChannel& channel);

// Bulk IN transfers kept in flight. Each holds one frame (the plate ends a frame with a short
// packet), so 8 let the event thread stall for 8 frame periods (4 ms at 2,000 fps) before the
// plate's FIFO has nowhere to go, for 8 x 33 KiB = 264 KiB at 256x64. More would only add memory:
// latency does not depend on it, since each transfer completes at its frame's short packet.
constexpr int kBulkTransfersInFlight = 8;

// The length of each bulk IN transfer: the whole frame, rounded up past the next packet
// boundary so that a frame ending exactly on one (then closed by a zero-length packet) still
// completes in one transfer.
std::size_t bulk_transfer_length(std::size_t frame_wire_size, std::size_t max_packet_size);

}  // namespace plantar::usb
