// Gait of a trial: passes of successive contacts, step and stride times, cadence, and the foot
// progression angle against the line through the heel centres (docs/methods.md 7.3, 7.4).
#include <algorithm>
#include <cmath>
#include <numbers>

#include "plantar/analysis/gait.hpp"

namespace plantar::analysis {

double foot_progression_angle_deg(const FootAxis& axis, double direction_x, double direction_y) {
    const double norm = std::hypot(direction_x, direction_y);
    if (!(norm > 0.0) || !std::isfinite(norm)) return kNaN;
    const double dx = direction_x / norm, dy = direction_y / norm;
    const double forward = axis.along_x * dx + axis.along_y * dy;
    // The perpendicular of the direction that points to the foot's lateral side (minus medial).
    double side_x = -dy, side_y = dx;
    if (axis.medial_x * side_x + axis.medial_y * side_y > 0.0) side_x = -side_x, side_y = -side_y;
    const double across = axis.along_x * side_x + axis.along_y * side_y;
    return std::atan2(across, forward) * 180.0 / std::numbers::pi;
}

namespace {

bool heel_known(std::span<const Footprint> footprints, std::size_t contact) {
    return contact < footprints.size() && footprints[contact].has_heel && footprints[contact].axis.heel.valid();
}

struct Pass {
    std::vector<std::size_t> members;  // contact indices in strike order
};

std::vector<Pass> find_passes(std::span<const Contact> contacts, const GaitConfig& config) {
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < contacts.size(); ++i)
        if (std::isfinite(contacts[i].strike_s)) order.push_back(i);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return contacts[a].strike_s < contacts[b].strike_s; });
    std::vector<Pass> passes;
    for (std::size_t index : order) {
        bool joins = !passes.empty();
        if (joins) {
            const Contact& previous = contacts[passes.back().members.back()];
            const Contact& current = contacts[index];
            const bool same_known_side = previous.side != Side::Unknown && previous.side == current.side;
            joins = current.strike_s - previous.strike_s <= config.max_step_time_s && !same_known_side;
        }
        if (!joins) passes.emplace_back();
        passes.back().members.push_back(index);
    }
    return passes;
}

// The line of progression for member j of a pass, as a direction, and its basis in words.
bool progression_direction(const Pass& pass, std::size_t j, std::span<const Footprint> footprints, double& dx,
                           double& dy, std::string& basis) {
    auto heel = [&](std::size_t member) { return footprints[pass.members[member]].axis.heel; };
    auto known = [&](std::ptrdiff_t member) {
        return member >= 0 && static_cast<std::size_t>(member) < pass.members.size() &&
               heel_known(footprints, pass.members[static_cast<std::size_t>(member)]);
    };
    const auto jj = static_cast<std::ptrdiff_t>(j);
    std::ptrdiff_t from = -1, to = -1;
    if (known(jj - 2) && known(jj + 2)) from = jj - 2, to = jj + 2, basis = "heel centres of the same foot's previous and next steps";
    else if (known(jj - 2) && known(jj)) from = jj - 2, to = jj, basis = "heel centres of the same foot's previous step and this one";
    else if (known(jj) && known(jj + 2)) from = jj, to = jj + 2, basis = "heel centres of this step and the same foot's next one";
    else if (known(jj - 1) && known(jj + 1)) from = jj - 1, to = jj + 1, basis = "heel centres of the other foot's steps before and after";
    if (from < 0) return false;
    const Point a = heel(static_cast<std::size_t>(from)), b = heel(static_cast<std::size_t>(to));
    dx = b.x_mm - a.x_mm;
    dy = b.y_mm - a.y_mm;
    return std::hypot(dx, dy) > 0.0;
}

double mean(const std::vector<double>& values) {
    if (values.empty()) return kNaN;
    double sum = 0.0;
    for (double v : values) sum += v;
    return sum / static_cast<double>(values.size());
}

}  // namespace

TrialGait trial_gait(const TrialInput& trial, std::span<const Contact> contacts, std::span<const Footprint> footprints,
                     const GaitConfig& config) {
    TrialGait gait;
    const bool with_footprints = footprints.size() == contacts.size();
    if (!footprints.empty() && !with_footprints) gait.notes.push_back("footprints ignored: not one per contact");
    if (!with_footprints) footprints = {};
    for (std::size_t i = 0; i < contacts.size(); ++i) {
        gait.steps.push_back(step_gait(trial, contacts[i], with_footprints ? &footprints[i] : nullptr, config));
        if (gait.steps.back().complete) ++gait.complete_steps;
    }

    const std::vector<Pass> passes = find_passes(contacts, config);
    gait.passes = passes.size();
    std::vector<double> step_times, stride_times;
    for (const Pass& pass : passes) {
        const auto& m = pass.members;
        for (std::size_t j = 0; j + 1 < m.size(); ++j)
            if (contacts[m[j]].complete() && contacts[m[j + 1]].complete())
                step_times.push_back(contacts[m[j + 1]].strike_s - contacts[m[j]].strike_s);
        for (std::size_t j = 0; j + 2 < m.size(); ++j)
            if (contacts[m[j]].complete() && contacts[m[j + 2]].complete())
                stride_times.push_back(contacts[m[j + 2]].strike_s - contacts[m[j]].strike_s);
        if (!with_footprints) continue;
        for (std::size_t j = 0; j < m.size(); ++j) {
            StepGait& step = gait.steps[m[j]];
            const Footprint& print = footprints[m[j]];
            if (!heel_known(footprints, m[j]) || print.side == Side::Unknown) continue;
            double dx = 0.0, dy = 0.0;
            std::string basis;
            if (!progression_direction(pass, j, footprints, dx, dy, basis)) {
                // One step per pass (a short plate): the plate's y axis, the way the foot points.
                dx = 0.0;
                dy = print.axis.along_y >= 0.0 ? 1.0 : -1.0;
                basis = "the plate's y axis (no other heel centres in this pass)";
            }
            step.progression_angle_deg = foot_progression_angle_deg(print.axis, dx, dy);
            step.progression_basis = basis;
        }
    }
    gait.step_time_count = step_times.size();
    gait.stride_time_count = stride_times.size();
    gait.mean_step_time_s = mean(step_times);
    gait.mean_stride_time_s = mean(stride_times);
    if (gait.mean_step_time_s > 0.0) gait.cadence_steps_per_min = 60.0 / gait.mean_step_time_s;
    if (step_times.empty())
        gait.notes.push_back("no cadence or step time: no two successive complete contacts in one pass");
    if (stride_times.empty())
        gait.notes.push_back("no stride time: no three successive contacts in one pass with the first and third complete");
    return gait;
}

}  // namespace plantar::analysis
