// Shared by the pipeline tests: a simulated trial held in memory with its truth, and matching
// of found contacts to the simulator's steps.
#pragma once

#include <cmath>
#include <optional>
#include <vector>

#include "plantar/analysis/pipeline.hpp"
#include "plantar/capture/sim/simulated_plate.hpp"

namespace plantar::test {

struct SimulatedTrial {
    sim::SimulationTruth truth;
    std::vector<Frame> frames;
    analysis::TrialInput input;

    explicit SimulatedTrial(const sim::SimulationConfig& config, PressureScale scale = PressureScale::Kilopascal,
                            const SensorLayout& layout = {}) {
        sim::SimulatedPlate plate(config);
        truth = plate.truth();
        while (auto frame = plate.next()) frames.push_back(std::move(*frame));
        input.sensors = analysis::SensorMap::make(plate.geometry(), layout, scale);
        input.kind = sim::trial_kind_of(config.scenario);
        input.rate_hz = config.rate_hz;
        input.frames = frames;
    }
    SimulatedTrial(const SimulatedTrial&) = delete;
    SimulatedTrial& operator=(const SimulatedTrial&) = delete;
};

inline analysis::Side side_of(sim::Side side) {
    return side == sim::Side::Left ? analysis::Side::Left : analysis::Side::Right;
}

// The simulated step whose heel strike is nearest the contact's first loaded frame and whose
// heel lies within 60 mm of the contact's print, if any.
inline const sim::SimulatedStep* matching_step(const SimulatedTrial& trial, const analysis::StepAnalysis& step) {
    const auto& contact = step.contact;
    const double start_s = static_cast<double>(trial.frames.at(contact.first_frame).device_time_us -
                                               trial.frames.front().device_time_us) * 1e-6;
    const auto& sensors = trial.input.sensors;
    const sim::SimulatedStep* best = nullptr;
    double best_dt = 1e9;
    for (const auto& s : trial.truth.steps) {
        bool near_heel = false;
        for (std::size_t i = 0; i < contact.mask.size() && !near_heel; ++i)
            if (contact.mask[i] != 0 && std::hypot(sensors.x_mm[i] - s.heel_x_mm, sensors.y_mm[i] - s.heel_y_mm) < 60.0)
                near_heel = true;
        const double strike_s = static_cast<double>(s.strike_us - trial.frames.front().device_time_us) * 1e-6;
        const double dt = std::abs(strike_s - start_s);
        if (near_heel && dt < best_dt) {
            best = &s;
            best_dt = dt;
        }
    }
    return best_dt < 0.3 ? best : nullptr;
}

}  // namespace plantar::test
