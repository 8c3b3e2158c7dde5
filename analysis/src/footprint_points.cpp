// The print as a set of points: collecting the contact's sensors, projecting them on an axis,
// and the extents and widths every footprint measure is made of.
#include "footprint_points.hpp"

#include <algorithm>
#include <cmath>

namespace plantar::analysis::footprint_detail {

namespace {

double median(std::vector<double> values) {
    if (values.empty()) return kNaN;
    const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), middle, values.end());
    return *middle;
}

// Length of the overlap of [a0, a1] and [b0, b1].
double overlap(double a0, double a1, double b0, double b1) { return std::max(0.0, std::min(a1, b1) - std::max(a0, b0)); }

// Squared distance (std::hypot is slow, and these loops are quadratic in the print's size).
double distance2(double ax, double ay, double bx, double by) { return (ax - bx) * (ax - bx) + (ay - by) * (ay - by); }

}  // namespace

Print collect_print(const SensorMap& sensors, std::span<const float> peak, std::span<const std::uint8_t> mask,
                    bool edge_correction) {
    Print print;
    print.toeless_front = kNaN;
    for (std::size_t i = 0; i < sensors.size(); ++i) {
        if (mask[i] == 0 || sensors.present[i] == 0) continue;
        const double area = sensors.area_mm2[i];
        if (!(area > 0.0) || !std::isfinite(sensors.x_mm[i]) || !std::isfinite(sensors.y_mm[i])) continue;
        PrintPoint point;
        point.index = i;
        point.x = sensors.x_mm[i];
        point.y = sensors.y_mm[i];
        point.area = area;
        point.extent = std::sqrt(area);
        point.peak = std::isfinite(peak[i]) ? static_cast<double>(peak[i]) : 0.0;
        print.points.push_back(point);
    }
    // Nearest-neighbour spacing by brute force: a print has a few hundred sensors.
    std::vector<double> nearest, extents;
    nearest.reserve(print.points.size());
    for (const auto& a : print.points) {
        double best = kNaN;
        for (const auto& b : print.points) {
            if (&a == &b) continue;
            const double d2 = distance2(a.x, a.y, b.x, b.y);
            if (d2 > 0.0 && !(d2 >= best)) best = d2;
        }
        if (std::isfinite(best)) nearest.push_back(std::sqrt(best));
        extents.push_back(a.extent);
    }
    print.extent = median(extents);
    print.spacing = nearest.empty() ? print.extent : median(nearest);

    // Edge sensors: a sensor is in contact once a small part of it is loaded. A sensor whose
    // covered part c under a pressure P gives c x P >= t is in contact, so c lies between t/P
    // and 1, on average (1 + t/P) / 2. Holes in the grid and the plate's border are not edges
    // of the contact (nothing was measured there).
    double threshold = 0.0;
    for (const auto& p : print.points)
        if (p.peak > 0.0) threshold = threshold > 0.0 ? std::min(threshold, p.peak) : p.peak;
    const double reach = 1.2 * print.spacing;
    // The present sensors out of contact near the print (its bounding box grown by the reach).
    double min_x = 1e300, max_x = -1e300, min_y = 1e300, max_y = -1e300;
    for (const auto& p : print.points) min_x = std::min(min_x, p.x), max_x = std::max(max_x, p.x), min_y = std::min(min_y, p.y), max_y = std::max(max_y, p.y);
    std::vector<std::size_t> outside;
    for (std::size_t j = 0; edge_correction && j < sensors.size(); ++j)
        if (mask[j] == 0 && sensors.present[j] != 0 && sensors.x_mm[j] >= min_x - reach && sensors.x_mm[j] <= max_x + reach &&
            sensors.y_mm[j] >= min_y - reach && sensors.y_mm[j] <= max_y + reach)
            outside.push_back(j);
    for (auto& point : print.points) {
        point.counted_area = point.area;
        if (!edge_correction) continue;
        for (std::size_t j : outside) {
            if (distance2(sensors.x_mm[j], sensors.y_mm[j], point.x, point.y) <= reach * reach) {
                point.edge = true;
                break;
            }
        }
        if (!point.edge) continue;
        const double neighbourhood2 = (1.5 * print.spacing) * (1.5 * print.spacing);
        double full = point.peak;
        for (const auto& other : print.points)
            if (distance2(other.x, other.y, point.x, point.y) <= neighbourhood2) full = std::max(full, other.peak);
        const double covered = full > 0.0 ? 0.5 * (1.0 + std::min(1.0, threshold / full)) : 0.5;
        point.counted_area = point.area * covered;
    }
    return print;
}

void project(Print& print, const FootAxis& axis) {
    for (auto& point : print.points) {
        const Point p{point.x, point.y};
        point.along = axis.along(p);
        point.across = axis.across(p);
    }
}

double back_edge(const Print& print) {
    double back = kNaN;
    for (const auto& p : print.points) back = std::isnan(back) ? p.along : std::min(back, p.along);
    return back;
}

double front_edge(const Print& print, bool without_toes) {
    if (without_toes && std::isfinite(print.toeless_front)) return print.toeless_front;
    double front = kNaN;
    for (const auto& p : print.points) {
        if (without_toes && p.toe) continue;
        front = std::isnan(front) ? p.along : std::max(front, p.along);
    }
    return front;
}

double width_at(const Print& print, double along, double slab, bool without_toes) {
    if (!(slab > 0.0)) return kNaN;
    double area = 0.0;
    for (const auto& p : print.points) {
        if (without_toes && p.toe) continue;
        // The part of the sensor's area whose along-extent lies inside the slab.
        const double inside = overlap(p.along - p.extent / 2, p.along + p.extent / 2, along - slab / 2, along + slab / 2);
        area += p.counted_area * inside / p.extent;
    }
    return area / slab;
}

}  // namespace plantar::analysis::footprint_detail
