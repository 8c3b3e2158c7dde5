// Stuck sensor lines (SensorRealism::stuck_lines): checking them against a plate and playing
// them on a frame's readings.
#pragma once

#include <string>
#include <vector>

#include "plantar/capture/sim/simulated_plate.hpp"

namespace plantar::sim::detail {

// Empty when the line lies on the plate and reads a pressure the plate can report, else what
// is wrong.
std::string stuck_line_validation_error(const StuckLine& line, const PlateGeometry& plate, double full_scale_kpa);

// Overwrites the stuck sensors of a frame's readings (kPa, row-major). Whether a line that
// sticks only when loaded is lit is decided from the readings without any stuck line.
void apply_stuck_lines(const std::vector<StuckLine>& lines, const PlateGeometry& plate, std::vector<float>& readings);

}  // namespace plantar::sim::detail
