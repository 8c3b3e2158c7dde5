// One trial, analysed end to end: contacts -> footprint of each contact -> left or right (from
// the print and, in a walk, from the step order) -> per-step gait, CPEI and load split ->
// per-trial gait (walks) or balance (standing) -> per-foot classification over the complete
// contacts. Everything the viewer, the report and `plantar analyze` show comes from here, so a
// number is computed in one place. What could not be done is said in notes, never thrown.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "plantar/analysis/balance.hpp"
#include "plantar/analysis/classification.hpp"
#include "plantar/analysis/config.hpp"
#include "plantar/analysis/contact.hpp"
#include "plantar/analysis/cpei.hpp"
#include "plantar/analysis/footprint_types.hpp"
#include "plantar/analysis/gait.hpp"
#include "plantar/analysis/sensor_map.hpp"

namespace plantar::analysis {

// The side of a contact from where the feet fall: within one pass over the plate (successive
// contacts) or one stance (simultaneous contacts), the line of progression runs through the
// prints; a print on the left of it, facing the direction of walking, is a left foot.
struct StepOrderSide {
    Side side = Side::Unknown;
    double offset_mm = kNaN;   // signed distance from the line of progression, left > 0
    bool alternating = false;  // successive steps of its pass alternate feet (trust it more)
    std::string basis;         // in words; empty when the order says nothing (a lone step)
};

struct StepAnalysis {
    Contact contact;            // its side and side_basis are the pipeline's decision
    Footprint footprint;        // empty (all NaN) when positions are unknown
    Side side_from_print = Side::Unknown;
    StepOrderSide side_from_order;
    bool sides_disagree = false;  // the print and the step order name different sides
    CpeiResult cpei;
    LoadDistribution load;
    StepGait gait;
    // Used for the foot's classification: complete, with a side.
    bool used_for_classification = false;
    std::vector<std::string> notes;  // step-level: why an index or the classification is missing
};

struct TrialAnalysis {
    TrialKind kind = TrialKind::Walk;
    std::size_t frames = 0;
    double duration_s = kNaN;
    bool positions_known = true;  // false for placeholder geometry (pedar): no COP, area, force, footprint
    bool forces_known = true;     // false for raw counts or unknown positions: no kPa or N
    std::vector<StepAnalysis> steps;  // one per contact, in order of first loading
    std::vector<std::string> contact_notes;  // what the contact finder reported
    std::optional<TrialGait> gait;           // walks and single steps
    std::optional<BalanceResult> balance;    // static trials
    FootClassification left;
    FootClassification right;
    // Trial-level: what happened and what could not be done, in plain words.
    std::vector<std::string> notes;
};

TrialAnalysis analyze_trial(const TrialInput& trial, const AnalysisConfig& config);

// Side from the step order for each of `contacts` (one entry each, in the same order).
// `axes` (empty or one per contact) give each print's heel-to-toe direction for simultaneous
// contacts; contacts within `max_step_time_s` of each other's strikes form one pass.
std::vector<StepOrderSide> sides_from_step_order(const SensorMap& sensors, std::span<const Contact> contacts,
                                                 std::span<const FootAxis> axes, double max_step_time_s);

}  // namespace plantar::analysis
