// One trial of a session as the viewer shows it: its frames (read from the file as they are
// shown), where each value sits, and the analysis of the whole trial (analyze_trial). No GUI
// types, so tests can check what the panels will say without a window.
//
// Long trials: open() reads the headers and the frame times only, and returns. frame(i) reads
// through a block cache (SessionFrameSequence, 64 MiB at most) while a prefetch thread reads the
// blocks ahead of the frame on screen. A background thread reads the frames once for the peak
// image and the forces, then analyses the trial; until each result is known its getter says so
// (null, NaN, empty), and analysis_status() says what is being done.
//
// Threads: a TrialView is used by one (UI) thread. Pointers and spans from analysis(),
// peak_image() and total_force_n() stay valid until that thread's next refresh() call or the
// view's destruction, whatever the background thread publishes meanwhile. The reference from
// frame() stays valid until the next frame() call. Destroying a view stops its threads first.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "plantar/analysis/pipeline.hpp"
#include "plantar/capture/session/session.hpp"
#include "plantar/capture/session/session_frame_sequence.hpp"

namespace plantar::viz {

struct TrialResults;
class TrialBackground;
class FramePrefetcher;

class TrialView {
public:
    // Opens `path` and trial `trial` (nullopt: the first trial that has frames). Throws
    // plantar::Error (IoError, FileFormatError, InvalidArgument) with a message naming the problem.
    static std::unique_ptr<TrialView> open(const std::filesystem::path& path, std::optional<int> trial);
    ~TrialView();
    TrialView(const TrialView&) = delete;
    TrialView& operator=(const TrialView&) = delete;

    const std::filesystem::path& path() const { return path_; }
    const Subject& subject() const { return subject_; }
    int trial_count() const { return trial_count_; }
    int trial() const { return trial_; }
    const TrialInfo& info() const { return info_; }
    const TrialHeader& header() const { return info_.header; }
    const analysis::SensorMap& sensors() const { return sensors_; }

    std::size_t frame_count() const { return device_times_.size(); }
    // Frame `index` (< frame_count(); InvalidArgument otherwise). The reference stays valid until
    // the next call.
    const Frame& frame(std::size_t index) const;

    // The analysis of the whole trial; null until it is done.
    const analysis::TrialAnalysis* analysis() const;
    // The largest value of any frame (kPa, or counts when raw); NaN until it is known.
    double peak_value() const;
    // Per sensor, the largest value over the trial (the peak-pressure image); null until known.
    const Frame* peak_image() const;
    // Per frame, the total vertical force in N (empty until known, or when the trial has no
    // forces: raw counts, unknown positions). While a followed recording grows it covers the
    // first analysed_frame_count() frames only.
    std::span<const float> total_force_n() const;
    // How many frames analysis(), peak_image() and total_force_n() describe: frame_count() once
    // the background work is done, fewer after a followed recording grew (until it is redone).
    std::size_t analysed_frame_count() const;

    // What the background work is doing: "reading frames 40 %", "analysing", "done",
    // "waiting for the recording to pause", or "error: ..." naming the problem.
    std::string analysis_status() const;
    // 0 to 1: the first half reads the frames, the second analyses them.
    float background_progress() const;

    // Follows a session being written: picks up frames a writer has flushed since (at most every
    // `min_interval`; a complete trial never changes) and returns true when the trial grew. Once
    // the file has stopped growing for about a second the background work is redone on all the
    // frames, so a followed recording gets its analysis. Call it from the UI loop.
    bool refresh(std::chrono::milliseconds min_interval = std::chrono::milliseconds(250));

    // Seconds from the trial's first frame to frame `index`.
    double time_s(std::size_t index) const;
    // The last frame at or before `seconds` after the first frame (the first one for earlier times).
    std::size_t frame_at_time(double seconds) const;
    double duration_s() const { return device_times_.empty() ? 0.0 : time_s(device_times_.size() - 1); }
    // The frame's vertical force in N; NaN when the trial has no forces (raw counts, unknown positions).
    double force_n(std::size_t index) const;
    // "kPa", or "counts" for a raw trial.
    std::string value_unit() const;

    // The UI's frame cache: how often frame() found its frame already read (for tests and bench).
    FrameCacheStats frame_cache_stats() const;

private:
    TrialView();
    const TrialResults* results() const;  // the newest published results, adopted for the UI
    void start_background();

    std::filesystem::path path_;
    Subject subject_;
    int trial_count_ = 0;
    int trial_ = 0;
    TrialInfo info_;
    analysis::SensorMap sensors_;
    std::vector<std::int64_t> device_times_;
    std::shared_ptr<SessionFrameSequence> frames_;
    mutable std::shared_ptr<const Frame> shown_frame_;

    // Results the UI has seen; earlier ones are kept until the next refresh() (the pointer rule above).
    mutable std::shared_ptr<const TrialResults> adopted_;
    mutable std::vector<std::shared_ptr<const TrialResults>> retired_;
    std::chrono::steady_clock::time_point last_refresh_{};
    std::chrono::steady_clock::time_point last_growth_{};

    std::unique_ptr<FramePrefetcher> prefetcher_;
    std::vector<std::unique_ptr<TrialBackground>> stopping_;  // asked to stop; joined when done
    std::unique_ptr<TrialBackground> background_;
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
