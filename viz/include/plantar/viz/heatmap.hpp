// A pressure frame as an RGBA image: each sensor of the grid becomes a block of pixels coloured by
// the colour map (colour_map.hpp), per sensor (nearest) or interpolated between sensor centres
// (bilinear). Unloaded sensors and holes in the grid are the background colour. The image is seen
// from above: x (columns) to the right, y (rows, along the plate) upwards, so row 0 of the plate
// is the bottom block row of the image. No GUI types: the viewer uploads the pixels as a texture,
// tests inspect them directly.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "plantar/capture/frame.hpp"
#include "plantar/capture/sensor_layout.hpp"
#include "plantar/viz/colour_map.hpp"

namespace plantar::viz {

enum class Interpolation { Nearest, Bilinear };

struct HeatmapOptions {
    // The value drawn with the top colour of the map (kPa, or counts for a raw trial); values above
    // it get the top colour. <= 0 or NaN: automatic, nice_scale_max() of the frame's largest value.
    double scale_max = 0.0;
    // Values at or below this are "unloaded" and drawn as background.
    double min_shown = 0.0;
    Interpolation interpolation = Interpolation::Nearest;
    int pixels_per_sensor = 8;  // 1 to 64
};

struct RgbaImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> pixels;  // row-major, 4 bytes (R, G, B, A) per pixel, top row first
    Rgba8 at(int x, int y) const;
};

struct Heatmap {
    RgbaImage image;          // empty for sensors without a grid (the viewer draws those one by one)
    double scale_max = 0.0;   // the value of the top colour actually used
};

// `values` has rows * cols entries (Frame::pressure_kpa). Throws plantar::InvalidArgument when the
// sizes do not match or pixels_per_sensor is out of range.
Heatmap render_heatmap(const PlateGeometry& geometry, const SensorLayout& layout, std::span<const float> values,
                       const HeatmapOptions& options);

// The image pixel (x, y) at the centre of sensor (row, col) in an image rendered at
// `pixels_per_sensor`.
struct PixelPoint {
    int x = 0;
    int y = 0;
};
PixelPoint sensor_centre_pixel(const PlateGeometry& geometry, int pixels_per_sensor, int row, int col);

// The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 x 10^k that is >= max_value (10 for
// max_value <= 0 or NaN): a round top of the scale that wastes at most a quarter of the colours.
double nice_scale_max(double max_value);
// Tick values for the legend from 0 to scale_max inclusive, evenly spaced at a round step
// (1, 2, 2.5, 5 x 10^k), at most max_ticks of them (at least 2).
std::vector<double> legend_ticks(double scale_max, int max_ticks = 6);
// The legend bar: `height` rows from the top colour (top row) down to the bottom colour.
RgbaImage legend_bar(int width, int height);

}  // namespace plantar::viz
