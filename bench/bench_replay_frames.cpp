// Replaying a long session in the viewer without holding it in memory (TrialView): time to open,
// time per frame fetch while scrubbing at random and while playing at 1x and 4x (60 drawn frames
// a second, the background reading and analysing the trial meanwhile), and the time until the
// analysis is ready. Baselines from the same run: one raw SessionReader::read_frame of a random
// frame (p50), and reading every frame of the trial in order (what opening cost when the viewer
// held the whole trial). Prints figures and ratios; asserts nothing.
//
//   bench_replay_frames --file LONG.h5 [--trial 0] [--fetches 2000] [--no-eager]
//   bench_replay_frames [--seconds 120] [--rate 500] [--plate 64x64|256x64] [--dir /tmp]   (simulates first)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "plantar/capture/session/session.hpp"
#include "plantar/capture/sim/simulated_plate.hpp"
#include "plantar/viz/trial_view.hpp"
#include "bench_walk_config.hpp"

using namespace plantar;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point start) { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); }

struct Percentiles {
    double p50 = 0, p99 = 0, max = 0;
};
Percentiles percentiles(std::vector<double> ms) {
    if (ms.empty()) return {};
    std::sort(ms.begin(), ms.end());
    auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * static_cast<double>(ms.size())))]; };
    return {at(0.5), at(0.99), ms.back()};
}

void print_line(const char* what, const Percentiles& p, double baseline_ms) {
    std::printf("%-34s p50 %8.3f ms  p99 %8.3f ms  max %8.3f ms   (p50 %6.2fx, max %6.1fx the raw read)\n", what, p.p50,
                p.p99, p.max, p.p50 / baseline_ms, p.max / baseline_ms);
}

std::filesystem::path simulate(const std::filesystem::path& dir, double seconds, double rate, bool walkway) {
    const sim::SimulationConfig config = bench::walk_config(seconds, rate, walkway);
    sim::SimulatedPlate plate(config);
    auto path = dir / "plantar-bench-replay.h5";
    Subject subject;
    subject.id = "BENCH";
    SessionWriterOptions options;
    options.overwrite = true;
    auto writer = SessionWriter::create(path, subject, options);
    TrialHeader header;
    header.kind = sim::trial_kind_of(config.scenario);
    header.source = plate.description();
    header.geometry = plate.geometry();
    header.rate_hz = rate;
    writer.begin_trial(header);
    while (auto frame = plate.next()) writer.write(*frame);
    writer.close();
    return path;
}

// Plays from `start` for `drawn` UI frames at 60 Hz and `speed`, timing each frame() call.
std::vector<double> play(const viz::TrialView& view, std::size_t start, double speed, int drawn) {
    std::vector<double> ms;
    const double rate = view.header().rate_hz;
    for (int k = 0; k < drawn; ++k) {
        const auto index = std::min(view.frame_count() - 1, start + static_cast<std::size_t>(k * speed * rate / 60.0));
        const auto t = Clock::now();
        (void)view.frame(index).pressure_kpa.size();
        ms.push_back(ms_since(t));
        std::this_thread::sleep_for(std::chrono::microseconds(16667));
    }
    return ms;
}

}  // namespace

