// Foot type (high arch / normal / flat) and pronation (supinated / neutral / pronated) from the
// footprint indices and the CPEI, with the threshold used, the margin to it, a borderline mark,
// and how well the steps of one foot agree. Every threshold is a field of ClassificationConfig
// with its source; docs/methods.md section 9 gives the formulas and says which are unverified.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "plantar/analysis/sensor_map.hpp"

namespace plantar::analysis {

// Every threshold of the classification. The defaults are the published cut-offs named in the
// comments; "(unverified)" ones were not checked against the original paper (docs/methods.md).
struct ClassificationConfig {
    // Arch index, Cavanagh & Rodgers 1987 (unverified quartiles of their 107 subjects, walking
    // prints): AI <= high_arch_max is a high arch, AI >= flat_min is flat, normal in between.
    double arch_index_high_arch_max = 0.21;
    double arch_index_flat_min = 0.26;
    double arch_index_borderline = 0.01;  // within this of a threshold: "borderline"

    // Chippaux-Smirak index in % (unverified common cut-offs): < high_arch_below is a high arch,
    // > flat_above is flat, normal from one to the other inclusive.
    double chippaux_smirak_high_arch_below_pct = 30.0;
    double chippaux_smirak_flat_above_pct = 45.0;
    double chippaux_smirak_borderline_pct = 3.0;

    // CPEI against a reference distribution: mean of all 2,180 feet in PMC7393860 Table 4; the
    // paper gives standard errors, not a standard deviation, so the SD is our estimate (SE x
    // sqrt(N) of its foot-type groups gives 5.4 to 7.6 %), unverified. z = (CPEI - mean) / SD;
    // z <= -z_cutoff is pronated (low CPEI), z >= +z_cutoff is supinated.
    double cpei_reference_mean_pct = 22.74;
    double cpei_reference_sd_pct = 7.0;
    double cpei_z_cutoff = 1.0;
    double cpei_borderline_z = 0.25;  // within this many SDs of a cut-off: "borderline"

    // Agreement across the steps of one foot: fewer complete steps than this, or a smaller
    // fraction of steps whose label is the median's, gives a recommendation to record more.
    int min_complete_steps = 3;
    double min_agreeing_fraction = 0.75;

    // Empty when usable, else the first problem, naming the field.
    std::string validation_error() const;
};

enum class FootType { Unknown, HighArch, Normal, Flat };
enum class Pronation { Unknown, Supinated, Neutral, Pronated };
std::string to_string(FootType type);       // "unknown", "high arch", "normal", "flat"
std::string to_string(Pronation pronation); // "unknown", "supinated", "neutral", "pronated"

// One value placed against its thresholds.
struct ClassifiedValue {
    std::string index;        // "arch index", "Chippaux-Smirak index", "CPEI", "Staheli index"
    std::string unit;         // "" (a ratio) or "%"
    double value = kNaN;
    std::string label;        // the class in plain words; empty without a value or without classes
    double lower_threshold = kNaN;  // the two cut-offs, in the value's unit (NaN for Staheli)
    double upper_threshold = kNaN;
    std::string rule;         // the rule in words: "high arch <= 0.21 < normal < 0.26 <= flat"
    double nearest_threshold = kNaN;
    double margin = kNaN;     // |value - nearest threshold|, in the value's unit
    double borderline_band = kNaN;
    bool borderline = false;  // margin <= borderline_band
    std::string method;       // how the value was classified
    std::string source;       // source key (docs/methods.md, references)
    bool unverified = true;   // thresholds not checked against the original paper
    std::string why_not;      // why there is no value or no class
};

struct FootTypeClass {
    FootType type = FootType::Unknown;
    ClassifiedValue basis;
};

struct PronationClass {
    Pronation pronation = Pronation::Unknown;
    double z_score = kNaN;    // (CPEI - reference mean) / reference SD
    ClassifiedValue basis;    // thresholds in CPEI %, margin in CPEI %
};

// NaN values give Unknown with why_not set.
FootTypeClass classify_arch_index(double arch_index, const ClassificationConfig& config);
FootTypeClass classify_chippaux_smirak(double csi_pct, const ClassificationConfig& config);
PronationClass classify_cpei(double cpei_pct, const ClassificationConfig& config);
// Staheli's norms depend on age, so it is reported without a class.
ClassifiedValue describe_staheli(double staheli);

// How the per-step values of one foot agree.
struct StepAgreement {
    std::size_t steps = 0;              // steps with a value
    std::vector<double> values;         // per step, in step order (NaN kept out)
    std::vector<std::string> labels;    // the class of each value alone
    double median = kNaN;
    double min = kNaN, max = kNaN;
    double q1 = kNaN, q3 = kNaN, iqr = kNaN;  // quartiles by linear interpolation
    std::string median_label;           // the class of the median
    double agreeing_fraction = kNaN;    // steps whose label is the median's label
    bool enough_steps = false;          // steps >= min_complete_steps
    bool steps_agree = false;           // agreeing_fraction >= min_agreeing_fraction
    std::string recommendation;         // empty when there are enough agreeing steps
};

// The index whose thresholds label each step's value (Staheli: no class, so no labels).
enum class ClassifiedIndex { ArchIndex, ChippauxSmirak, Cpei, Staheli };
StepAgreement agree_across_steps(std::span<const double> per_step_values, ClassifiedIndex index,
                                 const ClassificationConfig& config);

// The indices of one complete step, as the pipeline measured them (NaN when missing).
struct StepIndices {
    double arch_index = kNaN;
    double chippaux_smirak_pct = kNaN;
    double staheli = kNaN;
    double cpei_pct = kNaN;
};

// The classification of one foot over its complete steps: each class is that of the median of
// the per-step values, with the agreement across steps behind it.
struct FootClassification {
    Side side = Side::Unknown;
    std::size_t complete_steps = 0;
    FootTypeClass foot_type;                 // from the arch index (the primary foot-type method)
    FootTypeClass chippaux_smirak;           // supporting
    ClassifiedValue staheli;                 // reported, no class
    PronationClass pronation;                // from the CPEI
    StepAgreement arch_index_steps;
    StepAgreement chippaux_smirak_steps;
    StepAgreement staheli_steps;
    StepAgreement cpei_steps;
    // Plain-words advice, most important first ("record at least 3 complete steps per foot").
    std::vector<std::string> recommendations;
};

FootClassification classify_foot(Side side, std::span<const StepIndices> complete_steps,
                                 const ClassificationConfig& config);

}  // namespace plantar::analysis
