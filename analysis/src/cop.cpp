// COP path length, velocity and long axis (docs/methods.md section 6).
#include "plantar/analysis/cop.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace plantar::analysis {

PointSpread point_spread(std::span<const Point> points, std::span<const double> weights) {
    PointSpread spread;
    double sum_w = 0.0, sum_x = 0.0, sum_y = 0.0;
    auto weight_of = [&](std::size_t i) { return weights.empty() ? 1.0 : weights[i]; };
    for (std::size_t i = 0; i < points.size(); ++i) {
        const double w = weight_of(i);
        if (!points[i].valid() || !(w > 0.0) || !std::isfinite(w)) continue;
        ++spread.count;
        sum_w += w;
        sum_x += w * points[i].x_mm;
        sum_y += w * points[i].y_mm;
    }
    if (spread.count == 0) return spread;
    spread.mean = {sum_x / sum_w, sum_y / sum_w};
    if (spread.count < 2) return spread;
    double sxx = 0.0, syy = 0.0, sxy = 0.0;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const double w = weight_of(i);
        if (!points[i].valid() || !(w > 0.0) || !std::isfinite(w)) continue;
        const double dx = points[i].x_mm - spread.mean.x_mm, dy = points[i].y_mm - spread.mean.y_mm;
        sxx += w * dx * dx;
        syy += w * dy * dy;
        sxy += w * dx * dy;
    }
    const auto n = static_cast<double>(spread.count);
    const double scale = n / ((n - 1.0) * sum_w);
    spread.var_x = sxx * scale;
    spread.var_y = syy * scale;
    spread.cov_xy = sxy * scale;
    // Eigen decomposition of the symmetric 2 x 2 covariance.
    const double half_trace = 0.5 * (spread.var_x + spread.var_y);
    const double half_diff = 0.5 * (spread.var_x - spread.var_y);
    const double root = std::hypot(half_diff, spread.cov_xy);
    spread.major_variance = half_trace + root;
    spread.minor_variance = std::max(0.0, half_trace - root);
    const double angle = 0.5 * std::atan2(2.0 * spread.cov_xy, spread.var_x - spread.var_y);
    spread.major_x = std::cos(angle);
    spread.major_y = std::sin(angle);
    return spread;
}

namespace {

double distance_mm(const Point& a, const Point& b) { return std::hypot(b.x_mm - a.x_mm, b.y_mm - a.y_mm); }

// The medial direction for a foot whose axis is set: the subject faces `along`, so a left
// foot's medial side is on its right (along turned clockwise), a right foot's on its left.
void set_medial_for_side(FootAxis& axis, Side side) {
    const double sign = side == Side::Right ? -1.0 : 1.0;
    axis.medial_x = sign * axis.along_y;
    axis.medial_y = -sign * axis.along_x;
}

}  // namespace

CopPathSummary summarize_cop_path(std::span<const TimedPoint> path) {
    CopPathSummary summary;
    const TimedPoint* first = nullptr;
    const TimedPoint* previous = nullptr;
    double length = 0.0;
    for (const auto& sample : path) {
        if (!sample.point.valid() || !std::isfinite(sample.time_s)) continue;
        ++summary.points;
        if (previous != nullptr) length += distance_mm(previous->point, sample.point);
        else first = &sample;
        previous = &sample;
    }
    if (summary.points < 2) {
        summary.why_not = "fewer than 2 centre-of-pressure points";
        return summary;
    }
    summary.duration_s = previous->time_s - first->time_s;
    summary.path_length_mm = length;
    if (!(summary.duration_s > 0.0)) {
        summary.why_not = "the centre-of-pressure points span no time";
        return summary;
    }
    summary.mean_velocity_mm_s = length / summary.duration_s;
    return summary;
}

namespace {

bool in_stance(const Contact& contact, double time_s) {
    if (!std::isfinite(contact.strike_s) || !std::isfinite(contact.off_s)) return true;
    return time_s >= contact.strike_s && time_s <= contact.off_s;
}

}  // namespace

std::vector<TimedPoint> contact_cop_path(const SensorMap& sensors, const Contact& contact) {
    std::vector<TimedPoint> path;
    if (!sensors.positions_known()) return path;
    for (const auto& sample : contact.samples)
        if (sample.cop.valid() && in_stance(contact, sample.time_s)) path.push_back({sample.time_s, sample.cop});
    return path;
}

CopPathSummary summarize_contact_cop_path(const SensorMap& sensors, const Contact& contact) {
    if (!sensors.positions_known()) {
        CopPathSummary summary;
        summary.why_not = "sensor positions are unknown";
        return summary;
    }
    return summarize_cop_path(contact_cop_path(sensors, contact));
}

CopPathAxis cop_path_axis(std::span<const TimedPoint> path, std::span<const double> weights, Side side) {
    CopPathAxis result;
    result.axis.method = AxisMethod::CopPath;
    std::vector<Point> points;
    std::vector<double> used_weights;
    const TimedPoint* start = nullptr;
    const TimedPoint* end = nullptr;
    for (std::size_t i = 0; i < path.size(); ++i) {
        const double weight = i < weights.size() ? weights[i] : 1.0;
        if (!path[i].point.valid() || !(weight > 0.0)) continue;
        points.push_back(path[i].point);
        used_weights.push_back(weight);
        if (start == nullptr) start = &path[i];
        end = &path[i];
    }
    if (points.size() < 3) {
        result.why_not = "fewer than 3 centre-of-pressure points";
        return result;
    }
    const PointSpread principal = point_spread(points, used_weights);
    if (!(principal.major_variance > 0.0)) {
        result.why_not = "the centre-of-pressure path does not move";
        return result;
    }
    double ax = principal.major_x, ay = principal.major_y;
    // Orient the axis the way the path runs (heel strike to toe-off).
    const double run_x = end->point.x_mm - start->point.x_mm, run_y = end->point.y_mm - start->point.y_mm;
    if (ax * run_x + ay * run_y < 0.0) ax = -ax, ay = -ay;

    FootAxis& axis = result.axis;
    axis.along_x = ax;
    axis.along_y = ay;
    set_medial_for_side(axis, side);
    axis.angle_deg = std::atan2(ax, ay) * 180.0 / std::numbers::pi;
    const Point centre = principal.mean;
    auto on_axis = [&](const Point& p) {
        const double t = (p.x_mm - centre.x_mm) * ax + (p.y_mm - centre.y_mm) * ay;
        return Point{centre.x_mm + t * ax, centre.y_mm + t * ay};
    };
    axis.heel = on_axis(start->point);
    axis.toe = on_axis(end->point);
    result.spread_ratio = std::sqrt(std::max(0.0, principal.minor_variance) / principal.major_variance);
    return result;
}

CopPathAxis cop_path_axis(const SensorMap& sensors, const Contact& contact, Side side) {
    if (!sensors.positions_known()) {
        CopPathAxis result;
        result.axis.method = AxisMethod::CopPath;
        result.why_not = "sensor positions are unknown";
        return result;
    }
    std::vector<TimedPoint> path;
    std::vector<double> weights;
    for (const auto& sample : contact.samples) {
        if (!sample.cop.valid() || !in_stance(contact, sample.time_s)) continue;
        path.push_back({sample.time_s, sample.cop});
        weights.push_back(sample.load);
    }
    return cop_path_axis(path, weights, side);
}

}  // namespace plantar::analysis
