// Where the viewer's analysis overlays land, without a display: plate mm -> window pixels (with
// the row-0-at-the-bottom flip, the image's offset and its scale), region outlines, lines across
// the axis, which steps are drawn at a frame, and, on a simulated walk, that the foot axis's
// ends land on the print's coloured pixels.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "plantar/analysis/pipeline.hpp"
#include "plantar/capture/sim/simulated_plate.hpp"
#include "plantar/viz/heatmap.hpp"
#include "plantar/viz/overlay_geometry.hpp"
#include "plate_fixture.hpp"

using namespace plantar;
using namespace plantar::viz;
using plantar::viz::test::plate;
using analysis::Point;
using analysis::Region;

TEST_CASE("plate mm -> window pixel: sensor centres, the flip of rows, the image's offset and scale") {
    const PlateGeometry g = plate(4, 3, 5.0, 10.0);  // image 3 cells wide, 4 high
    const ImageRect image{100.0f, 50.0f, 300.0f, 200.0f};  // 100 px per column, 50 px per row
    // Sensor (row 0, col 0) at (0, 0) mm: the bottom-left cell's centre.
    ScreenPoint p = plate_to_screen(g, image, Point{0.0, 0.0});
    CHECK(p.x == doctest::Approx(150.0));
    CHECK(p.y == doctest::Approx(225.0));
    // Sensor (row 3, col 2) at (10, 30) mm: the top-right cell's centre.
    p = plate_to_screen(g, image, Point{10.0, 30.0});
    CHECK(p.x == doctest::Approx(350.0));
    CHECK(p.y == doctest::Approx(75.0));
    // The plate's outer corner (-pitch/2, -pitch/2) is the image's bottom-left corner.
    p = plate_to_screen(g, image, Point{-2.5, -5.0});
    CHECK(p.x == doctest::Approx(100.0));
    CHECK(p.y == doctest::Approx(250.0));
    // Agrees with the heatmap's own sensor centres when the image is drawn at its pixel size.
    const int pps = 8;
    const ImageRect native{0.0f, 0.0f, static_cast<float>(g.cols * pps), static_cast<float>(g.rows * pps)};
    for (int row = 0; row < g.rows; ++row)
        for (int col = 0; col < g.cols; ++col) {
            const PixelPoint centre = sensor_centre_pixel(g, pps, row, col);
            const ScreenPoint q = plate_to_screen(g, native, Point{g.x_mm(col), g.y_mm(row)});
            CHECK(q.x == doctest::Approx(centre.x));
            CHECK(q.y == doctest::Approx(centre.y));
        }
}

TEST_CASE("a region's outline is the cell edges between it and everything else") {
    const PlateGeometry g = plate(3, 3, 10.0, 10.0);
    std::vector<Region> regions(9, Region::None);
    regions[g.index(1, 1)] = Region::Heel;  // one cell: a square of 4 edges around (10, 10) mm
    std::vector<PlateSegment> edges = region_outline(g, regions, Region::Heel);
    REQUIRE(edges.size() == 4);
    for (const PlateSegment& e : edges) {
        for (const Point& p : {e.a, e.b}) {
            CHECK(std::abs(p.x_mm - 10.0) == doctest::Approx(5.0));
            CHECK(std::abs(p.y_mm - 10.0) == doctest::Approx(5.0));
        }
    }
    regions[g.index(2, 1)] = Region::Heel;  // two cells on top of each other: 6 outer edges, no inner one
    edges = region_outline(g, regions, Region::Heel);
    CHECK(edges.size() == 6);
    for (const PlateSegment& e : edges) CHECK(!(e.a.y_mm == 15.0 && e.b.y_mm == 15.0));
    CHECK(region_outline(g, regions, Region::Toes).empty());
    CHECK(region_outline(g, std::vector<Region>(4, Region::Heel), Region::Heel).empty());  // wrong size
}

TEST_CASE("a line across the axis is perpendicular to it, centred on the axis") {
    analysis::FootAxis axis;
    axis.heel = Point{100.0, 50.0};
    const double a = 20.0 * 3.14159265358979 / 180.0;
    axis.along_x = std::sin(a);
    axis.along_y = std::cos(a);
    axis.medial_x = std::cos(a);
    axis.medial_y = -std::sin(a);
    const PlateSegment s = across_axis(axis, 80.0, 15.0);
    CHECK(axis.along(s.a) == doctest::Approx(80.0));
    CHECK(axis.along(s.b) == doctest::Approx(80.0));
    CHECK(axis.across(s.a) == doctest::Approx(15.0));
    CHECK(axis.across(s.b) == doctest::Approx(-15.0));
}

