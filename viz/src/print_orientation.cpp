#include "plantar/viz/print_orientation.hpp"

#include <cmath>
#include <numbers>

namespace plantar::viz {
namespace {

// The long axis of a contact's loaded area (its sensors weighted by their peak values), signed
// so that it points from the first to the last centre of pressure of the stance: a foot rolls
// from heel to toe. Nothing when the area or the COP path cannot tell.
std::optional<analysis::Point> contact_heel_to_toe(const analysis::Contact& contact, const analysis::SensorMap& sensors) {
    double sum = 0.0, mean_x = 0.0, mean_y = 0.0;
    for (std::size_t i = 0; i < contact.mask.size() && i < sensors.size(); ++i) {
        if (contact.mask[i] == 0 || i >= contact.peak.size()) continue;
        const double w = contact.peak[i];
        sum += w, mean_x += w * sensors.x_mm[i], mean_y += w * sensors.y_mm[i];
    }
    if (!(sum > 0.0)) return std::nullopt;
    mean_x /= sum, mean_y /= sum;
    double xx = 0.0, xy = 0.0, yy = 0.0;
    for (std::size_t i = 0; i < contact.mask.size() && i < sensors.size(); ++i) {
        if (contact.mask[i] == 0 || i >= contact.peak.size()) continue;
        const double w = contact.peak[i], dx = sensors.x_mm[i] - mean_x, dy = sensors.y_mm[i] - mean_y;
        xx += w * dx * dx, xy += w * dx * dy, yy += w * dy * dy;
    }
    const double angle = 0.5 * std::atan2(2.0 * xy, xx - yy);  // of the principal axis, from +x
    analysis::Point axis{std::cos(angle), std::sin(angle)};
    const analysis::ContactSample* first = nullptr;
    const analysis::ContactSample* last = nullptr;
    for (const auto& sample : contact.samples) {
        if (!sample.cop.valid()) continue;
        if (first == nullptr) first = &sample;
        last = &sample;
    }
    if (first == nullptr) return std::nullopt;
    const double travel = (last->cop.x_mm - first->cop.x_mm) * axis.x_mm + (last->cop.y_mm - first->cop.y_mm) * axis.y_mm;
    if (travel == 0.0) return std::nullopt;
    if (travel < 0.0) axis = {-axis.x_mm, -axis.y_mm};
    return axis;
}

std::optional<analysis::Point> unit(double x, double y) {
    const double length = std::hypot(x, y);
    if (!(length > 1e-9)) return std::nullopt;
    return analysis::Point{x / length, y / length};
}

}  // namespace

std::optional<analysis::Point> heel_to_toe_direction(const analysis::TrialAnalysis& analysis,
                                                     const analysis::SensorMap& sensors) {
    if (!analysis.positions_known) return std::nullopt;
    // The footprint axes of the steps that have one: each step's vote counts once.
    double x = 0.0, y = 0.0;
    for (const auto& step : analysis.steps) {
        const auto& axis = step.footprint.axis;
        if (!axis.heel.valid() || !axis.toe.valid() || !std::isfinite(step.footprint.length_mm)) continue;
        x += axis.along_x, y += axis.along_y;
    }
    if (auto direction = unit(x, y)) return direction;
    for (const auto& step : analysis.steps)
        if (const auto along = contact_heel_to_toe(step.contact, sensors)) x += along->x_mm, y += along->y_mm;
    return unit(x, y);
}

int quarter_turns_to_point_up(const analysis::Point& direction) {
    // Turning the view a quarter clockwise brings a direction pointing left (-x) up.
    const double degrees_from_up = std::atan2(direction.x_mm, direction.y_mm) * 180.0 / std::numbers::pi;
    const long turns = std::lround(-degrees_from_up / 90.0);
    return static_cast<int>(((turns % 4) + 4) % 4);
}

}  // namespace plantar::viz
