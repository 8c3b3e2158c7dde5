#include "plantar/viz/trial_curves.hpp"

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <utility>

namespace plantar::viz {

StepRegionForces step_region_forces(const analysis::SensorMap& sensors, const analysis::StepAnalysis& step,
                                    std::size_t step_index, const FrameReader& read_frame) {
    StepRegionForces curves;
    curves.step = step_index;
    if (!sensors.forces_known()) return curves;
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

std::string no_force_curves_reason(const analysis::SensorMap& sensors) {
    if (sensors.forces_known()) return {};
    return std::string("No force curves: this trial has ") +
           (sensors.positions_known() ? "raw counts without a calibration" : "unknown sensor positions") +
           ", so forces in N cannot be computed.";
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

struct RegionCurvesWorker::Shared {
    struct Request {
        std::uint64_t generation = 0;
        std::size_t step = 0;
        std::shared_ptr<const analysis::StepAnalysis> step_analysis;  // a copy: the UI's may be replaced
    };

    Shared(analysis::SensorMap sensor_map, FrameOpener opener) : sensors(std::move(sensor_map)), open_frames(std::move(opener)) {}

    const analysis::SensorMap sensors;
    const FrameOpener open_frames;
    mutable std::mutex mutex;
    std::condition_variable_any work_to_do;
    mutable std::condition_variable_any went_idle;
    std::uint64_t generation = 0;  // one per analysis given to want()
    std::deque<Request> queue;
    std::optional<std::pair<std::uint64_t, std::size_t>> computing;  // generation, step
    std::map<std::size_t, std::shared_ptr<const StepRegionForces>> done;
    std::string error;

    bool queued(std::size_t step) const {
        return std::any_of(queue.begin(), queue.end(), [&](const Request& r) { return r.step == step; }) ||
               computing == std::pair{generation, step};
    }

    void run(const std::stop_token& stop) {
        std::shared_ptr<const FrameSequence> frames;
        while (!stop.stop_requested()) {
            Request request;
            {
                std::unique_lock lock(mutex);
                if (queue.empty()) {
                    lock.unlock();
                    frames.reset();  // nothing held open while idle
                    lock.lock();
                }
                if (!work_to_do.wait(lock, stop, [&] { return !queue.empty(); })) return;
                request = std::move(queue.front());
                queue.pop_front();
                computing = std::pair{request.generation, request.step};
            }
            StepRegionForces curves;
            std::string failure;
            try {
                if (!frames) frames = open_frames();
                std::shared_ptr<const Frame> held;  // keeps the frame alive while it is summed
                curves = step_region_forces(sensors, *request.step_analysis, request.step, [&](std::size_t i) -> const Frame& {
                    held = frames->frame(i);
                    return *held;
                });
            } catch (const std::exception& e) {
                failure = std::string("region curves: ") + e.what();
            }
            std::lock_guard lock(mutex);
            computing.reset();
            if (request.generation == generation) {
                if (failure.empty())
                    done[request.step] = std::make_shared<const StepRegionForces>(std::move(curves));
                else
                    error = failure;
            }
            went_idle.notify_all();
        }
    }
};

RegionCurvesWorker::RegionCurvesWorker(analysis::SensorMap sensors, FrameOpener open_frames)
    : shared_(std::make_shared<Shared>(std::move(sensors), std::move(open_frames))),
      thread_([shared = shared_](const std::stop_token& stop) { shared->run(stop); }) {}

RegionCurvesWorker::~RegionCurvesWorker() {
    thread_.request_stop();
    if (thread_.joinable()) thread_.join();
}

void RegionCurvesWorker::want(const analysis::TrialAnalysis& trial_analysis, std::span<const std::size_t> steps) {
    const auto in_view = [&](std::size_t step) { return std::find(steps.begin(), steps.end(), step) != steps.end(); };
    std::lock_guard lock(shared_->mutex);
    if (analysis_ != &trial_analysis) {
        analysis_ = &trial_analysis;
        ++shared_->generation;
        shared_->queue.clear();
        shared_->done.clear();
        shared_->error.clear();
    }
    std::erase_if(shared_->done, [&](const auto& entry) { return !in_view(entry.first); });
    std::erase_if(shared_->queue, [&](const Shared::Request& r) { return !in_view(r.step); });
    bool added = false;
    for (std::size_t step : steps) {
        if (step >= trial_analysis.steps.size() || shared_->done.contains(step) || shared_->queued(step)) continue;
        shared_->queue.push_back({shared_->generation, step, std::make_shared<const analysis::StepAnalysis>(trial_analysis.steps[step])});
        added = true;
    }
    if (added) shared_->work_to_do.notify_one();
}

std::shared_ptr<const StepRegionForces> RegionCurvesWorker::find(std::size_t step) const {
    std::lock_guard lock(shared_->mutex);
    const auto found = shared_->done.find(step);
    return found == shared_->done.end() ? nullptr : found->second;
}

std::string RegionCurvesWorker::error() const {
    std::lock_guard lock(shared_->mutex);
    return shared_->error;
}

void RegionCurvesWorker::wait_until_idle() const {
    std::unique_lock lock(shared_->mutex);
    shared_->went_idle.wait(lock, [&] { return shared_->queue.empty() && !shared_->computing; });
}

}  // namespace plantar::viz
