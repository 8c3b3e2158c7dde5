// CPEI (Song et al. 1996) and the print's width on a line across the foot (docs/methods.md 6.3).
#include "plantar/analysis/cpei.hpp"

#include <algorithm>
#include <cmath>
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

    // Construction line: most medial COP point near the start and near the end of stance,
    // among the frames that carry at least endpoint_min_load_fraction of the contact's peak
    // load. The lightest frames at strike and toe-off hold only the pressure peaks that clear
    // the plate's threshold, so their COP jumps toward them (docs/methods.md 6.3).
    double peak_load = 0.0;
    for (const auto& sample : contact.samples)
        if (sample.cop.valid() && std::isfinite(sample.load)) peak_load = std::max(peak_load, sample.load);
    const double min_load = std::max(0.0, config.endpoint_min_load_fraction) * peak_load;
    std::vector<TimedPoint> loaded;
    for (const auto& sample : contact.samples)
        if (sample.cop.valid() && sample.load >= min_load && sample.time_s >= path.front().time_s &&
            sample.time_s <= path.back().time_s)
            loaded.push_back({sample.time_s, sample.cop});
    if (loaded.size() < 2) loaded = path;  // a contact without loads (cannot happen with positions)
    const double start_time = loaded.front().time_s, end_time = loaded.back().time_s;
    const double window = std::max(0.0, config.endpoint_window_fraction) * (end_time - start_time);
    const TimedPoint* start = &loaded.front();
    const TimedPoint* end = &loaded.back();
    for (const auto& sample : loaded) {
        if (sample.time_s <= start_time + window && axis.across(sample.point) > axis.across(start->point)) start = &sample;
        if (sample.time_s >= end_time - window && axis.across(sample.point) > axis.across(end->point)) end = &sample;
    }
    result.construction_start = start->point;
    result.construction_end = end->point;

    const double line = footprint.heel_back_mm + config.line_fraction_of_length * footprint.length_mm;
    result.line_along_mm = line;
    if (!(axis.along(start->point) < line && axis.along(end->point) > line)) {
        result.why_not = "the construction line does not reach across the measuring line at " +
                         std::to_string(static_cast<int>(std::lround(100.0 * config.line_fraction_of_length))) +
                         " % of the foot length";
        return result;
    }
    result.construction_crossing = crossing(axis, start->point, end->point, line);

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
