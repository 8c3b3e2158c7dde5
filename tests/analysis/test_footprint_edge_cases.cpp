// Prints that are not a whole foot, and the same print on other sensor layouts: a toe-walker,
// a print too small to be a foot, an empty mask, unknown sensor positions, raw counts, a grid
// with holes and its placed-sensor copy.
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <string>

#include "test_footprint_support.hpp"

using namespace footprint_test;

namespace {

bool notes_mention(const Footprint& fp, const std::string& words) {
    for (const auto& note : fp.notes)
        if (note.find(words) != std::string::npos) return true;
    return false;
}

// Keeps only the part of a print in front of `from_fraction` of the model foot's length (the
// forefoot and toes when from_fraction is about 0.55): the print of a toe-walker.
StepPrint front_part(StepPrint print, double from_fraction) {
    const double a = print.truth.axis_angle_deg * std::numbers::pi / 180.0;
    for (std::size_t i = 0; i < print.mask.size(); ++i) {
        const double along = (print.sensors.x_mm[i] - print.truth.heel_x_mm) * std::sin(a) +
                             (print.sensors.y_mm[i] - print.truth.heel_y_mm) * std::cos(a);
        if (along < (from_fraction - 0.135) * print.foot.length_mm) print.mask[i] = 0, print.peak[i] = 0.0f;
    }
    return print;
}

}  // namespace

TEST_CASE("a toe-walker's print (forefoot and toes only) has no heel: indices NaN with a note") {
    const StepPrint whole = single_step(sim::FootParameters{});
    const StepPrint print = front_part(whole, 0.55);
    const Footprint fp = analyse_footprint(print.sensors, print.peak, print.mask, Side::Unknown);
    CHECK_FALSE(fp.has_heel);
    CHECK(std::isnan(fp.arch_index));
    CHECK(std::isnan(fp.chippaux_smirak_pct));
    CHECK(std::isnan(fp.staheli));
    CHECK(notes_mention(fp, "no heel"));
    // What can be measured still is: the forefoot's width, the print's length.
    CHECK(fp.forefoot_width_mm > 80.0);
    CHECK(fp.length_mm < 0.6 * whole.foot.length_mm);  // 45 % of the foot, plus the sampling
}

TEST_CASE("the simulator's toe-walker (heel and midfoot never loaded): no heel, no arch index") {
    sim::FootParameters foot;
    foot.toe_walker = true;
    const auto steps = walk_steps(foot, 20.0, 11);
    REQUIRE(steps.size() >= 2);
    for (const auto& print : steps) {
        CAPTURE(print.truth.strike_us);
        const Footprint fp = analyse_footprint(print.sensors, print.peak, print.mask, Side::Unknown);
        CHECK_FALSE(fp.has_heel);
        CHECK(std::isnan(fp.arch_index));
        CHECK(notes_mention(fp, "no heel"));
    }
}

TEST_CASE("a print too small to be a foot, and an empty mask: NaN, a note, no crash") {
    const StepPrint whole = single_step(sim::FootParameters{});
    StepPrint tiny = whole;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < tiny.mask.size(); ++i)
        if (tiny.mask[i] && kept < 5) ++kept;
        else tiny.mask[i] = 0;
    const Footprint small = analyse_footprint(tiny.sensors, tiny.peak, tiny.mask, Side::Unknown);
    CHECK(std::isnan(small.arch_index));
    CHECK(std::isnan(small.length_mm));
    CHECK(notes_mention(small, "too small"));
    CHECK(small.side_from_print == Side::Unknown);
    CHECK(small.regions.size() == tiny.mask.size());

    const std::vector<std::uint8_t> none(whole.mask.size(), 0);
    FootprintConfig anything_goes;
    anything_goes.min_sensors = 0;
    const Footprint empty = analyse_footprint(whole.sensors, whole.peak, none, Side::Left, anything_goes);
    CHECK(std::isnan(empty.arch_index));
    CHECK(empty.side == Side::Left);
    CHECK(notes_mention(empty, "too small"));
}

