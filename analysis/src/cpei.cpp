// CPEI (Song et al. 1996) and the print's width on a line across the foot (docs/methods.md 6.3).
#include "plantar/analysis/cpei.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <string>
#include <vector>

#include "plantar/analysis/cop.hpp"
#include "plantar/analysis/footprint.hpp"

namespace plantar::analysis {

namespace {

// Farthest a print can reach across its axis (mm): half of any plantar print's width is far less.
constexpr double kSearchHalfWidthMm = 250.0;

PrintSpan grid_span(const SensorMap& sensors, std::span<const std::uint8_t> mask, const FootAxis& axis, double along_mm) {
    PrintSpan span;
    const PlateGeometry& g = sensors.geometry;
    if (!(g.pitch_x_mm > 0.0) || !(g.pitch_y_mm > 0.0)) return span;
    // Step along the line finely enough that no cell is skipped and the edges are placed to
    // an eighth of a pitch.
    const double step = std::min(g.pitch_x_mm, g.pitch_y_mm) / 8.0;
    const auto steps = static_cast<int>(std::ceil(kSearchHalfWidthMm / step));
    for (int k = -steps; k <= steps; ++k) {
        const double across = k * step;
        const Point p = axis.at(along_mm, across);
        const long col = std::lround(p.x_mm / g.pitch_x_mm);
        const long row = std::lround(p.y_mm / g.pitch_y_mm);
        if (col < 0 || row < 0 || col >= g.cols || row >= g.rows) continue;
        const std::size_t i = g.index(static_cast<int>(row), static_cast<int>(col));
        if (i >= mask.size() || mask[i] == 0 || sensors.present[i] == 0) continue;
        if (!std::isfinite(span.lateral_mm)) span.lateral_mm = across;
        span.medial_mm = across;
    }
    // The first and last points inside are within a step of the cells' edges: widen by half a step.
    if (span.found()) span.lateral_mm -= step / 2.0, span.medial_mm += step / 2.0;
    return span;
}

PrintSpan placed_span(const SensorMap& sensors, std::span<const std::uint8_t> mask, const FootAxis& axis, double along_mm) {
    PrintSpan span;
    for (std::size_t i = 0; i < sensors.size() && i < mask.size(); ++i) {
        if (mask[i] == 0 || !(sensors.area_mm2[i] > 0.0)) continue;
        const double half = std::sqrt(sensors.area_mm2[i]) / 2.0;
        const Point centre{sensors.x_mm[i], sensors.y_mm[i]};
        if (std::abs(axis.along(centre) - along_mm) > half) continue;
        const double across = axis.across(centre);
        span.medial_mm = std::isfinite(span.medial_mm) ? std::max(span.medial_mm, across + half) : across + half;
        span.lateral_mm = std::isfinite(span.lateral_mm) ? std::min(span.lateral_mm, across - half) : across - half;
    }
    return span;
}

// Where the segment a -> b crosses along == line (a before, b at or beyond it).
Point crossing(const FootAxis& axis, const Point& a, const Point& b, double line) {
    const double along_a = axis.along(a), along_b = axis.along(b);
    const double t = (line - along_a) / (along_b - along_a);
    return {a.x_mm + t * (b.x_mm - a.x_mm), a.y_mm + t * (b.y_mm - a.y_mm)};
}

// One frame of the stance with a COP, and its load.
struct LoadedPoint {
    double time_s = kNaN;
    double load = 0.0;
    Point cop;
};
using LoadedPath = std::vector<LoadedPoint>;

// The contact's samples on the COP path (contact_cop_path: a COP, inside the stance), with loads.
LoadedPath loaded_path(const Contact& contact, const std::vector<TimedPoint>& path) {
    LoadedPath points;
    for (const auto& sample : contact.samples)
        if (sample.cop.valid() && sample.time_s >= path.front().time_s && sample.time_s <= path.back().time_s)
            points.push_back({sample.time_s, std::isfinite(sample.load) ? sample.load : 0.0, sample.cop});
    return points;
}

double peak_load(const LoadedPath& points) {
    double peak = 0.0;
    for (const auto& p : points) peak = std::max(peak, p.load);
    return peak;
}

struct Ends {
    LoadedPoint start, end;
};

// Walking from one end of the stance (first..last in that order), the COP where the load first
// reaches `level`: interpolated between that frame and the one before it, whose load is below.
// When the first frame already carries `level`, the crossing lies between it and the unloaded
// frame outside the contact, where there is no COP: the first frame's own COP is the end.
template <class It>
LoadedPoint crossing_of_load(It first, It last, double level) {
    for (It it = first; it != last; ++it) {
        if (it->load < level) continue;
        if (it == first) return *it;
        const LoadedPoint& below = *std::prev(it);
        const double t = (level - below.load) / (it->load - below.load);
        return {below.time_s + t * (it->time_s - below.time_s), level,
                {below.cop.x_mm + t * (it->cop.x_mm - below.cop.x_mm), below.cop.y_mm + t * (it->cop.y_mm - below.cop.y_mm)}};
    }
    return *first;
}

// Song et al. 1996: the first and the last COP point of the stance, its ends by load.
Ends song_ends(const LoadedPath& points, const CpeiConfig& config) {
    const double level = std::max(0.0, config.stance_load_fraction) * peak_load(points);
    return {crossing_of_load(points.begin(), points.end(), level), crossing_of_load(points.rbegin(), points.rend(), level)};
}

// The most medial COP point near the start and near the end of stance, among the frames that
// carry at least endpoint_min_load_fraction of the contact's peak load.
Ends robust_ends(const LoadedPath& points, const FootAxis& axis, const CpeiConfig& config) {
    const double min_load = std::max(0.0, config.endpoint_min_load_fraction) * peak_load(points);
    LoadedPath loaded;
    for (const auto& p : points)
        if (p.load >= min_load) loaded.push_back(p);
    if (loaded.size() < 2) loaded = points;  // a contact without loads (cannot happen with positions)
    const double start_time = loaded.front().time_s, end_time = loaded.back().time_s;
    const double window = std::max(0.0, config.endpoint_window_fraction) * (end_time - start_time);
    Ends ends{loaded.front(), loaded.back()};
    for (const auto& p : loaded) {
        if (p.time_s <= start_time + window && axis.across(p.cop) > axis.across(ends.start.cop)) ends.start = p;
        if (p.time_s >= end_time - window && axis.across(p.cop) > axis.across(ends.end.cop)) ends.end = p;
    }
    return ends;
}

// Of the path's movement along the foot axis, the share that runs forward (heel to toe).
double heel_to_toe_share(const std::vector<TimedPoint>& path, const FootAxis& axis) {
    double forward = 0.0, total = 0.0;
    for (std::size_t k = 0; k + 1 < path.size(); ++k) {
        const double step = axis.along(path[k + 1].point) - axis.along(path[k].point);
        forward += std::max(0.0, step);
        total += std::abs(step);
    }
    return total > 0.0 ? forward / total : 0.0;
}

std::string percent(double fraction) { return std::to_string(static_cast<int>(std::lround(100.0 * fraction))) + " %"; }

std::string incomplete_reason(const Contact& contact) {
    if (contact.cut_by_plate_edge) return "the contact is cut by the plate edge";
    if (contact.cut_by_recording_start) return "the contact began before the recording";
    return "the contact was still loaded at the end of the recording";
}

}  // namespace

PrintSpan print_span_across(const SensorMap& sensors, std::span<const std::uint8_t> mask, const FootAxis& axis,
                            double along_mm) {
    if (!sensors.positions_known() || !axis.heel.valid()) return {};
    return sensors.is_grid() ? grid_span(sensors, mask, axis, along_mm) : placed_span(sensors, mask, axis, along_mm);
}

CpeiResult compute_cpei(const SensorMap& sensors, const Contact& contact, const Footprint& footprint,
                        const CpeiConfig& config) {
    CpeiResult result;
    const FootAxis& axis = footprint.axis;
    if (!sensors.positions_known()) {
        result.why_not = "sensor positions are unknown";
        return result;
    }
    if (!contact.complete() && !config.allow_incomplete_contact) {
        result.why_not = incomplete_reason(contact);
        return result;
    }
    if (!footprint.has_heel) {
        result.why_not = "the print has no heel";
        return result;
    }
    if (!axis.heel.valid() || !std::isfinite(footprint.heel_back_mm) || !(footprint.length_mm > 0.0)) {
        result.why_not = "the foot axis or the foot length is unknown";
        return result;
    }
    if (footprint.side == Side::Unknown) {
        result.why_not = "the side of the foot (and so its medial edge) is unknown";
        return result;
    }
    const std::vector<TimedPoint> path = contact_cop_path(sensors, contact);
    if (path.size() < std::max<std::size_t>(config.min_cop_points, 2)) {
        result.why_not = "the centre-of-pressure path has fewer than " + std::to_string(config.min_cop_points) + " points";
        return result;
    }

    const double forward_share = heel_to_toe_share(path, axis);
    if (forward_share < config.min_heel_to_toe_share) {
        result.why_not = "the centre-of-pressure path does not roll heel to toe (only " + percent(forward_share) +
                         " of its movement along the foot runs forward, at least " +
                         percent(config.min_heel_to_toe_share) + " needed)";
        return result;
    }

    // Construction line (docs/methods.md 6.3): by default Song's, from the first to the last COP
    // point of the stance, the stance's ends taken by load so that neither the last toe to lift
    // (barefoot) nor the shoe pressing on an insole in swing makes an end, and so that the ends
    // do not depend on where the frames happen to fall in heel strike and toe-off.
    const LoadedPath points = loaded_path(contact, path);
    const Ends ends = config.endpoints == CpeiEndpoints::Robust ? robust_ends(points, axis, config)
                                                                : song_ends(points, config);
    result.construction_start = ends.start.cop;
    result.construction_end = ends.end.cop;
    result.construction_start_s = ends.start.time_s;
    result.construction_end_s = ends.end.time_s;

    const double line = footprint.heel_back_mm + config.line_fraction_of_length * footprint.length_mm;
    result.line_along_mm = line;
    if (!(axis.along(ends.start.cop) < line && axis.along(ends.end.cop) > line)) {
        result.why_not = "the construction line does not reach across the measuring line at " +
                         percent(config.line_fraction_of_length) + " of the foot length";
        return result;
    }
    result.construction_crossing = crossing(axis, ends.start.cop, ends.end.cop, line);

    // The COP path's first crossing of the line, heel to toe.
    for (std::size_t k = 0; k + 1 < path.size(); ++k) {
        const Point& a = path[k].point;
        const Point& b = path[k + 1].point;
        if (axis.along(a) < line && axis.along(b) >= line) {
            result.cop_crossing = crossing(axis, a, b, line);
            break;
        }
    }
    if (!result.cop_crossing.valid()) {
        result.why_not = "the centre-of-pressure path does not cross the measuring line";
        return result;
    }

    // The width is the footprint part's contact width across the axis (one definition of a
    // print's width for the whole analysis); the drawn line ends on the print's outer edges.
    const double width = print_width_across(sensors, contact.mask, axis, line, kNaN, contact.peak);
    const PrintSpan span = print_span_across(sensors, contact.mask, axis, line);
    if (!(width > 0.0) || !span.found()) {
        result.why_not = "the print has no width on the measuring line";
        return result;
    }
    result.width_mm = width;
    result.line_medial_end = axis.at(line, span.medial_mm);
    result.line_lateral_end = axis.at(line, span.lateral_mm);
    result.cpe_mm = axis.across(result.construction_crossing) - axis.across(result.cop_crossing);
    result.cpei_pct = 100.0 * result.cpe_mm / result.width_mm;
    return result;
}

}  // namespace plantar::analysis
