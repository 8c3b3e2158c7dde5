#include "plantar/capture/daemon/daemon.hpp"

#include <pthread.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>
#include <zmq.hpp>

#include "control_server.hpp"
#include "plantar/capture/errors.hpp"
#include "plantar/capture/log.hpp"
#include "stream_publisher.hpp"

namespace plantar::daemon {

namespace {

constexpr const char* kLog = "daemon";
constexpr auto kCapturePoll = std::chrono::milliseconds(100);
// How long start-up waits for another daemon's answer on the control endpoint.
constexpr auto kRunningDaemonProbe = std::chrono::milliseconds(300);

// True when something answers a status request at `endpoint`. Binding an IPC endpoint would
// silently take the socket file over from a running daemon, so we ask first.
bool daemon_answers(zmq::context_t& context, const std::string& endpoint) {
    const std::string ipc = "ipc://";
    if (endpoint.rfind(ipc, 0) == 0 && !std::filesystem::exists(endpoint.substr(ipc.size()))) return false;
    zmq::socket_t probe(context, zmq::socket_type::req);
    probe.set(zmq::sockopt::linger, 0);
    probe.connect(endpoint);
    const std::string request = R"({"request":"status"})";
    if (!probe.send(zmq::buffer(request), zmq::send_flags::dontwait)) return false;
    zmq::pollitem_t items[] = {{probe.handle(), 0, ZMQ_POLLIN, 0}};
    zmq::poll(items, 1, kRunningDaemonProbe);
    return (items[0].revents & ZMQ_POLLIN) != 0;
}

}  // namespace

struct Daemon::Impl {
    DaemonOptions options;
    zmq::context_t context{1};
    std::unique_ptr<LiveSource> source;
    Recorder recorder;
    std::unique_ptr<StreamPublisher> publisher;
    std::unique_ptr<ControlServer> control;
    const std::int64_t started_ns = host_now_ns();

    mutable std::mutex state_mutex;  // guards geometry and device_state
    PlateGeometry geometry;
    DeviceState device_state = DeviceState::Searching;
    std::optional<RecordingRequest> record_from_first_frame;

    std::atomic<std::uint64_t> frames_received{0};
    std::atomic<bool> stopping{false};
    std::mutex stop_mutex;
    std::condition_variable stop_signal;
    bool stopped = false;
    std::thread capture_thread;
    DaemonCounters final_stream_counters;  // the stream's counters once the publisher is gone

    Impl(std::unique_ptr<LiveSource> live_source, DaemonOptions daemon_options)
        : options(std::move(daemon_options)),
          source(std::move(live_source)),
          recorder(options.writer_factory, options.recorder_queue_frames),
          record_from_first_frame(options.record_from_first_frame) {}

