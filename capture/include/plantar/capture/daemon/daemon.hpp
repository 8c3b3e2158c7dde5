// plantard's core as a library, so the program, the tests and the benchmarks run the same
// daemon: one capture thread reads the LiveSource and hands each frame (shared, never copied)
// to the recorder's bounded lossless queue and to the stream's latest-wins slot; a stream
// thread answers frame requests; a control thread answers JSON requests.
#pragma once

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "plantar/capture/daemon/control_protocol.hpp"
#include "plantar/capture/daemon/endpoints.hpp"
#include "plantar/capture/daemon/recorder.hpp"
#include "plantar/capture/live_source.hpp"

namespace plantar::daemon {

struct DaemonOptions {
    Endpoints endpoints;              // where to listen; resolve_endpoints() gives the defaults
    std::string version = "unknown";  // reported in status
    RecordingWriterFactory writer_factory = open_session_recording;
    std::size_t recorder_queue_frames = kRecorderQueueFrames;
    // Answers list_devices. Empty: the reply lists the daemon's own source only.
    std::function<nlohmann::json()> list_devices;
    // Refuse to start when another daemon answers on the control endpoint (an IPC bind would
    // silently take the socket over from it).
    bool refuse_if_running = true;
    // Starts this recording with the first frame the source delivers (plantard --record), so
    // it holds the capture from its very first frame.
    std::optional<RecordingRequest> record_from_first_frame;
};

class Daemon {
public:
    // Binds the endpoints and starts the threads. Throws IoError when an endpoint cannot be
    // bound or another plantard answers there.
    Daemon(std::unique_ptr<LiveSource> source, DaemonOptions options);
    // stop() then joins.
    ~Daemon();
    Daemon(const Daemon&) = delete;
    Daemon& operator=(const Daemon&) = delete;

    // In-process equivalents of the control requests (the control channel calls these).
    RecordingStatus start_recording(const RecordingRequest& request);
    RecordingStatus stop_recording();
    void set_rate(double rate_hz);
    DaemonStatus status() const;

    // Closes a recording in progress (writing everything it received), stops the source and
    // the threads. Idempotent; returns once everything has stopped.
    void stop();

    const Endpoints& endpoints() const;
    // The source, for tests and benchmarks that drive it (its counters, set_rate).
    LiveSource& source();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace plantar::daemon
