// TrialAnalysis as JSON (`plantar analyze --json`, and the text `--store` writes into the
// session). Every value the analysis computed is here; values that could not be computed are
// null, with the reason beside them. The shape is documented in docs/analysis-json.md.
#include <cmath>

#include "analysis_json.hpp"

namespace plantar::cli {

namespace {

using namespace plantar::analysis;
using json = nlohmann::json;

// NaN and infinities are not JSON: a value that could not be computed is null.
json num(double value) { return std::isfinite(value) ? json(value) : json(nullptr); }

json point(const Point& p) { return p.valid() ? json{{"x_mm", p.x_mm}, {"y_mm", p.y_mm}} : json(nullptr); }

json classified(const ClassifiedValue& v) {
    return {
        {"index", v.index},
        {"unit", v.unit},
        {"value", num(v.value)},
        {"label", v.label.empty() ? json(nullptr) : json(v.label)},
        {"lower_threshold", num(v.lower_threshold)},
        {"upper_threshold", num(v.upper_threshold)},
        {"rule", v.rule},
        {"nearest_threshold", num(v.nearest_threshold)},
        {"margin", num(v.margin)},
        {"borderline_band", num(v.borderline_band)},
        {"borderline", v.borderline},
        {"method", v.method},
        {"source", v.source},
        {"unverified", v.unverified},
        {"why_not", v.why_not.empty() ? json(nullptr) : json(v.why_not)},
    };
}

json agreement(const StepAgreement& a) {
    json values = json::array();
    for (double v : a.values) values.push_back(num(v));
    return {
        {"steps", a.steps},
        {"values", values},
        {"labels", a.labels},
        {"median", num(a.median)},
        {"min", num(a.min)},
        {"max", num(a.max)},
        {"q1", num(a.q1)},
        {"q3", num(a.q3)},
        {"iqr", num(a.iqr)},
        {"median_label", a.median_label.empty() ? json(nullptr) : json(a.median_label)},
        {"agreeing_fraction", num(a.agreeing_fraction)},
        {"enough_steps", a.enough_steps},
        {"steps_agree", a.steps_agree},
        {"recommendation", a.recommendation.empty() ? json(nullptr) : json(a.recommendation)},
    };
}

json foot(const FootClassification& f) {
    json foot_type = classified(f.foot_type.basis);
    json pronation = classified(f.pronation.basis);
    pronation["z_score"] = num(f.pronation.z_score);
    return {
        {"side", to_string(f.side)},
        {"complete_steps", f.complete_steps},
        {"foot_type", foot_type},
        {"chippaux_smirak", classified(f.chippaux_smirak.basis)},
        {"staheli", classified(f.staheli)},
        {"pronation", pronation},
        {"agreement",
         {{"arch_index", agreement(f.arch_index_steps)},
          {"chippaux_smirak_pct", agreement(f.chippaux_smirak_steps)},
          {"staheli", agreement(f.staheli_steps)},
          {"cpei_pct", agreement(f.cpei_steps)}}},
        {"recommendations", f.recommendations},
    };
}

json axis(const FootAxis& a) {
    return {
        {"method", to_string(a.method)},
        {"heel", point(a.heel)},
        {"toe", point(a.toe)},
        {"angle_deg", num(a.angle_deg)},
    };
}

json footprint(const Footprint& f) {
    return {
        {"side_from_print", to_string(f.side_from_print)},
        {"side_from_print_basis", f.side_from_print_basis},
        {"axis", axis(f.axis)},
        {"length_mm", num(f.length_mm)},
        {"forefoot_width_mm", num(f.forefoot_width_mm)},
        {"heel_width_mm", num(f.heel_width_mm)},
        {"midfoot_min_width_mm", num(f.midfoot_min_width_mm)},
        {"has_heel", f.has_heel},
        {"has_toes", f.has_toes},
        {"arch_index", num(f.arch_index)},
        {"chippaux_smirak_pct", num(f.chippaux_smirak_pct)},
        {"staheli", num(f.staheli)},
        {"notes", f.notes},
    };
}

json cpei(const CpeiResult& c) {
    return {
        {"cpei_pct", num(c.cpei_pct)},
        {"cpe_mm", num(c.cpe_mm)},
        {"width_mm", num(c.width_mm)},
        {"line_along_mm", num(c.line_along_mm)},
        {"why_not", c.why_not.empty() ? json(nullptr) : json(c.why_not)},
    };
}

json load(const LoadDistribution& l) {
    return {
        {"medial_impulse_n_s", num(l.medial_impulse_n_s)},
        {"lateral_impulse_n_s", num(l.lateral_impulse_n_s)},
        {"medial_lateral_index", num(l.medial_lateral_index)},
        {"heel_pct", num(l.heel_pct)},
        {"midfoot_pct", num(l.midfoot_pct)},
        {"forefoot_pct", num(l.forefoot_pct)},
        {"toes_pct", num(l.toes_pct)},
        {"forefoot_rearfoot_ratio", num(l.forefoot_rearfoot_ratio)},
        {"why_not", l.why_not.empty() ? json(nullptr) : json(l.why_not)},
    };
}

json region_gait(const RegionGait& r) {
    std::string name = r.whole_foot ? "whole foot" : r.detail != DetailRegion::None ? to_string(r.detail) : to_string(r.region);
    return {
        {"region", name},
        {"sensors", r.sensors},
        {"peak_pressure_kpa", num(r.peak_pressure_kpa)},
        {"max_contact_area_mm2", num(r.max_contact_area_mm2)},
        {"max_force_n", num(r.max_force_n)},
        {"force_time_integral_n_s", num(r.force_time_integral_n_s)},
        {"pressure_time_integral_kpa_s", num(r.pressure_time_integral_kpa_s)},
        {"mean_pressure_time_integral_kpa_s", num(r.mean_pressure_time_integral_kpa_s)},
        {"impulse_pct", num(r.impulse_pct)},
    };
}

json step_gait(const StepGait& g) {
    json regions = json::array();
    for (const auto& r : g.regions) regions.push_back(region_gait(r));
    return {
        {"contact_time_s", num(g.contact_time_s)},
        {"progression_angle_deg", num(g.progression_angle_deg)},
        {"progression_basis", g.progression_basis},
        {"regions", regions},
        {"notes", g.notes},
    };
}

json step(const StepAnalysis& s) {
    const Contact& c = s.contact;
    std::vector<std::string> notes = c.notes;
    notes.insert(notes.end(), s.notes.begin(), s.notes.end());
    return {
        {"contact_id", c.id},
        {"side", to_string(c.side)},
        {"side_basis", c.side_basis},
        {"side_from_print", to_string(s.side_from_print)},
        {"side_from_step_order", to_string(s.side_from_order.side)},
        {"step_order_offset_mm", num(s.side_from_order.offset_mm)},
        {"sides_disagree", s.sides_disagree},
        {"complete", c.complete()},
        {"cut_by_plate_edge", c.cut_by_plate_edge},
        {"cut_by_recording_start", c.cut_by_recording_start},
        {"cut_by_recording_end", c.cut_by_recording_end},
        {"first_frame", c.first_frame},
        {"last_frame", c.last_frame},
        {"strike_s", num(c.strike_s)},
        {"off_s", num(c.off_s)},
        {"contact_time_s", num(c.contact_time_s())},
        {"used_for_classification", s.used_for_classification},
        {"footprint", footprint(s.footprint)},
        {"cpei", cpei(s.cpei)},
        {"load", load(s.load)},
        {"gait", step_gait(s.gait)},
        {"notes", notes},
    };
}

json trial_gait(const TrialGait& g) {
    return {
        {"complete_steps", g.complete_steps},
        {"passes", g.passes},
        {"step_time_count", g.step_time_count},
        {"stride_time_count", g.stride_time_count},
        {"mean_step_time_s", num(g.mean_step_time_s)},
        {"mean_stride_time_s", num(g.mean_stride_time_s)},
        {"cadence_steps_per_min", num(g.cadence_steps_per_min)},
        {"notes", g.notes},
    };
}

json balance(const BalanceResult& b) {
    return {
        {"cop_points", b.path.points},
        {"duration_s", num(b.path.duration_s)},
        {"path_length_mm", num(b.path.path_length_mm)},
        {"mean_velocity_mm_s", num(b.path.mean_velocity_mm_s)},
        {"mean_distance_mm", num(b.mean_distance_mm)},
        {"rms_distance_mm", num(b.rms_distance_mm)},
        {"rms_ml_mm", num(b.rms_ml_mm)},
        {"rms_ap_mm", num(b.rms_ap_mm)},
        {"mean_frequency_hz", num(b.mean_frequency_hz)},
        {"ellipse_95",
         {{"centre", point(b.ellipse.centre)},
          {"semi_major_mm", num(b.ellipse.semi_major_mm)},
          {"semi_minor_mm", num(b.ellipse.semi_minor_mm)},
          {"angle_deg", num(b.ellipse.angle_deg)},
          {"area_mm2", num(b.ellipse.area_mm2)}}},
        {"left_pct", num(b.left_pct)},
        {"right_pct", num(b.right_pct)},
        {"unknown_side_pct", num(b.unknown_side_pct)},
        {"forefoot_pct", num(b.forefoot_pct)},
        {"midfoot_pct", num(b.midfoot_pct)},
        {"rearfoot_pct", num(b.rearfoot_pct)},
        {"mean_load_n", num(b.mean_load_n)},
        {"notes", b.notes},
    };
}

}  // namespace

json trial_analysis_json(const TrialAnalysis& a, const AnalysisConfig& config) {
    json steps = json::array();
    for (const auto& s : a.steps) steps.push_back(step(s));
    return {
        {"format", "plantar-analysis"},
        {"format_version", 1},
        {"kind", to_string(a.kind)},
        {"frames", a.frames},
        {"duration_s", num(a.duration_s)},
        {"positions_known", a.positions_known},
        {"forces_known", a.forces_known},
        {"notes", a.notes},
        {"contact_notes", a.contact_notes},
        {"feet", {{"left", foot(a.left)}, {"right", foot(a.right)}}},
        {"steps", steps},
        {"gait", a.gait ? trial_gait(*a.gait) : json(nullptr)},
        {"balance", a.balance ? balance(*a.balance) : json(nullptr)},
        {"config", config_to_json(config)},
    };
}

}  // namespace plantar::cli