    void capture_loop();
    void on_state_change(DeviceState from, DeviceState to);
    void start_pending_recording();
    nlohmann::json handle(const std::string& request, const nlohmann::json& body);
    RecordingStatus start_recording(const RecordingRequest& request);
    DaemonStatus status() const;
};

void Daemon::Impl::capture_loop() {
    DeviceState last_state = source->state();
    on_state_change(DeviceState::Searching, last_state);
    while (!stopping) {
        std::optional<Frame> frame;
        try {
            frame = source->next_within(kCapturePoll);
        } catch (const std::exception& e) {
            // A source that throws is a device problem to report, not a reason to stop serving.
            log(LogLevel::Error, kLog, std::string("reading the source failed: ") + e.what());
            std::this_thread::sleep_for(kCapturePoll);
        }
        const DeviceState state = source->state();
        if (state != last_state) {
            on_state_change(last_state, state);
            last_state = state;
        }
        if (!frame) {
            if (state == DeviceState::Ended) {
                std::unique_lock lock(stop_mutex);
                stop_signal.wait_for(lock, kCapturePoll, [this] { return stopping.load(); });
            }
            continue;
        }
        ++frames_received;
        // The frame is shared, never copied, between the recorder's queue and the stream.
        auto shared = std::make_shared<const Frame>(std::move(*frame));
        PlateGeometry plate;
        {
            std::lock_guard lock(state_mutex);
            if (geometry.sensor_count() != shared->pressure_kpa.size()) geometry = source->geometry();
            plate = geometry;
        }
        if (record_from_first_frame) start_pending_recording();
        recorder.offer(shared);
        publisher->publish(std::move(shared), plate);
    }
}

void Daemon::Impl::on_state_change(DeviceState from, DeviceState to) {
    PlateGeometry plate = source->geometry();
    {
        std::lock_guard lock(state_mutex);
        device_state = to;
        if (to == DeviceState::Streaming) geometry = plate;
    }
    if (from != to) {
        std::string problem = source->last_problem();
        log(to == DeviceState::Lost ? LogLevel::Warning : LogLevel::Info, kLog,
            "source " + to_string(from) + " -> " + to_string(to) + (problem.empty() ? "" : " (" + problem + ")"));
    }
    publisher->set_device_state(to, plate);
    // The capture thread never waits for the file: the recorder closes it on its own thread.
    if (to == DeviceState::Lost && recorder.accepting_frames())
        recorder.stop("device lost",
                      "the plate was lost (unplugged or stopped answering); the recording was closed with every "
                      "frame received before",
                      false);
    if (to == DeviceState::Ended && recorder.accepting_frames()) recorder.stop("source ended", {}, false);
}

void Daemon::Impl::start_pending_recording() {
    auto request = std::move(*record_from_first_frame);
    record_from_first_frame.reset();
    try {
        start_recording(request);
    } catch (const std::exception& e) {
        log(LogLevel::Error, kLog, "could not start the recording to " + request.file + ": " + e.what());
    }
}

RecordingStatus Daemon::Impl::start_recording(const RecordingRequest& request) {
    TrialHeader header;
    {
        std::lock_guard lock(state_mutex);
        if (device_state != DeviceState::Streaming || geometry.sensor_count() == 0)
            throw DaemonRequestError("refused", "no plate is streaming (the source is " + to_string(device_state) +
                                                    "); a recording starts once frames arrive");
        header.geometry = geometry;
    }
    header.kind = request.kind;
    header.source = source->description();
    header.rate_hz = source->nominal_rate_hz();
    header.calibration = source->plate_calibration();
    header.notes = request.notes;
    return recorder.start(request, header);
}

DaemonStatus Daemon::Impl::status() const {
    DaemonStatus s;
    s.version = options.version;
    s.pid = static_cast<long>(getpid());
    s.uptime_s = static_cast<double>(host_now_ns() - started_ns) * 1e-9;
    s.control_endpoint = options.endpoints.control;
    s.stream_endpoint = options.endpoints.stream;
    s.source = source->description();
    {
        std::lock_guard lock(state_mutex);
        s.device_state = device_state;
        s.geometry = geometry;
    }
    s.rate_hz = source->nominal_rate_hz();
    s.last_problem = source->last_problem();
    const SourceCounters from_source = source->counters();
    s.counters.frames_received = frames_received;
    if (publisher) {
        s.counters.frames_published = publisher->frames_published();
        s.counters.frames_sent = publisher->frames_sent();
        s.counters.frames_skipped_by_clients = publisher->frames_skipped();
        s.clients = publisher->clients();
    } else {
        s.counters.frames_published = final_stream_counters.frames_published;
        s.counters.frames_sent = final_stream_counters.frames_sent;
        s.counters.frames_skipped_by_clients = final_stream_counters.frames_skipped_by_clients;
    }
    s.counters.frames_recorded = recorder.frames_recorded_total();
    s.counters.corrupt_packets = from_source.corrupt_packets;
    s.counters.sequence_gaps = from_source.sequence_gaps;
    s.counters.frames_missed = from_source.frames_missed;
    s.counters.device_losses = from_source.device_losses;
    s.counters.frames_dropped_by_source = from_source.frames_dropped;
    s.recording = recorder.status();
    return s;
}

nlohmann::json Daemon::Impl::handle(const std::string& request, const nlohmann::json& body) {
    if (request == "status") return to_json(status());
    if (request == "start_recording") {
        RecordingStatus started = start_recording(recording_request_from_json(body));
        return {{"recording", to_json(started)}};
    }
    if (request == "stop_recording") {
        const bool was_recording = recorder.accepting_frames();
        RecordingStatus stopped_status = recorder.stop("requested");
        return {{"recording", to_json(stopped_status)}, {"was_recording", was_recording}};
    }
    if (request == "set_rate") {
        auto field = body.find("rate_hz");
        if (field == body.end() || !field->is_number())
            throw DaemonRequestError("bad_request", "missing field 'rate_hz' (a number, frames per second)");
        source->set_rate(field->get<double>());
        log(LogLevel::Info, kLog, "frame rate set to " + std::to_string(field->get<double>()) + " Hz");
        return {{"rate_hz", field->get<double>()}};
    }
    if (request == "list_devices") {
        const SourceDescription own = source->description();
        nlohmann::json reply{{"source", {{"kind", to_string(own.kind)}, {"name", own.name}, {"details", own.details}}}};
        reply["devices"] = options.list_devices ? options.list_devices() : nlohmann::json::array();
        return reply;
    }
    throw DaemonRequestError(
        "bad_request",
        "unknown request '" + request + "' (use status, start_recording, stop_recording, list_devices or set_rate)");
}

Daemon::Daemon(std::unique_ptr<LiveSource> source, DaemonOptions options)
    : impl_(std::make_unique<Impl>(std::move(source), std::move(options))) {
    Impl& d = *impl_;
    if (!d.source) throw InvalidArgument("the daemon was given no source");
    prepare_endpoint_directory(d.options.endpoints);
    if (d.options.refuse_if_running && daemon_answers(d.context, d.options.endpoints.control))
        throw IoError("another plantard is already running at " + d.options.endpoints.control +
                      " (stop it, or give this one another --endpoint)");
    d.publisher = std::make_unique<StreamPublisher>(d.context, d.options.endpoints.stream);
    d.control = std::make_unique<ControlServer>(
        d.context, d.options.endpoints.control,
        [&d](const std::string& request, const nlohmann::json& body) { return d.handle(request, body); });
    d.capture_thread = std::thread([&d] {
        pthread_setname_np(pthread_self(), "plantard-cap");  // names show in top -H and gdb
        d.capture_loop();
    });
    log(LogLevel::Info, kLog,
        "listening: control " + d.options.endpoints.control + ", stream " + d.options.endpoints.stream);
}

Daemon::~Daemon() { stop(); }

void Daemon::stop() {
    Impl& d = *impl_;
    {
        std::lock_guard lock(d.stop_mutex);
        if (d.stopped) return;
        d.stopped = true;
        d.stopping = true;
    }
    d.stop_signal.notify_all();
    d.source->stop();
    if (d.capture_thread.joinable()) d.capture_thread.join();
    // Every frame received is queued by now; the recorder writes them all and closes the file.
    d.recorder.stop("the daemon is stopping", {}, true, std::chrono::hours(24));
    d.control.reset();
    if (d.publisher) {
        d.publisher->stop();
        d.final_stream_counters.frames_published = d.publisher->frames_published();
        d.final_stream_counters.frames_sent = d.publisher->frames_sent();
        d.final_stream_counters.frames_skipped_by_clients = d.publisher->frames_skipped();
    }
    d.publisher.reset();
    // ZeroMQ leaves IPC socket files behind; a stale one would make clients wait for an answer
    // instead of saying at once that no daemon runs.
    for (const auto& endpoint : {d.options.endpoints.control, d.options.endpoints.stream}) {
        const std::string ipc = "ipc://";
        std::error_code ignored;
        if (endpoint.rfind(ipc, 0) == 0) std::filesystem::remove(endpoint.substr(ipc.size()), ignored);
    }
    log(LogLevel::Info, kLog,
        "stopped after " + std::to_string(d.frames_received.load()) + " frames received, " +
            std::to_string(d.recorder.frames_recorded_total()) + " recorded");
}

RecordingStatus Daemon::start_recording(const RecordingRequest& request) { return impl_->start_recording(request); }
RecordingStatus Daemon::stop_recording() { return impl_->recorder.stop("requested"); }
// status() after stop() still answers (the tests read the final counters), without clients.
void Daemon::set_rate(double rate_hz) { impl_->source->set_rate(rate_hz); }
DaemonStatus Daemon::status() const { return impl_->status(); }
const Endpoints& Daemon::endpoints() const { return impl_->options.endpoints; }
LiveSource& Daemon::source() { return *impl_->source; }

}  // namespace plantar::daemon
