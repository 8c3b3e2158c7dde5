// The footprint against the simulator's truth: the arch index over a sweep of the model's arch
// (the key validation of issue 5), sides, lengths, other foot lengths, walking prints of both
// feet (angled by the toe-out), and the order of the regions along the axis.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "test_footprint_support.hpp"

using namespace footprint_test;

namespace {

constexpr double kPitch = 7.8;  // the clinical plate's sensor pitch

// Foot length is measured between the centres of the rearmost and the foremost contact
// sensors: one pitch for the sampling, half a pitch for where in its sensor each end falls.
constexpr double kLengthTolerance = 1.5 * kPitch;

// Mean along-axis position of each region's sensors.
std::map<Region, double> mean_along(const StepPrint& print, const Footprint& fp) {
    std::map<Region, double> sum, count;
    for (std::size_t i = 0; i < fp.regions.size(); ++i) {
        if (fp.regions[i] == Region::None) continue;
        sum[fp.regions[i]] += fp.axis.along({print.sensors.x_mm[i], print.sensors.y_mm[i]});
        count[fp.regions[i]] += 1.0;
    }
    for (auto& [region, s] : sum) s /= count[region];
    return sum;
}

// The print mirrored across the plate (column c -> cols - 1 - c): a right foot's print.
StepPrint mirrored(const StepPrint& print) {
    StepPrint out = print;
    const PlateGeometry& g = print.sensors.geometry;
    for (int r = 0; r < g.rows; ++r)
        for (int c = 0; c < g.cols; ++c) {
            out.peak[g.index(r, c)] = print.peak[g.index(r, g.cols - 1 - c)];
            out.mask[g.index(r, c)] = print.mask[g.index(r, g.cols - 1 - c)];
        }
    return out;
}

}  // namespace

TEST_CASE("arch index tracks the model arch index over the arch sweep on the 64x64 plate") {
    double worst = 0.0, worst_arch = 0.0, worst_from_010 = 0.0;
    double previous_csi = -1.0, previous_staheli = -1.0;
    double first_csi = 0.0, last_csi = 0.0, first_staheli = 0.0, last_staheli = 0.0;
    for (int step = 1; step <= 19; ++step) {
        sim::FootParameters foot;
        foot.arch = 0.05 * step;
        CAPTURE(foot.arch);
        const StepPrint print = single_step(foot);
        const Footprint fp = analyse_footprint(print.sensors, print.peak, print.mask, Side::Unknown);
        const double error = std::abs(fp.arch_index - sim::model_arch_index(foot));
        REQUIRE(std::isfinite(fp.arch_index));
        if (error > worst) worst = error, worst_arch = foot.arch;
        if (foot.arch > 0.075) worst_from_010 = std::max(worst_from_010, error);
        // At arch 0.05 the midfoot band is 4 mm wide at its narrowest, half a sensor: no area
        // made of 7.8 mm sensors resolves it (docs/methods.md section 5), so 0.03 there.
        CHECK(error <= (foot.arch < 0.075 ? 0.03 : 0.02));

        CHECK(fp.side_from_print == Side::Left);
        CHECK(fp.side == Side::Left);
        // The same print mirrored across the plate is a right foot's, with the same indices up
        // to where the toe strips' edges fall on the mirrored grid (about 0.001).
        const StepPrint right = mirrored(print);
        const Footprint mirror = analyse_footprint(right.sensors, right.peak, right.mask, Side::Unknown);
        CHECK(mirror.side_from_print == Side::Right);
        CHECK(std::abs(mirror.arch_index - fp.arch_index) < 0.002);
        CHECK(fp.has_heel);
        CHECK(fp.has_toes);
        CHECK(std::abs(fp.length_mm - foot.length_mm) <= kLengthTolerance);
        CHECK(std::abs(fp.axis.angle_deg - print.truth.axis_angle_deg) < 3.0);
        // CSI and Staheli grow with the arch parameter (a quarter sensor of slack for the
        // sampling: 2 % of the forefoot width, 3 % of the heel width).
        CHECK(fp.chippaux_smirak_pct >= previous_csi - 2.0);
        CHECK(fp.staheli >= previous_staheli - 0.03);
        previous_csi = fp.chippaux_smirak_pct;
        previous_staheli = fp.staheli;
        if (step == 1) first_csi = fp.chippaux_smirak_pct, first_staheli = fp.staheli;
        last_csi = fp.chippaux_smirak_pct, last_staheli = fp.staheli;
    }
    MESSAGE("arch sweep 0.05..0.95, 64x64, default sensors: worst |AI - model| = ", worst, " (at arch ", worst_arch,
            "), from arch 0.10: ", worst_from_010, "; CSI ", first_csi, " -> ", last_csi, " %, Staheli ", first_staheli,
            " -> ", last_staheli);
    CHECK(last_csi > first_csi + 40.0);
    CHECK(last_staheli > first_staheli + 0.5);
}

