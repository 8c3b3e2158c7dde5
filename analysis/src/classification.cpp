// One value against its thresholds: foot type from the arch index and the Chippaux-Smirak index,
// pronation from the CPEI against a reference distribution. Sources and the reasons for every
// default are in classification.hpp and docs/methods.md section 9.
#include "plantar/analysis/classification.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace plantar::analysis {

namespace {

std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", value);
    return text;
}

// Fills the nearest threshold, the margin and the borderline mark from the two cut-offs.
void place_against_thresholds(ClassifiedValue& v) {
    const double to_lower = std::abs(v.value - v.lower_threshold);
    const double to_upper = std::abs(v.value - v.upper_threshold);
    v.nearest_threshold = to_lower <= to_upper ? v.lower_threshold : v.upper_threshold;
    v.margin = std::min(to_lower, to_upper);
    // A small tolerance so that a value exactly one band away is borderline despite rounding.
    v.borderline = v.margin <= v.borderline_band * (1.0 + 1e-9);
}

bool finite_and_positive(double value) { return std::isfinite(value) && value > 0.0; }

}  // namespace

std::string to_string(FootType type) {
    switch (type) {
        case FootType::HighArch: return "high arch";
        case FootType::Normal: return "normal";
        case FootType::Flat: return "flat";
        case FootType::Unknown: break;
    }
    return "unknown";
}

std::string to_string(Pronation pronation) {
    switch (pronation) {
        case Pronation::Supinated: return "supinated";
        case Pronation::Neutral: return "neutral";
        case Pronation::Pronated: return "pronated";
        case Pronation::Unknown: break;
    }
    return "unknown";
}

std::string ClassificationConfig::validation_error() const {
    auto bad = [](const char* field, const std::string& why) { return std::string(field) + " " + why; };
    if (!(arch_index_high_arch_max > 0.0 && arch_index_high_arch_max < 1.0))
        return bad("arch_index_high_arch_max", "must lie between 0 and 1");
    if (!(arch_index_flat_min > arch_index_high_arch_max && arch_index_flat_min < 1.0))
        return bad("arch_index_flat_min", "must lie above arch_index_high_arch_max and below 1");
    if (!(arch_index_borderline >= 0.0 && arch_index_borderline < 0.5))
        return bad("arch_index_borderline", "must be at least 0 and below 0.5");
    if (!(chippaux_smirak_high_arch_below_pct > 0.0 && chippaux_smirak_high_arch_below_pct < 200.0))
        return bad("chippaux_smirak_high_arch_below_pct", "must lie between 0 and 200 %");
    if (!(chippaux_smirak_flat_above_pct > chippaux_smirak_high_arch_below_pct && chippaux_smirak_flat_above_pct < 200.0))
        return bad("chippaux_smirak_flat_above_pct", "must lie above chippaux_smirak_high_arch_below_pct and below 200 %");
    if (!(chippaux_smirak_borderline_pct >= 0.0 && chippaux_smirak_borderline_pct < 50.0))
        return bad("chippaux_smirak_borderline_pct", "must be at least 0 and below 50 %");
    if (!(cpei_reference_mean_pct > -100.0 && cpei_reference_mean_pct < 100.0))
        return bad("cpei_reference_mean_pct", "must lie between -100 and 100 %");
    if (!(finite_and_positive(cpei_reference_sd_pct) && cpei_reference_sd_pct < 100.0))
        return bad("cpei_reference_sd_pct", "must be above 0 and below 100 %");
    if (!(finite_and_positive(cpei_z_cutoff) && cpei_z_cutoff <= 5.0))
        return bad("cpei_z_cutoff", "must be above 0 and at most 5");
    if (!(cpei_borderline_z >= 0.0 && cpei_borderline_z < cpei_z_cutoff))
        return bad("cpei_borderline_z", "must be at least 0 and below cpei_z_cutoff");
    if (!(min_complete_steps >= 1 && min_complete_steps <= 100))
        return bad("min_complete_steps", "must be 1 to 100");
    if (!(min_agreeing_fraction > 0.0 && min_agreeing_fraction <= 1.0))
        return bad("min_agreeing_fraction", "must be above 0 and at most 1");
    return {};
}

