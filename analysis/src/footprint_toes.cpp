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

// Along position of the nearest contact sensor straight ahead of a point (within half a
// spacing across), +inf when none: a gap is judged on the whole print, not on the strip, whose
// edges may split a turned grid's column between two strips.
double next_ahead(const Print& print, const PrintPoint& from) {
    double next = std::numeric_limits<double>::infinity();
    for (const auto& p : print.points)
        if (p.along > from.along + 1e-9 && std::abs(p.across - from.across) <= 0.5 * print.spacing)
            next = std::min(next, p.along);
    return next;
}

// The toe line in one strip: after a gap in contact (the boundary is the front edge of the last
// forefoot sensor), or at a valley (the boundary is the valley sensor's centre: that sensor
// straddles forefoot, gap and toe). NaN when the strip shows neither.
double strip_boundary(const std::vector<PrintPoint*>& strip, const Print& print, const FootprintConfig& config,
                      double search_from, double print_max) {
    const std::size_t n = strip.size();
    double behind_max = 0.0;
    for (std::size_t j = 0; j + 1 < n; ++j) {
        behind_max = std::max(behind_max, strip[j]->peak);
        if (strip[j]->along < search_from) continue;
        if (next_ahead(print, *strip[j]) - strip[j]->along > 1.5 * print.spacing) return strip[j]->along;
        if (j == 0) continue;
        const double value = strip[j]->peak;
        if (value > strip[j - 1]->peak || value > strip[j + 1]->peak) continue;
        double ahead_max = 0.0;
        for (std::size_t k = j + 1; k < n; ++k) ahead_max = std::max(ahead_max, strip[k]->peak);
        // The rise is judged against the print's highest value, or against twice this strip's
        // forefoot when that is lower (a standing forefoot carries a fraction of the heel's
        // pressure, and its toes barely more than the threshold).
        if (value <= config.toe_valley_ratio * std::min(behind_max, ahead_max) &&
            ahead_max - value >= config.toe_min_rise_fraction * std::min(print_max, 2.0 * behind_max))
            return strip[j]->along;
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
        strip.boundary = strip_boundary(strip.points, print, config, search_from, print_max);
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
