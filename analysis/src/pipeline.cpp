// analyze_trial: the parts of analysis/ wired in order, with every refusal said in words. The
// order matters: the footprint gives the axis the step order needs for the walking direction,
// the decided side gives the footprint its medial side, and only complete contacts with a side
// enter a foot's classification (docs/methods.md sections 2 and 9).
#include <algorithm>
#include <cmath>

#include "plantar/analysis/contacts.hpp"
#include "plantar/analysis/footprint.hpp"
#include "plantar/analysis/pipeline.hpp"

namespace plantar::analysis {

namespace {

std::vector<Point> cop_points(const Contact& contact) {
    std::vector<Point> points;
    for (const auto& sample : contact.samples)
        if (sample.cop.valid()) points.push_back(sample.cop);
    return points;
}

Footprint footprint_of(const TrialInput& trial, const Contact& contact, Side side, const AnalysisConfig& config) {
    const auto path = cop_points(contact);
    return analyse_footprint(trial.sensors, contact.peak, contact.mask, side, config.footprint, path);
}

bool any_reading(const TrialInput& trial) {
    for (const auto& frame : trial.frames)
        for (float v : frame.pressure_kpa)
            if (v > 0.0f) return true;
    return false;
}

// The side of one step from what the print and the step order say (docs/methods.md section 2):
// agreeing, they settle it; disagreeing, the step order wins when its pass alternates feet
// (a print's medial side is the weaker cue on a coarse plate or an odd foot), else the print.
void decide_side(StepAnalysis& step) {
    const Side print = step.side_from_print;
    const StepOrderSide& order = step.side_from_order;
    const std::string print_basis = step.footprint.side_from_print_basis.empty()
                                        ? std::string("the print")
                                        : step.footprint.side_from_print_basis;
    Contact& c = step.contact;
    if (order.side != Side::Unknown && print != Side::Unknown) {
        if (order.side == print) {
            c.side = print;
            c.side_basis = "the print and the step order agree: " + print_basis + "; " + order.basis;
            return;
        }
        step.sides_disagree = true;
        c.side = order.alternating ? order.side : print;
        c.side_basis = "the print and the step order disagree: the print says " + to_string(print) + " (" + print_basis +
                       "), the step order says " + to_string(order.side) + " (" + order.basis + "); taken: " +
                       to_string(c.side) + (order.alternating ? " (feet alternate in this pass)" : " (the pass does not alternate)");
        return;
    }
    if (order.side != Side::Unknown) {
        c.side = order.side;
        c.side_basis = "step order: " + order.basis + "; the print does not say";
        return;
    }
    if (print != Side::Unknown) {
        c.side = print;
        c.side_basis = "the print: " + print_basis;
        return;
    }
    c.side = Side::Unknown;
    c.side_basis = "neither the print nor the step order tells the side";
}

StepIndices indices_of(const StepAnalysis& step) {
    StepIndices indices;
    indices.arch_index = step.footprint.arch_index;
    indices.chippaux_smirak_pct = step.footprint.chippaux_smirak_pct;
    indices.staheli = step.footprint.staheli;
    indices.cpei_pct = step.cpei.cpei_pct;
    return indices;
}

void note_trial_conditions(const TrialInput& trial, TrialAnalysis& result) {
    if (!result.positions_known)
        result.notes.push_back(
            "sensor positions are unknown (placeholder geometry): no centre of pressure, areas, forces, footprint, "
            "indices or classification; contacts and timing only");
    else if (!trial.sensors.in_kpa())
        result.notes.push_back(
            "pressures are raw counts (uncalibrated): no kPa or N values; shapes, timing, indices and relative loads only");
}

void note_feet(const TrialInput& trial, TrialAnalysis& result) {
    std::size_t left = 0, right = 0, unknown = 0, incomplete = 0, complete_without_heel = 0, complete = 0;
    for (const auto& step : result.steps) {
        if (!step.contact.complete()) ++incomplete;
        if (step.contact.complete() && trial.sensors.positions_known()) {
            ++complete;
            if (!step.footprint.has_heel) ++complete_without_heel;
        }
        if (step.contact.side == Side::Left) ++left;
        else if (step.contact.side == Side::Right) ++right;
        else ++unknown;
    }
    if (incomplete > 0)
        result.notes.push_back(std::to_string(incomplete) + " of " + std::to_string(result.steps.size()) +
                               " contacts are incomplete (cut by the plate edge or the recording) and are not used "
                               "for the indices or the classification");
    if (unknown > 0)
        result.notes.push_back(std::to_string(unknown) + (unknown == 1 ? " contact has" : " contacts have") + " no side");
    if (complete > 0 && complete_without_heel == complete)
        result.notes.push_back("no complete step loads the heel (toe-walking, or a forefoot-only trial): the arch index "
                               "and the CPEI need a heel, so foot type and pronation are not classified");
    if (trial.kind == TrialKind::Static) {
        if (result.steps.size() == 1 && result.steps[0].contact.wide_for_a_foot)
            result.notes.push_back("the two feet touch and could not be told apart: no left/right load split; "
                                   "stand with the feet a little apart and record again");
        else if (result.steps.size() == 1)
            result.notes.push_back("only one foot is on the plate");
        else if (result.steps.size() > 2)
            result.notes.push_back(std::to_string(result.steps.size()) + " contacts in a standing trial (expected 2): the subject moved");
    } else if (left + right > 0 && (left == 0 || right == 0)) {
        result.notes.push_back(std::string("only ") + (left > 0 ? "left" : "right") + " steps were found: no " +
                               (left > 0 ? "right" : "left") + " foot summary");
    }
}

}  // namespace

TrialAnalysis analyze_trial(const TrialInput& trial, const AnalysisConfig& config) {
    TrialAnalysis result;
    result.kind = trial.kind;
    result.frames = trial.frames.size();
    result.positions_known = trial.sensors.positions_known();
    result.forces_known = trial.sensors.forces_known();
    result.left.side = Side::Left;
    result.right.side = Side::Right;
    if (!trial.frames.empty())
        result.duration_s = static_cast<double>(trial.frames.back()->device_time_us - trial.frames.front()->device_time_us) * 1e-6 +
                            (trial.rate_hz > 0.0 ? 1.0 / trial.rate_hz : 0.0);
    if (auto why = config.validation_error(); !why.empty()) {
        result.notes.push_back("configuration refused: " + why);
        return result;
    }
    if (trial.frames.empty()) {
        result.notes.push_back("the trial has no frames");
        return result;
    }
    note_trial_conditions(trial, result);

    ContactResult found = find_contacts(trial, config.contacts);
    result.contact_notes = found.notes;
    if (found.contacts.empty()) {
        result.notes.push_back(found.noise_contacts_dropped > 0 || any_reading(trial)
                                   ? "no foot contact found: only scattered readings (noise) smaller than a foot"
                                   : "nothing touched the plate: every reading is zero");
        result.left = classify_foot(Side::Left, {}, config.classification);
        result.right = classify_foot(Side::Right, {}, config.classification);
        return result;
    }

    // Footprints with the side the print shows, then the side from the step order.
    for (auto& contact : found.contacts) {
        StepAnalysis step;
        step.contact = std::move(contact);
        if (result.positions_known) {
            step.footprint = footprint_of(trial, step.contact, Side::Unknown, config);
            step.side_from_print = step.footprint.side_from_print;
        }
        result.steps.push_back(std::move(step));
    }
    std::vector<Contact> contacts;
    std::vector<FootAxis> axes;
    for (const auto& step : result.steps) {
        contacts.push_back(step.contact);
        axes.push_back(step.footprint.axis);
    }
    const auto order = sides_from_step_order(trial.sensors, contacts, axes, config.gait.max_step_time_s);
    for (std::size_t i = 0; i < result.steps.size(); ++i) {
        StepAnalysis& step = result.steps[i];
        step.side_from_order = order[i];
        decide_side(step);
        // The footprint's medial side follows the decided side.
        if (result.positions_known && step.contact.side != Side::Unknown && step.footprint.side != step.contact.side)
            step.footprint = footprint_of(trial, step.contact, step.contact.side, config);
        contacts[i] = step.contact;
    }

    // Per step: CPEI and load split; per trial: gait or balance.
    std::vector<Footprint> footprints;
    for (auto& step : result.steps) {
        if (result.positions_known) {
            step.cpei = compute_cpei(trial.sensors, step.contact, step.footprint, config.cpei);
            step.load = load_distribution(trial, step.contact, step.footprint);
        } else {
            step.cpei.why_not = "sensor positions unknown";
            step.load.why_not = "sensor positions unknown";
        }
        footprints.push_back(step.footprint);
    }
    const std::span<const Footprint> usable_footprints =
        result.positions_known ? std::span<const Footprint>(footprints) : std::span<const Footprint>();
    if (trial.kind == TrialKind::Static) {
        result.balance = analyse_balance(trial, contacts, usable_footprints, config.balance);
        // One print that is two touching feet: its side, and so the left/right split, is a guess.
        if (contacts.size() == 1 && contacts[0].wide_for_a_foot) result.balance->left_pct = result.balance->right_pct = kNaN;
    } else {
        result.gait = trial_gait(trial, contacts, usable_footprints, config.gait);
        for (std::size_t i = 0; i < result.steps.size() && i < result.gait->steps.size(); ++i)
            result.steps[i].gait = result.gait->steps[i];
    }

    // Per foot: the complete contacts with a side, from walking trials only: the arch-index
    // thresholds come from walking prints and the CPEI needs a roll-over.
    std::vector<StepIndices> left, right;
    if (trial.kind == TrialKind::Static)
        result.notes.push_back(
            "standing trial: foot type and pronation are classified from walking steps (record a walk); "
            "the standing prints' indices are listed per contact");
    for (auto& step : result.steps) {
        if (trial.kind == TrialKind::Static) break;
        const Contact& c = step.contact;
        if (!c.complete()) {
            step.notes.push_back(c.cut_by_plate_edge ? "cut by the plate edge: not used for the classification"
                                                     : "cut by the start or end of the recording: not used for the classification");
            continue;
        }
        if (c.side == Side::Unknown) {
            step.notes.push_back("side unknown: not used for the classification");
            continue;
        }
        if (result.positions_known && !step.footprint.has_heel)
            step.notes.push_back("no heel in the print (toe walking?): no arch index");
        step.used_for_classification = true;
        (c.side == Side::Left ? left : right).push_back(indices_of(step));
    }
    result.left = classify_foot(Side::Left, left, config.classification);
    result.right = classify_foot(Side::Right, right, config.classification);
    if (trial.kind == TrialKind::Static)
        for (auto* foot : {&result.left, &result.right}) {
            foot->foot_type.basis.why_not = "a standing trial is not classified";
            foot->pronation.basis.why_not = "a standing trial is not classified";
            foot->recommendations = {"foot type and pronation come from walking steps: record a walk"};
        }
    note_feet(trial, result);
    return result;
}

}  // namespace plantar::analysis
