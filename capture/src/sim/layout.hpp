// Where and when the feet touch the plate in each scenario.
#pragma once

#include <cstdint>
#include <vector>

#include "foot_model.hpp"
#include "loading.hpp"
#include "random.hpp"

namespace plantar::sim::detail {

// One planned contact before it is checked against the plate and the recording.
struct PlannedContact {
    Side side = Side::Left;
    std::int64_t strike_us = 0;
    std::int64_t off_us = 0;
    double heel_x_mm = 0.0;
    double heel_y_mm = 0.0;
    double axis_angle_deg = 0.0;
    bool standing = false;  // static stance: loaded by standing_channel_loads for the whole trial
    GaitShape gait;
};

// Static: both feet side by side in the middle of the plate for the whole recording.
// Step: one left step in the middle of the plate, early in the recording.
// Walk: repeated passes along +y, see the comment in layout.cpp.
// Contacts are in strike order; some may never touch the plate or the recording.
std::vector<PlannedContact> plan_contacts(const SimulationConfig& config, const FootShape& shape);

// The walk's step length (mm) at a speed (m/s) for a foot length (mm), and the time between
// consecutive strikes. Step length grows with body size; see layout.cpp.
inline constexpr double reference_foot_length_mm = 260.0;
double walking_step_length_mm(double speed_m_s, double foot_length_mm);
double walking_step_time_s(double speed_m_s, double foot_length_mm);
// Time spent off the plate between two passes of the walk (walking back to the start).
inline constexpr double walk_turnaround_s = 2.0;

}  // namespace plantar::sim::detail
