// Gait of a walking trial: per step (contact time; per region peak pressure, contact area,
// maximum force, force-time and pressure-time integrals; foot progression angle) and per trial
// (steps, cadence, step and stride times). Formulas and sources: docs/methods.md section 7.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "plantar/analysis/contact.hpp"
#include "plantar/analysis/footprint_types.hpp"
#include "plantar/analysis/sensor_map.hpp"

namespace plantar::analysis {

struct GaitConfig {
    // A sensor counts towards a region's contact area in a frame when its value is above this
    // (kPa). The default is the contacts' own threshold (ContactConfig::threshold_kpa), so that
    // the whole foot's area agrees with the contact's; keep the two equal. Raw-count trials use
    // contact_threshold(trial, ContactConfig{}) instead (a kPa value means nothing in counts).
    double loaded_above = 8.0;
    // Two contacts are successive steps of one pass when the second strikes no later than
    // this after the first (and the sides alternate where known).
    double max_step_time_s = 1.5;
};

// Time of a frame in s, from Frame::device_time_us, relative to the trial's first frame.
double frame_time_s(const TrialInput& trial, std::size_t frame);

// Integral of values over times by the trapezoid rule; NaN pairs are skipped. 0 for fewer
// than 2 points.
double trapezoid_integral(std::span<const double> times_s, std::span<const double> values);

// One region of one step (or the whole foot). Values in N or kPa are NaN when the trial's
// scale is raw counts (forces_known() false); areas are NaN when positions are unknown.
struct RegionGait {
    bool whole_foot = false;                  // true: every sensor of the contact's mask
    Region region = Region::None;             // a coarse region (when not whole foot, not detail)
    DetailRegion detail = DetailRegion::None; // a detail region, when the footprint labels them
    std::size_t sensors = 0;                  // sensors of the mask in this region

    double peak_pressure_kpa = kNaN;          // max over the frames and the region's sensors
    double max_contact_area_mm2 = kNaN;       // max over the frames of the loaded area
    double max_force_n = kNaN;                // max over the frames of sum(p x area)
    double force_time_integral_n_s = kNaN;    // trapezoid of the region's force over the stance
    // Novel's definition: trapezoid of the region's peak pressure over the stance.
    double pressure_time_integral_kpa_s = kNaN;
    // Melai's definition: force-time integral / max contact area (mean pressure over time).
    double mean_pressure_time_integral_kpa_s = kNaN;
    // Share of the whole foot's force-time integral (also for raw counts; NaN when positions are unknown).
    double impulse_pct = kNaN;
};

struct StepGait {
    int contact_id = 0;
    Side side = Side::Unknown;
    double strike_s = kNaN;
    double off_s = kNaN;
    double contact_time_s = kNaN;   // off - strike (the contact's own)
    bool complete = false;          // the contact was not cut (only complete steps enter the trial's means)
    // Whole foot first, then heel, midfoot, forefoot, toes (those the footprint labels), then
    // the labelled detail regions.
    std::vector<RegionGait> regions;
    // Foot axis against the line of progression, out-toeing (toes turned laterally) positive.
    double progression_angle_deg = kNaN;
    std::string progression_basis;  // which line of progression was used, in words
    std::vector<std::string> notes;
};

// Gait values of one contact. `footprint` may be null (then only the whole foot). The
// progression angle needs the other steps of the pass, so trial_gait sets it.
StepGait step_gait(const TrialInput& trial, const Contact& contact, const Footprint* footprint,
                   const GaitConfig& config = {});

// Foot progression angle: the angle from the progression direction to the foot axis, positive
// when the toes turn to the foot's lateral side (out-toeing). NaN when the axis or the
// direction is not usable.
double foot_progression_angle_deg(const FootAxis& axis, double direction_x, double direction_y);

struct TrialGait {
    std::vector<StepGait> steps;        // one per contact, in the order given
    std::size_t complete_steps = 0;
    std::size_t passes = 0;             // runs of successive contacts (walks across the plate)
    std::size_t step_time_count = 0;    // successive complete pairs measured
    std::size_t stride_time_count = 0;  // complete n, n + 2 pairs measured
    double mean_step_time_s = kNaN;     // strike to the other foot's next strike
    double mean_stride_time_s = kNaN;   // strike to the same foot's next strike
    double cadence_steps_per_min = kNaN;  // 60 / mean step time
    std::vector<std::string> notes;     // why a value is missing
};

// The gait of a trial. footprints is empty or one per contact (a footprint whose axis has no
// valid heel counts as missing).
TrialGait trial_gait(const TrialInput& trial, std::span<const Contact> contacts, std::span<const Footprint> footprints,
                     const GaitConfig& config = {});

}  // namespace plantar::analysis
