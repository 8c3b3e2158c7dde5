// Agreement across the steps of one foot, and the classification of a foot from the median of
// its complete steps. A single step can mislead (a short or hurried step, a partly lifted arch),
// so a foot's class is that of its median step, shown with the spread and with advice when
// the steps are too few or disagree (docs/methods.md section 9).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "plantar/analysis/classification.hpp"

namespace plantar::analysis {

namespace {

// Quantile of sorted values by linear interpolation between order statistics (R's type 7).
double quantile(const std::vector<double>& sorted, double q) {
    if (sorted.empty()) return kNaN;
    const double position = q * static_cast<double>(sorted.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(position));
    const std::size_t above = std::min(below + 1, sorted.size() - 1);
    const double fraction = position - static_cast<double>(below);
    return sorted[below] + fraction * (sorted[above] - sorted[below]);
}

std::string label_of(double value, ClassifiedIndex index, const ClassificationConfig& config) {
    switch (index) {
        case ClassifiedIndex::ArchIndex: return classify_arch_index(value, config).basis.label;
        case ClassifiedIndex::ChippauxSmirak: return classify_chippaux_smirak(value, config).basis.label;
        case ClassifiedIndex::Cpei: return classify_cpei(value, config).basis.label;
        case ClassifiedIndex::Staheli: break;
    }
    return {};
}

std::string steps_word(std::size_t n) { return std::to_string(n) + (n == 1 ? " complete step" : " complete steps"); }

std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3g", value);
    return text;
}

std::string percent(double fraction) {
    char text[16];
    std::snprintf(text, sizeof text, "%.0f %%", fraction * 100.0);
    return text;
}

}  // namespace

StepAgreement agree_across_steps(std::span<const double> per_step_values, ClassifiedIndex index,
                                 const ClassificationConfig& config) {
    StepAgreement a;
    for (double value : per_step_values)
        if (std::isfinite(value)) {
            a.values.push_back(value);
            a.labels.push_back(label_of(value, index, config));
        }
    a.steps = a.values.size();
    const auto needed = static_cast<std::size_t>(config.min_complete_steps);
    a.enough_steps = a.steps >= needed;
    if (a.steps == 0) {
        a.recommendation = "no complete step with a value: record at least " + steps_word(needed) + " per foot";
        return a;
    }
    std::vector<double> sorted = a.values;
    std::sort(sorted.begin(), sorted.end());
    a.median = quantile(sorted, 0.5);
    a.min = sorted.front();
    a.max = sorted.back();
    a.q1 = quantile(sorted, 0.25);
    a.q3 = quantile(sorted, 0.75);
    a.iqr = a.q3 - a.q1;
    a.median_label = label_of(a.median, index, config);
    if (index == ClassifiedIndex::Staheli) {
        a.steps_agree = true;  // no classes, nothing to disagree about
    } else {
        const auto agreeing = std::count(a.labels.begin(), a.labels.end(), a.median_label);
        a.agreeing_fraction = static_cast<double>(agreeing) / static_cast<double>(a.steps);
        a.steps_agree = a.agreeing_fraction >= config.min_agreeing_fraction;
    }
    if (!a.enough_steps)
        a.recommendation = "only " + steps_word(a.steps) + ": record at least " + steps_word(needed) + " per foot";
    else if (!a.steps_agree)
        a.recommendation = "steps disagree (" + percent(a.agreeing_fraction) + " say " + a.median_label +
                           "): record more steps";
    return a;
}

FootClassification classify_foot(Side side, std::span<const StepIndices> complete_steps,
                                 const ClassificationConfig& config) {
    FootClassification foot;
    foot.side = side;
    foot.complete_steps = complete_steps.size();
    std::vector<double> ai, csi, si, cpei;
    for (const auto& step : complete_steps) {
        ai.push_back(step.arch_index);
        csi.push_back(step.chippaux_smirak_pct);
        si.push_back(step.staheli);
        cpei.push_back(step.cpei_pct);
    }
    foot.arch_index_steps = agree_across_steps(ai, ClassifiedIndex::ArchIndex, config);
    foot.chippaux_smirak_steps = agree_across_steps(csi, ClassifiedIndex::ChippauxSmirak, config);
    foot.staheli_steps = agree_across_steps(si, ClassifiedIndex::Staheli, config);
    foot.cpei_steps = agree_across_steps(cpei, ClassifiedIndex::Cpei, config);
    foot.foot_type = classify_arch_index(foot.arch_index_steps.median, config);
    foot.chippaux_smirak = classify_chippaux_smirak(foot.chippaux_smirak_steps.median, config);
    foot.staheli = describe_staheli(foot.staheli_steps.median);
    foot.pronation = classify_cpei(foot.cpei_steps.median, config);

    auto& advice = foot.recommendations;
    const auto needed = static_cast<std::size_t>(config.min_complete_steps);
    if (foot.complete_steps < needed)
        advice.push_back((foot.complete_steps == 0 ? std::string("no complete steps") : "only " + steps_word(foot.complete_steps)) +
                         ": record at least " + steps_word(needed) + " per foot");
    const auto add_step_advice = [&](const StepAgreement& a, const char* what) {
        // Too few complete steps is said once above; here what is particular to one index:
        // steps where it could not be measured (a toe-walker's arch index), or that disagree.
        if (foot.complete_steps == 0) return;
        if (a.steps == 0)
            advice.push_back(std::string(what) + " could not be measured in any complete step, so it is not classified");
        else if (foot.complete_steps >= needed && !a.enough_steps)
            advice.push_back(std::string(what) + " measured in only " + steps_word(a.steps) + ": record more steps");
        else if (a.enough_steps && !a.steps_agree)
            advice.push_back(std::string(what) + ": " + a.recommendation);
    };
    add_step_advice(foot.arch_index_steps, "foot type (arch index)");
    add_step_advice(foot.cpei_steps, "pronation (CPEI)");
    if (foot.foot_type.basis.borderline)
        advice.push_back("foot type is borderline (arch index " + number(foot.foot_type.basis.value) + ", " +
                         number(foot.foot_type.basis.margin) + " from the threshold " +
                         number(foot.foot_type.basis.nearest_threshold) + "): read it with care");
    if (foot.pronation.basis.borderline)
        advice.push_back("pronation is borderline (CPEI " + number(foot.pronation.basis.value) + " %, " +
                         number(foot.pronation.basis.margin) + " % from the cut-off " +
                         number(foot.pronation.basis.nearest_threshold) + " %): read it with care");
    return foot;
}

}  // namespace plantar::analysis
