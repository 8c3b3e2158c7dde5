// One trial of a session as the viewer shows it: its frames in memory, where each value sits, and
// the analysis of the whole trial (analyze_trial, run once when the trial is opened). No GUI types,
// so tests can check what the panels will say without a window.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "plantar/analysis/pipeline.hpp"
#include "plantar/capture/session/session.hpp"

namespace plantar::viz {

struct TrialView {
    std::filesystem::path path;
    Subject subject;
    int trial_count = 0;
    int trial = 0;
    TrialInfo info;
    std::vector<Frame> frames;           // the whole trial (first slice: read at open)
    analysis::SensorMap sensors;
    analysis::TrialAnalysis analysis;
    double peak_value = 0.0;             // the largest value of any frame (kPa, or counts when raw)

    // Opens `path` and loads trial `trial` (nullopt: the first trial that has frames). Throws
    // plantar::Error (IoError, FileFormatError, InvalidArgument) with a message naming the problem.
    static TrialView open(const std::filesystem::path& path, std::optional<int> trial);

    // Seconds from the trial's first frame to frame `index`.
    double time_s(std::size_t index) const;
    // The last frame at or before `seconds` after the first frame (the first one for earlier times).
    std::size_t frame_at_time(double seconds) const;
    double duration_s() const { return frames.empty() ? 0.0 : time_s(frames.size() - 1); }
    // The frame's vertical force in N; NaN when the trial has no forces (raw counts, unknown positions).
    double force_n(std::size_t index) const;
    // "kPa", or "counts" for a raw trial.
    std::string value_unit() const;
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
