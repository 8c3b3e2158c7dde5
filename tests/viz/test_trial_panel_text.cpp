// What the Trial panel says (viz/src/trial_panel_text.cpp): the analysis's values, their
// thresholds, borderline marks and methods, the step in stance, and a standing trial's balance.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "../analysis/test_pipeline_support.hpp"
#include "plantar/viz/trial_panel_text.hpp"

namespace plantar::viz {
namespace {

bool has_line(const std::vector<PanelLine>& lines, const std::string& part, LineStyle style) {
    return std::any_of(lines.begin(), lines.end(),
                       [&](const PanelLine& l) { return l.style == style && l.text.find(part) != std::string::npos; });
}
bool has_line(const std::vector<PanelLine>& lines, const std::string& part) {
    return std::any_of(lines.begin(), lines.end(), [&](const PanelLine& l) { return l.text.find(part) != std::string::npos; });
}

std::string fixed(double value, int decimals) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

TEST_CASE("a borderline arch index is marked with its margin and threshold, and names its method and source") {
    const analysis::ClassificationConfig config;
    analysis::TrialAnalysis trial_analysis;
    trial_analysis.kind = TrialKind::Walk;
    trial_analysis.left.side = analysis::Side::Left;
    trial_analysis.left.foot_type = analysis::classify_arch_index(0.255, config);  // 0.005 below flat's 0.26
    trial_analysis.right.side = analysis::Side::Right;
    trial_analysis.right.foot_type = analysis::classify_arch_index(0.235, config);  // mid-normal
    const AnalysisText text = analysis_text(trial_analysis, std::nullopt);
    const auto& left = text.feet[0];
    const auto& right = text.feet[1];
    CHECK(has_line(left, "Foot type: normal (arch index 0.255"));
    CHECK(has_line(left, "BORDERLINE: 0.005 from the threshold 0.260", LineStyle::Borderline));
    CHECK(has_line(left, "Cavanagh & Rodgers", LineStyle::Dim));
    CHECK(has_line(left, "docs/methods.md 5, 9.1", LineStyle::Dim));
    CHECK(has_line(right, "Foot type: normal (arch index 0.235"));
    CHECK_FALSE(has_line(right, "BORDERLINE"));
    CHECK(text.this_step.empty());  // no frame given
    CHECK(text.balance.empty());
}

TEST_CASE("a simulated walk: each foot shows the analysis's class and values; the step in stance is named") {
    sim::SimulationConfig config;
    config.duration_s = 5.0;
    config.seed = 3;
    const test::SimulatedTrial trial(config);
    const analysis::TrialAnalysis result = analysis::analyze_trial(trial.input, analysis::AnalysisConfig{});
    REQUIRE(result.steps.size() >= 2);
    const auto& step = result.steps[1];
    const std::size_t mid_stance = (step.contact.first_frame + step.contact.last_frame) / 2;
    const AnalysisText text = analysis_text(result, mid_stance);

    for (const auto* foot : {&result.left, &result.right}) {
        const auto& lines = text.feet[foot == &result.left ? 0 : 1];
        CAPTURE(analysis::to_string(foot->side));
        REQUIRE(std::isfinite(foot->foot_type.basis.value));
        CHECK(has_line(lines, "Foot type: " + analysis::to_string(foot->foot_type.type) + " (arch index " +
                                  fixed(foot->foot_type.basis.value, 3)));
        CHECK(has_line(lines, "Pronation: " + analysis::to_string(foot->pronation.pronation) + " (CPEI " +
                                  fixed(foot->pronation.basis.value, 1) + " %"));
        CHECK(has_line(lines, "BORDERLINE", LineStyle::Borderline) ==
              (foot->foot_type.basis.borderline || foot->pronation.basis.borderline));
        CHECK(has_line(lines, "complete step"));
        CHECK(has_line(lines, "Peak kPa: heel "));
    }
    REQUIRE(text.this_step.size() >= 1);
    const std::string expected = "#2 " + analysis::to_string(step.contact.side) + ": AI " + fixed(step.footprint.arch_index, 3);
    CHECK(has_line(text.this_step, expected));
    REQUIRE(text.steps.size() == result.steps.size());
    CHECK(text.steps[1].in_stance);
    CHECK(text.steps[1].first_frame == step.contact.first_frame);
    CHECK(text.steps[1].cells[4] == fixed(step.footprint.arch_index, 3));
}

TEST_CASE("a standing trial shows its balance values and no foot classification") {
    sim::SimulationConfig config;
    config.scenario = sim::Scenario::StaticStance;
    config.duration_s = 4.0;
    const test::SimulatedTrial trial(config);
    const analysis::TrialAnalysis result = analysis::analyze_trial(trial.input, analysis::AnalysisConfig{});
    REQUIRE(result.balance.has_value());
    const AnalysisText text = analysis_text(result, 10);
    CHECK(text.feet[0].empty());
    CHECK(text.feet[1].empty());
    CHECK(has_line(text.balance, "95 % ellipse area " + fixed(result.balance->ellipse.area_mm2, 0) + " mm^2"));
    CHECK(has_line(text.balance, "Load left " + fixed(result.balance->left_pct, 0) + " %"));
    CHECK(has_line(text.balance, "methods.md 8"));
}

}  // namespace
}  // namespace plantar::viz
