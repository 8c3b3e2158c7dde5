// Children's and small adults' feet (150-220 mm) and light subjects (20-45 kg) on the simulated
// plate: the loads, the print's size, the walk's step length and two-foot standing must be what
// a clinician would expect of such a subject.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <vector>

#include "plantar/capture/sim/simulated_plate.hpp"
#include "sim_test_support.hpp"

using namespace plantar;
using namespace plantar::sim;
using namespace sim_test;

namespace {

SimulationConfig standing(double length_mm, double mass_kg, double stance_width_mm, std::uint64_t seed) {
    SimulationConfig config;
    config.scenario = Scenario::StaticStance;
    config.foot = FootParameters{}.scaled_to_length(length_mm);
    config.body_mass_kg = mass_kg;
    config.stance_width_mm = stance_width_mm;
    config.duration_s = 1.0;
    config.rate_hz = 50.0;
    config.seed = seed;
    config.sensors = SensorRealism::ideal();  // no noise speckles bridging or shortening the prints
    return config;
}

// The length of a step's print along its foot axis, from the loaded sensors of an image that
// lie within a foot's width of the axis: from the centre of the rearmost sensor to the centre
// of the foremost one. A print of length L touches between L / pitch and L / pitch + 2 cells
// along its axis, so this lies within a pitch of L.
double print_length_mm(const PlateGeometry& plate, const std::vector<float>& image, const SimulatedStep& step,
                       double half_width_mm) {
    double back = 1e300, front = -1e300;
    for (int r = 0; r < plate.rows; ++r)
        for (int c = 0; c < plate.cols; ++c) {
            if (image[plate.index(r, c)] <= 0.0f) continue;
            const auto p = in_foot(step, plate.x_mm(c), plate.y_mm(r));
            if (std::abs(p.across) > half_width_mm) continue;
            back = std::min(back, p.along), front = std::max(front, p.along);
        }
    return front - back;
}

}  // namespace

TEST_CASE("a foot scaled to another length keeps its shape: widths follow the length, the arch index stays") {
    const auto adult = FootParameters::of_type(FootType::Flat);
    for (double length : {150.0, 180.0, 220.0, 300.0}) {
        CAPTURE(length);
        const auto foot = adult.scaled_to_length(length);
        CHECK(foot.length_mm == length);
        CHECK(foot.forefoot_width_mm / foot.length_mm == doctest::Approx(adult.forefoot_width_mm / adult.length_mm));
        CHECK(foot.heel_width_mm / foot.length_mm == doctest::Approx(adult.heel_width_mm / adult.length_mm));
        CHECK(foot.arch == adult.arch);
        // The Cavanagh & Rodgers index is a ratio of areas: the same shape at any size has the same index.
        CHECK(model_arch_index(foot) == doctest::Approx(model_arch_index(adult)).epsilon(0.002));
    }
}

TEST_CASE("a 20 kg child with 150 mm feet standing: the plate carries 20 kg on every frame, prints about 150 mm long") {
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
        CAPTURE(seed);
        SimulatedPlate plate(standing(150.0, 20.0, 120.0, seed));
        const auto& geometry = plate.geometry();
        const auto frames = all_frames(plate);
        for (const auto& frame : frames)
            REQUIRE(total_force_n(geometry, frame) == doctest::Approx(20.0 * g).epsilon(0.005));
        const auto image = max_pressure_image(frames);
        const auto& steps = plate.truth().steps;
        REQUIRE(steps.size() == 2);
        for (const auto& foot : steps) {
            CAPTURE(to_string(foot.side));
            CHECK_FALSE(foot.cut_by_plate_edge);
            CHECK(std::abs(print_length_mm(geometry, image, foot, 35.0) - 150.0) <= geometry.pitch_y_mm);
        }
    }
}

TEST_CASE("light subjects on real sensors: most of the weight is measured") {
    // The noise threshold drops lightly loaded sensors at the print's edge. A child's small
    // foot keeps its pressures near an adult's (less weight on less area), so with foot sizes
    // that go with the body masses the loss stays small; docs/simulator.md quotes these.
    struct Subject {
        double length_mm, mass_kg;
    };
    for (const Subject subject :
         {Subject{150.0, 20.0}, Subject{180.0, 30.0}, Subject{220.0, 45.0}, Subject{260.0, 70.0}}) {
        CAPTURE(subject.length_mm);
        CAPTURE(subject.mass_kg);
        auto config = standing(subject.length_mm, subject.mass_kg, 160.0, 3);
        config.sensors = SensorRealism{};
        config.duration_s = 2.0;
        SimulatedPlate plate(config);
        const double weight = subject.mass_kg * g;
        double least = 1e300;
        for (const auto& frame : all_frames(plate)) least = std::min(least, total_force_n(plate.geometry(), frame));
        MESSAGE("standing ", subject.length_mm, " mm, ", subject.mass_kg,
                " kg, default sensors: least force ", least / weight * 100.0, " % of body weight");
        CHECK(least > 0.9 * weight);
        CHECK(least < 1.02 * weight);
    }
}

