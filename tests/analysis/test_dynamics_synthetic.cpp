// Dynamics on small hand-built inputs whose answers are known exactly: COP path length and
// speed, the prediction ellipse, CPE on a drawn path, trapezoid integrals per region, the
// progression angle's sign, the medial-lateral index, and what raw counts and unknown
// positions leave out.
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <random>
#include <vector>

#include "plantar/analysis/balance.hpp"
#include "plantar/analysis/cop.hpp"
#include "plantar/analysis/cpei.hpp"
#include "plantar/analysis/footprint.hpp"
#include "plantar/analysis/gait.hpp"

using namespace plantar;
using namespace plantar::analysis;

namespace {

constexpr double kDegree = std::numbers::pi / 180.0;

// A small grid plate: 10 mm pitch, 100 mm^2 sensors.
PlateGeometry grid(int rows, int cols) { return PlateGeometry{rows, cols, 10.0, 10.0, 100.0}; }

Frame frame_at(const PlateGeometry& geometry, std::int64_t time_us) {
    Frame frame(geometry);
    frame.device_time_us = time_us;
    return frame;
}

}  // namespace

TEST_CASE("a centre of pressure moving along a line at constant speed gives its exact path length and speed") {
    // 3-4-5 direction at 250 mm/s for 0.8 s, sampled at 100 Hz, with an unloaded frame inside.
    std::vector<TimedPoint> path;
    for (int k = 0; k <= 80; ++k) {
        const double t = 0.01 * k;
        path.push_back({t, {10.0 + 0.6 * 250.0 * t, 20.0 + 0.8 * 250.0 * t}});
    }
    path[40].point = {};  // a frame without load: skipped, the path joins its neighbours
    const CopPathSummary summary = summarize_cop_path(path);
    REQUIRE(summary.ok());
    CHECK(summary.points == 80);
    CHECK(summary.duration_s == doctest::Approx(0.8).epsilon(1e-12));
    CHECK(summary.path_length_mm == doctest::Approx(200.0).epsilon(1e-12));
    CHECK(summary.mean_velocity_mm_s == doctest::Approx(250.0).epsilon(1e-12));

    CHECK_FALSE(summarize_cop_path(std::span<const TimedPoint>(path).first(1)).ok());
}

TEST_CASE("the COP path's long axis follows a straight path and its direction, medial by side") {
    std::vector<TimedPoint> path;
    const double a = 20.0 * kDegree;  // toes turned towards +x
    for (int k = 0; k < 30; ++k) path.push_back({0.01 * k, {100.0 + 5.0 * k * std::sin(a), 50.0 + 5.0 * k * std::cos(a)}});
    const CopPathAxis left = cop_path_axis(path, {}, Side::Left);
    REQUIRE(left.ok());
    CHECK(left.axis.method == AxisMethod::CopPath);
    CHECK(left.axis.angle_deg == doctest::Approx(20.0).epsilon(1e-9));
    CHECK(left.spread_ratio == doctest::Approx(0.0).scale(1.0));
    CHECK(left.axis.heel.x_mm == doctest::Approx(100.0));
    CHECK(left.axis.heel.y_mm == doctest::Approx(50.0));
    CHECK(left.axis.medial_x > 0.9);  // a left foot facing +y has its medial side at +x
    const CopPathAxis right = cop_path_axis(path, {}, Side::Right);
    CHECK(right.axis.medial_x < -0.9);
    // Run the other way: the axis turns round.
    std::vector<TimedPoint> reversed(path.rbegin(), path.rend());
    CHECK(std::abs(cop_path_axis(reversed, {}, Side::Left).axis.angle_deg) == doctest::Approx(160.0).epsilon(1e-9));
}