int main(int argc, char** argv) {
    std::setvbuf(stdout, nullptr, _IOLBF, 0);  // each figure as soon as it is measured
    std::filesystem::path file, dir = std::filesystem::temp_directory_path();
    double seconds = 120, rate = 500;
    bool walkway = false, eager = true;
    int trial = 0, fetches = 2000;
    for (int i = 1; i < argc; ++i) {
        const std::string key = argv[i];
        if (key == "--no-eager") { eager = false; continue; }
        if (i + 1 >= argc) { std::fprintf(stderr, "option %s needs a value\n", key.c_str()); return 2; }
        const std::string value = argv[++i];
        if (key == "--file") file = value;
        else if (key == "--trial") trial = std::stoi(value);
        else if (key == "--fetches") fetches = std::stoi(value);
        else if (key == "--seconds") seconds = std::stod(value);
        else if (key == "--rate") rate = std::stod(value);
        else if (key == "--plate") walkway = value == "256x64";
        else if (key == "--dir") dir = value;
        else { std::fprintf(stderr, "unknown option %s\n", key.c_str()); return 2; }
    }
    if (file.empty()) {
        std::printf("simulating %.0f s of walking at %.0f Hz...\n", seconds, rate);
        file = simulate(dir, seconds, rate, walkway);
    }
    SessionReader reader(file);
    const TrialInfo info = reader.trial(trial);
    const std::size_t frames = static_cast<std::size_t>(info.frame_count);
    std::printf("replay frames: %s trial %d, %zu frames of %dx%d at %.0f Hz (%.1f GB as floats)\n", file.c_str(), trial,
                frames, info.header.geometry.rows, info.header.geometry.cols, info.header.rate_hz,
                static_cast<double>(frames * info.header.geometry.sensor_count() * sizeof(float)) / 1e9);
    std::mt19937_64 random(20261121);
    std::uniform_int_distribution<std::size_t> any_frame(0, frames - 1);

    // Baseline: one raw read of a random frame, through the reader alone.
    std::vector<double> raw_ms;
    for (int k = 0; k < 200; ++k) {
        const std::size_t index = any_frame(random);
        const auto t = Clock::now();
        (void)reader.read_frame(trial, index);
        raw_ms.push_back(ms_since(t));
    }
    const double raw = percentiles(raw_ms).p50;
    std::printf("%-34s p50 %8.3f ms (the baseline)\n", "raw SessionReader::read_frame", raw);
    double eager_ms = 0;
    if (eager) {
        const auto t = Clock::now();
        std::size_t seen = 0;
        reader.read_frames(trial, 0, frames, [&](const Frame&) { return ++seen > 0; });
        eager_ms = ms_since(t);
        std::printf("%-34s %10.1f ms (%.0fx the raw read)\n", "reading every frame in order", eager_ms, eager_ms / raw);
    }

    const auto opened = Clock::now();
    auto view = viz::TrialView::open(file, trial);
    const double open_ms = ms_since(opened);
    std::printf("%-34s %10.1f ms (%.0fx the raw read%s)\n", "TrialView::open", open_ms, open_ms / raw,
                eager ? (", " + std::to_string(eager_ms / open_ms).substr(0, 6) + "x faster than reading every frame").c_str() : "");

    std::vector<double> scrub_ms;
    for (int k = 0; k < fetches; ++k) {
        const std::size_t index = any_frame(random);
        const auto t = Clock::now();
        (void)view->frame(index).pressure_kpa.size();
        scrub_ms.push_back(ms_since(t));
        if (k % 4 == 3) std::this_thread::sleep_for(std::chrono::milliseconds(4));  // a scrubbing UI draws meanwhile
    }
    print_line("random frame (scrubbing)", percentiles(scrub_ms), raw);
    print_line("playing at 1x, 60 drawn frames/s", percentiles(play(*view, any_frame(random) / 2, 1.0, 300)), raw);
    print_line("playing at 4x, 60 drawn frames/s", percentiles(play(*view, any_frame(random) / 2, 4.0, 300)), raw);
    const auto stats = view->frame_cache_stats();
    std::printf("UI cache: %llu hits, %llu blocks read, %zu cached (%.1f MB)\n", static_cast<unsigned long long>(stats.hits),
                static_cast<unsigned long long>(stats.blocks_read), stats.cached_blocks,
                static_cast<double>(stats.cached_bytes) / 1e6);

    while (view->analysis_status() != "done" && view->analysis_status().rfind("error", 0) != 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const double ready_ms = ms_since(opened);
    std::printf("%-34s %10.1f ms after open (%s; %.2fx reading every frame)\n", "analysis ready", ready_ms,
                view->analysis_status().c_str(), eager ? ready_ms / eager_ms : 0.0);
    return 0;
}
