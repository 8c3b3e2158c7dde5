#include "plantar/viz/trial_curves.hpp"

#include <algorithm>
#include <cmath>

namespace plantar::viz {

StepRegionForces step_region_forces(const analysis::SensorMap& sensors, const analysis::TrialAnalysis& trial_analysis,
                                    std::size_t step_index, const FrameReader& read_frame) {
    StepRegionForces curves;
    curves.step = step_index;
    if (step_index >= trial_analysis.steps.size() || !sensors.forces_known()) return curves;
    const analysis::StepAnalysis& step = trial_analysis.steps[step_index];
    const analysis::Contact& contact = step.contact;
    const std::size_t n = sensors.size();
    if (contact.mask.size() != n || step.footprint.regions.size() != n || contact.samples.empty()) return curves;

    // Which curve each sensor adds to: -1 outside the mask, kCurveRegions.size() for mask
    // sensors without a coarse region (they count towards the whole foot only).
    constexpr int kOutside = -1;
    constexpr int kUnlabelled = static_cast<int>(kCurveRegions.size());
    std::vector<int> curve_of(n, kOutside);
    for (std::size_t i = 0; i < n; ++i) {
        if (contact.mask[i] == 0 || sensors.present[i] == 0) continue;
        const auto found = std::find(kCurveRegions.begin(), kCurveRegions.end(), step.footprint.regions[i]);
        curve_of[i] = found == kCurveRegions.end() ? kUnlabelled : static_cast<int>(found - kCurveRegions.begin());
    }

    curves.first_frame = contact.first_frame;
    const std::size_t frames = contact.samples.size();
    curves.time_s.resize(frames);
    curves.whole_foot_n.assign(frames, 0.0);
    for (auto& region : curves.region_n) region.assign(frames, 0.0);
    for (std::size_t k = 0; k < frames; ++k) {
        const analysis::ContactSample& sample = contact.samples[k];
        curves.time_s[k] = sample.time_s;
        const std::vector<float>& values = read_frame(sample.frame).pressure_kpa;
        for (std::size_t i = 0; i < n && i < values.size(); ++i) {
            if (curve_of[i] == kOutside) continue;
            const double force = static_cast<double>(values[i]) * sensors.area_mm2[i] * 1e-3;
            curves.whole_foot_n[k] += force;
            if (curve_of[i] != kUnlabelled) curves.region_n[static_cast<std::size_t>(curve_of[i])][k] += force;
        }
    }
    return curves;
}

TimeSpan stance_span(const analysis::StepAnalysis& step) {
    const auto& samples = step.contact.samples;
    if (samples.empty()) return {};
    return {samples.front().time_s, samples.back().time_s};
}

std::vector<std::size_t> steps_in_window(const analysis::TrialAnalysis& trial_analysis, double start_s, double end_s) {
    std::vector<std::size_t> inside;
    for (std::size_t s = 0; s < trial_analysis.steps.size(); ++s) {
        const TimeSpan span = stance_span(trial_analysis.steps[s]);
        if (span.end_s >= start_s && span.start_s <= end_s) inside.push_back(s);
    }
    return inside;
}

TimeSpan curves_window(double time_s, double duration_s, double half_width_s) {
    if (!(duration_s > 2.0 * half_width_s)) return {0.0, std::max(duration_s, 0.0)};
    const double start = std::clamp(time_s - half_width_s, 0.0, duration_s - 2.0 * half_width_s);
    return {start, start + 2.0 * half_width_s};
}

void RegionForceCache::update(const analysis::SensorMap& sensors, const analysis::TrialAnalysis& trial_analysis,
                              std::span<const std::size_t> wanted, const FrameReader& read_frame, std::size_t frame_budget) {
    if (analysis_ != &trial_analysis) {
        analysis_ = &trial_analysis;
        curves_.clear();
    }
    // Keep the wanted steps' curves only: the cache never grows beyond one window.
    std::erase_if(curves_, [&](const StepRegionForces& c) { return std::find(wanted.begin(), wanted.end(), c.step) == wanted.end(); });
    std::size_t frames_read = 0;
    for (std::size_t step : wanted) {
        if (find(step) != nullptr || step >= trial_analysis.steps.size()) continue;
        if (frames_read > 0 && frames_read >= frame_budget) break;
        curves_.push_back(step_region_forces(sensors, trial_analysis, step, read_frame));
        frames_read += std::max<std::size_t>(curves_.back().time_s.size(), 1);
    }
}

const StepRegionForces* RegionForceCache::find(std::size_t step) const {
    const auto found = std::find_if(curves_.begin(), curves_.end(), [&](const StepRegionForces& c) { return c.step == step; });
    return found == curves_.end() ? nullptr : &*found;
}

}  // namespace plantar::viz