TEST_CASE("the 95 % prediction ellipse of Gaussian points with a known covariance has the expected area and angle") {
    // sd 6 mm along 30 deg, 2.5 mm across it.
    std::mt19937 generator(12345);
    std::normal_distribution<double> normal(0.0, 1.0);
    const double s1 = 6.0, s2 = 2.5, angle = 30.0 * kDegree;
    std::vector<Point> points;
    for (int k = 0; k < 40000; ++k) {
        const double u = s1 * normal(generator), v = s2 * normal(generator);
        points.push_back({50.0 + u * std::cos(angle) - v * std::sin(angle), 80.0 + u * std::sin(angle) + v * std::cos(angle)});
    }
    const PredictionEllipse ellipse = prediction_ellipse_95(points);
    REQUIRE(ellipse.valid());
    const double expected_area = std::numbers::pi * 5.991 * s1 * s2;
    CHECK(ellipse.area_mm2 == doctest::Approx(expected_area).epsilon(0.03));
    CHECK(ellipse.semi_major_mm == doctest::Approx(std::sqrt(5.991) * s1).epsilon(0.02));
    CHECK(ellipse.semi_minor_mm == doctest::Approx(std::sqrt(5.991) * s2).epsilon(0.02));
    CHECK(ellipse.angle_deg == doctest::Approx(30.0).epsilon(0.05));
    CHECK(ellipse.centre.x_mm == doctest::Approx(50.0).epsilon(0.01));
    // About 95 % of the points lie inside.
    std::size_t inside = 0;
    const double c = std::cos(ellipse.angle_deg * kDegree), s = std::sin(ellipse.angle_deg * kDegree);
    for (const auto& p : points) {
        const double dx = p.x_mm - ellipse.centre.x_mm, dy = p.y_mm - ellipse.centre.y_mm;
        const double u = (dx * c + dy * s) / ellipse.semi_major_mm, v = (-dx * s + dy * c) / ellipse.semi_minor_mm;
        if (u * u + v * v <= 1.0) ++inside;
    }
    CHECK(static_cast<double>(inside) / static_cast<double>(points.size()) == doctest::Approx(0.95).epsilon(0.01));
}

namespace {

// A drawn stance for CPE: a 40 x 20 grid (10 mm), the print a rectangle of columns 6..14 (x 55
// to 145 mm) and rows 0..29, the heel centre at (100, 50), axis +y, foot length 300 mm from y =
// 0, so the measuring line (2/3) is at y = 200. The COP runs from x = 110 at the ends to x = 96
// over the middle: CPE = 14 mm exactly; the print's cells span 90 mm there.
struct DrawnStance {
    SensorMap sensors = SensorMap::make(grid(40, 20));
    Contact contact;
    Footprint footprint;
};

DrawnStance drawn_stance(bool mirrored) {
    DrawnStance stance;
    const auto x = [&](double left_x) { return mirrored ? 200.0 - left_x : left_x; };
    const PlateGeometry& g = stance.sensors.geometry;
    stance.contact.mask.assign(g.sensor_count(), 0);
    for (int r = 0; r < 30; ++r)
        for (int c = 6; c <= 14; ++c) stance.contact.mask[g.index(r, mirrored ? 20 - c : c)] = 1;
    for (int k = 0; k <= 24; ++k) {
        const double y = 40.0 + 10.0 * k;
        const double left_x = y <= 100.0 ? 110.0 - 14.0 * (y - 40.0) / 60.0 : y >= 240.0 ? 96.0 + 14.0 * (y - 240.0) / 40.0 : 96.0;
        ContactSample sample;
        sample.frame = static_cast<std::size_t>(k);
        sample.time_s = 0.01 * k;
        sample.load = 500.0;
        sample.cop = {x(left_x), y};
        stance.contact.samples.push_back(sample);
    }
    stance.contact.first_frame = 0;
    stance.contact.last_frame = 24;
    stance.contact.strike_s = 0.0;
    stance.contact.off_s = 0.24;
    Footprint& print = stance.footprint;
    print.side = mirrored ? Side::Right : Side::Left;
    print.axis.heel = {x(100.0), 50.0};
    print.axis.medial_x = mirrored ? -1.0 : 1.0;
    print.heel_back_mm = -50.0;
    print.length_mm = 300.0;
    print.has_heel = true;
    return stance;
}

}  // namespace

