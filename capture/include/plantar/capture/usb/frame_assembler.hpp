// The frame assembler: bytes from the plate's bulk endpoint, cut into chunks of any size, in;
// validated frames in kPa and counters out (docs/usb-protocol.md, "What the host does"). Pure:
// no libusb, no threads, no clock of its own, so a unit test can feed it any damage.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "plantar/capture/calibration.hpp"
#include "plantar/capture/frame.hpp"
#include "plantar/capture/usb/plate_protocol.hpp"

namespace plantar::usb {

struct AssemblerCounters {
    std::uint64_t frames = 0;          // valid frames delivered
    std::uint64_t bad_crc = 0;         // a whole frame arrived but its CRC-32 did not match
    std::uint64_t bad_header = 0;      // a magic followed by an unknown version, header size or format
    std::uint64_t wrong_size = 0;      // a header whose rows, cols or payload length are not this plate's
    std::uint64_t sequence_gaps = 0;   // times the sequence jumped forward by more than one
    std::uint64_t frames_missed = 0;   // frames those jumps skipped, in all
    std::uint64_t duplicates = 0;      // frames with the sequence just delivered (dropped)
    std::uint64_t sequence_restarts = 0;  // the sequence went backwards (the plate restarted; kept)
    std::uint64_t resyncs = 0;         // times bytes had to be skipped to find the next magic
    std::uint64_t bytes_skipped = 0;   // bytes that belonged to no valid frame

    std::uint64_t corrupt() const { return bad_crc + bad_header + wrong_size; }
    bool operator==(const AssemblerCounters&) const = default;
};

class FrameAssembler {
public:
    // Frames must have this geometry and sample format. Counts are converted through the
    // calibration exactly as Calibration::apply does (bit for bit); float kPa is taken as sent.
    FrameAssembler(const PlateGeometry& geometry, protocol::SampleFormat format, Calibration calibration);

    // Appends the bytes of one transfer. Frames completed by them are appended to `out`, stamped
    // with `host_time_ns` (when the transfer arrived). Never throws for bad data: it counts it.
    void feed(std::span<const std::uint8_t> bytes, std::int64_t host_time_ns, std::vector<Frame>& out);

    const AssemblerCounters& counters() const { return counters_; }
    // Bytes held back waiting for the rest of a frame (or of a possible magic).
    std::size_t pending_bytes() const { return pending_.size() - pending_start_; }

private:
    enum class Verdict { Frame, NeedMore, Skip };
    // Looks at the bytes from a magic on; on Frame, `used` is the frame's length.
    Verdict examine(std::span<const std::uint8_t> bytes, std::size_t& used, std::int64_t host_time_ns,
                    std::vector<Frame>& out);
    // Consumes as many frames as `bytes` holds; returns how many bytes were used or skipped.
    std::size_t parse(std::span<const std::uint8_t> bytes, std::int64_t host_time_ns, std::vector<Frame>& out);
    void skip(std::size_t count);
    void deliver(const protocol::FrameHeader& header, std::span<const std::uint8_t> samples, std::int64_t host_time_ns,
                 std::vector<Frame>& out);

    PlateGeometry geometry_;
    protocol::SampleFormat format_;
    Calibration calibration_;
    std::vector<double> counts_to_kpa_;  // the shared curve at every count a sample can hold
    std::size_t payload_length_ = 0;
    std::vector<std::uint8_t> pending_;
    std::size_t pending_start_ = 0;
    std::optional<std::uint64_t> last_sequence_;
    bool skipping_ = false;  // inside a run of skipped bytes (counted as one resync)
    AssemblerCounters counters_;
};

}  // namespace plantar::usb