TEST_CASE("arch index, length and side for other foot lengths (220-300 mm)") {
    double worst = 0.0;
    for (double length : {220.0, 240.0, 280.0, 300.0})
        for (double arch : {0.3, 0.5, 0.7, 0.9}) {
            sim::FootParameters foot;
            foot.length_mm = length;
            foot.arch = arch;
            CAPTURE(length);
            CAPTURE(arch);
            const StepPrint print = single_step(foot, 3);
            const Footprint fp = analyse_footprint(print.sensors, print.peak, print.mask, Side::Unknown);
            const double error = std::abs(fp.arch_index - sim::model_arch_index(foot));
            worst = std::max(worst, error);
            CHECK(error <= 0.02);
            CHECK(fp.side_from_print == Side::Left);
            CHECK(std::abs(fp.length_mm - length) <= kLengthTolerance);
        }
    MESSAGE("foot lengths 220-300 mm, arch 0.3-0.9: worst |AI - model| = ", worst);
}

TEST_CASE("walking prints of both feet: sides, axis angle and arch index") {
    double worst = 0.0, worst_high_arch = 0.0;
    int left = 0, right = 0;
    for (double arch : {0.2, 0.3, 0.47, 0.68, 0.9}) {
        sim::FootParameters foot;
        foot.arch = arch;
        const auto steps = walk_steps(foot, 30.0, 7);
        REQUIRE(steps.size() >= 4);
        for (const auto& print : steps) {
            CAPTURE(arch);
            CAPTURE(print.truth.strike_us);
            const Footprint fp = analyse_footprint(print.sensors, print.peak, print.mask, Side::Unknown);
            const Side truth = side_of(print.truth);
            (truth == Side::Left ? left : right) += 1;
            CHECK(fp.side_from_print == truth);
            CHECK(fp.side == truth);
            // Walking feet are toed out a few degrees: the measured axis follows the truth's.
            CHECK(std::abs(fp.axis.angle_deg - print.truth.axis_angle_deg) < 3.0);
            const double error = std::abs(fp.arch_index - sim::model_arch_index(foot));
            // At arch 0.2 the midfoot band is about two sensors wide at its narrowest, and where
            // the grid falls on it varies from step to step: up to 0.03 there (docs/methods.md
            // section 5); the 0.02 of the validation from arch 0.3.
            if (arch < 0.25) worst_high_arch = std::max(worst_high_arch, error);
            else worst = std::max(worst, error);
            CHECK(error <= (arch < 0.25 ? 0.035 : 0.02));
            CHECK(std::abs(fp.length_mm - foot.length_mm) <= kLengthTolerance);
            // Medial vector: towards +x for a left foot walking +y, towards -x for a right foot.
            CHECK((truth == Side::Left ? fp.axis.medial_x > 0.9 : fp.axis.medial_x < -0.9));
            // Heel centre near the model's (the heel's area centroid sits a little behind it).
            CHECK(std::hypot(fp.axis.heel.x_mm - print.truth.heel_x_mm, fp.axis.heel.y_mm - print.truth.heel_y_mm) < 15.0);
            // A side given by the caller wins over the print.
            const Side other = truth == Side::Left ? Side::Right : Side::Left;
            const Footprint forced = analyse_footprint(print.sensors, print.peak, print.mask, other);
            CHECK(forced.side == other);
            CHECK(forced.side_from_print == truth);
        }
    }
    CHECK(left > 0);
    CHECK(right > 0);
    MESSAGE("walking prints (", left, " left, ", right, " right): worst |AI - model| = ", worst, " for arch 0.3-0.9, ",
            worst_high_arch, " at arch 0.2");
}

TEST_CASE("standing prints of both feet (static stance, low pressures): sides and arch index") {
    double worst = 0.0;
    for (double arch : {0.3, 0.47, 0.68, 0.9}) {
        sim::SimulationConfig config;
        config.scenario = sim::Scenario::StaticStance;
        config.duration_s = 5.0;
        config.foot.arch = arch;
        sim::SimulatedPlate plate(config);
        const auto frames = all_frames(plate);
        REQUIRE(plate.truth().steps.size() == 2);
        for (auto step : plate.truth().steps) {
            CAPTURE(arch);
            // The whole recording is one stance.
            step.strike_us = frames.front().device_time_us;
            step.off_us = frames.back().device_time_us;
            const StepPrint print = print_of_step(frames, config.geometry, step, config.foot);
            const Footprint fp = analyse_footprint(print.sensors, print.peak, print.mask, Side::Unknown);
            CHECK(fp.side_from_print == side_of(step));
            CHECK(fp.has_toes);
            const double error = std::abs(fp.arch_index - sim::model_arch_index(config.foot));
            worst = std::max(worst, error);
            CHECK(error <= 0.02);
        }
    }
    MESSAGE("standing prints (both feet, arch 0.3-0.9): worst |AI - model| = ", worst);
}

