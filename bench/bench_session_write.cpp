// How fast a simulated session is written and how small it is, against baselines measured in
// the same run: the simulator alone (so the store's cost is visible) and a raw fwrite of the same
// frames (so compression's cost is visible). Prints ratios; asserts nothing.
//
//   bench_session_write [--seconds 60] [--rate 100] [--plate 64x64|256x64] [--dir /tmp]
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include "plantar/capture/session/session.hpp"
#include "plantar/capture/sim/simulated_plate.hpp"
#include "bench_walk_config.hpp"

using namespace plantar;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

}  // namespace

int main(int argc, char** argv) {
    double seconds = 60, rate = 100;
    bool walkway = false;
    std::filesystem::path dir = std::filesystem::temp_directory_path();
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string key = argv[i], value = argv[i + 1];
        if (key == "--seconds") seconds = std::stod(value);
        else if (key == "--rate") rate = std::stod(value);
        else if (key == "--plate") walkway = value == "256x64";
        else if (key == "--dir") dir = value;
        else { std::fprintf(stderr, "unknown option %s\n", key.c_str()); return 2; }
    }
    auto config = bench::walk_config(seconds, rate, walkway);
    std::printf("session write: %.0f s walking at %.0f Hz on a %dx%d plate\n", seconds, rate, config.geometry.rows,
                config.geometry.cols);

    // Baseline 1: the simulator alone.
    auto start = Clock::now();
    std::uint64_t frames = 0;
    {
        sim::SimulatedPlate plate(config);
        while (auto frame = plate.next()) ++frames;
    }
    double simulate_s = seconds_since(start);

    // Baseline 2: simulator + raw fwrite of every frame's pressures and timestamps.
    auto raw_path = dir / "plantar-bench-raw.bin";
    start = Clock::now();
    std::uint64_t raw_bytes = 0;
    {
        sim::SimulatedPlate plate(config);
        std::FILE* raw = std::fopen(raw_path.c_str(), "wb");
        if (!raw) { std::perror("raw baseline"); return 1; }
        while (auto frame = plate.next()) {
            raw_bytes += std::fwrite(frame->pressure_kpa.data(), sizeof(float), frame->pressure_kpa.size(), raw) * sizeof(float);
            raw_bytes += std::fwrite(&frame->sequence, sizeof frame->sequence, 1, raw) * sizeof frame->sequence;
            raw_bytes += std::fwrite(&frame->device_time_us, sizeof frame->device_time_us, 1, raw) * 8;
            raw_bytes += std::fwrite(&frame->host_time_ns, sizeof frame->host_time_ns, 1, raw) * 8;
        }
        std::fclose(raw);
    }
    double raw_s = seconds_since(start);
    std::filesystem::remove(raw_path);

    // The measured path: simulator + SessionWriter, as `plantar simulate` does it.
    auto session_path = dir / "plantar-bench-session.h5";
    start = Clock::now();
    {
        sim::SimulatedPlate plate(config);
        SessionWriterOptions options;
        options.overwrite = true;
        Subject subject;
        subject.id = "BENCH";
        auto writer = SessionWriter::create(session_path, subject, options);
        TrialHeader header;
        header.kind = TrialKind::Walk;
        header.source = plate.description();
        header.geometry = plate.geometry();
        header.rate_hz = plate.nominal_rate_hz();
        header.calibration = plate.calibration();
        header.ground_truth_json = plate.truth().to_json();
        writer.begin_trial(header);
        while (auto frame = plate.next()) writer.write(*frame);
        writer.close();
    }
    double session_s = seconds_since(start);
    auto session_bytes = std::filesystem::file_size(session_path);
    std::filesystem::remove(session_path);

    std::printf("  frames                         %llu\n", static_cast<unsigned long long>(frames));
    std::printf("  simulator alone                %.3f s  (baseline)\n", simulate_s);
    std::printf("  simulator + raw fwrite         %.3f s  (%.2fx the simulator alone)\n", raw_s, raw_s / simulate_s);
    std::printf("  simulator + session file       %.3f s  (%.2fx the simulator alone, %.2fx raw fwrite)\n", session_s,
                session_s / simulate_s, session_s / raw_s);
    std::printf("  session store cost per frame   %.1f us\n", (session_s - simulate_s) / static_cast<double>(frames) * 1e6);
    std::printf("  raw size                       %.2f MB\n", static_cast<double>(raw_bytes) / 1e6);
    std::printf("  session file size              %.2f MB  (%.3fx raw, %.1f:1 compression)\n",
                static_cast<double>(session_bytes) / 1e6, static_cast<double>(session_bytes) / static_cast<double>(raw_bytes),
                static_cast<double>(raw_bytes) / static_cast<double>(session_bytes));
    return 0;
}
