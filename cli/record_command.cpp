// `plantar record`: asks the running plantard to record a trial, shows its progress, and stops
// it after --seconds or on Ctrl-C. The daemon writes the file; this command only asks.
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <optional>
#include <thread>

#include "commands.hpp"
#include "plantar/capture/daemon/client.hpp"
#include "plantar/capture/errors.hpp"

namespace plantar::cli {

namespace {

struct RecordOptions {
    std::string output;
    std::optional<double> seconds;
    std::string subject = "S-0001";
    std::string kind = "walk";
    bool append = false;
    bool force = false;
    std::string endpoint;
};

constexpr auto kProgressInterval = std::chrono::milliseconds(100);

volatile std::sig_atomic_t interrupted = 0;
void on_interrupt(int) { interrupted = 1; }

std::string default_file_name() {
    std::time_t now = std::time(nullptr);
    std::tm parts{};
    localtime_r(&now, &parts);
    char name[64];
    std::strftime(name, sizeof name, "recording-%Y%m%d-%H%M%S.h5", &parts);
    return name;
}

void show_progress(const daemon::RecordingStatus& r, bool final_line) {
    static const bool terminal = isatty(fileno(stderr)) != 0;
    if (!terminal && !final_line) return;
    std::fprintf(stderr, "%srecording %s: %.1f s, %llu frames%s", terminal ? "\r" : "", r.file.c_str(), r.elapsed_s,
                 static_cast<unsigned long long>(r.frames), final_line ? "\n" : "   ");
    std::fflush(stderr);
}

// Restores the previous SIGINT handling when the command ends.
class InterruptCatcher {
public:
    InterruptCatcher() {
        interrupted = 0;
        struct sigaction action {};
        action.sa_handler = on_interrupt;
        sigemptyset(&action.sa_mask);
        sigaction(SIGINT, &action, &previous_);
    }
    ~InterruptCatcher() { sigaction(SIGINT, &previous_, nullptr); }
    InterruptCatcher(const InterruptCatcher&) = delete;
    InterruptCatcher& operator=(const InterruptCatcher&) = delete;

private:
    struct sigaction previous_ {};
};

void run_record(const RecordOptions& o) {
    if (o.append && o.force) throw InvalidArgument("--append and --force exclude each other");
    if (o.seconds && !(*o.seconds > 0)) throw InvalidArgument("--seconds must be more than 0");
    auto kind = trial_kind_from_string(o.kind);
    if (!kind) throw InvalidArgument("unknown trial kind '" + o.kind + "' (use static, walk or step)");

    daemon::RecordingRequest request;
    // The daemon may run in another folder: it gets an absolute path.
    request.file = std::filesystem::absolute(o.output.empty() ? default_file_name() : o.output).string();
    request.subject.id = o.subject;
    request.kind = *kind;
    request.mode =
        o.append ? daemon::FileMode::Append : (o.force ? daemon::FileMode::Overwrite : daemon::FileMode::Create);

    daemon::DaemonClient client(o.endpoint);
    InterruptCatcher catcher;
    daemon::RecordingStatus recording = client.start_recording(request);
    if (o.seconds)
        std::fprintf(stderr, "recording to %s (trial %d); stops after %g s\n", recording.file.c_str(), recording.trial,
                     *o.seconds);
    else
        std::fprintf(stderr, "recording to %s (trial %d); Ctrl-C stops it\n", recording.file.c_str(), recording.trial);
    bool stopped_by_daemon = false;
    while (!interrupted) {
        std::this_thread::sleep_for(kProgressInterval);
        recording = client.status().recording;
        if (recording.state != daemon::RecordingState::Recording || recording.file != request.file) {
            stopped_by_daemon = true;
            break;
        }
        show_progress(recording, false);
        if (o.seconds && recording.elapsed_s >= *o.seconds) break;
    }
    if (!stopped_by_daemon) recording = client.stop_recording();
    // A recording the daemon stopped by itself may still be closing its file.
    for (int wait = 0; recording.state == daemon::RecordingState::Stopping && wait < 400; ++wait) {
        std::this_thread::sleep_for(kProgressInterval);
        recording = client.status().recording;
    }
    show_progress(recording, true);
    if (!recording.error.empty()) throw Error("the recording stopped: " + recording.error);
    if (recording.state == daemon::RecordingState::Stopping)
        throw Error("plantard is still closing " + recording.file + "; check it with `plantar status`");
    std::cout << "recorded " << recording.frames << " frames (" << recording.elapsed_s << " s) to " << recording.file
              << " trial " << recording.trial << (stopped_by_daemon ? " (" + recording.stop_reason + ")" : "") << "\n";
}

}  // namespace

void add_record_command(CLI::App& app) {
    auto options = std::make_shared<RecordOptions>();
    auto* cmd = app.add_subcommand("record", "Record a trial through the running capture daemon (plantard)");
    cmd->footer(
        "Examples:\n"
        "  plantar record -o walk.h5 --seconds 10          10 s into a new session\n"
        "  plantar record -o walk.h5 --append --kind step  add a trial; Ctrl-C stops it\n"
        "The daemon writes the file (a path on its machine); start it with `plantard --source sim` or --source usb.");
    cmd->add_option("-o,--output", options->output, "Session file (default: recording-DATE-TIME.h5 here)");
    cmd->add_option("--seconds", options->seconds, "Stop after this long (default: until Ctrl-C)");
    cmd->add_option("--subject", options->subject, "Pseudonymous subject id of a new session")->capture_default_str();
    cmd->add_option("--kind", options->kind, "Trial kind: static, walk or step")->capture_default_str();
    cmd->add_flag("--append", options->append, "Add the trial to an existing session");
    cmd->add_flag("-f,--force", options->force, "Replace the file if it exists");
    cmd->add_option("--endpoint", options->endpoint,
                    "plantard's endpoint: ipc:///FOLDER or tcp://HOST:PORT (default: $PLANTAR_ENDPOINT or "
                    "ipc://$XDG_RUNTIME_DIR/plantar)");
    cmd->callback([options] { run_record(*options); });
}

}  // namespace plantar::cli
