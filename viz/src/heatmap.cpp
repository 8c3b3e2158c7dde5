#include "plantar/viz/heatmap.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "plantar/capture/errors.hpp"

namespace plantar::viz {
namespace {

void put(RgbaImage& image, int x, int y, Rgba8 colour) {
    const std::size_t at = (static_cast<std::size_t>(y) * static_cast<std::size_t>(image.width) + static_cast<std::size_t>(x)) * 4;
    image.pixels[at] = colour.r;
    image.pixels[at + 1] = colour.g;
    image.pixels[at + 2] = colour.b;
    image.pixels[at + 3] = colour.a;
}

// What one sensor contributes: its value, or nothing for a hole.
struct SensorGrid {
    const PlateGeometry& geometry;
    const SensorLayout& layout;
    std::span<const float> values;
    bool present(int row, int col) const {
        return layout.grid_present.empty() || layout.grid_present[geometry.index(row, col)] != 0;
    }
    double value(int row, int col) const { return values[geometry.index(row, col)]; }
};

// Bilinear interpolation between the four sensor centres around (u, v) in sensor units (u across
// columns, v along rows; integer values are sensor centres). Holes do not take part: the weights
// of the present neighbours are renormalised.
double bilinear(const SensorGrid& grid, double u, double v) {
    const int rows = grid.geometry.rows, cols = grid.geometry.cols;
    u = std::clamp(u, 0.0, static_cast<double>(cols - 1));
    v = std::clamp(v, 0.0, static_cast<double>(rows - 1));
    const int c0 = std::min(static_cast<int>(std::floor(u)), cols - 1), r0 = std::min(static_cast<int>(std::floor(v)), rows - 1);
    const int c1 = std::min(c0 + 1, cols - 1), r1 = std::min(r0 + 1, rows - 1);
    const double fu = u - c0, fv = v - r0;
    const int rs[2] = {r0, r1};
    const int cs[2] = {c0, c1};
    const double wr[2] = {1.0 - fv, fv};
    const double wc[2] = {1.0 - fu, fu};
    double sum = 0.0, weight = 0.0;
    for (int i = 0; i < 2; ++i)
        for (int j = 0; j < 2; ++j) {
            if (!grid.present(rs[i], cs[j])) continue;
            const double w = wr[i] * wc[j];
            sum += w * grid.value(rs[i], cs[j]);
            weight += w;
        }
    return weight > 0.0 ? sum / weight : 0.0;
}

}  // namespace

Rgba8 RgbaImage::at(int x, int y) const {
    const std::size_t i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)) * 4;
    return Rgba8{pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]};
}