TEST_CASE("a simulated walk: the steps drawn at a frame, and each foot axis's ends on the print's coloured pixels") {
    sim::SimulationConfig config;
    config.scenario = sim::Scenario::Walk;
    config.duration_s = 6.0;
    config.seed = 3;
    sim::SimulatedPlate simulated(config);
    std::vector<Frame> frames;
    while (auto frame = simulated.next()) frames.push_back(std::move(*frame));
    analysis::TrialInput input;
    input.sensors = analysis::SensorMap::make(simulated.geometry());
    input.kind = sim::trial_kind_of(config.scenario);
    input.rate_hz = config.rate_hz;
    input.frames = frames;
    const analysis::TrialAnalysis result = analysis::analyze_trial(input, {});
    const PlateGeometry& g = simulated.geometry();

    const std::vector<std::size_t> all = steps_to_draw(result, 0, true);
    REQUIRE(all.size() >= 2);  // the simulator's two complete steps
    for (std::size_t index : all) {
        const analysis::StepAnalysis& step = result.steps[index];
        CAPTURE(index);
        CHECK_FALSE(step.contact.cut_by_recording_start);
        CHECK_FALSE(step.contact.cut_by_recording_end);
        // At mid-stance the step is drawn; a frame outside every stance draws nothing but with "all steps".
        const std::size_t mid = (step.contact.first_frame + step.contact.last_frame) / 2;
        const std::vector<std::size_t> at_mid = steps_to_draw(result, mid, false);
        CHECK(std::find(at_mid.begin(), at_mid.end(), index) != at_mid.end());
        for (std::size_t other : at_mid) {
            const auto& c = result.steps[other].contact;
            CHECK((c.first_frame <= mid && mid <= c.last_frame));
        }

        // The contact's peak image, per sensor, and the axis's ends mapped onto that image's pixels.
        HeatmapOptions options;
        options.interpolation = Interpolation::Nearest;
        options.pixels_per_sensor = 8;
        const Heatmap heatmap = render_heatmap(g, {}, step.contact.peak, options);
        const ImageRect native{0.0f, 0.0f, static_cast<float>(heatmap.image.width),
                               static_cast<float>(heatmap.image.height)};
        const auto coloured = [&](int x, int y) {
            if (x < 0 || y < 0 || x >= heatmap.image.width || y >= heatmap.image.height) return false;
            const Rgba8 c = heatmap.image.at(x, y);
            return !(c.r == kBackground.r && c.g == kBackground.g && c.b == kBackground.b);
        };
        // The heel centre lies on the print.
        REQUIRE(step.footprint.axis.heel.valid());
        const ScreenPoint heel = plate_to_screen(g, native, step.footprint.axis.heel);
        CHECK(coloured(static_cast<int>(heel.x), static_cast<int>(heel.y)));
        // The toe end is the front of the toes (footprint.cpp: the outer edge of the frontmost
        // sensor, projected on the axis), so it sits on the print's front edge: a coloured pixel
        // within one sensor (8 pixels) of it, and the pixels 3 sensors further out are background.
        REQUIRE(step.footprint.axis.toe.valid());
        const ScreenPoint toe = plate_to_screen(g, native, step.footprint.axis.toe);
        bool near = false;
        for (int dy = -8; dy <= 8; ++dy)
            for (int dx = -8; dx <= 8; ++dx)
                near = near || coloured(static_cast<int>(toe.x) + dx, static_cast<int>(toe.y) + dy);
        CHECK(near);
        const ScreenPoint beyond = plate_to_screen(
            g, native, step.footprint.axis.at(step.footprint.toes_front_mm + 3.0 * g.pitch_y_mm, 0.0));
        CHECK_FALSE(coloured(static_cast<int>(beyond.x), static_cast<int>(beyond.y)));
    }
    std::size_t idle = frames.size();  // a frame in no stance (before the first strike, if any)
    for (std::size_t f = 0; f < frames.size() && idle == frames.size(); ++f) {
        bool in_stance = false;
        for (const auto& step : result.steps)
            if (step.contact.first_frame <= f && f <= step.contact.last_frame) in_stance = true;
        if (!in_stance) idle = f;
    }
    REQUIRE(idle < frames.size());
    CHECK(steps_to_draw(result, idle, false).empty());
    CHECK(steps_to_draw(result, idle, true).size() == all.size());
}