TEST_CASE("regions follow each other along the axis: heel, midfoot, forefoot, toes") {
    sim::FootParameters foot;
    const StepPrint print = single_step(foot, 5);
    const Footprint fp = analyse_footprint(print.sensors, print.peak, print.mask, Side::Unknown);
    const auto along = mean_along(print, fp);
    REQUIRE(along.size() == 4);
    CHECK(along.at(Region::Heel) < along.at(Region::Midfoot));
    CHECK(along.at(Region::Midfoot) < along.at(Region::Forefoot));
    CHECK(along.at(Region::Forefoot) < along.at(Region::Toes));
    CHECK(fp.heel_back_mm < 0.0);
    CHECK(fp.heel_back_mm < fp.third_heel_mid_mm);
    CHECK(fp.third_heel_mid_mm < fp.third_mid_fore_mm);
    CHECK(fp.third_mid_fore_mm < fp.toeless_front_mm);
    CHECK(fp.toeless_front_mm < fp.toes_front_mm);
    // Widths: a forefoot of 100 mm and a heel of 62 mm (one pitch of sampling either way).
    CHECK(std::abs(fp.forefoot_width_mm - foot.forefoot_width_mm) <= kPitch);
    CHECK(std::abs(fp.heel_width_mm - foot.heel_width_mm) <= kPitch);
    CHECK(fp.midfoot_min_width_mm < fp.heel_width_mm);

    std::size_t in_mask = 0;
    std::map<DetailRegion, double> across_sum, across_count;
    for (std::size_t i = 0; i < fp.regions.size(); ++i) {
        CHECK((fp.regions[i] != Region::None) == (print.mask[i] != 0));
        CHECK((fp.toes[i] != 0) == (fp.regions[i] == Region::Toes));
        if (print.mask[i] == 0) continue;
        ++in_mask;
        CHECK(fp.halves[i] != FootHalf::None);
        CHECK(fp.detail[i] != DetailRegion::None);
        across_sum[fp.detail[i]] += fp.axis.across({print.sensors.x_mm[i], print.sensors.y_mm[i]});
        across_count[fp.detail[i]] += 1.0;
    }
    CHECK(in_mask > 200);
    // The forefoot is 13 sensors wide on this plate, so the detail regions are labelled; the
    // first metatarsal band is the most medial, the fifth the most lateral, the hallux medial.
    auto mean_across = [&](DetailRegion r) { return across_sum[r] / across_count[r]; };
    for (int k = 0; k < 4; ++k)
        CHECK(mean_across(static_cast<DetailRegion>(static_cast<int>(DetailRegion::Metatarsal1) + k)) >
              mean_across(static_cast<DetailRegion>(static_cast<int>(DetailRegion::Metatarsal1) + k + 1)));
    CHECK(mean_across(DetailRegion::Hallux) > mean_across(DetailRegion::LesserToes));
    CHECK(mean_across(DetailRegion::MedialHeel) > 0.0);
    CHECK(mean_across(DetailRegion::LateralMidfoot) < 0.0);
}

TEST_CASE("print width across the axis: the forefoot at 2/3 of foot length, the narrow midfoot") {
    sim::FootParameters foot;
    foot.arch = 0.3;
    const StepPrint print = single_step(foot);
    const Footprint fp = analyse_footprint(print.sensors, print.peak, print.mask, Side::Unknown);
    const double two_thirds = fp.heel_back_mm + 2.0 / 3.0 * fp.length_mm;
    const double forefoot = print_width_across(print.sensors, print.mask, fp.axis, two_thirds);
    // The model's forefoot ellipse is about 96 mm wide at 2/3 of the foot's length.
    CHECK(forefoot == doctest::Approx(96.0).epsilon(0.1));
    const double midfoot = print_width_across(print.sensors, print.mask, fp.axis, fp.heel_back_mm + 0.45 * fp.length_mm);
    CHECK(midfoot < 0.6 * forefoot);
    CHECK(std::isnan(print_width_across(print.sensors, std::vector<std::uint8_t>(print.mask.size(), 0), fp.axis, 0.0)));
}

TEST_CASE("a coarse plate (12 mm sensors): no detail regions, a note, the arch index still close") {
    const PlateGeometry coarse{44, 44, 12.0, 12.0, 144.0};
    double worst = 0.0;
    for (double arch : {0.3, 0.5, 0.7, 0.9}) {
        sim::FootParameters foot;
        foot.arch = arch;
        CAPTURE(arch);
        const StepPrint print = single_step(foot, 1, coarse);
        const Footprint fp = analyse_footprint(print.sensors, print.peak, print.mask, Side::Unknown);
        // A 100 mm forefoot is about 8 sensors wide here, fewer than two per metatarsal band.
        CHECK(std::all_of(fp.detail.begin(), fp.detail.end(), [](DetailRegion r) { return r == DetailRegion::None; }));
        bool noted = false;
        for (const auto& note : fp.notes) noted = noted || note.find("no detail regions") != std::string::npos;
        CHECK(noted);
        CHECK(fp.side_from_print == Side::Left);
        worst = std::max(worst, std::abs(fp.arch_index - sim::model_arch_index(foot)));
    }
    MESSAGE("12 mm plate, arch 0.3-0.9: worst |AI - model| = ", worst);
    CHECK(worst <= 0.03);
}
