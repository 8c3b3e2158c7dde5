// The footprint on small synthetic prints with known answers: a foot made of rectangles (heel,
// lateral midfoot band, forefoot, toes) on a 2 mm grid, as a grid and as placed sensors turned
// by an angle, so that thirds, widths and indices can be worked out by hand.
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "plantar/analysis/footprint.hpp"
#include "plantar/capture/errors.hpp"

using namespace plantar;
using namespace plantar::analysis;

namespace {

constexpr int kRows = 150, kCols = 90;
constexpr double kPitch = 2.0;

// A left foot, toes towards +y, axis on x = 89 mm. Blocks by sensor centres (each 2 mm sensor
// covers its centre +-1 mm): heel 60 wide x 80 long, a lateral (-x) midfoot band 20 wide
// x 80 long, forefoot 100 wide x 80 long, toes 60 wide x 20 long after a 6 mm gap.
// Arch Index = 20*80 / (60*80 + 20*80 + 100*80) = 1/9; CSI = 20/100 = 20 %; Staheli = 1/3.
float synthetic_pressure(double x, double y, bool mirrored) {
    if (mirrored) x = 178.0 - x;
    auto in = [&](double x0, double x1, double y0, double y1) { return x > x0 && x < x1 && y > y0 && y < y1; };
    if (in(59, 119, 19, 99)) return 200.0f;
    if (in(59, 79, 99, 179)) return 50.0f;
    if (in(39, 139, 179, 259)) return 150.0f;
    if (in(59, 119, 265, 285)) return 100.0f;
    return 0.0f;
}

struct SyntheticPrint {
    SensorMap sensors;
    std::vector<float> peak;
    std::vector<std::uint8_t> mask;
};

// The foot on the grid, or (angle_deg != 0) on placed sensors at the grid's cells turned about
// the heel by angle_deg (positive turns the toes towards +x).
SyntheticPrint synthetic_foot(double angle_deg = 0.0, bool mirrored = false) {
    const PlateGeometry grid{kRows, kCols, kPitch, kPitch, kPitch * kPitch};
    SyntheticPrint print;
    const double a = angle_deg * std::numbers::pi / 180.0;
    SensorLayout layout;
    for (int r = 0; r < kRows; ++r)
        for (int c = 0; c < kCols; ++c) {
            const double x = grid.x_mm(c), y = grid.y_mm(r);
            const float p = synthetic_pressure(x, y, mirrored);
            print.peak.push_back(p);
            print.mask.push_back(p > 0.0f ? 1 : 0);
            if (angle_deg != 0.0) {
                const double dx = x - 90.0, dy = y - 60.0;
                layout.sensors.push_back(PlacedSensor{90.0 + dx * std::cos(a) + dy * std::sin(a),
                                                      60.0 - dx * std::sin(a) + dy * std::cos(a), kPitch * kPitch, {}});
            }
        }
    if (angle_deg == 0.0) print.sensors = SensorMap::make(grid);
    else print.sensors = SensorMap::make(PlateGeometry{1, kRows * kCols, kPitch, kPitch, kPitch * kPitch}, layout);
    return print;
}

FootprintConfig whole_sensors() {
    FootprintConfig config;
    config.edge_coverage_correction = false;  // the blocks' edge sensors are wholly covered
    return config;
}

}  // namespace

TEST_CASE("synthetic foot: arch index, Chippaux-Smirak and Staheli as worked out by hand") {
    const SyntheticPrint print = synthetic_foot();
    const Footprint fp = analyse_footprint(print.sensors, print.peak, print.mask, Side::Unknown, whole_sensors());
    // The thirds run between the centres of the end sensors (238 mm, not 240): half a sensor at
    // each end moves area between thirds by at most 2 x 1 mm x 100 mm of 14400 mm^2.
    CHECK(fp.arch_index == doctest::Approx(1.0 / 9.0).epsilon(0.02));
    CHECK(fp.chippaux_smirak_pct == doctest::Approx(20.0).epsilon(0.01));
    CHECK(fp.staheli == doctest::Approx(1.0 / 3.0).epsilon(0.01));
    CHECK(fp.forefoot_width_mm == doctest::Approx(100.0).epsilon(0.01));
    CHECK(fp.heel_width_mm == doctest::Approx(60.0).epsilon(0.01));
    CHECK(fp.midfoot_min_width_mm == doctest::Approx(20.0).epsilon(0.01));
    // Toes found through the gap, and left out of the arch index.
    CHECK(fp.has_toes);
    CHECK(fp.has_heel);
    for (std::size_t i = 0; i < print.mask.size(); ++i)
        CHECK((fp.toes[i] != 0) == (print.sensors.y_mm[i] > 262.0 && print.mask[i] != 0));
    CHECK(fp.toeless_front_mm - fp.heel_back_mm == doctest::Approx(258.0 - 20.0));
    CHECK(fp.length_mm == doctest::Approx(284.0 - 20.0));
    // Axis from the heel centre straight to the forefoot centre: along +y, on x = 90 mm.
    CHECK(fp.axis.angle_deg == doctest::Approx(0.0));
    CHECK(fp.axis.heel.x_mm == doctest::Approx(89.0).epsilon(0.01));
    // The band lies on the -x side, so the arch concavity is on +x: a left foot.
    CHECK(fp.side_from_print == Side::Left);
    CHECK(fp.axis.medial_x == doctest::Approx(1.0));
    // Regions by fraction of the 264 mm length: heel up to 27 %, midfoot to 55 %.
    for (std::size_t i = 0; i < print.mask.size(); ++i) {
        if (print.mask[i] == 0 || fp.toes[i] != 0) continue;
        const double fraction = (print.sensors.y_mm[i] - 20.0) / 264.0;
        const Region expected = fraction < 0.27 ? Region::Heel : fraction < 0.55 ? Region::Midfoot : Region::Forefoot;
        CHECK(fp.regions[i] == expected);
    }
}

