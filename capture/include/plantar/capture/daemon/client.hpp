// The client side of plantard: requests on the control channel, and the daemon's frames as a
// LiveSource (latest wins: a slow reader gets the newest frame and skips the ones in between).
// Used by `plantar record` and `plantar status`, and by the viewer.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <zmq.hpp>

#include "plantar/capture/daemon/control_protocol.hpp"
#include "plantar/capture/daemon/endpoints.hpp"
#include "plantar/capture/daemon/stream_protocol.hpp"
#include "plantar/capture/live_source.hpp"

namespace plantar::daemon {

// How long a control request waits for plantard's answer by default.
inline constexpr std::chrono::milliseconds kDefaultControlTimeout{3000};
// stop_recording waits for the recorder to write its queue and close the file.
inline constexpr std::chrono::milliseconds kStopRecordingTimeout{40000};

class DaemonClient {
public:
    // `endpoint` as plantard --endpoint takes it (empty: the default, or $PLANTAR_ENDPOINT).
    // Connecting never fails; the first request does when no daemon answers.
    explicit DaemonClient(const std::string& endpoint = {}, std::chrono::milliseconds timeout = kDefaultControlTimeout);
    ~DaemonClient();
    DaemonClient(const DaemonClient&) = delete;
    DaemonClient& operator=(const DaemonClient&) = delete;

    // Each throws IoError when no daemon answers in time ("no plantard is running at ..."), and
    // DaemonRequestError with the daemon's message when it refuses.
    DaemonStatus status();
    nlohmann::json status_json();
    RecordingStatus start_recording(const RecordingRequest& request);
    RecordingStatus stop_recording();
    nlohmann::json list_devices();
    void set_rate(double rate_hz);

    // Sends any JSON request and returns the reply as is, also when it is an error reply.
    nlohmann::json request(const nlohmann::json& body, std::optional<std::chrono::milliseconds> timeout = {});

    const Endpoints& endpoints() const { return endpoints_; }

private:
    nlohmann::json checked(const nlohmann::json& body, std::optional<std::chrono::milliseconds> timeout = {});
    void reconnect();

    Endpoints endpoints_;
    std::chrono::milliseconds timeout_;
    zmq::context_t context_{1};
    std::unique_ptr<zmq::socket_t> socket_;
};

// Timing of the last frame a DaemonFrameStream returned, for latency measurements (all on the
// host's steady clock, as plantard and its clients share a machine).
struct StreamedFrameTiming {
    std::int64_t daemon_arrival_ns = 0;  // the frame reached plantard (Frame::host_time_ns)
    std::int64_t daemon_publish_ns = 0;  // plantard sent it to this client
    std::int64_t client_receipt_ns = 0;  // this client received it
    std::uint64_t stream_index = 0;
    std::uint64_t skipped = 0;  // frames skipped just before this one
};

// The daemon's frames as a LiveSource. state() is the daemon's device state; it becomes Lost
// when the daemon stops answering and recovers when it answers again. Frames carry the daemon's
// host_time_ns (when plantard received them).
class DaemonFrameStream final : public LiveSource {
public:
    // Newest (the default) suits a viewer: it always gets the newest frame. InOrder suits a client
    // that wants every frame (a test, an analysis): it gets them in order from the daemon's
    // backlog and skips only when it falls further behind than the backlog holds.
    explicit DaemonFrameStream(const std::string& endpoint = {}, StreamMode mode = StreamMode::Newest);
    ~DaemonFrameStream() override;

    const PlateGeometry& geometry() const override;  // 0 x 0 until the daemon has said
    double nominal_rate_hz() const override;         // 0 until set by refresh_description()
    SourceDescription description() const override;
    std::optional<Frame> next_within(std::chrono::milliseconds timeout) override;
    DeviceState state() const override;
    SourceCounters counters() const override;  // frames_missed: frames this client skipped
    std::string last_problem() const override;
    void set_rate(double rate_hz) override;  // asks the daemon (control channel)
    void stop() override;
    bool stopped() const override;

    // Asks the daemon for its source's name and rate (control channel); throws IoError when it
    // does not answer.
    void refresh_description();
    StreamedFrameTiming last_timing() const;
    std::uint64_t frames_skipped() const;

private:
    void send_request();

    Endpoints endpoints_;
    std::string endpoint_text_;
    StreamMode mode_;
    zmq::context_t context_{1};
    zmq::socket_t socket_;

    mutable std::mutex mutex_;  // guards what other threads read: state, geometry, counters, timing
    PlateGeometry geometry_;
    DeviceState state_ = DeviceState::Searching;
    std::string problem_;
    SourceCounters counters_;
    StreamedFrameTiming timing_;
    SourceDescription description_;
    double rate_hz_ = 0.0;
    std::atomic<bool> stopped_{false};

    // Reading-thread state.
    std::optional<std::uint64_t> last_index_;
    int requests_outstanding_ = 0;
    std::int64_t last_request_ns_ = 0;
    std::int64_t last_reply_ns_ = 0;
};

}  // namespace plantar::daemon
