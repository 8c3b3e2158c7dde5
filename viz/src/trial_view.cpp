#include "plantar/viz/trial_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "plantar/capture/errors.hpp"

namespace plantar::viz {
namespace {

// "0.243" for ratios, "21.5 %" for percentages.
std::string value_text(const analysis::ClassifiedValue& v, double value) {
    char text[64];
    if (v.unit == "%")
        std::snprintf(text, sizeof text, "%.1f %%", value);
    else
        std::snprintf(text, sizeof text, "%.3f", value);
    return text;
}

std::string z_text(double z) {
    char text[64];
    std::snprintf(text, sizeof text, ", z %+.2f", z);
    return text;
}

std::string margin_text(const analysis::ClassifiedValue& v) {
    if (!v.borderline) return {};
    return value_text(v, v.margin) + " from the threshold " + value_text(v, v.nearest_threshold);
}

std::string classified_text(const std::string& what, const std::string& label, const analysis::ClassifiedValue& v,
                            const std::string& extra) {
    if (!std::isfinite(v.value) || label.empty() || label == "unknown")
        return what + ": unknown" + (v.why_not.empty() ? std::string() : " (" + v.why_not + ")");
    std::string text = what + ": " + label + " (" + v.index + " " + value_text(v, v.value) + extra;
    if (!v.rule.empty()) text += "; " + v.rule;
    text += ")";
    if (v.unverified) text += " [thresholds unverified]";
    return text;
}

}  // namespace

std::unique_ptr<TrialView> TrialView::open(const std::filesystem::path& path, std::optional<int> trial) {
    SessionReader reader(path);
    auto view = std::unique_ptr<TrialView>(new TrialView());
    view->path_ = path;
    view->subject_ = reader.subject();
    view->trial_count_ = reader.trial_count();
    if (view->trial_count_ == 0) throw InvalidArgument(path.string() + " has no trials");
    if (trial) {
        if (*trial < 0 || *trial >= view->trial_count_)
            throw InvalidArgument(path.string() + " has no trial " + std::to_string(*trial) + " (it has trials 0 to " +
                                  std::to_string(view->trial_count_ - 1) + ")");
        view->trial_ = *trial;
    } else {
        view->trial_ = -1;
        for (int t = 0; t < view->trial_count_ && view->trial_ < 0; ++t)
            if (reader.trial(t).frame_count > 0) view->trial_ = t;
        if (view->trial_ < 0) throw InvalidArgument("no trial of " + path.string() + " has frames");
    }
    view->info_ = reader.trial(view->trial_);
    if (view->info_.frame_count == 0)
        throw InvalidArgument("trial " + std::to_string(view->trial_) + " of " + path.string() + " has no frames");
    view->frames_.reserve(view->info_.frame_count);
    reader.read_frames(view->trial_, 0, view->info_.frame_count, [&](const Frame& frame) {
        view->frames_.push_back(frame);
        return true;
    });
    const TrialHeader& header = view->info_.header;
    view->sensors_ = analysis::SensorMap::make(header.geometry, header.layout, header.pressure_scale);
    view->peak_image_ = view->frames_.front();
    std::fill(view->peak_image_.pressure_kpa.begin(), view->peak_image_.pressure_kpa.end(), 0.0f);
    const bool forces = view->sensors_.forces_known();
    if (forces) view->total_force_n_.reserve(view->frames_.size());
    for (const Frame& frame : view->frames_) {
        for (std::size_t i = 0; i < frame.pressure_kpa.size() && i < view->peak_image_.pressure_kpa.size(); ++i) {
            const float v = frame.pressure_kpa[i];
            if (std::isfinite(v)) view->peak_image_.pressure_kpa[i] = std::max(view->peak_image_.pressure_kpa[i], v);
        }
        if (forces) view->total_force_n_.push_back(static_cast<float>(analysis::frame_load(view->sensors_, frame)));
    }
    for (float v : view->peak_image_.pressure_kpa) view->peak_value_ = std::max(view->peak_value_, static_cast<double>(v));
    analysis::TrialInput input;
    input.sensors = view->sensors_;
    input.kind = header.kind;
    input.rate_hz = header.rate_hz;
    input.frames = view->frames_;
    view->analysis_ = analysis::analyze_trial(input, analysis::AnalysisConfig{});
    return view;
}

const Frame& TrialView::frame(std::size_t index) const { return frames_.at(index); }

double TrialView::time_s(std::size_t index) const {
    if (frames_.empty()) return 0.0;
    index = std::min(index, frames_.size() - 1);
    return static_cast<double>(frames_[index].device_time_us - frames_.front().device_time_us) * 1e-6;
}

std::size_t TrialView::frame_at_time(double seconds) const {
    if (frames_.empty()) return 0;
    const auto target = frames_.front().device_time_us + static_cast<std::int64_t>(std::llround(seconds * 1e6));
    const auto after = std::upper_bound(frames_.begin(), frames_.end(), target,
                                        [](std::int64_t t, const Frame& f) { return t < f.device_time_us; });
    return after == frames_.begin() ? 0 : static_cast<std::size_t>(after - frames_.begin()) - 1;
}

double TrialView::force_n(std::size_t index) const {
    if (index >= frames_.size() || !sensors_.forces_known()) return analysis::kNaN;
    return analysis::frame_load(sensors_, frames_[index]);
}

std::string TrialView::value_unit() const { return sensors_.in_kpa() ? "kPa" : "counts"; }

FootSummary summarize_foot(const analysis::FootClassification& foot, const std::string& side_name) {
    FootSummary s;
    s.title = side_name + " foot: " + std::to_string(foot.complete_steps) + " complete step" +
              (foot.complete_steps == 1 ? "" : "s");
    const auto& type = foot.foot_type;
    s.foot_type = classified_text("Foot type", analysis::to_string(type.type), type.basis, "");
    s.foot_type_borderline = type.type != analysis::FootType::Unknown && type.basis.borderline;
    if (s.foot_type_borderline) s.foot_type_margin = margin_text(type.basis);
    const auto& pronation = foot.pronation;
    const std::string z = std::isfinite(pronation.z_score) ? z_text(pronation.z_score) : std::string();
    s.pronation = classified_text("Pronation", analysis::to_string(pronation.pronation), pronation.basis, z);
    s.pronation_borderline = pronation.pronation != analysis::Pronation::Unknown && pronation.basis.borderline;
    if (s.pronation_borderline) s.pronation_margin = margin_text(pronation.basis);
    s.recommendations = foot.recommendations;
    return s;
}

}  // namespace plantar::viz
