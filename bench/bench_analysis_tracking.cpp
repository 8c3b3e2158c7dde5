// Per-frame cost of live contact tracking: ContactTracker::add plus the whole-plate centre of
// pressure, on simulated walking frames of the clinical plate (64 x 64) and the walkway
// (256 x 64), and on standing frames (both feet loaded in every frame: the busiest case). Frames are generated first; only the analysis is timed. Printed against a
// baseline measured in the same run (a plain sum over the same frames) and as frames per
// second against the 2,000 fps a live plate can deliver. Then the whole analysis of a walking
// session (analyze_trial: contacts, footprints, CPEI, gait, classification) of --trial-seconds
// at 100 Hz on both plates, against the plain sum of the same frames. No figure is asserted.
//
//   bench_analysis_tracking [--seconds 6] [--rate 500] [--repeat 3] [--trial-seconds 60]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "plantar/analysis/contacts.hpp"
#include "plantar/analysis/pipeline.hpp"
#include "plantar/capture/sim/simulated_plate.hpp"

using namespace plantar;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// The baseline: touch every value of every frame once, as any consumer must.
double plain_sum_seconds(const std::vector<Frame>& frames, double& sink) {
    const auto start = Clock::now();
    for (const Frame& frame : frames) {
        float sum = 0.0f;
        for (float value : frame.pressure_kpa) sum += value;
        sink += static_cast<double>(sum);
    }
    return seconds_since(start);
}

// Live tracking as the viewer does it: add each frame, read the active contacts and the
// whole-plate COP; finish() at the end (once per trial, timed with the rest).
double tracking_seconds(const analysis::SensorMap& sensors, const std::vector<Frame>& frames, double& sink,
                        std::size_t& contacts) {
    const auto start = Clock::now();
    analysis::ContactTracker tracker(sensors, {});
    for (const Frame& frame : frames) {
        tracker.add(frame);
        const auto cop = analysis::centre_of_pressure(sensors, frame);
        if (cop.valid()) sink += cop.x_mm;
        for (const auto& live : tracker.active()) sink += live.load;
    }
    contacts = tracker.finish().size();
    return seconds_since(start);
}

}  // namespace

int main(int argc, char** argv) {
    double seconds = 6.0, rate = 500.0, trial_seconds = 60.0;
    int repeat = 3;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string key = argv[i], value = argv[i + 1];
        if (key == "--seconds") seconds = std::stod(value);
        else if (key == "--rate") rate = std::stod(value);
        else if (key == "--repeat") repeat = std::max(1, std::stoi(value));
        else if (key == "--trial-seconds") trial_seconds = std::stod(value);
        else {
            std::fprintf(stderr, "unknown option %s\n", key.c_str());
            return 2;
        }
    }
    std::printf("%-8s %-7s %7s %9s %12s %14s %7s %12s %9s\n", "plate", "trial", "frames", "contacts", "sum us/fr",
                "track us/fr", "ratio", "track fps", "x 2000fps");
    double sink = 0.0;
    for (const auto& geometry : {PlateGeometry::clinical_plate(), PlateGeometry::walkway()})
    for (auto scenario : {sim::Scenario::Walk, sim::Scenario::StaticStance}) {
        sim::SimulationConfig config;
        config.scenario = scenario;
        config.geometry = geometry;
        config.rate_hz = rate;
        config.duration_s = seconds;
        sim::SimulatedPlate plate(config);
        std::vector<Frame> frames;
        while (auto frame = plate.next()) frames.push_back(std::move(*frame));
        const auto sensors = analysis::SensorMap::make(geometry);

        double best_sum = 1e300, best_track = 1e300;
        std::size_t contacts = 0;
        for (int r = 0; r < repeat; ++r) {
            best_sum = std::min(best_sum, plain_sum_seconds(frames, sink));
            best_track = std::min(best_track, tracking_seconds(sensors, frames, sink, contacts));
        }
        const double n = static_cast<double>(frames.size());
        const double sum_us = best_sum / n * 1e6, track_us = best_track / n * 1e6;
        const double fps = n / best_track;
        std::printf("%-8s %-7s %7zu %9zu %12.2f %14.2f %7.1f %12.0f %9.1f\n",
                    (std::to_string(geometry.rows) + "x" + std::to_string(geometry.cols)).c_str(),
                    sim::to_string(scenario).c_str(), frames.size(),
                    contacts, sum_us, track_us, track_us / sum_us, fps, fps / 2000.0);
    }
    std::printf("\nwhole analysis of a %.0f s walking session at 100 Hz (analyze_trial, best of %d)\n", trial_seconds, repeat);
    std::printf("%-8s %7s %9s %12s %12s %9s %12s\n", "plate", "frames", "contacts", "sum s", "analyse s", "ratio",
                "x real time");
    for (const auto& geometry : {PlateGeometry::clinical_plate(), PlateGeometry::walkway()}) {
        sim::SimulationConfig config;
        config.geometry = geometry;
        config.rate_hz = 100.0;
        config.duration_s = trial_seconds;
        sim::SimulatedPlate plate(config);
        std::vector<Frame> frames;
        while (auto frame = plate.next()) frames.push_back(std::move(*frame));
        analysis::TrialInput trial;
        trial.sensors = analysis::SensorMap::make(geometry);
        trial.kind = TrialKind::Walk;
        trial.rate_hz = config.rate_hz;
        trial.frames = frames;
        double best_sum = 1e300, best_analysis = 1e300;
        std::size_t contacts = 0;
        for (int r = 0; r < repeat; ++r) {
            best_sum = std::min(best_sum, plain_sum_seconds(frames, sink));
            const auto start = Clock::now();
            const auto result = analysis::analyze_trial(trial, analysis::AnalysisConfig{});
            best_analysis = std::min(best_analysis, seconds_since(start));
            contacts = result.steps.size();
        }
        std::printf("%-8s %7zu %9zu %12.4f %12.3f %9.0f %12.0f\n",
                    (std::to_string(geometry.rows) + "x" + std::to_string(geometry.cols)).c_str(), frames.size(),
                    contacts, best_sum, best_analysis, best_analysis / best_sum, trial_seconds / best_analysis);
    }
    std::fprintf(stderr, "(checksum %g)\n", sink);
    return 0;
}
