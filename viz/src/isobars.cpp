#include "plantar/viz/isobars.hpp"

#include <cmath>
#include <string>

#include "plantar/capture/errors.hpp"
#include "plantar/viz/heatmap.hpp"

namespace plantar::viz {

std::vector<double> isobar_levels(double scale_max, int max_levels) {
    std::vector<double> levels;
    for (double tick : legend_ticks(scale_max, max_levels + 1))
        if (tick > 0.0) levels.push_back(tick);
    return levels;
}

double isobar_step(double scale_max, int max_levels) {
    const std::vector<double> levels = isobar_levels(scale_max, max_levels);
    return levels.empty() ? 0.0 : levels.front();
}

namespace {

struct Corner {
    int row = 0, col = 0;
    double value = 0.0;
};

// Where the level crosses the edge between two sensor centres. The two ends are taken in a fixed
// order (lower row, then lower column, first) so both squares sharing an edge compute bit-identical
// points and the segments join up exactly.
analysis::Point crossing(const PlateGeometry& g, Corner a, Corner b, double level) {
    if (b.row < a.row || (b.row == a.row && b.col < a.col)) std::swap(a, b);
    const double t = (level - a.value) / (b.value - a.value);
    const double xa = g.x_mm(a.col), ya = g.y_mm(a.row), xb = g.x_mm(b.col), yb = g.y_mm(b.row);
    return {xa + t * (xb - xa), ya + t * (yb - ya)};
}

}  // namespace

std::vector<Isobar> isobars(const PlateGeometry& geometry, const SensorLayout& layout, std::span<const float> values,
                            std::span<const double> levels) {
    if (values.size() != geometry.sensor_count())
        throw InvalidArgument("isobars: the frame has " + std::to_string(values.size()) + " values, the plate " +
                              std::to_string(geometry.sensor_count()));
    if (!layout.grid_present.empty() && layout.grid_present.size() != geometry.sensor_count())
        throw InvalidArgument("isobars: the layout's grid does not match the plate");
    std::vector<Isobar> out;
    for (double level : levels) out.push_back(Isobar{level, {}});
    if (layout.has_placed_sensors() || geometry.rows < 2 || geometry.cols < 2) return out;

    const auto usable = [&](int row, int col) {
        const std::size_t i = geometry.index(row, col);
        return (layout.grid_present.empty() || layout.grid_present[i] != 0) && std::isfinite(values[i]);
    };
    for (int row = 0; row + 1 < geometry.rows; ++row) {
        for (int col = 0; col + 1 < geometry.cols; ++col) {
            if (!usable(row, col) || !usable(row, col + 1) || !usable(row + 1, col) || !usable(row + 1, col + 1)) continue;
            // Corners counter-clockwise from the lower left (x right, y up): 0 (r, c), 1 (r, c+1),
            // 2 (r+1, c+1), 3 (r+1, c). Edge k joins corner k and corner k+1.
            const Corner corner[4] = {
                {row, col, values[geometry.index(row, col)]},
                {row, col + 1, values[geometry.index(row, col + 1)]},
                {row + 1, col + 1, values[geometry.index(row + 1, col + 1)]},
                {row + 1, col, values[geometry.index(row + 1, col)]},
            };
            for (Isobar& isobar : out) {
                const double level = isobar.level;
                int above = 0;
                for (int k = 0; k < 4; ++k)
                    if (corner[k].value >= level) above |= 1 << k;
                if (above == 0 || above == 15) continue;
                const auto edge_point = [&](int k) { return crossing(geometry, corner[k], corner[(k + 1) % 4], level); };
                const auto add = [&](int edge_a, int edge_b) { isobar.segments.push_back({edge_point(edge_a), edge_point(edge_b)}); };
                // Edges whose two corners differ carry a crossing; there are two, or four at a saddle.
                int crossed[4], n = 0;
                for (int k = 0; k < 4; ++k)
                    if (((above >> k) & 1) != ((above >> ((k + 1) % 4)) & 1)) crossed[n++] = k;
                if (n == 2) {
                    add(crossed[0], crossed[1]);
                    continue;
                }
                // Saddle: corners 0 and 2 on one side, 1 and 3 on the other. Each corner k is cut
                // off by the edges k-1 and k; cutting off the corners on the side the centre is
                // not on joins the centre's side through the middle.
                const double centre = (corner[0].value + corner[1].value + corner[2].value + corner[3].value) / 4.0;
                const bool centre_above = centre >= level;
                const bool corner0_above = (above & 1) != 0;
                const int first = corner0_above == centre_above ? 1 : 0;  // a corner on the other side than the centre
                for (int k = first; k < 4; k += 2) add((k + 3) % 4, k);
            }
        }
    }
    return out;
}

}  // namespace plantar::viz