Heatmap render_heatmap(const PlateGeometry& geometry, const SensorLayout& layout, std::span<const float> values,
                       const HeatmapOptions& options) {
    if (values.size() != geometry.sensor_count())
        throw InvalidArgument("heatmap: the frame has " + std::to_string(values.size()) + " values, the plate " +
                              std::to_string(geometry.sensor_count()));
    if (options.pixels_per_sensor < 1 || options.pixels_per_sensor > 64)
        throw InvalidArgument("heatmap: pixels_per_sensor must be 1 to 64, not " + std::to_string(options.pixels_per_sensor));
    if (!layout.grid_present.empty() && layout.grid_present.size() != geometry.sensor_count())
        throw InvalidArgument("heatmap: the layout's grid does not match the plate");

    Heatmap out;
    double largest = 0.0;
    for (float v : values)
        if (std::isfinite(v)) largest = std::max(largest, static_cast<double>(v));
    out.scale_max = options.scale_max > 0.0 ? options.scale_max : nice_scale_max(largest);
    if (layout.has_placed_sensors() || geometry.rows <= 0 || geometry.cols <= 0) return out;

    const int pps = options.pixels_per_sensor;
    RgbaImage& image = out.image;
    image.width = geometry.cols * pps;
    image.height = geometry.rows * pps;
    image.pixels.assign(static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 4, 0);
    const SensorGrid grid{geometry, layout, values};
    const auto colour_of = [&](double value) {
        if (!(value > options.min_shown)) return kBackground;
        return colour_map(value / out.scale_max);
    };
    if (options.interpolation == Interpolation::Nearest) {
        for (int y = 0; y < image.height; ++y) {
            const int row = geometry.rows - 1 - y / pps;  // y up: plate row 0 at the bottom
            for (int x = 0; x < image.width; ++x) {
                const int col = x / pps;
                put(image, x, y, grid.present(row, col) ? colour_of(grid.value(row, col)) : kBackground);
            }
        }
        return out;
    }
    // Smooth: most of a plate is unloaded, and an interpolated value never exceeds the largest of
    // its (present) neighbours, so a pixel whose neighbours are all at or below min_shown is
    // background without interpolating. Neighbours and weights depend only on x (columns) or
    // y (rows): computed once per column and per row, not per pixel.
    std::vector<std::uint8_t> shown(values.size(), 0);
    for (std::size_t i = 0; i < values.size(); ++i) shown[i] = static_cast<double>(values[i]) > options.min_shown ? 1 : 0;
    struct Axis {
        int low = 0, high = 0;
    };
    const auto neighbours = [](double at, int count) {
        at = std::clamp(at, 0.0, static_cast<double>(count - 1));
        const int low = std::min(static_cast<int>(std::floor(at)), count - 1);
        return Axis{low, std::min(low + 1, count - 1)};
    };
    std::vector<Axis> column_of(static_cast<std::size_t>(image.width));
    for (int x = 0; x < image.width; ++x) column_of[static_cast<std::size_t>(x)] = neighbours((x + 0.5) / pps - 0.5, geometry.cols);
    for (int y = 0; y < image.height; ++y) {
        const int row = geometry.rows - 1 - y / pps;  // y up: plate row 0 at the bottom
        // Pixel centre in sensor units; rows count upwards while image y counts downwards.
        const double v = (image.height - y - 0.5) / pps - 0.5;
        const Axis rows = neighbours(v, geometry.rows);
        const std::size_t low_row = geometry.index(rows.low, 0), high_row = geometry.index(rows.high, 0);
        for (int x = 0; x < image.width; ++x) {
            const int col = x / pps;
            const Axis cols = column_of[static_cast<std::size_t>(x)];
            const auto low = static_cast<std::size_t>(cols.low), high = static_cast<std::size_t>(cols.high);
            if (!grid.present(row, col) ||
                (shown[low_row + low] | shown[low_row + high] | shown[high_row + low] | shown[high_row + high]) == 0) {
                put(image, x, y, kBackground);
                continue;
            }
            const double u = (x + 0.5) / pps - 0.5;
            put(image, x, y, colour_of(bilinear(grid, u, v)));
        }
    }
    return out;
}

PixelPoint sensor_centre_pixel(const PlateGeometry& geometry, int pixels_per_sensor, int row, int col) {
    return PixelPoint{col * pixels_per_sensor + pixels_per_sensor / 2,
                      (geometry.rows - 1 - row) * pixels_per_sensor + pixels_per_sensor / 2};
}

namespace {
// The smallest of `mantissas` x 10^k that is >= value.
template <std::size_t N>
double round_up(double value, const double (&mantissas)[N]) {
    const double decade = std::pow(10.0, std::floor(std::log10(value)));
    for (double m : mantissas)
        if (m * decade >= value * (1.0 - 1e-12)) return m * decade;
    return 10.0 * decade;
}
}  // namespace

double nice_scale_max(double max_value) {
    if (!(max_value > 0.0)) return 10.0;
    static constexpr double kMantissas[] = {1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0};
    return round_up(max_value, kMantissas);
}

std::vector<double> legend_ticks(double scale_max, int max_ticks) {
    max_ticks = std::max(max_ticks, 2);
    if (!(scale_max > 0.0)) return {0.0};
    // The smallest round step (1, 2, 2.5, 5 x 10^k) that needs at most max_ticks ticks.
    const double raw_step = scale_max / (max_ticks - 1);
    static constexpr double kStepMantissas[] = {1.0, 2.0, 2.5, 5.0, 10.0};
    const double step = round_up(raw_step, kStepMantissas);
    std::vector<double> ticks;
    for (int i = 0;; ++i) {
        const double t = i * step;
        if (t > scale_max * (1.0 + 1e-9)) break;
        ticks.push_back(t);
    }
    return ticks;
}

RgbaImage legend_bar(int width, int height) {
    RgbaImage image;
    image.width = std::max(width, 1);
    image.height = std::max(height, 2);
    image.pixels.resize(static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 4);
    for (int y = 0; y < image.height; ++y) {
        const Rgba8 colour = colour_map(1.0 - static_cast<double>(y) / (image.height - 1));
        for (int x = 0; x < image.width; ++x) put(image, x, y, colour);
    }
    return image;
}

}  // namespace plantar::viz