FootTypeClass classify_arch_index(double arch_index, const ClassificationConfig& config) {
    FootTypeClass result;
    ClassifiedValue& v = result.basis;
    v.index = "arch index";
    v.value = arch_index;
    v.lower_threshold = config.arch_index_high_arch_max;
    v.upper_threshold = config.arch_index_flat_min;
    v.borderline_band = config.arch_index_borderline;
    v.rule = "high arch <= " + number(v.lower_threshold) + " < normal < " + number(v.upper_threshold) + " <= flat";
    v.method = "arch index against the Cavanagh & Rodgers quartiles";
    v.source = "cavanagh-rodgers-1987";
    if (!std::isfinite(arch_index)) {
        v.why_not = "no arch index";
        return result;
    }
    result.type = arch_index <= v.lower_threshold  ? FootType::HighArch
                  : arch_index >= v.upper_threshold ? FootType::Flat
                                                     : FootType::Normal;
    v.label = to_string(result.type);
    place_against_thresholds(v);
    return result;
}

FootTypeClass classify_chippaux_smirak(double csi_pct, const ClassificationConfig& config) {
    FootTypeClass result;
    ClassifiedValue& v = result.basis;
    v.index = "Chippaux-Smirak index";
    v.unit = "%";
    v.value = csi_pct;
    v.lower_threshold = config.chippaux_smirak_high_arch_below_pct;
    v.upper_threshold = config.chippaux_smirak_flat_above_pct;
    v.borderline_band = config.chippaux_smirak_borderline_pct;
    v.rule = "high arch < " + number(v.lower_threshold) + " % <= normal <= " + number(v.upper_threshold) + " % < flat";
    v.method = "Chippaux-Smirak index against common cut-offs";
    v.source = "chippaux-smirak";
    if (!std::isfinite(csi_pct)) {
        v.why_not = "no Chippaux-Smirak index";
        return result;
    }
    result.type = csi_pct < v.lower_threshold  ? FootType::HighArch
                  : csi_pct > v.upper_threshold ? FootType::Flat
                                                 : FootType::Normal;
    v.label = to_string(result.type);
    place_against_thresholds(v);
    return result;
}

PronationClass classify_cpei(double cpei_pct, const ClassificationConfig& config) {
    PronationClass result;
    ClassifiedValue& v = result.basis;
    const double mean = config.cpei_reference_mean_pct, sd = config.cpei_reference_sd_pct;
    v.index = "CPEI";
    v.unit = "%";
    v.value = cpei_pct;
    v.lower_threshold = mean - config.cpei_z_cutoff * sd;
    v.upper_threshold = mean + config.cpei_z_cutoff * sd;
    v.borderline_band = config.cpei_borderline_z * sd;
    v.rule = "pronated <= " + number(v.lower_threshold) + " % < neutral < " + number(v.upper_threshold) +
             " % <= supinated (reference " + number(mean) + " +- " + number(sd) + " %, z cut-off " +
             number(config.cpei_z_cutoff) + ")";
    v.method = "CPEI z-score against a reference distribution";
    v.source = "song-1996; pmc7393860-table4";
    if (!std::isfinite(cpei_pct)) {
        v.why_not = "no CPEI";
        return result;
    }
    result.z_score = (cpei_pct - mean) / sd;
    // The cut-offs are computed (mean -+ z x SD); a value typed equal to the cut-off shown
    // must fall on the cut-off's side despite rounding.
    const double tolerance = 1e-9 * std::max(1.0, std::abs(mean));
    result.pronation = cpei_pct <= v.lower_threshold + tolerance  ? Pronation::Pronated
                       : cpei_pct >= v.upper_threshold - tolerance ? Pronation::Supinated
                                                                    : Pronation::Neutral;
    v.label = to_string(result.pronation);
    place_against_thresholds(v);
    return result;
}

ClassifiedValue describe_staheli(double staheli) {
    ClassifiedValue v;
    v.index = "Staheli index";
    v.value = staheli;
    v.method = "reported without a class: its norms depend on age";
    v.source = "staheli-1987";
    if (!std::isfinite(staheli)) v.why_not = "no Staheli index";
    return v;
}

}  // namespace plantar::analysis
