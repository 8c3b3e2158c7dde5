// Classification of one value against its thresholds, the borderline band and the margins, as
// a clinician reading the result would check them: each threshold on both sides, a value one
// band away, and the configured thresholds actually used.
#include <doctest/doctest.h>

#include <cmath>

#include "plantar/analysis/classification.hpp"

using namespace plantar::analysis;

TEST_CASE("arch index: each Cavanagh & Rodgers threshold, on it and either side") {
    const ClassificationConfig config;
    CHECK(classify_arch_index(0.15, config).type == FootType::HighArch);
    CHECK(classify_arch_index(0.21, config).type == FootType::HighArch);  // <= 0.21 is high
    CHECK(classify_arch_index(0.2101, config).type == FootType::Normal);
    CHECK(classify_arch_index(0.2599, config).type == FootType::Normal);
    CHECK(classify_arch_index(0.26, config).type == FootType::Flat);      // >= 0.26 is flat
    CHECK(classify_arch_index(0.33, config).type == FootType::Flat);
    const auto flat = classify_arch_index(0.30, config);
    CHECK(flat.basis.label == "flat");
    CHECK(flat.basis.lower_threshold == doctest::Approx(0.21));
    CHECK(flat.basis.upper_threshold == doctest::Approx(0.26));
    CHECK(flat.basis.source == "cavanagh-rodgers-1987");
    CHECK(flat.basis.unverified);
    CHECK(flat.basis.rule.find("0.21") != std::string::npos);
}

TEST_CASE("arch index: margin to the nearest threshold and the borderline band") {
    const ClassificationConfig config;  // band 0.01
    const auto near_high = classify_arch_index(0.215, config);
    CHECK(near_high.type == FootType::Normal);
    CHECK(near_high.basis.nearest_threshold == doctest::Approx(0.21));
    CHECK(near_high.basis.margin == doctest::Approx(0.005));
    CHECK(near_high.basis.borderline);
    const auto mid = classify_arch_index(0.235, config);
    CHECK(mid.basis.margin == doctest::Approx(0.025));
    CHECK_FALSE(mid.basis.borderline);
    const auto one_band_above_flat = classify_arch_index(0.27, config);
    CHECK(one_band_above_flat.basis.nearest_threshold == doctest::Approx(0.26));
    CHECK(one_band_above_flat.basis.borderline);  // exactly one band away still counts
    CHECK_FALSE(classify_arch_index(0.2711, config).basis.borderline);
}

TEST_CASE("arch index: configured thresholds are the ones used") {
    ClassificationConfig config;
    config.arch_index_high_arch_max = 0.18;
    config.arch_index_flat_min = 0.30;
    config.arch_index_borderline = 0.0;
    CHECK(classify_arch_index(0.20, config).type == FootType::Normal);
    CHECK(classify_arch_index(0.28, config).type == FootType::Normal);
    CHECK(classify_arch_index(0.30, config).type == FootType::Flat);
    CHECK_FALSE(classify_arch_index(0.181, config).basis.borderline);
}

TEST_CASE("arch index: no value gives no class and says why") {
    const auto none = classify_arch_index(kNaN, {});
    CHECK(none.type == FootType::Unknown);
    CHECK(none.basis.label.empty());
    CHECK_FALSE(none.basis.why_not.empty());
    CHECK(std::isnan(none.basis.margin));
    CHECK_FALSE(none.basis.borderline);
}

TEST_CASE("Chippaux-Smirak: below 30 high, 30 to 45 normal, above 45 flat") {
    const ClassificationConfig config;
    CHECK(classify_chippaux_smirak(12.0, config).type == FootType::HighArch);
    CHECK(classify_chippaux_smirak(29.9, config).type == FootType::HighArch);
    CHECK(classify_chippaux_smirak(30.0, config).type == FootType::Normal);
    CHECK(classify_chippaux_smirak(45.0, config).type == FootType::Normal);
    CHECK(classify_chippaux_smirak(45.1, config).type == FootType::Flat);
    const auto v = classify_chippaux_smirak(43.0, config);
    CHECK(v.basis.unit == "%");
    CHECK(v.basis.margin == doctest::Approx(2.0));
    CHECK(v.basis.borderline);  // band 3 %
    CHECK_FALSE(classify_chippaux_smirak(38.0, config).basis.borderline);
}

TEST_CASE("CPEI: pronated and supinated by z-score against the reference distribution") {
    ClassificationConfig config;  // mean 22.74 %, SD 7 %, cut-off z = 1
    const auto at_mean = classify_cpei(22.74, config);
    CHECK(at_mean.pronation == Pronation::Neutral);
    CHECK(at_mean.z_score == doctest::Approx(0.0));
    CHECK(at_mean.basis.lower_threshold == doctest::Approx(15.74));
    CHECK(at_mean.basis.upper_threshold == doctest::Approx(29.74));
    CHECK(at_mean.basis.margin == doctest::Approx(7.0));
    const auto low = classify_cpei(12.0, config);
    CHECK(low.pronation == Pronation::Pronated);  // lower CPEI = more pronated
    CHECK(low.z_score == doctest::Approx((12.0 - 22.74) / 7.0));
    CHECK(classify_cpei(15.74, config).pronation == Pronation::Pronated);
    CHECK(classify_cpei(15.8, config).pronation == Pronation::Neutral);
    CHECK(classify_cpei(29.74, config).pronation == Pronation::Supinated);
    CHECK(classify_cpei(35.0, config).pronation == Pronation::Supinated);
    // Band 0.25 SD = 1.75 %.
    CHECK(classify_cpei(17.0, config).basis.borderline);
    CHECK_FALSE(classify_cpei(18.0, config).basis.borderline);
    config.cpei_reference_sd_pct = 3.0;
    CHECK(classify_cpei(18.0, config).pronation == Pronation::Pronated);
    CHECK(classify_cpei(kNaN, config).pronation == Pronation::Unknown);
}

TEST_CASE("Staheli is reported without a class") {
    const auto si = describe_staheli(0.62);
    CHECK(si.value == doctest::Approx(0.62));
    CHECK(si.label.empty());
    CHECK(std::isnan(si.lower_threshold));
    CHECK(si.method.find("age") != std::string::npos);
}

TEST_CASE("configuration refusals name the field") {
    ClassificationConfig config;
    CHECK(config.validation_error().empty());
    config.arch_index_flat_min = 0.20;  // below the high-arch threshold
    CHECK(config.validation_error().find("arch_index_flat_min") != std::string::npos);
    config = {};
    config.cpei_reference_sd_pct = 0.0;
    CHECK(config.validation_error().find("cpei_reference_sd_pct") != std::string::npos);
    config = {};
    config.min_complete_steps = 0;
    CHECK(config.validation_error().find("min_complete_steps") != std::string::npos);
    config = {};
    config.cpei_borderline_z = 1.5;
    CHECK(config.validation_error().find("cpei_borderline_z") != std::string::npos);
}
