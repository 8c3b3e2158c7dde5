// The curves panel's per-region force curves (viz/src/trial_curves.cpp) on a simulated walk,
// against the analysis's own values, and the time window the panel shows.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "../analysis/test_pipeline_support.hpp"
#include "plantar/viz/trial_curves.hpp"

namespace plantar::viz {
namespace {

struct AnalysedWalk {
    test::SimulatedTrial trial;
    analysis::TrialAnalysis result;
    explicit AnalysedWalk(PressureScale scale = PressureScale::Kilopascal) : trial(config(), scale) {
        result = analysis::analyze_trial(trial.input, analysis::AnalysisConfig{});
    }
    static sim::SimulationConfig config() {
        sim::SimulationConfig c;
        c.duration_s = 4.0;
        c.seed = 5;
        return c;
    }
    FrameReader reader() const {
        return [this](std::size_t i) -> const Frame& { return trial.frames.at(i); };
    }
};

const analysis::RegionGait* region_gait(const analysis::StepAnalysis& step, analysis::Region region) {
    for (const auto& r : step.gait.regions)
        if (!r.whole_foot && r.detail == analysis::DetailRegion::None && r.region == region) return &r;
    return nullptr;
}

TEST_CASE("each step's region forces add up to its whole-foot force, and peak at the analysis's max force per region") {
    const AnalysedWalk walk;
    REQUIRE(walk.result.steps.size() >= 2);
    std::size_t checked_regions = 0;
    for (std::size_t s = 0; s < walk.result.steps.size(); ++s) {
        const auto& step = walk.result.steps[s];
        const StepRegionForces curves = step_region_forces(walk.trial.input.sensors, step, s, walk.reader());
        CAPTURE(s);
        REQUIRE_FALSE(curves.empty());
        CHECK(curves.first_frame == step.contact.first_frame);
        CHECK(curves.time_s.size() == step.contact.last_frame - step.contact.first_frame + 1);
        double whole_max = 0.0;
        for (std::size_t k = 0; k < curves.time_s.size(); ++k) {
            double sum = 0.0;
            for (const auto& region : curves.region_n) sum += region[k];
            // Every mask sensor of a simulated print has a region, so nothing is left out.
            CHECK(sum == doctest::Approx(curves.whole_foot_n[k]).epsilon(1e-9));
            whole_max = std::max(whole_max, curves.whole_foot_n[k]);
        }
        CHECK(whole_max == doctest::Approx(step.gait.regions.front().max_force_n).epsilon(1e-9));
        for (std::size_t r = 0; r < kCurveRegions.size(); ++r) {
            const analysis::RegionGait* gait = region_gait(step, kCurveRegions[r]);
            if (gait == nullptr || !std::isfinite(gait->max_force_n)) continue;
            const double curve_max = *std::max_element(curves.region_n[r].begin(), curves.region_n[r].end());
            CHECK(curve_max == doctest::Approx(gait->max_force_n).epsilon(1e-9));
            ++checked_regions;
        }
    }
    CHECK(checked_regions >= 3 * walk.result.steps.size());
}

TEST_CASE("a raw-count trial has no force curves") {
    const AnalysedWalk walk(PressureScale::RawCounts);
    REQUIRE_FALSE(walk.result.steps.empty());
    CHECK(step_region_forces(walk.trial.input.sensors, walk.result.steps[0], 0, walk.reader()).empty());
}

TEST_CASE("the worker computes the steps in view on its own thread, as step_region_forces does, and forgets the others") {
    const AnalysedWalk walk;
    REQUIRE(walk.result.steps.size() >= 2);
    int opened = 0;
    RegionCurvesWorker worker(walk.trial.input.sensors, [&]() -> std::shared_ptr<const FrameSequence> {
        ++opened;
        return std::make_shared<SpanFrameSequence>(walk.trial.frames);
    });
    CHECK(worker.find(0) == nullptr);
    const std::vector<std::size_t> both = {0, 1};
    worker.want(walk.result, both);
    worker.wait_until_idle();
    CHECK(opened >= 1);
    for (std::size_t s : both) {
        const auto curves = worker.find(s);
        REQUIRE(curves != nullptr);
        const StepRegionForces direct = step_region_forces(walk.trial.input.sensors, walk.result.steps[s], s, walk.reader());
        CHECK(curves->whole_foot_n == direct.whole_foot_n);
        CHECK(curves->region_n == direct.region_n);
    }
    const std::vector<std::size_t> only_last = {1};
    worker.want(walk.result, only_last);
    CHECK(worker.find(0) == nullptr);
    CHECK(worker.find(1) != nullptr);
    CHECK(worker.error().empty());
    // Another analysis starts afresh.
    const analysis::TrialAnalysis again = walk.result;
    worker.want(again, only_last);
    worker.wait_until_idle();
    CHECK(worker.find(1) != nullptr);
}

TEST_CASE("the worker says when it cannot read the frames") {
    const AnalysedWalk walk;
    RegionCurvesWorker worker(walk.trial.input.sensors, []() -> std::shared_ptr<const FrameSequence> {
        return std::make_shared<SpanFrameSequence>();  // no frames: every read is out of range
    });
    const std::vector<std::size_t> first = {0};
    worker.want(walk.result, first);
    worker.wait_until_idle();
    CHECK(worker.find(0) == nullptr);
    CHECK(worker.error().find("region curves") != std::string::npos);
}

TEST_CASE("steps_in_window lists the steps whose stance overlaps the window") {
    const AnalysedWalk walk;
    REQUIRE(walk.result.steps.size() >= 2);
    const TimeSpan first = stance_span(walk.result.steps[0]);
    const auto at_first = steps_in_window(walk.result, first.start_s, first.start_s);
    CHECK(std::find(at_first.begin(), at_first.end(), 0u) != at_first.end());
    const auto all = steps_in_window(walk.result, 0.0, 100.0);
    CHECK(all.size() == walk.result.steps.size());
    CHECK(steps_in_window(walk.result, 50.0, 60.0).empty());
}

TEST_CASE("the curves show 5 s either side of the cursor, kept inside the trial, or the whole of a short trial") {
    const TimeSpan middle = curves_window(30.0, 60.0);
    CHECK(middle.start_s == doctest::Approx(25.0));
    CHECK(middle.end_s == doctest::Approx(35.0));
    const TimeSpan start = curves_window(1.0, 60.0);
    CHECK(start.start_s == doctest::Approx(0.0));
    CHECK(start.end_s == doctest::Approx(10.0));
    const TimeSpan end = curves_window(59.0, 60.0);
    CHECK(end.start_s == doctest::Approx(50.0));
    CHECK(end.end_s == doctest::Approx(60.0));
    const TimeSpan short_trial = curves_window(2.0, 6.0);
    CHECK(short_trial.start_s == doctest::Approx(0.0));
    CHECK(short_trial.end_s == doctest::Approx(6.0));
}

}  // namespace
}  // namespace plantar::viz