TEST_CASE("unknown sensor positions (pedar placeholders): no axis or indices, a note") {
    const StepPrint whole = single_step(sim::FootParameters{});
    SensorLayout layout;
    layout.geometry_known = false;
    for (std::size_t i = 0; i < whole.mask.size(); ++i) layout.sensors.push_back(PlacedSensor{static_cast<double>(i), 0.0, 1.0, {}});
    const SensorMap sensors = SensorMap::make(PlateGeometry{1, static_cast<int>(whole.mask.size()), 1.0, 1.0, 1.0}, layout);
    const Footprint fp = analyse_footprint(sensors, whole.peak, whole.mask, Side::Unknown);
    CHECK(std::isnan(fp.arch_index));
    CHECK(notes_mention(fp, "positions unknown"));
}

TEST_CASE("raw counts: the same print scaled gives the same shape and indices") {
    const StepPrint print = single_step(sim::FootParameters{});
    std::vector<float> counts(print.peak.size());
    for (std::size_t i = 0; i < counts.size(); ++i) counts[i] = print.peak[i] * 3.7f;
    const SensorMap raw = SensorMap::make(PlateGeometry::clinical_plate(), {}, PressureScale::RawCounts);
    const Footprint kpa = analyse_footprint(print.sensors, print.peak, print.mask, Side::Unknown);
    const Footprint scaled = analyse_footprint(raw, counts, print.mask, Side::Unknown);
    // Toes and edges are judged on ratios of values, so a scale factor changes nothing beyond
    // float rounding.
    CHECK(scaled.arch_index == doctest::Approx(kpa.arch_index).epsilon(1e-4));
    CHECK(scaled.length_mm == doctest::Approx(kpa.length_mm));
    CHECK(scaled.side_from_print == kpa.side_from_print);
}

TEST_CASE("a grid with holes and its placed-sensor copy give the same arch index") {
    const StepPrint print = single_step(sim::FootParameters{});
    const PlateGeometry plate = PlateGeometry::clinical_plate();
    // Holes scattered over the plate (about one sensor in eleven), as in an insole outline.
    SensorLayout holes;
    holes.grid_present.assign(plate.sensor_count(), 1);
    for (int r = 0; r < plate.rows; ++r)
        for (int c = 0; c < plate.cols; ++c)
            if ((r * 7 + c * 3) % 11 == 0) holes.grid_present[plate.index(r, c)] = 0;
    const SensorMap with_holes = SensorMap::make(plate, holes);
    std::vector<float> peak = print.peak;
    std::vector<std::uint8_t> mask = print.mask;
    for (std::size_t i = 0; i < mask.size(); ++i)
        if (!holes.grid_present[i]) peak[i] = 0.0f, mask[i] = 0;
    const Footprint grid = analyse_footprint(with_holes, peak, mask, Side::Unknown);

    // The same sensors as placed sensors (as a pliance export would carry them).
    SensorLayout placed;
    std::vector<float> placed_peak;
    std::vector<std::uint8_t> placed_mask;
    for (std::size_t i = 0; i < mask.size(); ++i) {
        if (!holes.grid_present[i]) continue;
        placed.sensors.push_back(PlacedSensor{with_holes.x_mm[i], with_holes.y_mm[i], with_holes.area_mm2[i], {}});
        placed_peak.push_back(peak[i]);
        placed_mask.push_back(mask[i]);
    }
    const SensorMap placed_map = SensorMap::make(
        PlateGeometry{1, static_cast<int>(placed.sensors.size()), plate.pitch_x_mm, plate.pitch_y_mm, plate.sensor_area_mm2}, placed);
    REQUIRE_FALSE(placed_map.is_grid());
    const Footprint copy = analyse_footprint(placed_map, placed_peak, placed_mask, Side::Unknown);

    // The footprint works on the sensors as points (centre, area, value), never on grid
    // indices, so the two are the same computation on the same numbers: equal to rounding.
    REQUIRE(std::isfinite(grid.arch_index));
    CHECK(copy.arch_index == doctest::Approx(grid.arch_index).epsilon(1e-9));
    CHECK(copy.length_mm == doctest::Approx(grid.length_mm).epsilon(1e-9));
    CHECK(copy.chippaux_smirak_pct == doctest::Approx(grid.chippaux_smirak_pct).epsilon(1e-9));
    CHECK(copy.side_from_print == grid.side_from_print);
    // Holes are not edges of the contact: one sensor in eleven missing moves the arch index of
    // the whole grid by far less than the 0.02 the validation allows.
    const Footprint full = analyse_footprint(print.sensors, print.peak, print.mask, Side::Unknown);
    CHECK(std::abs(grid.arch_index - full.arch_index) < 0.02);
}