TEST_CASE("synthetic foot: the edge correction counts each edge sensor by its expected covered part") {
    const SyntheticPrint print = synthetic_foot();
    const Footprint fp = analyse_footprint(print.sensors, print.peak, print.mask, Side::Unknown);
    // Contact threshold taken as the lowest peak, 50 kPa (the band). The forefoot's side sensors
    // read 150 kPa: (1 + 50/150) / 2 = 2/3 counted, so 100 mm - 2 x 2 mm / 3 across. Band edge
    // sensors read the band's own 50 kPa and count whole, except next to the heel and forefoot
    // (their neighbours read more), so the narrowest midfoot is between 20 and 20 - 4/3 mm.
    CHECK(fp.forefoot_width_mm == doctest::Approx(100.0 - 4.0 / 3.0).epsilon(0.001));
    CHECK(fp.midfoot_min_width_mm >= 20.0 - 4.0 / 3.0 - 1e-9);
    CHECK(fp.midfoot_min_width_mm <= 20.0);
    CHECK(fp.arch_index == doctest::Approx(1.0 / 9.0).epsilon(0.05));
}

TEST_CASE("synthetic foot mirrored is a right foot") {
    const SyntheticPrint print = synthetic_foot(0.0, true);
    const Footprint fp = analyse_footprint(print.sensors, print.peak, print.mask, Side::Unknown, whole_sensors());
    CHECK(fp.side_from_print == Side::Right);
    CHECK(fp.side == Side::Right);
    CHECK(fp.axis.medial_x == doctest::Approx(-1.0));
    CHECK(fp.arch_index == doctest::Approx(1.0 / 9.0).epsilon(0.02));
}

TEST_CASE("synthetic foot turned by 25 degrees on placed sensors: same thirds along the tilted axis") {
    const SyntheticPrint straight = synthetic_foot();
    const Footprint reference = analyse_footprint(straight.sensors, straight.peak, straight.mask, Side::Unknown, whole_sensors());
    for (double angle : {25.0, -25.0}) {
        CAPTURE(angle);
        const SyntheticPrint turned = synthetic_foot(angle);
        REQUIRE_FALSE(turned.sensors.is_grid());
        const Footprint fp = analyse_footprint(turned.sensors, turned.peak, turned.mask, Side::Unknown, whole_sensors());
        CHECK(fp.axis.angle_deg == doctest::Approx(angle).epsilon(0.01));
        // The same points in the same places relative to each other: the same print.
        CHECK(fp.arch_index == doctest::Approx(reference.arch_index).epsilon(1e-9));
        CHECK(fp.chippaux_smirak_pct == doctest::Approx(reference.chippaux_smirak_pct).epsilon(1e-9));
        CHECK(fp.length_mm == doctest::Approx(reference.length_mm).epsilon(1e-9));
        CHECK(fp.side_from_print == Side::Left);
    }
}

TEST_CASE("COP-path axis: the long axis of the centre-of-pressure path") {
    const SyntheticPrint print = synthetic_foot();
    // A path from the heel to the forefoot, 10 degrees off the plate's y axis towards +x.
    std::vector<Point> path;
    const double a = 10.0 * std::numbers::pi / 180.0;
    for (int k = 0; k <= 20; ++k) path.push_back({80.0 + 10.0 * k * std::sin(a), 40.0 + 10.0 * k * std::cos(a)});
    FootprintConfig config = whole_sensors();
    config.axis_method = AxisMethod::CopPath;
    const Footprint fp = analyse_footprint(print.sensors, print.peak, print.mask, Side::Left, config, path);
    CHECK(fp.axis.method == AxisMethod::CopPath);
    CHECK(fp.axis.angle_deg == doctest::Approx(10.0).epsilon(1e-6));
    // Without a path the Cavanagh & Rodgers axis is used, and the notes say so.
    const Footprint fallback = analyse_footprint(print.sensors, print.peak, print.mask, Side::Left, config);
    CHECK(fallback.axis.method == AxisMethod::HeelToSecondToe);
    CHECK_FALSE(fallback.notes.empty());
}

TEST_CASE("names of axis methods and regions") {
    CHECK(to_string(AxisMethod::HeelToSecondToe) == "heel-centre to second toe");
    CHECK(to_string(AxisMethod::CopPath) == "centre-of-pressure path");
    CHECK(to_string(Region::Heel) == "heel");
    CHECK(to_string(Region::Midfoot) == "midfoot");
    CHECK(to_string(Region::Forefoot) == "forefoot");
    CHECK(to_string(Region::Toes) == "toes");
    CHECK(to_string(DetailRegion::MedialHeel) == "medial heel");
    CHECK(to_string(DetailRegion::LateralMidfoot) == "lateral midfoot");
    CHECK(to_string(DetailRegion::Metatarsal1) == "metatarsal 1");
    CHECK(to_string(DetailRegion::Metatarsal5) == "metatarsal 5");
    CHECK(to_string(DetailRegion::Hallux) == "hallux");
    CHECK(to_string(DetailRegion::LesserToes) == "lesser toes");
}

TEST_CASE("peak image and mask of the wrong size are refused") {
    const SyntheticPrint print = synthetic_foot();
    const std::vector<float> short_peak(10, 1.0f);
    CHECK_THROWS_AS(analyse_footprint(print.sensors, short_peak, print.mask, Side::Unknown), InvalidArgument);
}
