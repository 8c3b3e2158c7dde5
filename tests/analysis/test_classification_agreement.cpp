// Agreement across steps: median, spread, per-step labels, the fraction agreeing with the
// median's class, and the plain-words advice when steps are too few or disagree.
#include <doctest/doctest.h>

#include <vector>

#include "plantar/analysis/classification.hpp"

using namespace plantar::analysis;

TEST_CASE("agreement: median, range and quartiles of the per-step values") {
    const std::vector<double> ai{0.24, 0.22, 0.23, 0.25, kNaN};
    const auto a = agree_across_steps(ai, ClassifiedIndex::ArchIndex, {});
    CHECK(a.steps == 4);  // the NaN step is left out
    CHECK(a.median == doctest::Approx(0.235));
    CHECK(a.min == doctest::Approx(0.22));
    CHECK(a.max == doctest::Approx(0.25));
    CHECK(a.q1 == doctest::Approx(0.2275));
    CHECK(a.q3 == doctest::Approx(0.2425));
    CHECK(a.iqr == doctest::Approx(0.015));
    CHECK(a.labels == std::vector<std::string>{"normal", "normal", "normal", "normal"});
    CHECK(a.median_label == "normal");
    CHECK(a.agreeing_fraction == doctest::Approx(1.0));
    CHECK(a.enough_steps);
    CHECK(a.steps_agree);
    CHECK(a.recommendation.empty());
}

TEST_CASE("agreement: too few steps asks for at least 3 per foot") {
    const std::vector<double> ai{0.24, 0.23};
    const auto a = agree_across_steps(ai, ClassifiedIndex::ArchIndex, {});
    CHECK_FALSE(a.enough_steps);
    CHECK(a.recommendation.find("record at least 3 complete steps per foot") != std::string::npos);
    const auto none = agree_across_steps(std::vector<double>{}, ClassifiedIndex::ArchIndex, {});
    CHECK(none.steps == 0);
    CHECK(std::isnan(none.median));
    CHECK(none.recommendation.find("record at least 3") != std::string::npos);
}

TEST_CASE("agreement: disagreeing steps ask for more steps") {
    // Two flat, two normal, one high: the median (0.25) is normal, 2 of 5 agree.
    const std::vector<double> ai{0.27, 0.25, 0.19, 0.28, 0.24};
    const auto a = agree_across_steps(ai, ClassifiedIndex::ArchIndex, {});
    CHECK(a.median_label == "normal");
    CHECK(a.agreeing_fraction == doctest::Approx(0.4));
    CHECK_FALSE(a.steps_agree);
    CHECK(a.recommendation.find("steps disagree") != std::string::npos);
    CHECK(a.recommendation.find("record more") != std::string::npos);
    ClassificationConfig lenient;
    lenient.min_agreeing_fraction = 0.4;
    CHECK(agree_across_steps(ai, ClassifiedIndex::ArchIndex, lenient).steps_agree);
}

TEST_CASE("classify_foot: class of the median step, advice for too few steps and borderline") {
    std::vector<StepIndices> steps(4);
    const double ai[] = {0.29, 0.30, 0.28, 0.31};
    const double cpei[] = {12.0, 14.0, 13.0, 30.0};
    for (std::size_t i = 0; i < steps.size(); ++i) {
        steps[i].arch_index = ai[i];
        steps[i].chippaux_smirak_pct = 50.0;
        steps[i].staheli = 0.8;
        steps[i].cpei_pct = cpei[i];
    }
    const auto foot = classify_foot(Side::Left, steps, {});
    CHECK(foot.side == Side::Left);
    CHECK(foot.complete_steps == 4);
    CHECK(foot.foot_type.type == FootType::Flat);
    CHECK(foot.foot_type.basis.value == doctest::Approx(0.295));
    CHECK(foot.chippaux_smirak.type == FootType::Flat);
    CHECK(foot.pronation.pronation == Pronation::Pronated);  // median 13.5 %
    CHECK(foot.cpei_steps.agreeing_fraction == doctest::Approx(0.75));
    CHECK(foot.recommendations.empty());

    const auto two = classify_foot(Side::Right, std::span(steps).first(2), {});
    REQUIRE_FALSE(two.recommendations.empty());
    CHECK(two.recommendations.front() == "only 2 complete steps: record at least 3 complete steps per foot");

    for (auto& s : steps) s.arch_index = 0.255;
    const auto borderline = classify_foot(Side::Left, steps, {});
    CHECK(borderline.foot_type.basis.borderline);
    bool said_borderline = false;
    for (const auto& r : borderline.recommendations) said_borderline |= r.find("borderline") != std::string::npos;
    CHECK(said_borderline);
}

TEST_CASE("classify_foot: a toe-walker's steps have no arch index and say so") {
    std::vector<StepIndices> steps(3);
    for (auto& s : steps) s.cpei_pct = 22.0;
    const auto foot = classify_foot(Side::Right, steps, {});
    CHECK(foot.foot_type.type == FootType::Unknown);
    CHECK_FALSE(foot.foot_type.basis.why_not.empty());
    CHECK(foot.pronation.pronation == Pronation::Neutral);
    bool said = false;
    for (const auto& r : foot.recommendations) said |= r.find("arch index") != std::string::npos;
    CHECK(said);
}
