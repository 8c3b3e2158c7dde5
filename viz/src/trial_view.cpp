#include "plantar/viz/trial_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "plantar/capture/errors.hpp"
#include "trial_background.hpp"

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

namespace {

// The UI's frame cache: small blocks (one stored chunk, about 256 KiB) so that a jump to an
// unread place on the timeline waits for one short read; 64 MiB keeps a few seconds of a
// walkway at 500 Hz around the frame on screen.
constexpr FrameCacheLimits kUiCache{.block_bytes = std::size_t{256} << 10, .max_bytes = std::size_t{64} << 20};
// A followed recording is analysed again once it has not grown for this long.
constexpr auto kQuietBeforeAnalysis = std::chrono::seconds(1);

}  // namespace

TrialView::TrialView() = default;

TrialView::~TrialView() {
    // Stop every thread before the members they use go away.
    if (background_) background_->request_stop();
    for (auto& old : stopping_) old->request_stop();
    background_.reset();
    stopping_.clear();
    prefetcher_.reset();
}

std::unique_ptr<TrialView> TrialView::open(const std::filesystem::path& path, std::optional<int> trial) {
    auto view = std::unique_ptr<TrialView>(new TrialView());
    {
        SessionReader reader(path);
        view->path_ = path;
        view->subject_ = reader.subject();
        view->trial_count_ = reader.trial_count();
        if (view->trial_count_ == 0) throw InvalidArgument(path.string() + " has no trials");
        if (trial) {
            if (*trial < 0 || *trial >= view->trial_count_)
                throw InvalidArgument(path.string() + " has no trial " + std::to_string(*trial) +
                                      " (it has trials 0 to " + std::to_string(view->trial_count_ - 1) + ")");
            view->trial_ = *trial;
        } else {
            view->trial_ = -1;
            for (int t = 0; t < view->trial_count_ && view->trial_ < 0; ++t)
                if (reader.trial(t).frame_count > 0) view->trial_ = t;
            if (view->trial_ < 0) throw InvalidArgument("no trial of " + path.string() + " has frames");
        }
    }
    view->frames_ = std::make_shared<SessionFrameSequence>(path, view->trial_, kUiCache);
    view->info_ = view->frames_->info();
    if (view->info_.frame_count == 0)
        throw InvalidArgument("trial " + std::to_string(view->trial_) + " of " + path.string() + " has no frames");
    view->device_times_ = view->frames_->device_times(0, static_cast<std::size_t>(view->info_.frame_count));
    const TrialHeader& header = view->info_.header;
    view->sensors_ = analysis::SensorMap::make(header.geometry, header.layout, header.pressure_scale);
    view->prefetcher_ = std::make_unique<FramePrefetcher>(view->frames_);
    view->last_refresh_ = std::chrono::steady_clock::now();
    view->start_background();
    return view;
}

void TrialView::start_background() {
    background_ = std::make_unique<TrialBackground>(path_, trial_, info_.header, sensors_, device_times_.size());
}

const Frame& TrialView::frame(std::size_t index) const {
    if (index >= frame_count())
        throw InvalidArgument("frame " + std::to_string(index) + " is out of range: trial " + std::to_string(trial_) +
                              " has " + std::to_string(frame_count()) + " frames");
    shown_frame_ = frames_->frame(index);
    prefetcher_->shown(index);
    return *shown_frame_;
}

const TrialResults* TrialView::results() const {
    if (background_) {
        auto newest = background_->results();
        if (newest && newest != adopted_) {
            if (adopted_) retired_.push_back(std::move(adopted_));
            adopted_ = std::move(newest);
        }
    }
    return adopted_.get();
}

const analysis::TrialAnalysis* TrialView::analysis() const {
    const TrialResults* found = results();
    return found ? found->analysis.get() : nullptr;
}

double TrialView::peak_value() const {
    const TrialResults* found = results();
    return found ? found->peak_value : analysis::kNaN;
}

const Frame* TrialView::peak_image() const {
    const TrialResults* found = results();
    return found ? found->peak_image.get() : nullptr;
}

std::span<const float> TrialView::total_force_n() const {
    const TrialResults* found = results();
    if (!found || !found->total_force_n) return {};
    return *found->total_force_n;
}

std::size_t TrialView::analysed_frame_count() const {
    const TrialResults* found = results();
    return found && found->analysis ? found->frames : 0;
}

std::string TrialView::analysis_status() const {
    if (!background_) return "waiting for the recording to pause";
    return background_->status();
}

float TrialView::background_progress() const { return background_ ? background_->progress() : 0.0f; }

bool TrialView::refresh(std::chrono::milliseconds min_interval) {
    retired_.clear();
    std::erase_if(stopping_, [](const auto& old) { return old->finished(); });
    const auto now = std::chrono::steady_clock::now();
    bool grew = false;
    if (!info_.complete && now - last_refresh_ >= min_interval) {
        last_refresh_ = now;
        try {
            grew = frames_->refresh();
            TrialInfo info = frames_->info();
            if (grew) {
                const std::size_t known = device_times_.size();
                const auto added = frames_->device_times(known, static_cast<std::size_t>(info.frame_count) - known);
                device_times_.insert(device_times_.end(), added.begin(), added.end());
                last_growth_ = now;
                if (background_) {
                    // Its results are about fewer frames than there are now: redo it once the file is quiet.
                    background_->request_stop();
                    stopping_.push_back(std::move(background_));
                }
            }
            info.frame_count = device_times_.size();
            info_ = std::move(info);
        } catch (const Error&) {
            // The writer is between two states of the file; the next refresh reads it again.
            return false;
        }
    }
    if (!background_ && now - last_growth_ >= kQuietBeforeAnalysis) start_background();
    return grew;
}

double TrialView::time_s(std::size_t index) const {
    if (device_times_.empty()) return 0.0;
    index = std::min(index, device_times_.size() - 1);
    return static_cast<double>(device_times_[index] - device_times_.front()) * 1e-6;
}

std::size_t TrialView::frame_at_time(double seconds) const {
    if (device_times_.empty()) return 0;
    const auto target = device_times_.front() + static_cast<std::int64_t>(std::llround(seconds * 1e6));
    const auto after = std::upper_bound(device_times_.begin(), device_times_.end(), target);
    return after == device_times_.begin() ? 0 : static_cast<std::size_t>(after - device_times_.begin()) - 1;
}

double TrialView::force_n(std::size_t index) const {
    if (index >= frame_count() || !sensors_.forces_known()) return analysis::kNaN;
    // Its own pointer, so the reference frame() handed out stays valid.
    return analysis::frame_load(sensors_, *frames_->frame(index));
}

std::string TrialView::value_unit() const { return sensors_.in_kpa() ? "kPa" : "counts"; }

FrameCacheStats TrialView::frame_cache_stats() const { return frames_->cache_stats(); }

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
