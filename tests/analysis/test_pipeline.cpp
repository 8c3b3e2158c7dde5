// The whole analysis of simulated walks, as a clinician would check it against what the
// simulator knows: every complete step found, each on the right side, and flat, normal and
// high-arched walkers given the foot type of their model arch index.
#include <doctest/doctest.h>

#include <map>

#include "test_pipeline_support.hpp"

using namespace plantar;
using namespace plantar::analysis;

namespace {

sim::SimulationConfig walk(sim::FootType type, double seconds = 60.0, std::uint64_t seed = 3) {
    sim::SimulationConfig config;
    config.scenario = sim::Scenario::Walk;
    config.duration_s = seconds;
    config.seed = seed;
    config.foot = sim::FootParameters::of_type(type);
    return config;
}

FootType expected_type(double model_ai, const ClassificationConfig& c) { return classify_arch_index(model_ai, c).type; }

}  // namespace

TEST_CASE("walks of flat, normal and high-arched feet: steps, sides and foot type match the simulator") {
    const AnalysisConfig config;
    for (auto type : {sim::FootType::Flat, sim::FootType::Normal, sim::FootType::HighArch}) {
        CAPTURE(sim::to_string(type));
        test::SimulatedTrial trial(walk(type));
        const TrialAnalysis a = analyze_trial(trial.input, config);

        // Every complete simulated step is found, complete, on its side.
        std::map<Side, std::size_t> truth_complete, found_complete;
        for (const auto& s : trial.truth.steps)
            if (!s.cut_by_plate_edge && !s.cut_by_recording) ++truth_complete[test::side_of(s.side)];
        std::size_t matched = 0, sides_right = 0;
        for (const auto& step : a.steps) {
            const auto* truth = test::matching_step(trial, step);
            if (step.contact.complete()) ++found_complete[step.contact.side];
            if (truth == nullptr || truth->cut_by_plate_edge || truth->cut_by_recording) continue;
            ++matched;
            CHECK(step.contact.complete());
            if (step.contact.side == test::side_of(truth->side)) ++sides_right;
            else MESSAGE("contact ", step.contact.id, " side ", to_string(step.contact.side), ": ", step.contact.side_basis);
        }
        CHECK(matched == truth_complete[Side::Left] + truth_complete[Side::Right]);
        CHECK(sides_right == matched);
        CHECK(found_complete[Side::Left] == truth_complete[Side::Left]);
        CHECK(found_complete[Side::Right] == truth_complete[Side::Right]);
        CHECK(a.left.complete_steps == truth_complete[Side::Left]);
        CHECK(a.right.complete_steps == truth_complete[Side::Right]);

        // Foot type of both feet: that of the model's arch index, unless the model lies within
        // the borderline band (then the test could not tell right from wrong).
        const auto truth_class = classify_arch_index(trial.truth.model_arch_index, config.classification);
        REQUIRE_FALSE(truth_class.basis.borderline);
        for (const auto* foot : {&a.left, &a.right}) {
            CAPTURE(to_string(foot->side));
            CAPTURE(foot->foot_type.basis.value);
            CHECK(foot->foot_type.type == expected_type(trial.truth.model_arch_index, config.classification));
            CHECK(foot->foot_type.basis.value == doctest::Approx(trial.truth.model_arch_index).epsilon(0.15));
            CHECK(foot->arch_index_steps.steps == foot->complete_steps);
            CHECK(foot->pronation.pronation != Pronation::Unknown);
            CHECK(foot->recommendations.empty());
        }
        REQUIRE(a.gait.has_value());
        CHECK_FALSE(a.balance.has_value());
    }
}

TEST_CASE("pronation: a more pronated walker has a lower CPEI and z-score") {
    const AnalysisConfig config;
    std::vector<double> z;
    for (double pronation : {-1.0, 1.0}) {
        auto c = walk(sim::FootType::Normal, 40.0);
        c.foot.pronation = pronation;
        test::SimulatedTrial trial(c);
        const auto a = analyze_trial(trial.input, config);
        z.push_back(a.left.pronation.z_score);
        CHECK(a.left.pronation.z_score == doctest::Approx(a.right.pronation.z_score).epsilon(0.5));
    }
    CHECK(z[1] < z[0]);
}

TEST_CASE("a walk on the long walkway: sides from the step order agree with the prints") {
    auto c = walk(sim::FootType::Normal, 20.0);
    c.geometry = PlateGeometry::walkway();
    test::SimulatedTrial trial(c);
    const auto a = analyze_trial(trial.input, {});
    std::size_t with_order = 0, disagree = 0;
    for (const auto& step : a.steps) {
        if (step.side_from_order.side != Side::Unknown) ++with_order;
        disagree += step.sides_disagree ? 1 : 0;
        const auto* truth = test::matching_step(trial, step);
        if (truth != nullptr && step.contact.side != Side::Unknown) CHECK(step.contact.side == test::side_of(truth->side));
    }
    std::size_t truth_complete = 0, found_complete = 0;
    for (const auto& s : trial.truth.steps) truth_complete += !s.cut_by_plate_edge && !s.cut_by_recording ? 1 : 0;
    for (const auto& step : a.steps) found_complete += step.contact.complete() ? 1 : 0;
    CHECK(found_complete == truth_complete);
    // Three steps per pass on a 2 m walkway: most steps have a side from the step order.
    CHECK(with_order * 2 >= a.steps.size());
    CHECK(disagree == 0);
}

TEST_CASE("a standing trial: two feet, left and right, balance measured, no foot type from standing prints") {
    sim::SimulationConfig c;
    c.scenario = sim::Scenario::StaticStance;
    c.duration_s = 10.0;
    test::SimulatedTrial trial(c);
    const auto a = analyze_trial(trial.input, {});
    REQUIRE(a.steps.size() == 2);
    std::map<Side, int> sides;
    for (const auto& step : a.steps) {
        ++sides[step.contact.side];
        const auto* truth = test::matching_step(trial, step);
        REQUIRE(truth != nullptr);
        CHECK(step.contact.side == test::side_of(truth->side));
    }
    CHECK(sides[Side::Left] == 1);
    CHECK(sides[Side::Right] == 1);
    REQUIRE(a.balance.has_value());
    CHECK(a.balance->left_pct == doctest::Approx(50.0).epsilon(0.1));
    CHECK_FALSE(a.gait.has_value());
    CHECK(a.left.foot_type.type == FootType::Unknown);
    CHECK_FALSE(a.left.recommendations.empty());
}
