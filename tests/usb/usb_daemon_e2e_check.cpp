// usb_daemon_e2e_check: run under umockdev-run with a capture from usb_capture_writer (same
// options). Starts the real plantard on the emulated plate (--source usb), starts a recording
// through its control channel, reads its stream as a client, asks for its status, and checks:
// the client (asking in order, as a client that wants every frame does) got every frame
// bit-exact, the recording holds every frame bit-exact, and with --unplug the
// daemon reports the plate lost, closed the recording with every frame, and still answers.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "plantar/capture/daemon/client.hpp"
#include "plantar/capture/session/session.hpp"
#include "simulated_stream.hpp"

using namespace plantar;
using namespace std::chrono_literals;

namespace {

int failures = 0;

void expect(bool ok, const std::string& what) {
    std::fprintf(stderr, "%s: %s\n", ok ? "ok" : "FAILED", what.c_str());
    if (!ok) ++failures;
}

pid_t start_plantard(const std::string& program, const std::vector<std::string>& arguments) {
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(program.c_str()));
    for (const auto& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    const pid_t child = ::fork();
    if (child == 0) {
        ::execv(program.c_str(), argv.data());
        std::perror("execv plantard");
        ::_exit(127);
    }
    return child;
}

daemon::DaemonStatus wait_for_device_state(daemon::DaemonClient& client, DeviceState wanted,
                                           std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    auto status = client.status();
    while (status.device_state != wanted && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(50ms);
        status = client.status();
    }
    return status;
}

bool same(const Frame& got, const Frame& wanted) {
    return got.sequence == wanted.sequence && got.device_time_us == wanted.device_time_us &&
           got.pressure_kpa == wanted.pressure_kpa;
}

}  // namespace

int main(int argc, char** argv) {
    pid_t daemon_pid = -1;
    try {
        const auto options = usb::testing::parse_stream_options(argc, argv);
        const auto stream = usb::testing::simulate_stream(options);
        const std::filesystem::path work = std::filesystem::absolute(options.out_dir);
        const auto recording = work / "e2e.h5";
        std::filesystem::remove(recording);
        const std::string endpoint = "ipc://" + (work / "sockets").string();

        // umockdev replays as fast as it is read: the driver paces frames to the plate's clock.
        ::setenv("PLANTAR_USB_EMULATION", "1", 1);
        daemon_pid = start_plantard(options.plantard, {"--source", "usb", "--endpoint", endpoint});
        daemon::DaemonFrameStream client(endpoint, daemon::StreamMode::InOrder);
        daemon::DaemonClient control(endpoint);

        // The first frame is released a second after the plate opens (emulation's lead-in): the
        // recording starts and the client asks for frames before it, so neither misses any.
        const auto started = std::chrono::steady_clock::now();
        while (std::chrono::steady_clock::now() - started < 5s) {
            try {
                if (control.status().device_state == DeviceState::Streaming) break;
            } catch (const IoError&) {
                std::this_thread::sleep_for(20ms);  // plantard is not listening yet
            }
        }
        client.next_within(0ms);  // sends the client's first request before any frame exists
        daemon::RecordingRequest request;
        request.file = recording.string();
        request.subject.id = "e2e";
        control.start_recording(request);

        std::set<std::uint64_t> received;
        std::size_t mismatched = 0;
        const std::uint64_t last = stream.frames.back().sequence;
        auto last_arrival = std::chrono::steady_clock::now();
        while (!received.contains(last) && std::chrono::steady_clock::now() - last_arrival < 3s) {
            auto frame = client.next_within(100ms);
            if (!frame) continue;
            last_arrival = std::chrono::steady_clock::now();
            if (frame->sequence >= stream.frames.size() || !same(*frame, stream.frames[frame->sequence])) ++mismatched;
            received.insert(frame->sequence);
        }
        std::string missing;
        for (const auto& frame : stream.frames)
            if (!received.contains(frame.sequence)) missing += " " + std::to_string(frame.sequence);
        if (!missing.empty()) std::fprintf(stderr, "the client did not get frames%s\n", missing.c_str());
        // An in-order client is served from the daemon's backlog, so a moment's stall on a loaded
        // machine costs it nothing: it must have every frame, and have skipped none.
        expect(received.size() == stream.frames.size(),
               "the client received every frame (" + std::to_string(received.size()) + " of " +
                   std::to_string(stream.frames.size()) + ")");
        expect(client.frames_skipped() == 0, "the client skipped no frame");
        expect(mismatched == 0, "every frame the client received is bit-exact");

        daemon::DaemonStatus status;
        if (options.unplug) {
            status = wait_for_device_state(control, DeviceState::Lost, 10s);
            expect(status.device_state == DeviceState::Lost, "plantard reports the plate lost");
            expect(status.counters.device_losses == 1, "plantard counts one device loss");
            expect(status.last_problem.find("unplugged") != std::string::npos, "its last problem says unplugged");
            const auto deadline_stop = std::chrono::steady_clock::now() + 10s;
            while (status.recording.state != daemon::RecordingState::Stopped &&
                   std::chrono::steady_clock::now() < deadline_stop) {
                std::this_thread::sleep_for(50ms);
                status = control.status();
            }
            expect(status.recording.state == daemon::RecordingState::Stopped &&
                       status.recording.stop_reason == "device lost",
                   "the recording was closed because the device was lost");
            std::this_thread::sleep_for(1s);
            expect(control.status().device_state == DeviceState::Lost, "plantard still answers status, plate lost");
        } else {
            status = control.status();
            expect(status.device_state == DeviceState::Streaming, "plantard reports the plate streaming");
            control.stop_recording();
            status = control.status();
        }
        expect(status.counters.frames_received == stream.frames.size(), "plantard received every frame");
        expect(status.counters.corrupt_packets == 0 && status.counters.frames_missed == 0, "nothing corrupt or missed");
        expect(status.recording.frames == stream.frames.size(), "the recorder wrote every frame");

        ::kill(daemon_pid, SIGTERM);
        int exit_status = 0;
        ::waitpid(daemon_pid, &exit_status, 0);
        daemon_pid = -1;
        expect(WIFEXITED(exit_status) && WEXITSTATUS(exit_status) == 0, "plantard exits cleanly on SIGTERM");

        SessionReader session(recording);
        expect(session.trial_count() == 1, "the session has one trial");
        const auto& trial = session.trial(0);
        expect(trial.complete, "the trial is complete (closed)");
        expect(trial.frame_count == stream.frames.size(), "the recording holds every frame (" +
                                                              std::to_string(trial.frame_count) + ")");
        std::size_t recorded_mismatches = 0;
        std::uint64_t index = 0;
        session.read_frames(0, 0, trial.frame_count, [&](const Frame& frame) {
            if (index >= stream.frames.size() || !same(frame, stream.frames[index])) ++recorded_mismatches;
            ++index;
            return true;
        });
        expect(recorded_mismatches == 0, "every recorded frame is bit-exact and in order");
        expect(trial.header.calibration == stream.calibration, "the recording carries the plate's calibration");
    } catch (const std::exception& e) {
        std::fprintf(stderr, "usb_daemon_e2e_check: %s\n", e.what());
        ++failures;
    }
    if (daemon_pid > 0) {
        ::kill(daemon_pid, SIGKILL);
        ::waitpid(daemon_pid, nullptr, 0);
    }
    return failures == 0 ? 0 : 1;
}
