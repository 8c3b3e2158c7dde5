#include "plantar/viz/trial_panel_text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace plantar::viz {
namespace {

using analysis::kNaN;

// `value` with `decimals` decimals; "-" when there is none.
std::string number(double value, int decimals) {
    if (!std::isfinite(value)) return "-";
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

std::string side_letter(analysis::Side side) {
    return side == analysis::Side::Left ? "L" : side == analysis::Side::Right ? "R" : "?";
}

// Why a contact is not complete, in words; empty when it is.
std::string incomplete_reasons(const analysis::Contact& contact) {
    std::string reasons;
    const auto add = [&](bool cut, const char* why) {
        if (!cut) return;
        reasons += reasons.empty() ? "" : ", ";
        reasons += why;
    };
    add(contact.cut_by_plate_edge, "cut by the plate edge");
    add(contact.cut_by_recording_start, "cut by the recording start");
    add(contact.cut_by_recording_end, "cut by the recording end");
    return reasons;
}

bool in_stance(const analysis::StepAnalysis& step, std::size_t frame) {
    return step.contact.first_frame <= frame && frame <= step.contact.last_frame;
}

// The method line under a classification: how, the source key, and where docs/methods.md explains it.
PanelLine method_line(const analysis::ClassifiedValue& basis, const char* methods_sections) {
    std::string text = "method: " + (basis.method.empty() ? basis.index : basis.method);
    text += " (" + (basis.source.empty() ? std::string() : basis.source + "; ") + "docs/methods.md " + methods_sections + ")";
    return {text, LineStyle::Dim};
}

// The steps this foot's classification used (complete, with this side).
std::vector<const analysis::StepAnalysis*> classified_steps(const analysis::TrialAnalysis& trial_analysis, analysis::Side side) {
    std::vector<const analysis::StepAnalysis*> used;
    for (const auto& step : trial_analysis.steps)
        if (step.used_for_classification && step.contact.side == side) used.push_back(&step);
    return used;
}

std::vector<PanelLine> foot_column(const analysis::TrialAnalysis& trial_analysis, const analysis::FootClassification& foot,
                                   const std::string& side_name) {
    const FootSummary summary = summarize_foot(foot, side_name);
    std::vector<PanelLine> lines;
    lines.push_back({summary.title, LineStyle::Heading});
    lines.push_back({summary.foot_type});
    if (summary.foot_type_borderline) lines.push_back({"BORDERLINE: " + summary.foot_type_margin, LineStyle::Borderline});
    lines.push_back(method_line(foot.foot_type.basis, "5, 9.1"));
    lines.push_back({summary.pronation});
    if (summary.pronation_borderline) lines.push_back({"BORDERLINE: " + summary.pronation_margin, LineStyle::Borderline});
    lines.push_back(method_line(foot.pronation.basis, "6.3, 9.3"));

    const auto steps = classified_steps(trial_analysis, foot.side);
    double shortest = kNaN, longest = kNaN;
    for (const auto* step : steps) {
        const double t = step->gait.contact_time_s;
        if (!std::isfinite(t)) continue;
        shortest = std::isfinite(shortest) ? std::min(shortest, t) : t;
        longest = std::isfinite(longest) ? std::max(longest, t) : t;
    }
    if (!std::isfinite(shortest))
        lines.push_back({"Contact time: - (no complete step)"});
    else if (number(shortest, 2) == number(longest, 2))
        lines.push_back({"Contact time: " + number(shortest, 2) + " s (methods.md 7.1)"});
    else
        lines.push_back({"Contact time: " + number(shortest, 2) + " to " + number(longest, 2) + " s over its complete steps (methods.md 7.1)"});

    // Highest of the foot's complete steps, per region (methods.md 7.2).
    std::string peaks = "Peak kPa: ";
    for (const analysis::Region region : {analysis::Region::Heel, analysis::Region::Midfoot, analysis::Region::Forefoot,
                                          analysis::Region::Toes}) {
        double peak = kNaN;
        for (const auto* step : steps)
            for (const auto& r : step->gait.regions)
                if (!r.whole_foot && r.detail == analysis::DetailRegion::None && r.region == region &&
                    std::isfinite(r.peak_pressure_kpa))
                    peak = std::isfinite(peak) ? std::max(peak, r.peak_pressure_kpa) : r.peak_pressure_kpa;
        peaks += (region == analysis::Region::Heel ? "" : ", ") + analysis::to_string(region) + " " + number(peak, 0);
    }
    lines.push_back({steps.empty() ? std::string("Peak kPa: - (no complete step)")
                                   : peaks + " (highest of its complete steps; methods.md 7.2)"});
    for (const std::string& advice : summary.recommendations) lines.push_back({"- " + advice, LineStyle::Dim});
    return lines;
}

PanelLine this_step_line(const analysis::StepAnalysis& step, std::size_t index) {
    const analysis::Contact& contact = step.contact;
    std::string text = "#" + std::to_string(index + 1) + " " + analysis::to_string(contact.side) + ": AI " +
                       number(step.footprint.arch_index, 3) + ", CPEI " +
                       (std::isfinite(step.cpei.cpei_pct) ? number(step.cpei.cpei_pct, 1) + " %" : std::string("-")) +
                       ", contact " + (std::isfinite(contact.contact_time_s()) ? number(contact.contact_time_s(), 2) + " s" : std::string("-"));
    const std::string incomplete = incomplete_reasons(contact);
    text += incomplete.empty() ? "; complete" : "; incomplete: " + incomplete;
    return {text, incomplete.empty() ? LineStyle::Normal : LineStyle::Borderline};
}

StepRow step_row(const analysis::StepAnalysis& step, std::size_t index, std::optional<std::size_t> frame) {
    const analysis::Contact& contact = step.contact;
    StepRow row;
    row.step = index;
    row.first_frame = contact.first_frame;
    row.in_stance = frame.has_value() && in_stance(step, *frame);
    row.cells = {std::to_string(index + 1),
                 side_letter(contact.side),
                 number(contact.strike_s, 2),
                 number(contact.contact_time_s(), 2),
                 number(step.footprint.arch_index, 3),
                 number(step.cpei.cpei_pct, 1),
                 contact.complete() ? "yes" : contact.cut_by_plate_edge ? "no (edge)" : "no (cut)"};
    return row;
}

std::vector<PanelLine> balance_lines(const analysis::BalanceResult& b) {
    std::vector<PanelLine> lines;
    lines.push_back({"Balance, standing (methods.md 8)", LineStyle::Heading});
    lines.push_back({"COP path " + number(b.path.path_length_mm, 1) + " mm over " + number(b.path.duration_s, 1) +
                     " s, mean velocity " + number(b.path.mean_velocity_mm_s, 1) + " mm/s"});
    lines.push_back({"95 % ellipse area " + number(b.ellipse.area_mm2, 0) + " mm^2 (semi-axes " + number(b.ellipse.semi_major_mm, 1) +
                     " x " + number(b.ellipse.semi_minor_mm, 1) + " mm)"});
    lines.push_back({"RMS distance " + number(b.rms_distance_mm, 1) + " mm (ML " + number(b.rms_ml_mm, 1) + ", AP " +
                     number(b.rms_ap_mm, 1) + " mm)"});
    std::string sides = "Load left " + number(b.left_pct, 0) + " % / right " + number(b.right_pct, 0) + " %";
    if (b.unknown_side_pct > 0.5) sides += " / side unknown " + number(b.unknown_side_pct, 0) + " %";
    lines.push_back({sides});
    lines.push_back({"Forefoot " + number(b.forefoot_pct, 0) + " % / midfoot " + number(b.midfoot_pct, 0) + " % / rearfoot " +
                     number(b.rearfoot_pct, 0) + " %"});
    if (std::isfinite(b.mean_load_n)) lines.push_back({"Mean load " + number(b.mean_load_n, 0) + " N"});
    lines.push_back({"method: whole-plate COP, low-pass filtered; 95 % prediction ellipse (docs/methods.md 8)", LineStyle::Dim});
    for (const std::string& note : b.notes) lines.push_back({note, LineStyle::Dim});
    return lines;
}

}  // namespace

AnalysisText analysis_text(const analysis::TrialAnalysis& trial_analysis, std::optional<std::size_t> frame) {
    AnalysisText text;
    if (trial_analysis.kind != TrialKind::Static) {
        text.feet[0] = foot_column(trial_analysis, trial_analysis.left, "Left");
        text.feet[1] = foot_column(trial_analysis, trial_analysis.right, "Right");
    }
    for (std::size_t s = 0; s < trial_analysis.steps.size(); ++s) {
        const analysis::StepAnalysis& step = trial_analysis.steps[s];
        text.steps.push_back(step_row(step, s, frame));
        if (frame && in_stance(step, *frame)) text.this_step.push_back(this_step_line(step, s));
    }
    if (frame && text.this_step.empty()) text.this_step.push_back({"no foot in stance at this frame", LineStyle::Dim});
    if (trial_analysis.balance) text.balance = balance_lines(*trial_analysis.balance);
    for (const std::string& note : trial_analysis.notes) text.notes.push_back({note, LineStyle::Dim});
    return text;
}

std::vector<PanelLine> trial_header_text(const TrialView& view, std::size_t frame) {
    std::vector<PanelLine> lines;
    lines.push_back({view.path().filename().string(), LineStyle::Heading});
    lines.push_back({"Subject " + view.subject().id + ", trial " + std::to_string(view.trial()) + " of " +
                     std::to_string(view.trial_count()) + " (" + to_string(view.header().kind) + ", " +
                     number(view.header().rate_hz, 0) + " Hz)"});
    lines.push_back({"Frame " + std::to_string(frame) + " of " + std::to_string(view.frame_count()) + " at " +
                     number(view.time_s(frame), 3) + " s"});
    const double force = view.force_n(frame);
    if (std::isfinite(force))
        lines.push_back({"Total force: " + number(force, 0) + " N"});
    else
        lines.push_back({std::string("Total force: not available (") +
                         (view.sensors().positions_known() ? "raw counts, no calibration" : "sensor positions unknown") + ")"});
    return lines;
}

std::vector<std::string> panel_lines(const TrialView& view, std::size_t frame) {
    std::vector<std::string> out;
    const auto add = [&](const char* section, const std::vector<PanelLine>& lines) {
        for (const PanelLine& line : lines) out.push_back(section + line.text);
    };
    add("trial: ", trial_header_text(view, frame));
    const analysis::TrialAnalysis* trial_analysis = view.analysis();
    if (trial_analysis == nullptr) {
        out.push_back("analysis: Analysing... (" + view.analysis_status() + ")");
        return out;
    }
    const AnalysisText text = analysis_text(*trial_analysis, frame);
    add("left: ", text.feet[0]);
    add("right: ", text.feet[1]);
    add("this step: ", text.this_step);
    for (const StepRow& row : text.steps) {
        std::string line = "step: ";
        for (std::size_t c = 0; c < row.cells.size(); ++c) line += (c > 0 ? " | " : "") + row.cells[c];
        out.push_back(line);
    }
    add("balance: ", text.balance);
    add("note: ", text.notes);
    return out;
}

}  // namespace plantar::viz