TEST_CASE("CPE of a drawn COP path is exact and the CPEI divides it by the print's width on the 2/3 line") {
    for (bool mirrored : {false, true}) {
        CAPTURE(mirrored);
        const DrawnStance stance = drawn_stance(mirrored);
        const CpeiResult cpei = compute_cpei(stance.sensors, stance.contact, stance.footprint);
        REQUIRE_MESSAGE(cpei.ok(), cpei.why_not);
        CHECK(cpei.line_along_mm == doctest::Approx(150.0));
        CHECK(cpei.cpe_mm == doctest::Approx(14.0).epsilon(1e-12));
        // The width is the footprint part's contact width on the line: 9 sensors of 10 mm, the two
        // edge ones counted by the part a foot would cover (between half and all of them).
        CHECK(cpei.width_mm == doctest::Approx(print_width_across(stance.sensors, stance.contact.mask,
                                                                  stance.footprint.axis, 150.0, kNaN,
                                                                  stance.contact.peak)));
        CHECK(cpei.width_mm >= 80.0);
        CHECK(cpei.width_mm <= 90.0);
        CHECK(cpei.cpei_pct == doctest::Approx(100.0 * 14.0 / cpei.width_mm).epsilon(1e-12));
        // The drawing: the construction line runs from the path's first point to its last.
        CHECK(cpei.construction_start.x_mm == doctest::Approx(mirrored ? 90.0 : 110.0));
        CHECK(cpei.construction_crossing.y_mm == doctest::Approx(200.0));
        CHECK(cpei.cop_crossing.x_mm == doctest::Approx(mirrored ? 104.0 : 96.0));
        CHECK(cpei.line_medial_end.y_mm == doctest::Approx(200.0));
        CHECK((mirrored ? cpei.line_medial_end.x_mm < 60.0 : cpei.line_medial_end.x_mm > 140.0));
    }
}

namespace {

// A drawn stance for Song's construction, on the grid and print of drawn_stance: the COP starts
// 2 mm lateral of the axis at the heel (y = 40), ends 20 mm medial of it at toe-off (y = 280),
// and runs `excursion_mm` lateral of the first-to-last line over the middle (y 120-240, across
// the measuring line at y = 200), so CPE = excursion_mm exactly. The first and last frames carry
// 12 % of the peak load: above the stance's 10 % ends, below the robust construction's 20 %.
DrawnStance song_stance(bool right_foot, double excursion_mm) {
    DrawnStance stance = drawn_stance(right_foot);
    const double medial = right_foot ? -1.0 : 1.0;
    const double start_across = -2.0, end_across = 20.0;
    // The first-to-last line crosses y = 200 (along 150; the ends are at along -10 and 230) here.
    const double line_across = start_across + (end_across - start_across) * 160.0 / 240.0;
    const double middle_across = line_across - excursion_mm;
    const auto count = stance.contact.samples.size();
    for (std::size_t k = 0; k < count; ++k) {
        ContactSample& sample = stance.contact.samples[k];
        const double y = 40.0 + 10.0 * static_cast<double>(k);
        const double across = y <= 120.0   ? start_across + (middle_across - start_across) * (y - 40.0) / 80.0
                              : y >= 240.0 ? middle_across + (end_across - middle_across) * (y - 240.0) / 40.0
                                           : middle_across;
        sample.cop = {100.0 + medial * across, y};
        sample.load = k == 0 || k + 1 == count ? 60.0 : 500.0;
    }
    return stance;
}

}  // namespace

