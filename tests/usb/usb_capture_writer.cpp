// usb_capture_writer: writes plate.umockdev (the device description) and plate.pcap (a usbmon
// capture) of an emulated plantar plate streaming simulated frames, for umockdev-run to replay
// to the real driver. The control requests come from running the driver's own conversation
// (plate_conversation.hpp) against an emulated plate, and the bulk transfers follow the driver's
// constants, so the capture cannot drift from what the driver does. See README.md here.
#include <cerrno>
#include <cstdio>
#include <deque>
#include <exception>
#include <fstream>
#include <vector>

#include "plantar/capture/errors.hpp"
#include "plantar/capture/usb/plate_protocol.hpp"
#include "simulated_stream.hpp"
#include "usb/plate_conversation.hpp"
#include "usbmon_pcap.hpp"

using namespace plantar;
using namespace plantar::usb;
using namespace plantar::usb::testing;

namespace {

constexpr int kBus = 1;
constexpr int kDeviceAddress = 2;
constexpr const char* kSysfsPath = "/devices/pci0000:00/0000:00:14.0/usb1/1-1";
constexpr std::uint8_t kBulkEndpoint = 0x81;
constexpr std::uint16_t kMaxPacketSize = 512;  // high speed

// An emulated plate answering the driver's control requests, writing each exchange to the capture.
class RecordedPlate final : public ControlChannel {
public:
    RecordedPlate(UsbmonPcapWriter& pcap, const SimulatedStream& stream, const StreamOptions& options)
        : pcap_(pcap),
          identity_(protocol::encode_identity({protocol::kProtocolMajor, protocol::kProtocolMinor, options.serial,
                                               "sim-1.0"})),
          geometry_(protocol::encode_geometry(protocol::Geometry::from(
              stream.geometry, 12, protocol::SampleFormat::Counts16, 2000.0, options.rate_hz))),
          calibration_(protocol::encode_calibration(stream.calibration)) {}

    std::vector<std::uint8_t> read(protocol::Request request, std::uint16_t value, std::uint16_t length) override {
        const SetupPacket setup{protocol::kRequestTypeIn, static_cast<std::uint8_t>(request), value, 0, length};
        std::vector<std::uint8_t> reply;
        if (request == protocol::Request::GetIdentity) reply = identity_;
        if (request == protocol::Request::GetGeometry) reply = geometry_;
        if (request == protocol::Request::GetCalibration) {
            const std::size_t from = std::min<std::size_t>(calibration_.size(), value * protocol::kCalibrationPageSize);
            reply.assign(calibration_.begin() + static_cast<std::ptrdiff_t>(from), calibration_.end());
        }
        if (reply.size() > length) reply.resize(length);
        const auto id = pcap_.submit_control(setup, {});
        pcap_.complete_control(id, setup, reply);
        return reply;
    }

