// plantard as the live view sees it, kept off the draw thread: one worker thread reads every
// frame (StreamMode::InOrder) into a LiveModel and publishes a snapshot; another asks for the
// daemon's status about twice a second and carries out recording requests (stop_recording can
// take seconds while the daemon closes the file). The draw loop only copies shared pointers
// under a mutex, so a dead daemon never stalls the window. No GUI types.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "plantar/capture/daemon/client.hpp"
#include "plantar/viz/live_model.hpp"

namespace plantar::viz {

// What the daemon last said about itself, and what happened to the last recording request.
struct LiveStatus {
    std::optional<daemon::DaemonStatus> status;  // nullopt while no daemon answers
    std::string problem;                         // why there is no status ("no plantard is running at ...")
    std::string control_endpoint;
    int status_failures = 0;                     // requests in a row that got no answer
    bool recording_request_pending = false;      // a start/stop request is on its way
    std::string recording_error;                 // the daemon's (or the connection's) answer to the last failed request
    std::uint64_t frames_taken = 0;              // frames this viewer received from the stream
    std::uint64_t frames_skipped_by_stream = 0;  // frames the stream skipped because this viewer fell behind
};

class LiveFeed {
public:
    // Starts both threads. `endpoint` as plantard --endpoint takes it (empty: the default).
    explicit LiveFeed(const std::string& endpoint, LiveModelConfig config = {});
    ~LiveFeed();  // stops and joins both threads
    LiveFeed(const LiveFeed&) = delete;
    LiveFeed& operator=(const LiveFeed&) = delete;

    // The newest state of the model; null until the first frame.
    std::shared_ptr<const LiveSnapshot> snapshot() const;
    LiveStatus status() const;

    // Requests, carried out by the workers; they return at once.
    void reset_analysis();
    void start_recording(const daemon::RecordingRequest& request);
    void stop_recording();

private:
    void read_frames(std::stop_token stop);
    void talk_to_daemon(std::stop_token stop);

    std::string endpoint_;
    LiveModelConfig config_;

    mutable std::mutex mutex_;  // guards everything below
    std::condition_variable_any requests_changed_;
    std::shared_ptr<const LiveSnapshot> snapshot_;
    LiveStatus status_;
    bool reset_requested_ = false;
    std::optional<daemon::RecordingRequest> start_request_;
    bool stop_requested_ = false;

    std::jthread frame_thread_;    // declared last: started after the state above exists
    std::jthread control_thread_;
};

}  // namespace plantar::viz
