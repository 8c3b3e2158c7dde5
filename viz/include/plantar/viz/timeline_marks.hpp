// The replay timeline without a window: where frames and the analysis' steps sit along the bar,
// which step a click hits, and how the playback clock moves (speed, end of trial, loop range).
// No GUI types, so tests check the timeline's logic directly.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <optional>
#include <vector>

#include "plantar/analysis/pipeline.hpp"

namespace plantar::viz {

// Frame f of n occupies [x_of_frame(f), x_of_frame(f + 1)) along a bar from x0 of `width` pixels,
// so every frame has the same share of the bar and a step's span covers exactly its frames.
struct TimelineScale {
    float x0 = 0.0f;
    float width = 0.0f;
    std::size_t frame_count = 0;

    float x_of_frame(std::size_t frame) const;
    // The frame under window x (clamped to the trial); 0 for an empty trial.
    std::size_t frame_at_x(float x) const;
};

// One step of the analysis as the timeline draws it: its row (left or right foot) and frames.
struct StepSpan {
    std::size_t step = 0;         // index into TrialAnalysis::steps
    analysis::Side side = analysis::Side::Unknown;
    std::size_t first_frame = 0;  // inclusive
    std::size_t last_frame = 0;   // inclusive
    bool complete = false;        // false: cut by the plate edge or the recording (drawn dimmer)
};

// The timeline's rows: the left foot above the right one; steps of unknown side go in the
// left row (they are rare: a print the pipeline could not place).
enum class TimelineRow { Left, Right };
TimelineRow row_of(analysis::Side side);

std::vector<StepSpan> step_spans(const analysis::TrialAnalysis& trial_analysis);
// The step whose span in `row` covers `frame` (the first such step when several do); null for none.
const StepSpan* span_at(const std::vector<StepSpan>& spans, TimelineRow row, std::size_t frame);

// Frames loop_in..loop_out (inclusive, in order whichever end was set first).
struct LoopRange {
    std::size_t in = 0;
    std::size_t out = 0;
    static LoopRange between(std::size_t a, std::size_t b) { return {std::min(a, b), std::max(a, b)}; }
    bool contains(std::size_t frame) const { return frame >= in && frame <= out; }
};

// Where playback stands: the frame shown and the clock (seconds after the trial's first frame)
// it was chosen from, so slow speeds still move through frames shorter than a UI frame.
struct PlaybackPosition {
    std::size_t frame = 0;
    double clock_s = 0.0;
    bool playing = false;
};

// Moves frame by `delta` frames (negative: back), clamped to 0..frame_count-1.
std::size_t stepped_frame(std::size_t frame, long delta, std::size_t frame_count);

// Advances playback by `wall_s` seconds at `speed` on the frame times of `times` (an object with
// frame_count(), time_s(i) and frame_at_time(s), as TrialView). Without a loop it stops on the last
// frame; with one it wraps from loop_out back to loop_in, the last frame of the range shown for one
// frame period as every other frame is (playing from outside the range enters it at loop_in).
template <class FrameTimes>
PlaybackPosition advance_playback_clock(const FrameTimes& times, PlaybackPosition position, double wall_s, double speed,
                                        std::optional<LoopRange> loop) {
    const std::size_t count = times.frame_count();
    if (!position.playing || count == 0) return position;
    position.clock_s += wall_s * speed;
    if (loop && loop->out < count) {
        const double start = times.time_s(loop->in);
        const double last = times.time_s(loop->out);
        // One frame period past the range's last frame: the next frame's time, or the mean period.
        double period = 0.0;
        if (loop->out + 1 < count)
            period = times.time_s(loop->out + 1) - last;
        else if (count > 1)
            period = times.time_s(count - 1) / static_cast<double>(count - 1);
        const double length = std::max(last - start + period, 1e-6);
        if (!loop->contains(position.frame)) position.clock_s = start + wall_s * speed;  // enter at the range's start
        if (position.clock_s < start) position.clock_s = start;
        if (position.clock_s >= start + length) position.clock_s = start + std::fmod(position.clock_s - start, length);
        position.frame = std::clamp(times.frame_at_time(position.clock_s), loop->in, loop->out);
        return position;
    }
    const double end = times.time_s(count - 1);
    if (position.clock_s >= end) {
        position.clock_s = end;
        position.frame = count - 1;
        position.playing = false;
        return position;
    }
    position.frame = times.frame_at_time(position.clock_s);
    return position;
}

}  // namespace plantar::viz
