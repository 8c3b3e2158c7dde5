// plantard under load: the highest frame rate sustained with a recording and two stream
// clients with nothing lost, the latency from a frame's arrival in the daemon to its receipt
// in a client, and the daemon's CPU use. The daemon runs in a child process (so /proc gives its
// CPU alone) with the real Daemon, recorder and stream; the source replays simulated prints at
// any rate (the simulator itself stops at 2,000 Hz). Baselines from the same run: a bare
// ZeroMQ round trip on the same transport (for latency) and one core (for CPU).
//
//   bench_daemon [--seconds 60] [--plate 64x64|256x64|both] [--rates 1000,2000,...] [--latency-rate 500]
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <zmq.hpp>

#include "plantar/capture/daemon/client.hpp"
#include "plantar/capture/daemon/daemon.hpp"
#include "plantar/capture/daemon/paced_source.hpp"
#include "plantar/capture/session/session.hpp"
#include "plantar/capture/sim/simulated_plate.hpp"

using namespace plantar;
namespace fs = std::filesystem;

namespace {

// Simulated prints at any rate: a second of a walk (re-used in a ring) with timestamps at the
// asked rate, so the daemon sees real pressure maps (for compression) at rates the simulator
// does not offer.
class RingSource final : public FrameSource {
public:
    RingSource(std::shared_ptr<const std::vector<Frame>> ring, PlateGeometry geometry, double rate_hz)
        : ring_(std::move(ring)), geometry_(geometry), rate_hz_(rate_hz) {}
    const PlateGeometry& geometry() const override { return geometry_; }
    double nominal_rate_hz() const override { return rate_hz_; }
    SourceDescription description() const override { return {SourceKind::Simulator, "bench ring", ""}; }
    std::optional<Frame> next() override {
        Frame frame = (*ring_)[index_ % ring_->size()];
        frame.sequence = index_;
        frame.device_time_us = std::llround(static_cast<double>(index_) * 1e6 / rate_hz_);
        ++index_;
        return frame;
    }

private:
    std::shared_ptr<const std::vector<Frame>> ring_;
    PlateGeometry geometry_;
    double rate_hz_;
    std::uint64_t index_ = 0;
};

std::shared_ptr<const std::vector<Frame>> make_ring(const PlateGeometry& geometry) {
    sim::SimulationConfig config;
    config.scenario = sim::Scenario::SingleStep;  // a loaded plate in most frames
    config.geometry = geometry;
    config.rate_hz = 500;
    config.duration_s = 1.0;
    sim::SimulatedPlate plate(config);
    auto ring = std::make_shared<std::vector<Frame>>();
    while (auto frame = plate.next()) ring->push_back(std::move(*frame));
    return ring;
}

double cpu_seconds_of(pid_t pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), {});
    std::istringstream fields(text.substr(text.rfind(')') + 2));
    std::string skip;
    for (int i = 3; i < 14; ++i) fields >> skip;  // fields 3..13
    double utime = 0, stime = 0;
    fields >> utime >> stime;
    return (utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0.0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, static_cast<std::size_t>(p * static_cast<double>(values.size())))];
}

struct RunResult {
    double requested_hz = 0, achieved_hz = 0;
    std::uint64_t recorded = 0, expected_span = 0, client_frames[2] = {0, 0}, client_skipped[2] = {0, 0};
    std::string recording_error;
    bool file_complete = false;
    double cpu_fraction = 0;
    std::vector<double> latency_ms[2];  // per client: A in order, B newest
    bool lossless() const {
        return recording_error.empty() && file_complete && recorded == expected_span && achieved_hz >= 0.98 * requested_hz;
    }
};

[[noreturn]] void run_daemon_child(const PlateGeometry& geometry, double rate_hz, const std::string& endpoint) {
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);  // threads inherit: only sigwait sees it
    try {
        auto ring = make_ring(geometry);
        auto opener = [ring, geometry, rate_hz](std::optional<double>) {
            return std::make_unique<RingSource>(ring, geometry, rate_hz);
        };
        daemon::PacedSourceOptions paced;
        paced.loop = false;
        daemon::DaemonOptions options;
        options.endpoints = daemon::resolve_endpoints(endpoint);
        options.version = "bench";
        daemon::prepare_endpoint_directory(options.endpoints);
        daemon::Daemon plantard(std::make_unique<daemon::PacedSource>(opener, paced), options);
        int signal = 0;
        sigwait(&stop_signals, &signal);
        plantard.stop();
    } catch (const std::exception& error) {
        std::fprintf(stderr, "bench daemon: %s\n", error.what());
        _exit(1);
    }
    _exit(0);
}