    void write(protocol::Request request, std::uint16_t value, std::span<const std::uint8_t> payload) override {
        const SetupPacket setup{protocol::kRequestTypeOut, static_cast<std::uint8_t>(request), value, 0,
                                static_cast<std::uint16_t>(payload.size())};
        const auto id = pcap_.submit_control(setup, payload);
        pcap_.complete_control(id, setup, {});
    }

private:
    UsbmonPcapWriter& pcap_;
    std::vector<std::uint8_t> identity_, geometry_, calibration_;
};

std::string hex(const std::vector<std::uint8_t>& bytes) {
    std::string text;
    char digits[3];
    for (auto byte : bytes) {
        std::snprintf(digits, sizeof digits, "%02x", byte);
        text += digits;
    }
    return text;
}

// Device, configuration, interface and endpoint descriptors (docs/usb-protocol.md, "Descriptors").
std::vector<std::uint8_t> descriptors() {
    const std::uint8_t vid_lo = protocol::kVendorId & 0xFF, vid_hi = protocol::kVendorId >> 8;
    const std::uint8_t pid_lo = protocol::kTestProductId & 0xFF, pid_hi = protocol::kTestProductId >> 8;
    return {
        18, 1, 0x00, 0x02, 0, 0, 0, 64, vid_lo, vid_hi, pid_lo, pid_hi, 0x00, 0x01, 1, 2, 3, 1,  // device
        9, 2, 25, 0, 1, 1, 0, 0x80, 50,                                                         // configuration
        9, 4, 0, 0, 1, protocol::kInterfaceClass, protocol::kInterfaceSubclass, protocol::kInterfaceProtocol, 0,
        7, 5, kBulkEndpoint, 0x02, kMaxPacketSize & 0xFF, kMaxPacketSize >> 8, 0,  // bulk IN, 512 bytes
    };
}

void write_device_description(const std::string& path) {
    std::ofstream out(path);
    out << "P: " << kSysfsPath << "\n"
        << "N: bus/usb/001/002\n"
        << "E: DEVNAME=/dev/bus/usb/001/002\n"
        << "E: DEVTYPE=usb_device\n"
        << "E: SUBSYSTEM=usb\n"
        << "A: busnum=" << kBus << "\\n\n"
        << "A: devnum=" << kDeviceAddress << "\\n\n"
        << "A: speed=480\\n\n"
        << "A: bConfigurationValue=1\\n\n"
        << "H: descriptors=" << hex(descriptors()) << "\n";
    if (!out) throw IoError("cannot write " + path);
}

// One session of the plate: the driver's opening conversation, then `frames` of the stream in
// the driver's bulk transfers. Returns the transfers left in flight.
std::deque<std::uint64_t> write_session(UsbmonPcapWriter& pcap, RecordedPlate& plate, const SimulatedStream& stream,
                                        std::size_t frames, double rate_hz) {
    const auto description = read_plate_description(plate);
    start_streaming(plate, description, std::nullopt);
    const auto length = static_cast<std::uint32_t>(bulk_transfer_length(
        protocol::frame_wire_size(stream.geometry, protocol::SampleFormat::Counts16), kMaxPacketSize));
    std::deque<std::uint64_t> in_flight;
    for (int i = 0; i < kBulkTransfersInFlight; ++i) in_flight.push_back(pcap.submit_bulk_in(kBulkEndpoint, length));
    const auto period_us = static_cast<std::int64_t>(1e6 / rate_hz);
    for (std::size_t i = 0; i < frames; ++i) {
        const Frame& frame = stream.frames[i];
        const auto wire = protocol::encode_counts_frame(frame.sequence, static_cast<std::uint64_t>(frame.device_time_us),
                                                        stream.geometry, stream.counts[i]);
        pcap.advance_time_us(period_us);
        pcap.complete_bulk_in(in_flight.front(), kBulkEndpoint, wire);
        in_flight.pop_front();
        in_flight.push_back(pcap.submit_bulk_in(kBulkEndpoint, length));  // the driver resubmits at once
    }
    pcap.advance_time_us(period_us);
    return in_flight;
}

void write_capture(const std::string& path, const SimulatedStream& stream, const StreamOptions& options) {
    UsbmonPcapWriter pcap(path, kBus, kDeviceAddress);
    RecordedPlate plate(pcap, stream, options);
    if (options.devices_only) {  // what list_plates() asks, and no more
        read_identity_and_geometry(plate);
        return;
    }
    auto in_flight = write_session(pcap, plate, stream, stream.frames.size(), options.rate_hz);
    if (!options.unplug) {
        stop_streaming(plate);  // the driver says STOP before cancelling its transfers
        return;
    }
    // Pulled out: every transfer in flight completes with -ENODEV, as the kernel reports it.
    for (auto id : in_flight) pcap.complete_bulk_in(id, kBulkEndpoint, {}, -ENODEV);
    if (options.replug_frames > 0) {
        // Plugged back: the driver opens it again and the plate, restarted, streams from sequence 0.
        pcap.advance_time_us(1'000'000);
        write_session(pcap, plate, stream, static_cast<std::size_t>(options.replug_frames), options.rate_hz);
        stop_streaming(plate);
    }
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const auto options = parse_stream_options(argc, argv);
        const auto stream = simulate_stream(options);
        write_device_description(options.out_dir + "/plate.umockdev");
        write_capture(options.out_dir + "/plate.pcap", stream, options);
        std::printf("/sys%s\n", kSysfsPath);
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "usb_capture_writer: %s\n", e.what());
        return 1;
    }
}
