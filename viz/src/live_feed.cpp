#include "plantar/viz/live_feed.hpp"

#include <chrono>
#include <exception>
#include <utility>

#include "plantar/capture/daemon/endpoints.hpp"

namespace plantar::viz {
namespace {

using Clock = std::chrono::steady_clock;

// The draw loop shows at most one snapshot per drawn frame (60-120 Hz); building them faster
// would only cost the reading thread time it needs to keep up with 500+ frames a second.
constexpr auto kPublishInterval = std::chrono::milliseconds(12);
// How long one read waits for a frame: also how soon the reader notices it should stop.
constexpr auto kFrameWait = std::chrono::milliseconds(50);
// The daemon's status: about twice a second, as `plantar status` would see it.
constexpr auto kStatusInterval = std::chrono::milliseconds(500);
// A status request to a daemon that does not answer gives up after this (on the control thread).
constexpr auto kStatusTimeout = std::chrono::milliseconds(1000);

}  // namespace

LiveFeed::LiveFeed(const std::string& endpoint, LiveModelConfig config)
    : endpoint_(endpoint), config_(std::move(config)) {
    status_.control_endpoint = daemon::resolve_endpoints(endpoint_).control;
    frame_thread_ = std::jthread([this](std::stop_token stop) { read_frames(stop); });
    control_thread_ = std::jthread([this](std::stop_token stop) { talk_to_daemon(stop); });
}

LiveFeed::~LiveFeed() {
    control_thread_.request_stop();
    frame_thread_.request_stop();
}

std::shared_ptr<const LiveSnapshot> LiveFeed::snapshot() const {
    std::lock_guard lock(mutex_);
    return snapshot_;
}

LiveStatus LiveFeed::status() const {
    std::lock_guard lock(mutex_);
    return status_;
}

void LiveFeed::reset_analysis() {
    std::lock_guard lock(mutex_);
    reset_requested_ = true;
}

void LiveFeed::start_recording(const daemon::RecordingRequest& request) {
    {
        std::lock_guard lock(mutex_);
        start_request_ = request;
        stop_requested_ = false;
        status_.recording_request_pending = true;
    }
    requests_changed_.notify_all();
}

void LiveFeed::stop_recording() {
    {
        std::lock_guard lock(mutex_);
        start_request_.reset();
        stop_requested_ = true;
        status_.recording_request_pending = true;
    }
    requests_changed_.notify_all();
}

void LiveFeed::read_frames(std::stop_token stop) {
    // InOrder: the analysis sees every frame while this thread keeps up; if it falls further
    // behind than the daemon's backlog, the stream skips ahead and counts what it skipped.
    daemon::DaemonFrameStream stream(endpoint_, daemon::StreamMode::InOrder);
    std::stop_callback stop_reading(stop, [&stream] { stream.stop(); });
    LiveModel model(config_);
    std::uint64_t taken = 0;
    bool changed = false;
    auto last_publish = Clock::now() - kPublishInterval;
    while (!stop.stop_requested()) {
        bool reset = false;
        {
            std::lock_guard lock(mutex_);
            reset = std::exchange(reset_requested_, false);
        }
        if (reset) {
            model.reset();
            changed = true;
        }
        std::optional<Frame> frame;
        try {
            frame = stream.next_within(kFrameWait);
        } catch (const std::exception&) {
            // A malformed reply: the stream reports the daemon's state; keep reading.
        }
        if (frame) {
            model.add(stream.geometry(), std::move(*frame));
            ++taken;
            changed = true;
        }
        const auto now = Clock::now();
        if (changed && model.has_frame() && (!frame || now - last_publish >= kPublishInterval)) {
            auto snapshot = std::make_shared<const LiveSnapshot>(model.snapshot());
            std::lock_guard lock(mutex_);
            snapshot_ = std::move(snapshot);
            status_.frames_taken = taken;
            status_.frames_skipped_by_stream = stream.frames_skipped();
            last_publish = now;
            changed = false;
        }
    }
}

void LiveFeed::talk_to_daemon(std::stop_token stop) {
    daemon::DaemonClient client(endpoint_, kStatusTimeout);
    auto next_status = Clock::now();
    while (!stop.stop_requested()) {
        std::optional<daemon::RecordingRequest> start;
        bool stop_recording = false;
        {
            std::unique_lock lock(mutex_);
            requests_changed_.wait_until(lock, stop, next_status, [this] { return start_request_ || stop_requested_; });
            if (stop.stop_requested()) return;
            start = std::exchange(start_request_, std::nullopt);
            stop_recording = std::exchange(stop_requested_, false);
        }
        if (start || stop_recording) {
            std::string error;
            try {
                if (start)
                    client.start_recording(*start);
                else
                    client.stop_recording();
            } catch (const std::exception& e) {
                error = e.what();
            }
            std::lock_guard lock(mutex_);
            status_.recording_error = error;
            status_.recording_request_pending = start_request_.has_value() || stop_requested_;
            next_status = Clock::now();  // show the new recording state at once
            continue;
        }
        std::optional<daemon::DaemonStatus> status;
        std::string problem;
        try {
            status = client.status();
        } catch (const std::exception& e) {
            problem = e.what();
        }
        std::lock_guard lock(mutex_);
        status_.status = std::move(status);
        status_.problem = problem;
        status_.status_failures = status_.status ? 0 : status_.status_failures + 1;
        next_status = Clock::now() + kStatusInterval;
    }
}

}  // namespace plantar::viz
