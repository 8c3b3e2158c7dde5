#include "contacts_neighbours.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace plantar::analysis::detail {

namespace {

// Neighbours of placed sensors are found by centre distance relative to their usual spacing;
// 1.6 x takes in diagonal neighbours of a square layout (1.41 x) and slightly uneven rows, and
// stays below the second ring (2 x).
constexpr double touching_spacing_factor = 1.6;

struct Xy {
    double x = 0.0, y = 0.0;
};

double cross(const Xy& o, const Xy& a, const Xy& b) { return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x); }

// Convex hull (Andrew's monotone chain), counter-clockwise, no repeated first point.
std::vector<Xy> convex_hull(std::vector<Xy> points) {
    std::sort(points.begin(), points.end(), [](const Xy& a, const Xy& b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
    if (points.size() < 3) return points;
    std::vector<Xy> hull(2 * points.size());
    std::size_t k = 0;
    for (const Xy& p : points) {
        while (k >= 2 && cross(hull[k - 2], hull[k - 1], p) <= 0.0) --k;
        hull[k++] = p;
    }
    for (std::size_t i = points.size() - 1, lower = k + 1; i > 0; --i) {
        const Xy& p = points[i - 1];
        while (k >= lower && cross(hull[k - 2], hull[k - 1], p) <= 0.0) --k;
        hull[k++] = p;
    }
    hull.resize(k - 1);
    return hull;
}

double distance_to_segment(const Xy& p, const Xy& a, const Xy& b) {
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double length2 = dx * dx + dy * dy;
    double t = length2 > 0.0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    return std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

}  // namespace

SensorNeighbourhood::SensorNeighbourhood(const SensorMap& sensors, double gap_mm) {
    const std::size_t n = sensors.size();
    edge_.assign(n, 0);
    // An insole takes the foot's outline, and a foot crop's edge is the export's, not the
    // plate's: a print reaching their outermost sensors is whole.
    const bool edges_cut = !sensors.layout.one_foot();
    grid_ = sensors.is_grid();
    if (!sensors.positions_known()) {
        grid_ = false;
        all_connected_ = true;
        touch_start_.assign(n + 1, 0);
        gap_start_.resize(n + 1);
        gap_.resize(n);
        for (std::size_t i = 0; i < n; ++i) gap_start_[i] = i, gap_[i] = static_cast<std::uint32_t>(i);
        gap_start_[n] = n;
        return;
    }
    if (grid_) {
        const PlateGeometry& g = sensors.geometry;
        rows_ = g.rows;
        cols_ = g.cols;
        spacing_mm_ = std::min(g.pitch_x_mm, g.pitch_y_mm);
        const int reach_rows = g.pitch_y_mm > 0.0 ? static_cast<int>(std::floor(gap_mm / g.pitch_y_mm)) : 0;
        const int reach_cols = g.pitch_x_mm > 0.0 ? static_cast<int>(std::floor(gap_mm / g.pitch_x_mm)) : 0;
        for (int dr = -reach_rows; dr <= reach_rows; ++dr)
            for (int dc = -reach_cols; dc <= reach_cols; ++dc)
                if (std::hypot(dr * g.pitch_y_mm, dc * g.pitch_x_mm) <= gap_mm + 1e-9) gap_offsets_.emplace_back(dr, dc);
        // The gap always holds the touching sensors (see the placed case below).
        for (int dr = -1; dr <= 1; ++dr)
            for (int dc = -1; dc <= 1; ++dc)
                if (std::find(gap_offsets_.begin(), gap_offsets_.end(), std::pair{dr, dc}) == gap_offsets_.end())
                    gap_offsets_.emplace_back(dr, dc);
        for (int r = 0; r < g.rows; ++r)
            for (int c = 0; c < g.cols; ++c)
                if (edges_cut && (r == 0 || c == 0 || r == g.rows - 1 || c == g.cols - 1)) edge_[g.index(r, c)] = 1;
        return;
    }

    // Placed sensors: O(n^2) once; layouts without a grid have at most a few thousand sensors.
    std::vector<double> nearest(n, std::numeric_limits<double>::infinity());
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j)
            if (i != j)
                nearest[i] = std::min(nearest[i], std::hypot(sensors.x_mm[i] - sensors.x_mm[j], sensors.y_mm[i] - sensors.y_mm[j]));
    std::vector<double> sorted = nearest;
    std::sort(sorted.begin(), sorted.end());
    spacing_mm_ = n > 1 ? sorted[n / 2] : 0.0;
    const double touching = touching_spacing_factor * spacing_mm_;
    touch_start_.assign(n + 1, 0);
    gap_start_.assign(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i) {
        touch_start_[i] = touch_.size();
        gap_start_[i] = gap_.size();
        for (std::size_t j = 0; j < n; ++j) {
            const double d = std::hypot(sensors.x_mm[i] - sensors.x_mm[j], sensors.y_mm[i] - sensors.y_mm[j]);
            if (i != j && d <= touching) touch_.push_back(static_cast<std::uint32_t>(j));
            if (d <= gap_mm || i == j) gap_.push_back(static_cast<std::uint32_t>(j));
        }
        // A sensor's gap list must at least hold the sensors it touches, so that a print whose
        // edge sensor dips below the threshold for a frame keeps its neighbours.
        for (std::size_t k = touch_start_[i]; k < touch_.size(); ++k)
            if (std::find(gap_.begin() + static_cast<std::ptrdiff_t>(gap_start_[i]), gap_.end(), touch_[k]) == gap_.end())
                gap_.push_back(touch_[k]);
    }
    touch_start_[n] = touch_.size();
    gap_start_[n] = gap_.size();

    std::vector<Xy> points(n);
    for (std::size_t i = 0; i < n; ++i) points[i] = {sensors.x_mm[i], sensors.y_mm[i]};
    const auto hull = convex_hull(points);
    for (std::size_t i = 0; i < n; ++i) {
        double closest = std::numeric_limits<double>::infinity();
        for (std::size_t k = 0; k < hull.size(); ++k)
            closest = std::min(closest, distance_to_segment(points[i], hull[k], hull[(k + 1) % hull.size()]));
        if (edges_cut && (hull.size() < 3 || closest <= 0.5 * spacing_mm_)) edge_[i] = 1;
    }
}

}  // namespace plantar::analysis::detail
