// What the live view knows about plantard's frames, computed as they arrive: the newest frame,
// the peak-pressure image since the last reset, the whole plate's centre-of-pressure trail of
// the last seconds, the force history, and the analysis of every step that has ended, per
// foot. Pure (no GUI, no I/O, no threads): the live view's worker thread feeds it
// (live_feed.hpp) and unit tests feed it simulated frames.
//
// Steps: an analysis::ContactTracker follows the contacts frame by frame; when one ends, the
// last seconds of frames (a ring buffer) go through analysis::analyze_trial, and every complete
// step of that window not seen before is kept, with its frame numbers moved into the model's
// own numbering (0 = the first frame since the last reset), so the Plate panel draws its
// overlays as the replay does. Foot type and pronation are analysis::classify_foot over all
// the steps kept per foot since the reset.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

#include "plantar/analysis/config.hpp"
#include "plantar/analysis/contacts.hpp"
#include "plantar/analysis/pipeline.hpp"
#include "plantar/capture/session/session.hpp"

namespace plantar::viz {

struct LiveModelConfig {
    // Frames kept for the analysis of a step that ends. A walking stance lasts 0.5 .. 1 s; a
    // contact that began before the window (standing) is not analysed live. At 500 Hz on a
    // 256 x 64 plate this holds 1,500 frames (~100 MB).
    double window_s = 3.0;
    double cop_trail_s = 2.0;       // the whole-plate COP trail drawn over the plate
    double cop_trail_min_force_n = 50.0;  // frames with less total force add no trail point (a foot loads 100s of N)
    double force_history_s = 10.0;  // the live force curve
    std::size_t force_points = 600; // the curve's resolution (the highest force per bucket)
    std::size_t steps_drawn = 8;    // complete steps kept for the overlays, about one pass (all count for the classification)
    TrialKind kind = TrialKind::Walk;  // the daemon does not say; live is taken as walking
    analysis::AnalysisConfig analysis;
};

// One state of the model for the UI: cheap to copy (the big parts are shared and immutable).
struct LiveSnapshot {
    std::shared_ptr<const TrialHeader> header;
    std::shared_ptr<const analysis::SensorMap> sensors;
    Frame frame;                      // the newest frame
    std::size_t frame_index = 0;      // its index in the model's numbering (since the last reset)
    std::uint64_t frame_key = 0;      // changes with every frame (texture cache)
    Frame peak;                       // per sensor, the highest value since the last reset
    std::vector<analysis::Point> cop_trail;  // whole-plate COP over the last cop_trail_s, oldest first; an invalid point breaks it
    std::vector<float> force_n;       // total force over the last force_history_s, oldest first (bucket maxima)
    double force_span_s = 0.0;        // the time force_n covers
    double force_now_n = 0.0;
    std::shared_ptr<const analysis::TrialAnalysis> analysis;  // kept steps + per-foot classification
    std::size_t steps_completed = 0;  // complete steps analysed since the last reset
    std::size_t frames_since_reset = 0;
    std::uint64_t frames_skipped = 0; // sequence gaps seen since the last reset (frames never received)
    // A contact on the plate for longer than window_s (standing): it cannot be analysed live.
    bool contact_longer_than_window = false;
};

class LiveModel {
public:
    explicit LiveModel(LiveModelConfig config = {});
    ~LiveModel();
    LiveModel(LiveModel&&) noexcept;
    LiveModel& operator=(LiveModel&&) noexcept;

    // The next frame from the daemon. Frames of another geometry start the model over; a clock
    // that runs backwards (a restarted daemon) restarts the step tracking but keeps the steps.
    void add(const PlateGeometry& geometry, Frame frame);
    // The peak image, trail, force history, steps and classification start over.
    void reset();

    bool has_frame() const;
    std::size_t frames_since_reset() const;
    std::size_t steps_completed() const;
    const Frame& peak_image() const;
    std::vector<analysis::Point> cop_trail() const;
    // The kept steps (model frame numbering) and each foot's classification over all steps.
    const analysis::TrialAnalysis& analysis() const;
    LiveSnapshot snapshot() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace plantar::viz
