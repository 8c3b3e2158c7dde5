// plantard: the capture daemon. Thin by design: parse options, set up logging, make the source,
// run the daemon (capture/src/daemon/) until SIGINT or SIGTERM, then close any recording.
#include <pthread.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <exception>
#include <filesystem>
#include <optional>

#include "plantar/capture/daemon/daemon.hpp"
#include "plantar/capture/daemon/sources.hpp"
#include "plantar/capture/errors.hpp"
#include "plantar/capture/log.hpp"
#include "simulation_options.hpp"

namespace {

using namespace plantar;

struct Options {
    cli::SimulationOptions simulation;
    std::string source = "usb";
    // usb
    std::string serial;
    std::vector<std::string> usb_ids;
    std::optional<double> rate_hz;
    // sim
    std::optional<double> seconds;
    // file
    std::string file;
    int trial = 0;
    bool loop = false;
    // daemon
    std::string endpoint;
    std::string log_file;
    std::string log_level = "info";
    bool exit_at_end = false;
    std::string record;
    std::string subject = "S-0001";
    std::string kind = "walk";
    bool append = false;
    bool force = false;
};

// A simulated trial loops (as a plate would stream for ever) unless --seconds bounds it; one
// pass is this long.
constexpr double kSimulatedPassSeconds = 60.0;

std::vector<usb::UsbId> parse_usb_ids(const std::vector<std::string>& texts) {
    std::vector<usb::UsbId> ids;
    for (const auto& text : texts) {
        auto id = usb::usb_id_from_string(text);
        if (!id) throw InvalidArgument("--usb-id '" + text + "' is not VID:PID in hex, e.g. 1209:5050");
        ids.push_back(*id);
    }
    return ids;
}

std::unique_ptr<LiveSource> make_source(const Options& o) {
    if (o.source == "sim") {
        auto config = cli::make_simulation_config(o.simulation, o.rate_hz.value_or(100.0),
                                                  o.seconds.value_or(kSimulatedPassSeconds));
        return daemon::make_simulated_source(config, !o.seconds.has_value());
    }
    if (o.source == "file") {
        if (o.file.empty()) throw InvalidArgument("--source file needs --file SESSION.h5");
        if (o.rate_hz)
            throw InvalidArgument("--rate does not apply to --source file: a session replays at its own rate");
        return daemon::make_replay_source(o.file, o.trial, o.loop);
    }
    usb::UsbSourceOptions usb_options;
    usb_options.serial = o.serial;
    usb_options.accepted = parse_usb_ids(o.usb_ids);
    usb_options.rate_hz = o.rate_hz;
    return daemon::make_usb_source(usb_options);
}

// An option of another source is a mistake (a typo in --source, or a forgotten one), not
// something to ignore silently.
void check_options_fit_the_source(const CLI::App& app, const std::string& source) {
    std::vector<std::pair<std::string, std::string>> options_of_sources = {
        {"--serial", "usb"}, {"--usb-id", "usb"}, {"--seconds", "sim"},
        {"--file", "file"},  {"--trial", "file"}, {"--loop", "file"}};
    for (const auto& name : cli::simulation_option_names()) options_of_sources.emplace_back(name, "sim");
    for (const auto& [option, wanted] : options_of_sources)
        if (app.count(option) > 0 && source != wanted)
            throw InvalidArgument(option + " applies to --source " + wanted + ", not --source " + source);
}

LogLevel parse_log_level(const std::string& text) {
    for (auto level : {LogLevel::Debug, LogLevel::Info, LogLevel::Warning, LogLevel::Error})
        if (to_string(level) == text) return level;
    throw InvalidArgument("unknown log level '" + text + "' (use debug, info, warning or error)");
}

void set_up_logging(const Options& o) {
    set_log_level(parse_log_level(o.log_level));
    LogSink to_stderr = line_log_sink(stderr);
    if (o.log_file.empty()) {
        set_log_sink(to_stderr);
        return;
    }
    std::FILE* file = std::fopen(o.log_file.c_str(), "a");
    if (!file) throw IoError("cannot open the log file " + o.log_file + " for appending");
    LogSink to_file = line_log_sink(file);  // stays open for the life of the process
    set_log_sink([to_stderr, to_file](LogLevel level, std::string_view component, std::string_view message) {
        to_stderr(level, component, message);
        to_file(level, component, message);
    });
}

int run(const Options& o) {
    // SIGINT and SIGTERM are taken by sigwait below, on this thread only: blocked before any
    // thread starts, so every thread inherits the mask and no handler interrupts the daemon.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    set_up_logging(o);
    daemon::DaemonOptions options;
    options.endpoints = daemon::resolve_endpoints(o.endpoint);
    options.version = PLANTAR_VERSION;
    if (o.source == "usb") {
        auto accepted = parse_usb_ids(o.usb_ids);
        options.list_devices = [accepted] { return daemon::list_usb_plates_json(accepted); };
    }
    if (!o.record.empty()) {
        daemon::RecordingRequest request;
        request.file = std::filesystem::absolute(o.record).string();
        request.subject.id = o.subject;
        auto kind = trial_kind_from_string(o.kind);
        if (!kind) throw InvalidArgument("unknown trial kind '" + o.kind + "' (use static, walk or step)");
        request.kind = *kind;
        request.mode =
            o.append ? daemon::FileMode::Append : (o.force ? daemon::FileMode::Overwrite : daemon::FileMode::Create);
        options.record_from_first_frame = request;
    }
    daemon::Daemon plantard(make_source(o), options);
    log(LogLevel::Info, "plantard",
        "plantard " PLANTAR_VERSION " running (source " + o.source + ", pid " + std::to_string(getpid()) +
            "); SIGINT or SIGTERM stops it");

    const timespec poll_interval{0, 200'000'000};
    while (true) {
        int signal = sigtimedwait(&stop_signals, nullptr, &poll_interval);
        if (signal == SIGINT || signal == SIGTERM) {
            log(LogLevel::Info, "plantard", std::string("stopping on ") + (signal == SIGINT ? "SIGINT" : "SIGTERM"));
            break;
        }
        if (o.exit_at_end && plantard.source().state() == DeviceState::Ended) {
            log(LogLevel::Info, "plantard", "the source has ended; stopping (--exit-at-end)");
            break;
        }
    }
    // Any recording is closed by now; a recording that failed earlier was logged when it failed.
    plantard.stop();
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"plantard " PLANTAR_VERSION
                 " - the plantar capture daemon: owns the plate, streams its frames to "
                 "clients and records sessions",
                 "plantard"};
    app.set_version_flag("--version", "plantard " PLANTAR_VERSION);
    Options o;
    app.add_option("--source", o.source, "usb: a USB plate; sim: the simulated plate; file: replay a session")
        ->check(CLI::IsMember({"usb", "sim", "file"}))
        ->capture_default_str();
    app.add_option("--rate", o.rate_hz, "Frame rate in Hz (usb: set on the plate; sim: 50 .. 2000, default 100)");
    auto* usb_group = app.add_option_group("usb", "With --source usb");
    usb_group->add_option("--serial", o.serial, "Only the plate with this serial (default: the first found)");
    usb_group->add_option(
        "--usb-id", o.usb_ids,
        "Accept plates with this VID:PID (repeatable; default " + usb::to_string(usb::default_plate_id()) + ")");
    auto* sim_group = app.add_option_group("sim", "With --source sim (as plantar simulate)");
    cli::add_simulation_options(*sim_group, o.simulation);
    sim_group->add_option("--seconds", o.seconds,
                          "Stream this long, then end (default: loop a 60 s scenario until stopped)");
    auto* file_group = app.add_option_group("file", "With --source file");
    file_group->add_option("--file", o.file, "Session file to replay in real time")->check(CLI::ExistingFile);
    file_group->add_option("--trial", o.trial, "Trial to replay (from 0)")->capture_default_str();
    file_group->add_flag("--loop", o.loop, "Start over at the end");
    app.add_option("--endpoint", o.endpoint,
                   "ipc:///FOLDER or tcp://127.0.0.1:PORT (stream on PORT+1); default ipc://$XDG_RUNTIME_DIR/plantar");
    app.add_option("--log-file", o.log_file, "Also append the log to this file");
    app.add_option("--log-level", o.log_level, "debug, info, warning or error")->capture_default_str();
    app.add_flag("--exit-at-end", o.exit_at_end, "Exit once a finite source (sim --seconds, file) has ended");
    auto* record_group = app.add_option_group("record", "Record from the first frame");
    record_group->add_option("--record", o.record, "Record to this session file from the first frame");
    record_group->add_option("--subject", o.subject, "Subject id of a new session")->capture_default_str();
    record_group->add_option("--kind", o.kind, "Trial kind: static, walk or step")->capture_default_str();
    record_group->add_flag("--append", o.append, "Add the trial to an existing session");
    record_group->add_flag("--force", o.force, "Replace an existing file");
    try {
        app.parse(argc, argv);
        check_options_fit_the_source(app, o.source);
        return run(o);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "plantard: error: %s\n", e.what());
        return 1;
    }
}
