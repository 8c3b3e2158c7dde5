// Isobars: the lines of equal pressure over a sensor grid, found by marching squares between
// sensor centres. Each level gives line segments in plate mm (the overlay coordinates of
// overlay_geometry.hpp); the viewer draws them thin over the heatmap. No GUI types.
#pragma once

#include <span>
#include <vector>

#include "plantar/capture/frame.hpp"
#include "plantar/capture/sensor_layout.hpp"
#include "plantar/viz/overlay_geometry.hpp"

namespace plantar::viz {

struct Isobar {
    double level = 0.0;                  // kPa (or counts), the value along the line
    std::vector<PlateSegment> segments;  // in plate mm; neighbouring cells share end points exactly
};

// The levels for a colour scale topped at `scale_max`: the legend's round ticks (legend_ticks,
// at most `max_levels` + 1 of them) without 0, so every isobar sits at a value the legend names.
std::vector<double> isobar_levels(double scale_max, int max_levels = 6);
// The step between the levels of isobar_levels (0 when there are none).
double isobar_step(double scale_max, int max_levels = 6);

// One Isobar per level, in the order given. A square between four neighbouring sensor centres
// takes part only when all four sensors are present (grid_present) and finite, so lines never
// cross a hole or run past an absent sensor. Along an edge the crossing is interpolated linearly.
// A saddle (diagonal corners on the same side) is resolved by the mean of the four corners: when
// it is at or above the level the high corners are joined through the middle, otherwise the low
// ones. Sensors without a grid (placed sensors) give no isobars. Throws plantar::InvalidArgument
// when `values` does not match the plate.
std::vector<Isobar> isobars(const PlateGeometry& geometry, const SensorLayout& layout, std::span<const float> values,
                            std::span<const double> levels);

}  // namespace plantar::viz