TEST_CASE("Song's construction: the first to the last COP point, signed CPE lateral or medial, both feet") {
    for (bool right_foot : {false, true})
        for (double excursion : {9.0, -6.0}) {  // path lateral of the line (positive), medial (negative)
            CAPTURE(right_foot);
            CAPTURE(excursion);
            const DrawnStance stance = song_stance(right_foot, excursion);
            const CpeiResult cpei = compute_cpei(stance.sensors, stance.contact, stance.footprint);
            REQUIRE_MESSAGE(cpei.ok(), cpei.why_not);
            CHECK(cpei.cpe_mm == doctest::Approx(excursion).epsilon(1e-9));
            CHECK(cpei.cpei_pct == doctest::Approx(100.0 * excursion / cpei.width_mm).epsilon(1e-9));
            CHECK((excursion > 0.0 ? cpei.cpei_pct > 0.0 : cpei.cpei_pct < 0.0));
            // The ends are the stance's first and last COP points, light as they are.
            CHECK(cpei.construction_start.y_mm == doctest::Approx(40.0));
            CHECK(cpei.construction_end.y_mm == doctest::Approx(280.0));
            CHECK(cpei.construction_end.x_mm == doctest::Approx(right_foot ? 80.0 : 120.0));
        }
}

TEST_CASE("Song's construction starts where the load reaches 10 % of its peak, so a stray first reading does not tilt it") {
    DrawnStance stance = song_stance(false, 9.0);
    // A first frame carrying 4 % of the peak on one stray sensor 30 mm lateral of the heel, then 20 %
    // at the heel: the stance starts between them, where the load passes 50 N (3/8 of the way).
    auto& samples = stance.contact.samples;
    samples[0].load = 20.0;
    samples[0].cop = {68.0, 40.0};
    samples[1].load = 100.0;
    const Point heel = samples[1].cop;
    const CpeiResult cpei = compute_cpei(stance.sensors, stance.contact, stance.footprint);
    REQUIRE_MESSAGE(cpei.ok(), cpei.why_not);
    CHECK(cpei.construction_start_s == doctest::Approx(samples[0].time_s + 0.375 * (samples[1].time_s - samples[0].time_s)));
    CHECK(cpei.construction_start.x_mm == doctest::Approx(68.0 + 0.375 * (heel.x_mm - 68.0)));
    // The robust option (the old construction) skips every frame under 20 % of the peak instead.
    CpeiConfig robust;
    robust.endpoints = CpeiEndpoints::Robust;
    CHECK(compute_cpei(stance.sensors, stance.contact, stance.footprint, robust).construction_start.y_mm >= heel.y_mm);
}

TEST_CASE("CPEI says why it is missing: cut contact, no heel, short path, no heel-to-toe roll, unknown positions") {
    DrawnStance stance = drawn_stance(false);
    stance.contact.cut_by_plate_edge = true;
    CHECK(compute_cpei(stance.sensors, stance.contact, stance.footprint).why_not.find("plate edge") != std::string::npos);
    stance.contact.cut_by_plate_edge = false;
    stance.footprint.has_heel = false;
    CHECK(compute_cpei(stance.sensors, stance.contact, stance.footprint).why_not.find("heel") != std::string::npos);
    stance.footprint.has_heel = true;
    DrawnStance short_path = stance;
    short_path.contact.samples.resize(5);
    CHECK(compute_cpei(short_path.sensors, short_path.contact, short_path.footprint).why_not.find("fewer than") !=
          std::string::npos);
    // A contact whose COP shuffles back and forth along the foot (standing, a pivot) has no
    // heel-to-toe roll for a construction line.
    DrawnStance shuffle = stance;
    for (std::size_t k = 0; k < shuffle.contact.samples.size(); ++k)
        shuffle.contact.samples[k].cop.y_mm = k % 2 == 0 ? 60.0 + 10.0 * static_cast<double>(k) : 40.0;
    CHECK(compute_cpei(shuffle.sensors, shuffle.contact, shuffle.footprint).why_not.find("heel to toe") != std::string::npos);
    stance.sensors.layout.geometry_known = false;
    CHECK_FALSE(compute_cpei(stance.sensors, stance.contact, stance.footprint).ok());
}

