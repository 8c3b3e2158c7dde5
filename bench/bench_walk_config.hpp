// The simulated walk the benchmarks measure with: seed 1 on the clinical plate or the walkway,
// so figures from different benchmarks describe the same frames.
#pragma once

#include "plantar/capture/sim/simulated_plate.hpp"

namespace plantar::bench {

inline sim::SimulationConfig walk_config(double seconds, double rate_hz, bool walkway) {
    sim::SimulationConfig config;
    config.scenario = sim::Scenario::Walk;
    config.geometry = walkway ? PlateGeometry::walkway() : PlateGeometry::clinical_plate();
    config.rate_hz = rate_hz;
    config.duration_s = seconds;
    config.seed = 1;
    return config;
}

}  // namespace plantar::bench
