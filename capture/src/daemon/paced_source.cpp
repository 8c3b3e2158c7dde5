#include "plantar/capture/daemon/paced_source.hpp"

#include <cmath>

#include "plantar/capture/errors.hpp"

namespace plantar::daemon {

std::int64_t SteadyPacingClock::now_ns() { return host_now_ns(); }

bool SteadyPacingClock::wait_until(std::int64_t deadline_ns) {
    std::unique_lock lock(mutex_);
    const auto deadline = std::chrono::steady_clock::time_point(std::chrono::nanoseconds(deadline_ns));
    wake_.wait_until(lock, deadline, [this] { return interrupted_; });
    return !interrupted_;
}

void SteadyPacingClock::interrupt() {
    {
        std::lock_guard lock(mutex_);
        interrupted_ = true;
    }
    wake_.notify_all();
}

PacedSource::PacedSource(FiniteSourceOpener opener, PacedSourceOptions options)
    : opener_(std::move(opener)), options_(std::move(options)), clock_(options_.clock) {
    if (!clock_) clock_ = std::make_shared<SteadyPacingClock>();
    source_ = opener_(std::nullopt);
    if (!source_) throw InvalidArgument("the paced source was given no source to pace");
    geometry_ = source_->geometry();
    rate_hz_ = source_->nominal_rate_hz();
    description_ = source_->description();
}

const PlateGeometry& PacedSource::geometry() const { return geometry_; }

double PacedSource::nominal_rate_hz() const {
    std::lock_guard lock(mutex_);
    return rate_hz_;
}

SourceDescription PacedSource::description() const {
    std::lock_guard lock(mutex_);
    return description_;
}

std::optional<std::uint64_t> PacedSource::expected_frame_count() const {
    if (options_.loop) return std::nullopt;
    std::lock_guard lock(mutex_);
    return source_ ? source_->expected_frame_count() : std::nullopt;
}

DeviceState PacedSource::state() const {
    std::lock_guard lock(mutex_);
    return state_;
}

SourceCounters PacedSource::counters() const {
    std::lock_guard lock(mutex_);
    return counters_;
}

bool PacedSource::stopped() const { return stopped_; }

void PacedSource::stop() {
    stopped_ = true;
    clock_->interrupt();
}

void PacedSource::set_rate(double rate_hz) {
    if (!options_.rate_adjustable)
        throw InvalidArgument(
            "this source cannot change its rate: a recorded session plays at the rate it was "
            "recorded at");
    auto fresh = opener_(rate_hz);  // throws InvalidArgument for a rate the source refuses
    if (fresh->geometry() != geometry_) throw InvalidArgument("the source changed its geometry with its rate");
    std::lock_guard lock(mutex_);
    pending_rate_source_ = std::move(fresh);
}

std::optional<Frame> PacedSource::take_next_frame() {
    std::optional<Frame> frame;
    {
        std::lock_guard lock(mutex_);
        if (state_ == DeviceState::Ended) return std::nullopt;
        if (pending_rate_source_) {
            source_ = std::move(pending_rate_source_);
            rate_hz_ = source_->nominal_rate_hz();
            description_ = source_->description();
            pass_started_ = false;
        }
    }
    // The frame is made (the simulator renders it) outside the lock, so status readers never
    // wait for it.
    frame = source_->next();
    if (!frame && options_.loop) {
        std::lock_guard lock(mutex_);
        source_ = opener_(rate_hz_);
        pass_started_ = false;
        frame = source_->next();
    }
    if (!frame) {
        std::lock_guard lock(mutex_);
        state_ = DeviceState::Ended;
        return std::nullopt;
    }
    if (!pass_started_) {
        // A new pass continues where the previous one ended: the next sequence number, and one
        // frame period after the last device time, so the stream looks like one long capture.
        if (last_sequence_) {
            const double rate = nominal_rate_hz();
            const auto period_us = static_cast<std::int64_t>(std::llround(1e6 / rate));
            sequence_offset_ =
                static_cast<std::int64_t>(*last_sequence_ + 1) - static_cast<std::int64_t>(frame->sequence);
            time_offset_us_ = last_device_time_us_ + period_us - frame->device_time_us;
        }
        pass_started_ = true;
    }
    frame->sequence = static_cast<std::uint64_t>(static_cast<std::int64_t>(frame->sequence) + sequence_offset_);
    frame->device_time_us += time_offset_us_;
    return frame;
}

std::optional<Frame> PacedSource::next_within(std::chrono::milliseconds timeout) {
    if (stopped_) return std::nullopt;
    if (!held_) {
        held_ = take_next_frame();
        if (!held_) return std::nullopt;
    }
    const std::int64_t now = clock_->now_ns();
    if (!anchor_host_ns_) {
        // The first frame is due now; every later one at its device-time distance from it.
        anchor_host_ns_ = now;
        anchor_device_us_ = held_->device_time_us;
    }
    const std::int64_t due = *anchor_host_ns_ + (held_->device_time_us - anchor_device_us_) * 1000;
    if (due > now) {
        const std::int64_t limit = now + std::chrono::duration_cast<std::chrono::nanoseconds>(timeout).count();
        if (due > limit) {
            clock_->wait_until(limit);
            return std::nullopt;
        }
        if (!clock_->wait_until(due)) return std::nullopt;  // stopped
    }
    // Due, or overdue because the consumer fell behind: released either way, never dropped.
    Frame frame = std::move(*held_);
    held_.reset();
    frame.host_time_ns = clock_->now_ns();
    std::lock_guard lock(mutex_);
    if (last_sequence_ && frame.sequence != *last_sequence_ + 1) {
        ++counters_.sequence_gaps;
        if (frame.sequence > *last_sequence_) counters_.frames_missed += frame.sequence - *last_sequence_ - 1;
    }
    ++counters_.frames_received;
    last_sequence_ = frame.sequence;
    last_device_time_us_ = frame.device_time_us;
    return frame;
}

}  // namespace plantar::daemon
