// `plantar status`: what the running plantard is doing: source, counters, recording, clients.
#include <cstdio>
#include <iostream>

#include "commands.hpp"
#include "plantar/capture/daemon/client.hpp"

namespace plantar::cli {

namespace {

struct StatusOptions {
    bool json = false;
    std::string endpoint;
};

std::string fixed(double value, int decimals) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

void print_recording(const daemon::RecordingStatus& r, std::ostream& out) {
    using daemon::RecordingState;
    out << "recording  ";
    switch (r.state) {
        case RecordingState::Idle:
            out << "idle";
            break;
        case RecordingState::Recording:
            out << "recording to " << r.file << " trial " << r.trial;
            break;
        case RecordingState::Stopping:
            out << "closing " << r.file << " trial " << r.trial;
            break;
        case RecordingState::Stopped:
            out << "stopped (" << r.stop_reason << "): " << r.file << " trial " << r.trial;
            break;
    }
    if (r.state != RecordingState::Idle) out << ", " << r.frames << " frames, " << fixed(r.elapsed_s, 1) << " s";
    out << "\n           queue " << r.queue_depth << " of " << r.queue_bound << " frames (deepest "
        << r.queue_high_water << ")\n";
    if (!r.error.empty()) out << "           error: " << r.error << "\n";
}

void print_status(const daemon::DaemonStatus& s, std::ostream& out) {
    out << "plantard " << s.version << " (pid " << s.pid << "), up " << fixed(s.uptime_s, 1) << " s\n";
    out << "endpoints  control " << s.control_endpoint << ", stream " << s.stream_endpoint << "\n";
    out << "source     " << to_string(s.source.kind) << ": " << s.source.name << "\n";
    out << "device     " << to_string(s.device_state);
    if (s.geometry.sensor_count() > 0)
        out << ", " << s.geometry.rows << " x " << s.geometry.cols << " sensors at " << fixed(s.rate_hz, 0) << " Hz";
    out << "\n";
    if (!s.last_problem.empty()) out << "problem    " << s.last_problem << "\n";
    const auto& k = s.counters;
    out << "frames     received " << k.frames_received << ", published " << k.frames_published << ", sent "
        << k.frames_sent << ", recorded " << k.frames_recorded << ", skipped by slow clients "
        << k.frames_skipped_by_clients << "\n";
    out << "plate      corrupt packets " << k.corrupt_packets << ", sequence gaps " << k.sequence_gaps << " ("
        << k.frames_missed << " frames missed), device losses " << k.device_losses
        << ", dropped by the driver (reader too slow) " << k.frames_dropped_by_source << "\n";
    print_recording(s.recording, out);
    out << "clients    " << s.clients.size() << " stream client(s)\n";
    for (const auto& c : s.clients)
        out << "           " << c.id << ": sent " << c.frames_sent << ", skipped " << c.frames_skipped
            << (c.waiting ? ", waiting" : "") << "\n";
}

void run_status(const StatusOptions& o) {
    daemon::DaemonClient client(o.endpoint);
    if (o.json) {
        std::cout << client.status_json().dump(2) << "\n";
        return;
    }
    print_status(client.status(), std::cout);
}

}  // namespace

void add_status_command(CLI::App& app) {
    auto options = std::make_shared<StatusOptions>();
    auto* cmd = app.add_subcommand("status", "Show what the running capture daemon (plantard) is doing");
    cmd->add_flag("--json", options->json, "Print plantard's status reply as JSON (docs/stream-protocol.md)");
    cmd->add_option("--endpoint", options->endpoint,
                    "plantard's endpoint: ipc:///FOLDER or tcp://HOST:PORT (default: $PLANTAR_ENDPOINT or "
                    "ipc://$XDG_RUNTIME_DIR/plantar)");
    cmd->callback([options] { run_status(*options); });
}

}  // namespace plantar::cli
