// A finite FrameSource (the simulated plate, a recorded session) played as if it were a live
// plate: each frame is released when its device timestamp comes due on the steady clock, so
// the daemon, the recorder and the clients see the timing a real plate would give them.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "plantar/capture/live_source.hpp"

namespace plantar::daemon {

// The clock a PacedSource waits on. Tests inject one that only pretends to wait.
class PacingClock {
public:
    virtual ~PacingClock() = default;
    virtual std::int64_t now_ns() = 0;
    // Waits until `deadline_ns` or until interrupt() is called; returns false when interrupted.
    virtual bool wait_until(std::int64_t deadline_ns) = 0;
    virtual void interrupt() = 0;
};

// The steady clock (plantar::host_now_ns), waiting on a condition variable so stop() is prompt.
class SteadyPacingClock final : public PacingClock {
public:
    std::int64_t now_ns() override;
    bool wait_until(std::int64_t deadline_ns) override;
    void interrupt() override;

private:
    std::mutex mutex_;
    std::condition_variable wake_;
    bool interrupted_ = false;
};

// Makes the finite source to pace: at its own rate (nullopt) or at another one. Called again
// to loop and to change the rate; throws InvalidArgument for a rate it cannot do.
using FiniteSourceOpener = std::function<std::unique_ptr<FrameSource>(std::optional<double> rate_hz)>;

struct PacedSourceOptions {
    bool loop = false;                   // start over at the end, continuing sequences and device times
    bool rate_adjustable = false;        // set_rate reopens the source at the new rate (the simulator)
    std::shared_ptr<PacingClock> clock;  // null: the steady clock
};

class PacedSource final : public LiveSource {
public:
    // Opens the source at once; throws what the opener throws.
    PacedSource(FiniteSourceOpener opener, PacedSourceOptions options = {});

    const PlateGeometry& geometry() const override;
    double nominal_rate_hz() const override;
    SourceDescription description() const override;
    std::optional<std::uint64_t> expected_frame_count() const override;

    // Releases the next frame when it is due (at once if the consumer fell behind: pacing never
    // drops a frame), stamping host_time_ns at release.
    std::optional<Frame> next_within(std::chrono::milliseconds timeout) override;
    DeviceState state() const override;
    SourceCounters counters() const override;
    // Throws InvalidArgument unless rate_adjustable and the opener accepts the rate. The new
    // rate applies from the next frame; the source starts over (a new pass of its scenario).
    void set_rate(double rate_hz) override;
    void stop() override;
    bool stopped() const override;

private:
    // Takes the next frame of the current pass (opening the next pass when looping), with the
    // pass's sequence and time offsets applied. Nothing once the source has ended.
    std::optional<Frame> take_next_frame();

    FiniteSourceOpener opener_;
    PacedSourceOptions options_;
    std::shared_ptr<PacingClock> clock_;

    mutable std::mutex mutex_;  // guards everything below that set_rate or status readers touch
    std::unique_ptr<FrameSource> source_;
    std::unique_ptr<FrameSource> pending_rate_source_;  // set by set_rate, taken by the capture thread
    PlateGeometry geometry_;
    double rate_hz_ = 0.0;
    SourceDescription description_;
    SourceCounters counters_;
    DeviceState state_ = DeviceState::Streaming;
    std::atomic<bool> stopped_{false};

    // Capture-thread state.
    std::optional<Frame> held_;  // taken from the source, not yet due
    std::optional<std::int64_t> anchor_host_ns_;
    std::int64_t anchor_device_us_ = 0;
    bool pass_started_ = false;  // the current pass has delivered its first frame
    std::int64_t sequence_offset_ = 0;
    std::int64_t time_offset_us_ = 0;
    std::optional<std::uint64_t> last_sequence_;
    std::int64_t last_device_time_us_ = 0;
};

}  // namespace plantar::daemon
