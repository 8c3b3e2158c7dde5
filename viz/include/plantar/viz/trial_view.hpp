// One trial of a session as the viewer shows it: its frames (read from the file as they are
// shown), where each value sits, and the analysis of the whole trial (analyze_trial). No GUI
// types, so tests can check what the panels will say without a window.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "plantar/analysis/pipeline.hpp"
#include "plantar/capture/session/session.hpp"

namespace plantar::viz {

class TrialView {
public:
    // Opens `path` and trial `trial` (nullopt: the first trial that has frames). Throws
    // plantar::Error (IoError, FileFormatError, InvalidArgument) with a message naming the problem.
    static std::unique_ptr<TrialView> open(const std::filesystem::path& path, std::optional<int> trial);

    const std::filesystem::path& path() const { return path_; }
    const Subject& subject() const { return subject_; }
    int trial_count() const { return trial_count_; }
    int trial() const { return trial_; }
    const TrialInfo& info() const { return info_; }
    const TrialHeader& header() const { return info_.header; }
    const analysis::SensorMap& sensors() const { return sensors_; }

    std::size_t frame_count() const { return frames_.size(); }
    // Frame `index` (< frame_count()). The reference stays valid until the next call.
    const Frame& frame(std::size_t index) const;

    // The analysis of the whole trial; null until it is done.
    const analysis::TrialAnalysis* analysis() const { return &analysis_; }
    // The largest value of any frame (kPa, or counts when raw); NaN until it is known.
    double peak_value() const { return peak_value_; }
    // Per sensor, the largest value over the trial (the peak-pressure image); null until known.
    const Frame* peak_image() const { return &peak_image_; }
    // Per frame, the total vertical force in N (empty until known, or when the trial has no
    // forces: raw counts, unknown positions).
    std::span<const float> total_force_n() const { return total_force_n_; }

    // Seconds from the trial's first frame to frame `index`.
    double time_s(std::size_t index) const;
    // The last frame at or before `seconds` after the first frame (the first one for earlier times).
    std::size_t frame_at_time(double seconds) const;
    double duration_s() const { return frames_.empty() ? 0.0 : time_s(frames_.size() - 1); }
    // The frame's vertical force in N; NaN when the trial has no forces (raw counts, unknown positions).
    double force_n(std::size_t index) const;
    // "kPa", or "counts" for a raw trial.
    std::string value_unit() const;

private:
    std::filesystem::path path_;
    Subject subject_;
    int trial_count_ = 0;
    int trial_ = 0;
    TrialInfo info_;
    std::vector<Frame> frames_;
    analysis::SensorMap sensors_;
    analysis::TrialAnalysis analysis_;
    double peak_value_ = 0.0;
    Frame peak_image_;
    std::vector<float> total_force_n_;
};

// What the side panel says about one foot, in plain words.
struct FootSummary {
    std::string title;                   // "Left foot: 4 complete steps"
    std::string foot_type;               // "Foot type: normal (arch index 0.243; high arch <= 0.21 < normal < 0.26 <= flat)"
    bool foot_type_borderline = false;
    std::string foot_type_margin;        // "0.007 from the threshold 0.25" (empty when not borderline)
    std::string pronation;               // "Pronation: neutral (CPEI 21.5 %, z -0.18; ...)"
    bool pronation_borderline = false;
    std::string pronation_margin;
    std::vector<std::string> recommendations;
};
FootSummary summarize_foot(const analysis::FootClassification& foot, const std::string& side_name);

}  // namespace plantar::viz
