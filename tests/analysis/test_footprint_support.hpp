// Test helpers of the footprint tests: a simulated step's peak image and contact mask, built
// here from the frames (the contacts part is written at the same time, so these tests do not
// depend on it), and the simulator's truth for that step.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <vector>

#include "plantar/analysis/footprint.hpp"
#include "plantar/capture/sim/simulated_plate.hpp"

namespace footprint_test {

using namespace plantar;
using namespace plantar::analysis;

// Contact threshold of these tests: the contacts part's default (ContactConfig::threshold_kpa),
// 3 kPa above the simulator's 5 kPa firmware threshold. The arch index holds from 7 to 12 kPa;
// at 20 kPa and above, thresholds near the midfoot's own pressure eat the midfoot band.
inline constexpr float kContactKpa = 8.0f;

struct StepPrint {
    SensorMap sensors;
    std::vector<float> peak;
    std::vector<std::uint8_t> mask;
    sim::SimulatedStep truth;
    sim::FootParameters foot;
};

inline Side side_of(const sim::SimulatedStep& step) { return step.side == sim::Side::Left ? Side::Left : Side::Right; }

// Whether a sensor lies near a truth step: a box around the model foot in its own coordinates.
inline bool near_step(double x, double y, const sim::SimulatedStep& step, const sim::FootParameters& foot) {
    const double a = step.axis_angle_deg * std::numbers::pi / 180.0;
    const double dx = x - step.heel_x_mm, dy = y - step.heel_y_mm;
    const double along = dx * std::sin(a) + dy * std::cos(a);
    const double across = dx * std::cos(a) - dy * std::sin(a);
    return along > -0.135 * foot.length_mm - 30.0 && along < 0.865 * foot.length_mm + 30.0 &&
           std::abs(across) < foot.forefoot_width_mm / 2.0 + 30.0;
}

// The peak image over one step's stance near that step, and the mask peak > kContactKpa with
// isolated sensors (no loaded 8-neighbour) dropped, as a contact finder would.
inline StepPrint print_of_step(const std::vector<Frame>& frames, const PlateGeometry& geometry,
                               const sim::SimulatedStep& step, const sim::FootParameters& foot) {
    StepPrint print;
    print.sensors = SensorMap::make(geometry);
    print.truth = step;
    print.foot = foot;
    const std::size_t n = geometry.sensor_count();
    print.peak.assign(n, 0.0f);
    for (const auto& frame : frames) {
        if (frame.device_time_us < step.strike_us || frame.device_time_us > step.off_us) continue;
        for (std::size_t i = 0; i < n; ++i) print.peak[i] = std::max(print.peak[i], frame.pressure_kpa[i]);
    }
    std::vector<std::uint8_t> loaded(n, 0);
    for (int r = 0; r < geometry.rows; ++r)
        for (int c = 0; c < geometry.cols; ++c) {
            const std::size_t i = geometry.index(r, c);
            loaded[i] = print.peak[i] > kContactKpa && near_step(geometry.x_mm(c), geometry.y_mm(r), step, foot);
        }
    print.mask.assign(n, 0);
    for (int r = 0; r < geometry.rows; ++r)
        for (int c = 0; c < geometry.cols; ++c) {
            if (!loaded[geometry.index(r, c)]) continue;
            bool neighbour = false;
            for (int dr = -1; dr <= 1; ++dr)
                for (int dc = -1; dc <= 1; ++dc) {
                    const int rr = r + dr, cc = c + dc;
                    if ((dr || dc) && rr >= 0 && cc >= 0 && rr < geometry.rows && cc < geometry.cols &&
                        loaded[geometry.index(rr, cc)])
                        neighbour = true;
                }
            print.mask[geometry.index(r, c)] = neighbour ? 1 : 0;
        }
    for (std::size_t i = 0; i < n; ++i)
        if (!print.mask[i]) print.peak[i] = 0.0f;
    return print;
}

inline std::vector<Frame> all_frames(sim::SimulatedPlate& plate) {
    std::vector<Frame> frames;
    while (auto frame = plate.next()) frames.push_back(std::move(*frame));
    return frames;
}

// One left step in the middle of the plate (the SingleStep scenario), default sensor realism.
inline StepPrint single_step(const sim::FootParameters& foot, std::uint64_t seed = 1,
                             const PlateGeometry& geometry = PlateGeometry::clinical_plate()) {
    sim::SimulationConfig config;
    config.scenario = sim::Scenario::SingleStep;
    config.geometry = geometry;
    config.duration_s = 1.5;
    config.seed = seed;
    config.foot = foot;
    sim::SimulatedPlate plate(config);
    const auto frames = all_frames(plate);
    return print_of_step(frames, geometry, plate.truth().steps.front(), foot);
}

// The complete steps of a simulated walk, each as its own print.
inline std::vector<StepPrint> walk_steps(const sim::FootParameters& foot, double duration_s, std::uint64_t seed = 1,
                                         const PlateGeometry& geometry = PlateGeometry::clinical_plate()) {
    sim::SimulationConfig config;
    config.scenario = sim::Scenario::Walk;
    config.geometry = geometry;
    config.duration_s = duration_s;
    config.seed = seed;
    config.foot = foot;
    sim::SimulatedPlate plate(config);
    const auto frames = all_frames(plate);
    std::vector<StepPrint> prints;
    for (const auto& step : plate.truth().steps)
        if (!step.cut_by_plate_edge && !step.cut_by_recording) prints.push_back(print_of_step(frames, geometry, step, foot));
    return prints;
}

}  // namespace footprint_test
