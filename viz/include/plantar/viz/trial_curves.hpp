// The curves under the plate: force per region (heel, midfoot, forefoot, toes) over each step's
// stance, computed from the step's footprint labels and the frames exactly as the analysis
// computes a region's force (docs/methods.md 7.2: F_R(k) = sum of p_i x a_i x 1e-3 over the
// step's mask sensors labelled R), so the highest point of a curve is the step's "max force" of
// that region. No GUI types; the Curves panel (viz/plantar_view/curves_panel.cpp) draws them.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "plantar/analysis/pipeline.hpp"
#include "plantar/capture/frame_sequence.hpp"

namespace plantar::viz {

// The coarse regions a curve is drawn for, in this order.
inline constexpr std::array<analysis::Region, 4> kCurveRegions = {analysis::Region::Heel, analysis::Region::Midfoot,
                                                                  analysis::Region::Forefoot, analysis::Region::Toes};

// Frame `index` of the trial; the reference need only stay valid until the next call.
using FrameReader = std::function<const Frame&(std::size_t index)>;

struct StepRegionForces {
    std::size_t step = 0;          // index into TrialAnalysis::steps
    std::size_t first_frame = 0;   // the contact's first loaded frame: values[k] is frame first_frame + k
    std::vector<double> time_s;    // per frame, from the contact's samples (s from the trial's first frame)
    std::array<std::vector<double>, kCurveRegions.size()> region_n;  // per region of kCurveRegions, N
    std::vector<double> whole_foot_n;  // every sensor of the step's mask, labelled or not, N
    bool empty() const { return time_s.empty(); }
};

// The curves of `step` (index `step_index` of its analysis). Empty when the trial has no forces
// (raw counts, unknown positions) or the step's footprint has no region labels.
StepRegionForces step_region_forces(const analysis::SensorMap& sensors, const analysis::StepAnalysis& step,
                                    std::size_t step_index, const FrameReader& read_frame);

// Why a trial has no force curves, in words ("No force curves: ..."); empty when it has forces.
std::string no_force_curves_reason(const analysis::SensorMap& sensors);

// The first and last time of a step's stance (its samples' times); NaN when it has none.
struct TimeSpan {
    double start_s = analysis::kNaN;
    double end_s = analysis::kNaN;
};
TimeSpan stance_span(const analysis::StepAnalysis& step);

// Indices of the steps whose stance overlaps [start_s, end_s], in step order.
std::vector<std::size_t> steps_in_window(const analysis::TrialAnalysis& trial_analysis, double start_s, double end_s);

// The time window the curves show around `time_s`: `half_width_s` either side, moved (not
// shrunk) to stay inside [0, duration_s]; the whole trial when it is shorter than the window.
TimeSpan curves_window(double time_s, double duration_s, double half_width_s = 5.0);

// The curves of the steps in view, computed on a thread of its own from its own reading of the
// trial's frames, so the draw thread never reads frames for them (and the frame cache of the
// picture on screen is not disturbed). The draw thread says which steps are in view (want) and
// draws those whose curves are ready (find); the others follow within a few UI frames.
class RegionCurvesWorker {
public:
    // Opens the trial's frames; called on the worker's thread when there is work, and the
    // sequence is let go when the work is done (nothing held open while idle).
    using FrameOpener = std::function<std::shared_ptr<const FrameSequence>()>;

    RegionCurvesWorker(analysis::SensorMap sensors, FrameOpener open_frames);
    ~RegionCurvesWorker();  // stops the thread, after the step it is computing
    RegionCurvesWorker(const RegionCurvesWorker&) = delete;
    RegionCurvesWorker& operator=(const RegionCurvesWorker&) = delete;

    // The steps (indices into trial_analysis.steps) in view: queues those not computed or queued
    // yet, and forgets the curves of the others, so memory stays at about one window's worth.
    // Another analysis than the last one's (a new TrialAnalysis object) starts afresh.
    void want(const analysis::TrialAnalysis& trial_analysis, std::span<const std::size_t> steps);
    // The curves of step `step` of the analysis last given to want(); null until computed.
    std::shared_ptr<const StepRegionForces> find(std::size_t step) const;
    // Why curves could not be computed (the session could not be read); empty when all is well.
    std::string error() const;
    // Blocks until every queued step is computed (for tests).
    void wait_until_idle() const;

private:
    struct Shared;
    std::shared_ptr<Shared> shared_;
    std::jthread thread_;
    const analysis::TrialAnalysis* analysis_ = nullptr;  // identity only: never read by the worker
};

}  // namespace plantar::viz
