// Isobars by marching squares: a cone gives circles at the radii where it has each level's value,
// a frame below a level gives no line for it, every line of a closed contour joins up end to end,
// holes and absent sensors break lines instead of being bridged, a saddle is resolved the same
// way every time, and the levels are the legend's round ticks.
#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <utility>
#include <vector>

#include "plantar/capture/errors.hpp"
#include "plantar/viz/heatmap.hpp"
#include "plantar/viz/isobars.hpp"
#include "plate_fixture.hpp"

using namespace plantar;
using namespace plantar::viz;
using plantar::viz::test::plate;

namespace {


// A cone peaking at `top` kPa over (cx, cy) mm, falling by `slope` kPa per mm of distance.
std::vector<float> cone(const PlateGeometry& g, double cx, double cy, double top, double slope) {
    std::vector<float> values(g.sensor_count());
    for (int r = 0; r < g.rows; ++r)
        for (int c = 0; c < g.cols; ++c)
            values[g.index(r, c)] = static_cast<float>(std::max(0.0, top - slope * std::hypot(g.x_mm(c) - cx, g.y_mm(r) - cy)));
    return values;
}

// How many segment ends sit at each point (exact coordinates: neighbours share them bit for bit).
std::map<std::pair<double, double>, int> end_counts(const std::vector<PlateSegment>& segments) {
    std::map<std::pair<double, double>, int> counts;
    for (const PlateSegment& s : segments) {
        ++counts[{s.a.x_mm, s.a.y_mm}];
        ++counts[{s.b.x_mm, s.b.y_mm}];
    }
    return counts;
}

}  // namespace

TEST_CASE("a cone gives one closed circle per level at the radius where the cone has that value") {
    const PlateGeometry g = plate(40, 40, 5.0);
    const double cx = 97.0, cy = 101.5, top = 400.0, slope = 4.0;  // 100 mm to zero; off the sensor centres
    const std::vector<float> values = cone(g, cx, cy, top, slope);
    const std::vector<double> levels = {100.0, 200.0, 300.0};
    const std::vector<Isobar> lines = isobars(g, SensorLayout{}, values, levels);
    REQUIRE(lines.size() == 3);
    for (const Isobar& isobar : lines) {
        CAPTURE(isobar.level);
        const double radius = (top - isobar.level) / slope;  // 75, 50, 25 mm
        // A circle of radius R crosses about 4 R / pitch x 2 cell edges.
        CHECK(isobar.segments.size() > static_cast<std::size_t>(4.0 * radius / g.pitch_x_mm));
        double worst = 0.0;
        for (const PlateSegment& s : isobar.segments)
            for (const analysis::Point& p : {s.a, s.b})
                worst = std::max(worst, std::abs(std::hypot(p.x_mm - cx, p.y_mm - cy) - radius));
        // Linear interpolation along an edge of a cone is off by well under a millimetre at 5 mm pitch.
        CHECK(worst < 0.5);
        // Closed: every end point is shared by exactly two segments.
        for (const auto& [point, count] : end_counts(isobar.segments)) {
            CAPTURE(point.first);
            CAPTURE(point.second);
            CHECK(count == 2);
        }
    }
}

TEST_CASE("a frame everywhere below a level gives no line for it; a flat frame gives none at all") {
    const PlateGeometry g = plate(10, 8, 8.0);
    const std::vector<float> values = cone(g, 30.0, 40.0, 150.0, 5.0);
    const std::vector<double> levels = {100.0, 200.0};
    const std::vector<Isobar> lines = isobars(g, SensorLayout{}, values, levels);
    CHECK(!lines[0].segments.empty());
    CHECK(lines[1].segments.empty());
    const std::vector<float> flat(g.sensor_count(), 120.0f);
    for (const Isobar& isobar : isobars(g, SensorLayout{}, flat, levels)) CHECK(isobar.segments.empty());
}

