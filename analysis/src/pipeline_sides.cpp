// Left or right from the step order: the line of progression through the prints of one pass
// (successive contacts) or one stance (simultaneous contacts), and which side of it each print
// lies on. docs/methods.md section 2 gives the rule and its limits.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "plantar/analysis/pipeline.hpp"

namespace plantar::analysis {

namespace {

// A print nearer than this to the line of progression is not placed on either side: the feet
// of a normal walk land about 50 mm either side of it (docs/simulator.md; Cavanagh's base of
// support), so 10 mm is well inside any real step width.
constexpr double kMinOffsetMm = 10.0;

// The area-weighted centre of a contact's footprint mask.
Point mask_centre(const SensorMap& sensors, const Contact& contact) {
    double sum = 0.0, sx = 0.0, sy = 0.0;
    for (std::size_t i = 0; i < contact.mask.size() && i < sensors.size(); ++i) {
        if (contact.mask[i] == 0 || sensors.present[i] == 0) continue;
        const double w = sensors.area_mm2[i] > 0.0 ? sensors.area_mm2[i] : 1.0;
        sum += w;
        sx += w * sensors.x_mm[i];
        sy += w * sensors.y_mm[i];
    }
    if (!(sum > 0.0)) return {};
    return {sx / sum, sy / sum};
}

double start_time_s(const Contact& contact) {
    if (std::isfinite(contact.strike_s)) return contact.strike_s;
    return contact.samples.empty() ? kNaN : contact.samples.front().time_s;
}

std::string mm(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.0f mm", std::abs(value));
    return text;
}

}  // namespace

std::vector<StepOrderSide> sides_from_step_order(const SensorMap& sensors, std::span<const Contact> contacts,
                                                 std::span<const FootAxis> axes, double max_step_time_s) {
    std::vector<StepOrderSide> result(contacts.size());
    if (!sensors.positions_known() || contacts.size() < 2) return result;

    // Contacts in time order, grouped into passes: each starts within max_step_time_s of the
    // one before it.
    std::vector<std::size_t> order(contacts.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return contacts[a].first_frame < contacts[b].first_frame;
    });
    std::vector<std::vector<std::size_t>> passes;
    for (std::size_t k = 0; k < order.size(); ++k) {
        const double t = start_time_s(contacts[order[k]]);
        const double previous = k == 0 ? kNaN : start_time_s(contacts[order[k - 1]]);
        if (k == 0 || !(t - previous <= max_step_time_s)) passes.emplace_back();
        passes.back().push_back(order[k]);
    }

    for (const auto& pass : passes) {
        if (pass.size() < 2) continue;  // a lone step: the order says nothing
        std::vector<Point> centres;
        Point mean{0.0, 0.0};
        std::size_t valid = 0;
        for (std::size_t i : pass) {
            centres.push_back(mask_centre(sensors, contacts[i]));
            if (!centres.back().valid()) continue;
            mean.x_mm += centres.back().x_mm;
            mean.y_mm += centres.back().y_mm;
            ++valid;
        }
        if (valid < 2) continue;
        mean.x_mm /= static_cast<double>(valid);
        mean.y_mm /= static_cast<double>(valid);

        // The direction of walking (or facing, when standing): the mean heel-to-toe direction
        // of the prints; without axes, from the first print to the last.
        double dx = 0.0, dy = 0.0;
        for (std::size_t i : pass)
            if (i < axes.size() && axes[i].heel.valid() && axes[i].toe.valid()) {
                dx += axes[i].along_x;
                dy += axes[i].along_y;
            }
        std::string direction_basis = "the prints' heel-to-toe direction";
        if (std::hypot(dx, dy) < 1e-6) {
            const Point& first = centres.front();
            const Point& last = centres.back();
            dx = last.x_mm - first.x_mm;
            dy = last.y_mm - first.y_mm;
            direction_basis = "the direction from the first print to the last";
            if (!first.valid() || !last.valid() || std::hypot(dx, dy) < 50.0) continue;
        }
        const double norm = std::hypot(dx, dy);
        dx /= norm;
        dy /= norm;

        // Left of the direction is positive: cross(direction, p - mean).
        Side previous_side = Side::Unknown;
        double previous_start = kNaN;
        bool alternate = true;
        for (std::size_t k = 0; k < pass.size(); ++k) {
            const Point& p = centres[k];
            if (!p.valid()) continue;
            auto& s = result[pass[k]];
            s.offset_mm = dx * (p.y_mm - mean.y_mm) - dy * (p.x_mm - mean.x_mm);
            if (std::abs(s.offset_mm) < kMinOffsetMm) continue;
            s.side = s.offset_mm > 0.0 ? Side::Left : Side::Right;
            const double start = start_time_s(contacts[pass[k]]);
            // Successive steps (not simultaneous feet) must alternate.
            const bool simultaneous = std::abs(start - previous_start) < 0.05;
            if (previous_side != Side::Unknown && !simultaneous && s.side == previous_side) alternate = false;
            previous_side = s.side;
            previous_start = start;
        }
        for (std::size_t i : pass) {
            auto& s = result[i];
            if (s.side == Side::Unknown) continue;
            s.basis = mm(s.offset_mm) + (s.side == Side::Left ? " left" : " right") + " of the line of progression of " +
                      std::to_string(pass.size()) + " prints (direction from " + direction_basis + ")";
            s.alternating = alternate;
            if (!alternate) s.basis += "; the feet do not alternate in this pass";
        }
    }
    return result;
}

}  // namespace plantar::analysis
