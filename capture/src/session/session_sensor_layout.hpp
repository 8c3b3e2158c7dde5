// The sensor layout of a trial (format version 2), both ways: `grid_present` for a grid with
// holes, the `sensors` group for sensors without a grid. docs/session-format.md, "Sensor layout".
#pragma once

#include <string>

#include "hdf5_handles.hpp"
#include "plantar/capture/session/session.hpp"

namespace plantar::session_detail {

// What is wrong with the layout of a trial about to be written, or "" when it can be stored:
// grid_present must have rows * cols flags of 0 or 1; N placed sensors need a 1 x N geometry,
// finite centres, finite positive areas, and corners for every sensor or for none; unknown
// geometry (geometry_known false) only for placed sensors.
std::string sensor_layout_problem(const SensorLayout& layout, const PlateGeometry& geometry);

// Writes the layout's datasets into the trial group (nothing for a full grid). The layout must
// have passed sensor_layout_problem for `geometry`.
void write_sensor_layout(hid_t trial_group, const SensorLayout& layout, const PlateGeometry& geometry);

// Reads the layout back; `what` names the trial in errors. Throws Hdf5Error when the datasets
// do not fit the trial's geometry or each other.
SensorLayout read_sensor_layout(hid_t trial_group, const PlateGeometry& geometry, const std::string& what);

}  // namespace plantar::session_detail
