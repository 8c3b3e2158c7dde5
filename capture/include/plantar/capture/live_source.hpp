// A source that delivers frames as they happen: the USB plate, or a finite source (the
// simulator, a recorded session) paced to its timestamps as if it were live. The daemon owns
// one and reads it on its capture thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "plantar/capture/calibration.hpp"
#include "plantar/capture/frame_source.hpp"

namespace plantar {

// What the device is doing, as the daemon reports it. A plate that is pulled out becomes Lost
// (not Ended): when it is plugged back in, the source goes back to Streaming by itself.
enum class DeviceState {
    Searching,  // no plate attached yet (or not the requested serial)
    Streaming,  // frames are arriving
    Lost,       // the plate was unplugged or stopped answering; waiting for it to come back
    Ended,      // a finite source reached its end; no more frames will come
};
std::string to_string(DeviceState state);  // "searching", "streaming", "lost", "ended"

// Counters kept by the source itself (the daemon adds its own for publishing and recording).
struct SourceCounters {
    std::uint64_t frames_received = 0;   // complete, valid frames delivered
    std::uint64_t corrupt_packets = 0;   // frames dropped for a bad CRC, wrong magic, bad length, ...
    std::uint64_t sequence_gaps = 0;     // times the device's sequence number jumped
    std::uint64_t frames_missed = 0;     // frames the jumps skipped over, in all
    std::uint64_t device_losses = 0;     // times the device went from Streaming to Lost
    std::uint64_t frames_dropped = 0;    // complete frames the source had to drop because its reader was too slow
};

// geometry() of a USB source that has not yet seen a plate has 0 rows and columns; callers wait
// for Streaming before they use it.
class LiveSource : public FrameSource {
public:
    // Waits up to `timeout` for the next frame. Returns nothing on timeout, on a change of
    // state (check state()), after stop(), and once Ended. Frames carry host_time_ns stamped
    // when the host received them.
    virtual std::optional<Frame> next_within(std::chrono::milliseconds timeout) = 0;
    // FrameSource::next for a live source: blocks until a frame or the end.
    std::optional<Frame> next() override {
        while (true) {
            if (auto frame = next_within(std::chrono::milliseconds(100))) return frame;
            if (state() == DeviceState::Ended || stopped()) return std::nullopt;
        }
    }

    virtual DeviceState state() const = 0;
    // The plate's counts -> kPa calibration, stored with a recording; none for sources without one.
    virtual std::optional<Calibration> plate_calibration() const { return std::nullopt; }
    virtual SourceCounters counters() const = 0;
    // The last error worth showing a person ("plate 0042 unplugged", "CRC errors"), or empty.
    virtual std::string last_problem() const { return {}; }
    // Asks the device to change its frame rate. Throws InvalidArgument when the rate is outside
    // what the device supports. The geometry never changes while Streaming; a different plate
    // plugged in after Lost may have another geometry (the daemon then ends any recording).
    virtual void set_rate(double rate_hz) = 0;
    // Makes next_within() return at once from now on; safe from any thread.
    virtual void stop() = 0;
    virtual bool stopped() const = 0;
};

}  // namespace plantar