TEST_CASE("a small child's walk: shorter steps, each one loading heel to hallux, forces of body weight") {
    SimulationConfig config;
    config.scenario = Scenario::Walk;
    config.foot = FootParameters{}.scaled_to_length(150.0);
    config.body_mass_kg = 20.0;
    config.walking_speed_m_s = 1.0;
    config.stance_time_s = 0.45;
    config.duration_s = 12.0;
    config.sensors = SensorRealism::ideal();
    SimulatedPlate plate(config);
    const auto truth = nlohmann::json::parse(plate.truth().to_json());
    const double step_length = truth["walk_step_length_mm"].get<double>();
    // An adult with 260 mm feet steps 650 mm at 1 m/s; this child's step is 150/260 of it.
    CHECK(step_length == doctest::Approx(650.0 * 150.0 / 260.0).epsilon(0.01));
    const auto& steps = plate.truth().steps;
    const auto& geometry = plate.geometry();
    const auto frames = all_frames(plate);
    int complete = 0;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        // Consecutive strikes of one pass are one step length apart along the walk.
        if (i > 0 && steps[i].strike_us - steps[i - 1].strike_us < 1'000'000)
            CHECK(std::abs(steps[i].heel_y_mm - steps[i - 1].heel_y_mm - step_length) < 35.0);
        const auto& step = steps[i];
        if (step.cut_by_plate_edge || step.cut_by_recording) continue;
        ++complete;
        CHECK(step.peak_force_n == doctest::Approx(1.17 * 20.0 * g).epsilon(0.08));
        // Heel and hallux both load during the step: sensors near the back of the heel and
        // near the tip of the toes read pressure at some time.
        std::vector<Frame> own;
        for (const auto& frame : frames)
            if (active(step, frame.device_time_us)) own.push_back(frame);
        const auto image = max_pressure_image(own);
        CHECK(std::abs(print_length_mm(geometry, image, step, 35.0) - 150.0) <= geometry.pitch_y_mm);
    }
    CHECK(complete >= 2);
}

TEST_CASE("two-foot standing with child and adult feet from 20 to 120 kg: the feet touch only at narrow stance") {
    // The stance width at which the two prints first share a border of loaded sensors, for
    // each foot length: docs/simulator.md quotes these.
    for (double length : {150.0, 180.0, 220.0, 260.0}) {
        double touching_below = 0.0;
        for (double width = 50.0; width <= 200.0; width += 5.0) {
            SimulatedPlate plate(standing(length, 40.0, width, 1));
            const auto& geometry = plate.geometry();
            const auto groups = loaded_groups(geometry, max_pressure_image(all_frames(plate)));
            const auto& steps = plate.truth().steps;
            if (group_under_heel(geometry, groups, steps[0]) == group_under_heel(geometry, groups, steps[1]))
                touching_below = width;
        }
        MESSAGE(length, " mm feet touch at a stance width of ", touching_below, " mm or less");
        // The middles of the feet are at least a forefoot's width apart when they do not touch.
        CHECK(touching_below < 0.5 * length);
        CHECK(touching_below > 0.25 * length);
    }
    for (double length : {150.0, 220.0})
        for (double mass : {20.0, 70.0, 120.0})
            for (std::uint64_t seed = 1; seed <= 10; ++seed) {
                CAPTURE(length);
                CAPTURE(mass);
                CAPTURE(seed);
                SimulatedPlate plate(standing(length, mass, 160.0, seed));
                const auto frames = all_frames(plate);
                CHECK(total_force_n(plate.geometry(), frames.back()) == doctest::Approx(mass * g).epsilon(0.005));
                const auto groups = loaded_groups(plate.geometry(), max_pressure_image(frames));
                const auto& steps = plate.truth().steps;
                const int left = group_under_heel(plate.geometry(), groups, steps[0]);
                const int right = group_under_heel(plate.geometry(), groups, steps[1]);
                REQUIRE(left > 0);
                REQUIRE(right > 0);
                CHECK(left != right);  // 160 mm apart: two separate prints
            }
}