TEST_CASE("isobars never bridge a hole: squares touching an absent or non-finite sensor draw nothing") {
    const PlateGeometry g = plate(20, 20, 5.0);
    const std::vector<float> values = cone(g, 47.5, 47.5, 300.0, 8.0);  // 100 kPa 25 mm out
    SensorLayout holes;
    holes.grid_present.assign(g.sensor_count(), 1);
    const int hole_row = 9, hole_col = 15;  // at (75, 45) mm, just outside the 100 kPa circle's right side
    holes.grid_present[g.index(hole_row, hole_col)] = 0;
    const std::vector<double> level = {100.0};
    const std::vector<PlateSegment> with_hole = isobars(g, holes, values, level)[0].segments;
    const std::vector<PlateSegment> without = isobars(g, SensorLayout{}, values, level)[0].segments;
    CHECK(with_hole.size() < without.size());
    const double hx = g.x_mm(hole_col), hy = g.y_mm(hole_row);
    for (const PlateSegment& s : with_hole)
        for (const analysis::Point& p : {s.a, s.b}) CHECK(std::max(std::abs(p.x_mm - hx), std::abs(p.y_mm - hy)) >= g.pitch_x_mm - 1e-9);
    // The line is open where the hole cut it: two ends are used once.
    int open_ends = 0;
    for (const auto& [point, count] : end_counts(with_hole)) open_ends += count == 1 ? 1 : 0;
    CHECK(open_ends == 2);

    std::vector<float> with_nan = values;
    with_nan[g.index(hole_row, hole_col)] = std::nanf("");
    CHECK(isobars(g, SensorLayout{}, with_nan, level)[0].segments.size() == with_hole.size());
}

TEST_CASE("a saddle is resolved by the square's mean: the high corners join when the mean is above the level") {
    const PlateGeometry g = plate(2, 2, 10.0);
    // Corners (row, col): (0,0) and (1,1) high, (0,1) and (1,0) low.
    const std::vector<double> level = {50.0};
    const auto segments_for = [&](float high, float low) {
        const std::vector<float> values = {high, low, low, high};  // index = row * 2 + col
        return isobars(g, SensorLayout{}, values, level)[0].segments;
    };
    // Mean 60 >= 50: the high corners join through the middle; each segment cuts off a low corner.
    const std::vector<PlateSegment> joined = segments_for(100.0f, 20.0f);
    REQUIRE(joined.size() == 2);
    // Mean 40 < 50: each segment cuts off a high corner.
    const std::vector<PlateSegment> apart = segments_for(80.0f, 0.0f);
    REQUIRE(apart.size() == 2);
    const auto cuts_off = [](const PlateSegment& s, double corner_x, double corner_y) {
        // Both ends lie on the two edges meeting at the corner.
        const auto on_edge = [&](const analysis::Point& p) { return p.x_mm == corner_x || p.y_mm == corner_y; };
        return on_edge(s.a) && on_edge(s.b);
    };
    bool low_corners = true, high_corners = true;
    for (const PlateSegment& s : joined) low_corners &= cuts_off(s, 10.0, 0.0) || cuts_off(s, 0.0, 10.0);
    for (const PlateSegment& s : apart) high_corners &= cuts_off(s, 0.0, 0.0) || cuts_off(s, 10.0, 10.0);
    CHECK(low_corners);
    CHECK(high_corners);
}

TEST_CASE("the isobar levels are the legend's round ticks above 0, about six of them") {
    CHECK(isobar_levels(300.0) == std::vector<double>{50.0, 100.0, 150.0, 200.0, 250.0, 300.0});
    CHECK(isobar_step(300.0) == 50.0);
    const std::vector<double> ticks = legend_ticks(800.0, 7);
    const std::vector<double> levels = isobar_levels(800.0);
    CHECK(levels.size() + 1 == ticks.size());
    CHECK(levels.size() >= 4);
    CHECK(levels.size() <= 6);
    CHECK(isobar_levels(0.0).empty());
    CHECK(isobar_step(0.0) == 0.0);
}

TEST_CASE("isobars refuse a frame that does not match the plate, and draw nothing for sensors without a grid") {
    const PlateGeometry g = plate(3, 3, 5.0);
    const std::vector<float> wrong(5, 1.0f);
    const std::vector<double> level = {1.0};
    CHECK_THROWS_AS(isobars(g, SensorLayout{}, wrong, level), InvalidArgument);
    PlateGeometry row = plate(1, 4, 5.0);
    SensorLayout placed;
    placed.sensors.resize(4);
    const std::vector<float> values = {0.0f, 10.0f, 0.0f, 10.0f};
    CHECK(isobars(row, placed, values, level)[0].segments.empty());
}