TEST_CASE("the trapezoid rule is exact for piecewise-linear loads") {
    const std::vector<double> times{0.0, 0.1, 0.3, 0.4};
    const std::vector<double> values{0.0, 10.0, 10.0, 0.0};
    CHECK(trapezoid_integral(times, values) == doctest::Approx(0.5 + 2.0 + 0.5).epsilon(1e-12));
    CHECK(trapezoid_integral(std::span<const double>(times).first(1), values) == 0.0);
}

namespace {

// Two sensors of a 1 x 2 grid (sensor 0 heel, medial; sensor 1 forefoot, lateral), five frames
// 10 ms apart: sensor 0 reads 0, 100, 200, 100, 0 kPa; sensor 1 reads 0, 50, 50, 300, 0 kPa.
struct TwoSensorStep {
    std::vector<Frame> frames;
    TrialInput trial;
    Contact contact;
    Footprint footprint;
};

TwoSensorStep two_sensor_step(PressureScale scale) {
    TwoSensorStep step;
    const PlateGeometry g = grid(1, 2);
    const float heel[] = {0, 100, 200, 100, 0};
    const float fore[] = {0, 50, 50, 300, 0};
    for (int k = 0; k < 5; ++k) {
        Frame frame = frame_at(g, 1'000'000 + 10'000 * k);  // times relative to the first frame
        frame.pressure_kpa = {heel[k], fore[k]};
        step.frames.push_back(frame);
    }
    step.trial.sensors = SensorMap::make(g, {}, scale);
    step.trial.frames = step.frames;
    step.contact.mask = {1, 1};
    step.contact.first_frame = 0;
    step.contact.last_frame = 4;
    step.contact.strike_s = 0.01;
    step.contact.off_s = 0.035;
    step.footprint.regions = {Region::Heel, Region::Forefoot};
    step.footprint.halves = {FootHalf::Medial, FootHalf::Lateral};
    step.footprint.detail = {DetailRegion::MedialHeel, DetailRegion::None};
    return step;
}

const RegionGait* find_region(const StepGait& step, Region region) {
    for (const auto& r : step.regions)
        if (!r.whole_foot && r.detail == DetailRegion::None && r.region == region) return &r;
    return nullptr;
}

}  // namespace

TEST_CASE("per-region peak pressure, area, force and both time integrals have their exact values") {
    const TwoSensorStep s = two_sensor_step(PressureScale::Kilopascal);
    const StepGait step = step_gait(s.trial, s.contact, &s.footprint);
    CHECK(step.contact_time_s == doctest::Approx(0.025));
    REQUIRE(step.regions.size() == 4);  // whole foot, heel, forefoot, medial heel
    const RegionGait& whole = step.regions.front();
    CHECK(whole.whole_foot);
    CHECK(whole.peak_pressure_kpa == doctest::Approx(300.0));
    CHECK(whole.max_contact_area_mm2 == doctest::Approx(200.0));
    CHECK(whole.max_force_n == doctest::Approx(40.0));  // (100 + 300) kPa x 100 mm^2
    // Forces 0, 15, 25, 40, 0 N every 10 ms: trapezoid = 0.01 x (15 + 25 + 40) = 0.8 N s.
    CHECK(whole.force_time_integral_n_s == doctest::Approx(0.8).epsilon(1e-12));
    // Peaks 0, 100, 200, 300, 0 kPa: 0.01 x 600 = 6 kPa s (Novel's definition).
    CHECK(whole.pressure_time_integral_kpa_s == doctest::Approx(6.0).epsilon(1e-12));
    // Melai: 0.8 N s / 200 mm^2 = 4 kPa s.
    CHECK(whole.mean_pressure_time_integral_kpa_s == doctest::Approx(4.0).epsilon(1e-12));
    CHECK(whole.impulse_pct == doctest::Approx(100.0));

    const RegionGait* heel = find_region(step, Region::Heel);
    const RegionGait* fore = find_region(step, Region::Forefoot);
    REQUIRE(heel != nullptr);
    REQUIRE(fore != nullptr);
    CHECK(heel->peak_pressure_kpa == doctest::Approx(200.0));
    CHECK(heel->force_time_integral_n_s == doctest::Approx(0.4).epsilon(1e-12));
    CHECK(heel->impulse_pct == doctest::Approx(50.0));
    CHECK(fore->max_force_n == doctest::Approx(30.0));
    CHECK(fore->pressure_time_integral_kpa_s == doctest::Approx(4.0).epsilon(1e-12));
    CHECK(step.regions.back().detail == DetailRegion::MedialHeel);
    CHECK(step.regions.back().peak_pressure_kpa == doctest::Approx(200.0));
    CHECK(find_region(step, Region::Midfoot) == nullptr);  // not labelled: not listed
}

TEST_CASE("medial-lateral force index and forefoot/rearfoot ratio are impulse shares") {
    const TwoSensorStep s = two_sensor_step(PressureScale::Kilopascal);
    const LoadDistribution load = load_distribution(s.trial, s.contact, s.footprint);
    REQUIRE_MESSAGE(load.ok(), load.why_not);
    // Medial (heel sensor) 0.4 N s, lateral (forefoot sensor) 0.4 N s.
    CHECK(load.medial_impulse_n_s == doctest::Approx(0.4));
    CHECK(load.medial_lateral_index == doctest::Approx(0.0).scale(1.0));
    CHECK(load.heel_pct == doctest::Approx(50.0));
    CHECK(load.forefoot_rearfoot_ratio == doctest::Approx(1.0));

    TwoSensorStep medial_heavy = two_sensor_step(PressureScale::Kilopascal);
    for (auto& frame : medial_heavy.frames) frame.pressure_kpa[0] *= 3.0f;
    const LoadDistribution heavy = load_distribution(medial_heavy.trial, medial_heavy.contact, medial_heavy.footprint);
    CHECK(heavy.medial_lateral_index == doctest::Approx((1.2 - 0.4) / (1.2 + 0.4)));
    CHECK(heavy.forefoot_rearfoot_ratio == doctest::Approx(0.4 / 1.2));
}

TEST_CASE("raw counts keep shapes and shares but report no kPa or N, and unknown positions give no areas") {
    const TwoSensorStep raw = two_sensor_step(PressureScale::RawCounts);
    const StepGait step = step_gait(raw.trial, raw.contact, &raw.footprint);
    const RegionGait& whole = step.regions.front();
    CHECK(std::isnan(whole.peak_pressure_kpa));
    CHECK(std::isnan(whole.max_force_n));
    CHECK(std::isnan(whole.force_time_integral_n_s));
    CHECK(std::isnan(whole.pressure_time_integral_kpa_s));
    CHECK(whole.max_contact_area_mm2 == doctest::Approx(200.0));
    CHECK(find_region(step, Region::Heel)->impulse_pct == doctest::Approx(50.0));
    const LoadDistribution load = load_distribution(raw.trial, raw.contact, raw.footprint);
    CHECK(std::isnan(load.medial_impulse_n_s));
    CHECK(load.medial_lateral_index == doctest::Approx(0.0).scale(1.0));

    TwoSensorStep unknown = two_sensor_step(PressureScale::Kilopascal);
    unknown.trial.sensors.layout.geometry_known = false;
    const StepGait placeholder = step_gait(unknown.trial, unknown.contact, &unknown.footprint);
    CHECK(placeholder.regions.front().peak_pressure_kpa == doctest::Approx(300.0));  // kPa values need no positions
    CHECK(std::isnan(placeholder.regions.front().max_contact_area_mm2));
    CHECK(std::isnan(placeholder.regions.front().max_force_n));
    CHECK_FALSE(load_distribution(unknown.trial, unknown.contact, unknown.footprint).ok());
    const BalanceResult balance = analyse_balance(unknown.trial, {}, {});
    CHECK(balance.cop_path.empty());
    CHECK(std::isnan(balance.ellipse.area_mm2));
}

TEST_CASE("foot progression angle: out-toeing is positive for both feet, in-toeing negative") {
    const double a = 10.0 * kDegree;
    FootAxis left;  // toes turned to -x (lateral for a left foot facing +y)
    left.along_x = -std::sin(a), left.along_y = std::cos(a);
    left.medial_x = std::cos(a), left.medial_y = std::sin(a);
    FootAxis right;  // toes turned to +x (lateral for a right foot)
    right.along_x = std::sin(a), right.along_y = std::cos(a);
    right.medial_x = -std::cos(a), right.medial_y = std::sin(a);
    CHECK(foot_progression_angle_deg(left, 0.0, 1.0) == doctest::Approx(10.0));
    CHECK(foot_progression_angle_deg(right, 0.0, 1.0) == doctest::Approx(10.0));
    CHECK(foot_progression_angle_deg(right, 0.0, 5.0) == doctest::Approx(10.0));  // any length of direction
    // Walking the other way with the same axes: the feet now point backwards.
    CHECK(std::abs(foot_progression_angle_deg(left, 0.0, -1.0)) == doctest::Approx(170.0));
    // In-toeing: the right foot's toes turned to -x.
    right.along_x = -right.along_x, right.medial_y = -right.medial_y;
    CHECK(foot_progression_angle_deg(right, 0.0, 1.0) == doctest::Approx(-10.0));
    CHECK(std::isnan(foot_progression_angle_deg(left, 0.0, 0.0)));
}

TEST_CASE("cadence and step and stride times come from successive contacts of one pass") {
    // Strikes at 0.0 (L), 0.5 (R), 1.0 (L), 1.5 (R); then a pass back after 4 s: 6.0 (L), 6.55 (R).
    const PlateGeometry g = grid(2, 2);
    std::vector<Frame> frames{frame_at(g, 0)};
    TrialInput trial;
    trial.sensors = SensorMap::make(g);
    trial.frames = frames;
    const double strikes[] = {0.0, 0.5, 1.0, 1.5, 6.0, 6.55};
    std::vector<Contact> contacts;
    for (int k = 0; k < 6; ++k) {
        Contact c;
        c.id = k;
        c.side = k % 2 == 0 ? Side::Left : Side::Right;
        c.strike_s = strikes[k];
        c.off_s = strikes[k] + 0.6;
        contacts.push_back(c);
    }
    TrialGait gait = trial_gait(trial, contacts, {});
    CHECK(gait.passes == 2);
    CHECK(gait.step_time_count == 4);
    CHECK(gait.mean_step_time_s == doctest::Approx((0.5 * 3 + 0.55) / 4.0));
    CHECK(gait.cadence_steps_per_min == doctest::Approx(60.0 / ((0.5 * 3 + 0.55) / 4.0)));
    CHECK(gait.stride_time_count == 2);
    CHECK(gait.mean_stride_time_s == doctest::Approx(1.0));
    CHECK(gait.steps[2].contact_time_s == doctest::Approx(0.6));

    // A contact cut by the plate edge breaks the pairs it is in, not the pass.
    contacts[1].cut_by_plate_edge = true;
    gait = trial_gait(trial, contacts, {});
    CHECK(gait.passes == 2);
    CHECK(gait.step_time_count == 2);    // 1.0 -> 1.5 and 6.0 -> 6.55
    CHECK(gait.stride_time_count == 1);  // 0.0 -> 1.0 (0.5 -> 1.5 has the cut one)
    CHECK(gait.complete_steps == 5);
}

TEST_CASE("balance filters frame-to-frame jitter out of the COP but keeps the sway") {
    // Two sensors 10 mm apart: the COP is 10 x w mm with w = 0.5 + 0.3 sin(2 pi 0.5 t) plus a
    // +-0.05 jitter that flips every frame (100 Hz). The sway alone travels 4 x 3 mm per cycle,
    // 5 cycles in 10 s: 60 mm.
    const PlateGeometry g = grid(1, 2);
    std::vector<Frame> frames;
    for (int k = 0; k <= 1000; ++k) {
        const double t = 0.01 * k;
        const double w = 0.5 + 0.3 * std::sin(2.0 * std::numbers::pi * 0.5 * t) + (k % 2 == 0 ? 0.05 : -0.05);
        Frame frame = frame_at(g, 10'000 * k);
        frame.pressure_kpa = {static_cast<float>(100.0 * (1.0 - w)), static_cast<float>(100.0 * w)};
        frames.push_back(frame);
    }
    TrialInput trial;
    trial.sensors = SensorMap::make(g);
    trial.kind = TrialKind::Static;
    trial.frames = frames;
    const BalanceResult filtered = analyse_balance(trial, {}, {});
    CHECK(filtered.path.path_length_mm == doctest::Approx(60.0).epsilon(0.03));
    CHECK(filtered.path.mean_velocity_mm_s == doctest::Approx(6.0).epsilon(0.03));
    CHECK(filtered.rms_ml_mm == doctest::Approx(3.0 / std::sqrt(2.0)).epsilon(0.02));
    CHECK(filtered.mean_load_n == doctest::Approx(10.0).epsilon(1e-6));  // 100 kPa x 100 mm^2
    BalanceConfig raw;
    raw.lowpass_hz = 0.0;
    const BalanceResult unfiltered = analyse_balance(trial, {}, {}, raw);
    CHECK(unfiltered.path.path_length_mm > 10.0 * filtered.path.path_length_mm);
}

TEST_CASE("the print's width across the axis is the same for a grid and for the same sensors placed one by one") {
    // Columns 6..14 of a 10 mm grid (centres x = 60 .. 140 mm): the print spans x 55 .. 145 mm.
    const PlateGeometry g = grid(40, 20);
    SensorLayout placed;
    std::vector<std::uint8_t> mask;
    for (int r = 0; r < 40; ++r)
        for (int c = 0; c < 20; ++c) {
            placed.sensors.push_back({g.x_mm(c), g.y_mm(r), 100.0, std::nullopt});
            mask.push_back(c >= 6 && c <= 14 && r < 30 ? 1 : 0);
        }
    const SensorMap grid_map = SensorMap::make(g);
    const SensorMap placed_map = SensorMap::make(PlateGeometry{1, 800, 1.0, 1.0, 100.0}, placed);
    REQUIRE_FALSE(placed_map.is_grid());
    FootAxis axis;
    axis.heel = {100.0, 50.0};
    const PrintSpan on_grid = print_span_across(grid_map, mask, axis, 150.0);
    const PrintSpan on_placed = print_span_across(placed_map, mask, axis, 150.0);
    CHECK(on_placed.width_mm() == doctest::Approx(90.0));
    CHECK(on_placed.medial_mm == doctest::Approx(45.0));
    CHECK(on_grid.width_mm() == doctest::Approx(90.0).epsilon(1.25 / 90.0));
    // Beyond the print's front there is nothing.
    CHECK_FALSE(print_span_across(grid_map, mask, axis, 300.0).found());
    CHECK_FALSE(print_span_across(placed_map, mask, axis, 300.0).found());
}

TEST_CASE("contact area counts only sensors above the loading threshold, forces count every reading") {
    const TwoSensorStep s = two_sensor_step(PressureScale::Kilopascal);
    GaitConfig config;
    config.loaded_above = 150.0;  // frame by frame only one of the two sensors is above it
    const StepGait step = step_gait(s.trial, s.contact, &s.footprint, config);
    CHECK(step.regions.front().max_contact_area_mm2 == doctest::Approx(100.0));
    CHECK(step.regions.front().max_force_n == doctest::Approx(40.0));
    CHECK(step.regions.front().mean_pressure_time_integral_kpa_s == doctest::Approx(8.0));  // 0.8 N s / 100 mm^2
    // The default follows the contacts' threshold (8 kPa): every reading here is above it.
    CHECK(step_gait(s.trial, s.contact, &s.footprint).regions.front().max_contact_area_mm2 == doctest::Approx(200.0));
}
