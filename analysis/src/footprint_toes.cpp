// Toes: found strip by strip along the axis, because the line between forefoot and toes is not
// straight across the foot (the lateral toes start further back than the hallux). In each strip
// the toes begin after a gap in contact or after a pressure valley in front of the metatarsal
// heads; at plate resolution toes usually touch the forefoot, so the valley is the common case.
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "footprint_points.hpp"

namespace plantar::analysis::footprint_detail {

namespace {

struct Strip {
    std::vector<PrintPoint*> points;  // sorted by along
    double boundary = kNaN;           // where the toes begin, along the axis; NaN: not seen here
    bool seen = false;
};

// The sensors in line with a point along the axis (within half a spacing across), from
// `from` on, in order along the axis. Each sensor's own line, not the strip's, so that a turned
// grid's columns never interleave into a false valley.
std::vector<const PrintPoint*> in_line(const Print& print, const PrintPoint& at, double from) {
    std::vector<const PrintPoint*> line;
    for (const auto& p : print.points)
        if (p.along >= from && std::abs(p.across - at.across) <= 0.5 * print.spacing) line.push_back(&p);
    std::sort(line.begin(), line.end(), [](const PrintPoint* a, const PrintPoint* b) { return a->along < b->along; });
    return line;
}

// The toe line in one strip: at its rearmost sensor (from the search start on) that has a gap
// in contact straight ahead (the line is at that last forefoot sensor's centre) or that is a
// valley on its own line along the axis (the line is at the valley sensor's centre: it
// straddles forefoot, gap and toe). NaN when the strip shows neither.
double strip_boundary(const std::vector<PrintPoint*>& strip, const Print& print, const FootprintConfig& config,
                      double search_from, double forefoot_from, double print_max) {
    for (const PrintPoint* point : strip) {
        if (point->along < search_from) continue;
        const auto line = in_line(print, *point, forefoot_from);
        const auto k = static_cast<std::size_t>(std::find(line.begin(), line.end(), point) - line.begin());
        if (k + 1 >= line.size()) continue;  // the front of its line: nothing ahead
        if (line[k + 1]->along - point->along > 1.5 * print.spacing) return point->along;
        if (k == 0) continue;
        const double value = point->peak;
        if (value > line[k - 1]->peak || value > line[k + 1]->peak) continue;
        double behind_max = 0.0, ahead_max = 0.0;
        for (std::size_t i = 0; i < k; ++i) behind_max = std::max(behind_max, line[i]->peak);
        for (std::size_t i = k + 1; i < line.size(); ++i) ahead_max = std::max(ahead_max, line[i]->peak);
        // The rise is judged against the print's highest value, or against twice this line's
        // forefoot when that is lower (a standing forefoot carries a fraction of the heel's
        // pressure, and its toes barely more than the threshold).
        if (value <= config.toe_valley_ratio * std::min(behind_max, ahead_max) &&
            ahead_max - value >= config.toe_min_rise_fraction * std::min(print_max, 2.0 * behind_max))
            return point->along;
    }
    return kNaN;
}

}  // namespace

std::size_t find_toes(Print& print, const FootprintConfig& config) {
    print.toeless_front = kNaN;
    for (auto& p : print.points) p.toe = false;
    const double back = back_edge(print);
    const double length = front_edge(print, false) - back;
    if (!(length > 0.0) || !(print.spacing > 0.0)) return 0;
    double print_max = 0.0;
    for (const auto& p : print.points) print_max = std::max(print_max, p.peak);
    const double search_from = back + config.toe_search_start_fraction * length;
    const double forefoot_from = back + 0.5 * length;

    // Strips one sensor spacing wide, parallel to the axis, over the front half of the print.
    // One strip is centred on the sensor nearest to the axis, so that strip edges fall halfway
    // between the columns of a grid lying along the axis, and a mirrored print gets mirrored
    // strips.
    std::map<long, Strip> strips;
    const auto nearest = std::min_element(print.points.begin(), print.points.end(), [](const PrintPoint& a, const PrintPoint& b) {
        return std::abs(a.across) < std::abs(b.across);
    });
    const double offset = std::fmod(nearest->across, print.spacing);
    for (auto& p : print.points)
        if (p.along >= forefoot_from) strips[std::lround((p.across - offset) / print.spacing)].points.push_back(&p);
    std::vector<std::pair<long, double>> seen;  // strip key, boundary
    for (auto& [key, strip] : strips) {
        std::sort(strip.points.begin(), strip.points.end(),
                  [](const PrintPoint* a, const PrintPoint* b) { return a->along < b->along; });
        strip.boundary = strip_boundary(strip.points, print, config, search_from, forefoot_from, print_max);
        strip.seen = std::isfinite(strip.boundary);
        if (strip.seen) seen.emplace_back(key, strip.boundary);
    }
    if (seen.empty()) return 0;

    // Strips that show no toe line take it from their neighbours: linear between the nearest
    // strips that show one, constant beyond the outermost ones. Toes are the sensors in front of
    // the line; the toe-less print ends at the line.
    std::size_t toes = 0;
    double toeless_front = kNaN;
    for (auto& [key, strip] : strips) {
        if (!strip.seen) {
            auto after = std::lower_bound(seen.begin(), seen.end(), key,
                                          [](const std::pair<long, double>& s, long k) { return s.first < k; });
            if (after == seen.begin()) strip.boundary = after->second;
            else if (after == seen.end()) strip.boundary = std::prev(after)->second;
            else {
                const auto before = std::prev(after);
                const double t = static_cast<double>(key - before->first) / static_cast<double>(after->first - before->first);
                strip.boundary = before->second + t * (after->second - before->second);
            }
        }
        double front = kNaN;
        for (PrintPoint* p : strip.points) {
            // Toes: the sensors whose centre lies in front of the line (by more than a quarter
            // spacing, so that rounding never moves the boundary sensor itself).
            if (p->along > strip.boundary + 0.25 * print.spacing) {
                p->toe = true;
                ++toes;
            } else {
                front = std::isnan(front) ? p->along : std::max(front, p->along);
            }
        }
        if (std::isfinite(front)) {
            front = std::min(front, strip.boundary);
            toeless_front = std::isnan(toeless_front) ? front : std::max(toeless_front, front);
        }
    }
    // Sensors of the back half are never toes; the toe-less front is at least their front edge.
    for (const auto& p : print.points)
        if (p.along < forefoot_from) toeless_front = std::max(toeless_front, p.along);
    print.toeless_front = toeless_front;
    return toes;
}

}  // namespace plantar::analysis::footprint_detail