RunResult run_once(const PlateGeometry& geometry, double rate_hz, double seconds, const fs::path& dir) {
    const std::string endpoint = "ipc://" + (dir / "sockets").string();
    const fs::path file = dir / "bench-recording.h5";
    fs::remove(file);
    pid_t child = fork();
    if (child == 0) run_daemon_child(geometry, rate_hz, endpoint);

    RunResult result;
    result.requested_hz = rate_hz;
    {
        daemon::DaemonClient control(endpoint, std::chrono::milliseconds(5000));
        for (int attempt = 0;; ++attempt) {
            try {
                if (control.status().device_state == DeviceState::Streaming) break;
            } catch (const std::exception&) {
                if (attempt > 100) throw;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        std::atomic<bool> done{false};
        std::vector<double> latencies[2];
        std::vector<std::thread> readers;
        for (int c = 0; c < 2; ++c)
            readers.emplace_back([&, c] {
                // One client wants every frame (in order, from the backlog), one the newest (a viewer).
                daemon::DaemonFrameStream stream(endpoint, c == 0 ? daemon::StreamMode::InOrder : daemon::StreamMode::Newest);
                while (!done) {
                    if (!stream.next_within(std::chrono::milliseconds(100))) continue;
                    auto timing = stream.last_timing();
                    latencies[c].push_back(static_cast<double>(timing.client_receipt_ns - timing.daemon_arrival_ns) * 1e-6);
                    ++result.client_frames[c];
                }
                result.client_skipped[c] = stream.frames_skipped();
            });

        daemon::RecordingRequest request;
        request.file = file.string();
        request.subject.id = "BENCH";
        request.mode = daemon::FileMode::Overwrite;
        auto start_cpu = cpu_seconds_of(child);
        auto start = std::chrono::steady_clock::now();
        control.start_recording(request);
        std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
        auto stopped = control.stop_recording();
        double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        result.cpu_fraction = (cpu_seconds_of(child) - start_cpu) / elapsed;
        done = true;
        for (auto& reader : readers) reader.join();
        result.recording_error = stopped.error;
        result.recorded = stopped.frames;
        result.achieved_hz = static_cast<double>(stopped.frames) / stopped.elapsed_s;
        for (int c = 0; c < 2; ++c) result.latency_ms[c] = std::move(latencies[c]);
    }
    kill(child, SIGTERM);
    int status = 0;
    waitpid(child, &status, 0);

    SessionReader session(file);
    const auto& trial = session.trial(0);
    result.file_complete = trial.complete;
    if (trial.frame_count > 0) {
        auto first = session.read_frame(0, 0).sequence;
        auto last = session.read_frame(0, trial.frame_count - 1).sequence;
        result.expected_span = last - first + 1;  // every sequence in between must be in the file
    }
    fs::remove(file);
    return result;
}

// A bare ZeroMQ request/reply round trip over IPC, the floor under any stream latency.
double zmq_round_trip_ms(const fs::path& dir) {
    zmq::context_t context;
    zmq::socket_t server(context, zmq::socket_type::rep), client(context, zmq::socket_type::req);
    std::string endpoint = "ipc://" + (dir / "ping").string();
    server.bind(endpoint);
    client.connect(endpoint);
    std::vector<double> trips;
    std::string payload(64, 'x');
    for (int i = 0; i < 2000; ++i) {
        auto start = std::chrono::steady_clock::now();
        client.send(zmq::buffer(payload), zmq::send_flags::none);
        zmq::message_t message;
        (void)server.recv(message);
        server.send(message, zmq::send_flags::none);
        (void)client.recv(message);
        trips.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    return percentile(trips, 0.5);
}

std::vector<double> parse_rates(const std::string& text) {
    std::vector<double> rates;
    std::stringstream list(text);
    for (std::string item; std::getline(list, item, ',');) rates.push_back(std::stod(item));
    return rates;
}

}  // namespace

int main(int argc, char** argv) {
    double seconds = 60, latency_rate = 500;
    std::string plates = "both";
    std::vector<double> rates_64 = {1000, 2000, 3000, 4000, 6000, 8000};
    std::vector<double> rates_256 = {500, 1000, 1500, 2000, 3000};
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string key = argv[i], value = argv[i + 1];
        if (key == "--seconds") seconds = std::stod(value);
        else if (key == "--plate") plates = value;
        else if (key == "--rates") rates_64 = rates_256 = parse_rates(value);
        else if (key == "--latency-rate") latency_rate = std::stod(value);
        else { std::fprintf(stderr, "unknown option %s\n", key.c_str()); return 2; }
    }
    fs::path dir = fs::temp_directory_path() / ("plantar-bench-" + std::to_string(getpid()));
    fs::create_directories(dir);

    double ping_ms = zmq_round_trip_ms(dir);
    std::printf("plantard under load: recording + 2 stream clients, %.0f s per rate\n", seconds);
    std::printf("baseline: bare ZeroMQ IPC round trip p50 %.3f ms\n\n", ping_ms);

    struct Plate { const char* name; PlateGeometry geometry; std::vector<double>* rates; double target; };
    std::vector<Plate> list;
    // --plate none: only the latency and CPU run.
    if (plates == "both" || plates == "64x64") list.push_back({"64x64", PlateGeometry::clinical_plate(), &rates_64, 2000});
    if (plates == "both" || plates == "256x64") list.push_back({"256x64", PlateGeometry::walkway(), &rates_256, 1000});

    for (auto& plate : list) {
        double best = 0;
        std::printf("%s plate (target >= %.0f fps with nothing lost)\n", plate.name, plate.target);
        std::printf("  %8s %10s %10s %9s %8s %12s %12s  %s\n", "asked", "achieved", "recorded", "in file", "cpu", "client A", "client B",
                    "verdict");
        for (double rate : *plate.rates) {
            auto r = run_once(plate.geometry, rate, seconds, dir);
            std::printf("  %8.0f %10.1f %10llu %9s %7.0f%% %5llu/%-6llu %5llu/%-6llu  %s\n", rate, r.achieved_hz,
                        static_cast<unsigned long long>(r.recorded), r.recorded == r.expected_span ? "all" : "GAPS",
                        r.cpu_fraction * 100, static_cast<unsigned long long>(r.client_frames[0]),
                        static_cast<unsigned long long>(r.client_skipped[0]),
                        static_cast<unsigned long long>(r.client_frames[1]),
                        static_cast<unsigned long long>(r.client_skipped[1]),
                        r.lossless() ? "sustained, nothing lost" : ("NOT sustained " + r.recording_error).c_str());
            if (!r.lossless()) break;
            best = rate;
        }
        std::printf("  highest sustained: %.0f fps = %.2fx the target\n", best, best / plate.target);
        std::printf("  (client columns: frames received / skipped; A asks in order, B for the newest frame)\n\n");
    }

    auto at = run_once(PlateGeometry::clinical_plate(), latency_rate, seconds, dir);
    std::printf("64x64 at %.0f fps, latency from daemon arrival to client receipt (target p99 < 2 ms):\n", latency_rate);
    // The newest-frame client measures what a live view sees. An in-order client that was
    // stalled receives frames that waited in the backlog, so its tail is longer by design.
    const char* names[2] = {"A, in order  ", "B, newest    "};
    for (int c : {1, 0}) {
        double p50 = percentile(at.latency_ms[c], 0.5), p99 = percentile(at.latency_ms[c], 0.99);
        std::printf("  client %s %6zu frames: p50 %.3f ms (%.1fx a bare round trip), p99 %.3f ms (%.1fx)\n", names[c],
                    at.latency_ms[c].size(), p50, p50 / ping_ms, p99, p99 / ping_ms);
    }
    std::printf("  plantard CPU: %.1f %% of one core (%.3fx a core; target well under 1)\n", at.cpu_fraction * 100,
                at.cpu_fraction);
    fs::remove_all(dir);
    return 0;
}
