// The two threads behind a TrialView (trial_view.hpp): TrialBackground reads a trial once for
// its peak image and forces and then analyses it, publishing each result when it is known;
// FramePrefetcher reads the blocks around the frame on screen before the UI asks for them.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "plantar/analysis/pipeline.hpp"
#include "plantar/capture/session/session_frame_sequence.hpp"

namespace plantar::viz {

// What the background work has found about the first `frames` frames of a trial. Published as a
// whole and never changed afterwards, so a reader holding the shared pointer may use it freely.
struct TrialResults {
    std::size_t frames = 0;
    std::shared_ptr<const Frame> peak_image;                  // null until the frames are read
    double peak_value = analysis::kNaN;
    std::shared_ptr<const std::vector<float>> total_force_n;  // null without forces (raw, unknown positions)
    std::shared_ptr<const analysis::TrialAnalysis> analysis;  // null until analysed
};

class TrialBackground {
public:
    // Starts at once on its own thread, with its own reader of `path`, on frames [0, frames).
    TrialBackground(const std::filesystem::path& path, int trial, const TrialHeader& header,
                    const analysis::SensorMap& sensors, std::size_t frames);
    ~TrialBackground();  // asks the thread to stop and waits (it stops within one block read)
    TrialBackground(const TrialBackground&) = delete;
    TrialBackground& operator=(const TrialBackground&) = delete;

    void request_stop() { thread_.request_stop(); }
    std::size_t frames() const { return frames_; }
    // The newest published results (null before the first).
    std::shared_ptr<const TrialResults> results() const;
    std::string status() const;  // "reading frames 40 %", "analysing", "done", "error: ..."
    float progress() const { return progress_.load(); }
    bool finished() const { return finished_.load(); }

private:
    void run(const std::stop_token& stop);
    void scan(const std::stop_token& stop, SessionFrameSequence& frames, TrialResults& found);
    void publish(const TrialResults& found, const std::string& status);

    std::filesystem::path path_;
    int trial_ = 0;
    TrialHeader header_;
    analysis::SensorMap sensors_;
    std::size_t frames_ = 0;

    mutable std::mutex mutex_;
    std::shared_ptr<const TrialResults> results_;
    std::string status_ = "reading frames 0 %";
    std::atomic<float> progress_{0.0f};
    std::atomic<bool> finished_{false};
    std::jthread thread_;  // last: it starts after everything it uses exists, and stops first
};

class FramePrefetcher {
public:
    explicit FramePrefetcher(std::shared_ptr<const SessionFrameSequence> frames);
    ~FramePrefetcher();
    FramePrefetcher(const FramePrefetcher&) = delete;
    FramePrefetcher& operator=(const FramePrefetcher&) = delete;

    // The UI shows frame `index`: read ahead of it in the direction it moves, and one block behind.
    void shown(std::size_t index);

private:
    void run(const std::stop_token& stop);

    std::shared_ptr<const SessionFrameSequence> frames_;
    std::size_t blocks_ahead_ = 4;
    std::mutex mutex_;
    std::condition_variable_any wake_;
    std::optional<std::size_t> wanted_;
    std::size_t last_shown_ = 0;
    std::jthread thread_;
};

}  // namespace plantar::viz
