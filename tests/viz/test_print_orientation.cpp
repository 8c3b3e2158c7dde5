// The Plate panel draws a one-foot print (an insole, an export cropped around one foot) with its
// toes at the top, whatever way the export's rows run: turned in quarter turns, never mirrored.
// Geometry without a display: every turn is a rotation that maps back, and a simulated step read
// heel-up or sideways, analysed, is turned so that its toes are drawn above its heel.
#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <numbers>
#include <utility>
#include <vector>

#include "plantar/analysis/config.hpp"
#include "plantar/analysis/pipeline.hpp"
#include "plantar/capture/sim/simulated_plate.hpp"
#include "plantar/viz/overlay_geometry.hpp"
#include "plantar/viz/print_orientation.hpp"
#include "plate_fixture.hpp"

using namespace plantar;
using namespace plantar::viz;
using plantar::viz::test::plate;
using analysis::Point;

namespace {

// Screen-space cross product of "toward +y" and "toward +x" at a plate point: its sign is the
// view's handedness, the same for every rotation and the opposite for a mirror.
double handedness(const PlateBounds& bounds, const ImageRect& image, Point at) {
    const ScreenPoint a = plate_to_screen(bounds, image, at);
    const ScreenPoint forward = plate_to_screen(bounds, image, {at.x_mm, at.y_mm + 10.0});
    const ScreenPoint right = plate_to_screen(bounds, image, {at.x_mm + 10.0, at.y_mm});
    return static_cast<double>((forward.x - a.x) * (right.y - a.y) - (forward.y - a.y) * (right.x - a.x));
}

}  // namespace

TEST_CASE("every quarter turn of the view is a rotation, never a mirror, and maps back to the plate") {
    const PlateGeometry crop = plate(54, 22, 5.0);  // an emed crop: 270 mm along, 110 mm across
    const PlateBounds bounds = plate_bounds(crop, SensorLayout{});
    const ImageRect space{20.0f, 30.0f, 900.0f, 600.0f};
    const Point probe{40.0, 200.0};
    const double upright = handedness(bounds, zoomed_view(bounds, space, 1.0, 0.0, 0.0, 0).image, probe);
    for (int turns = 0; turns < 4; ++turns) {
        CAPTURE(turns);
        const ZoomedView fit = zoomed_view(bounds, space, 1.0, 0.0, 0.0, turns);
        const ImageRect& image = fit.image;
        CHECK(image.turns == turns);
        CHECK(handedness(bounds, image, probe) * upright > 0.0);
        // The plate's length runs up and down the screen upright and half turned, across it sideways.
        const double long_side = image.sideways() ? static_cast<double>(image.width) : static_cast<double>(image.height);
        CHECK(long_side / pixels_per_mm(bounds, image) == doctest::Approx(bounds.length_mm()));
        // The plate's corners land on the image's corners, and screen -> plate inverts plate -> screen.
        for (const Point corner : {Point{bounds.x_min, bounds.y_min}, Point{bounds.x_max, bounds.y_max}}) {
            const ScreenPoint s = plate_to_screen(bounds, image, corner);
            CHECK((s.x == doctest::Approx(image.x) || s.x == doctest::Approx(image.x + image.width)));
            CHECK((s.y == doctest::Approx(image.y) || s.y == doctest::Approx(image.y + image.height)));
        }
        const Point back = screen_to_plate(bounds, image, plate_to_screen(bounds, image, probe));
        CHECK(back.x_mm == doctest::Approx(probe.x_mm));
        CHECK(back.y_mm == doctest::Approx(probe.y_mm));
        // Each screen corner of the drawn texture shows the upright picture's point the turn puts there.
        for (const auto& [u, v] : {std::pair{0.0f, 0.0f}, {1.0f, 0.0f}, {1.0f, 1.0f}, {0.0f, 1.0f}}) {
            const Point p = screen_to_plate(bounds, image, {image.x + u * image.width, image.y + v * image.height});
            const ScreenPoint uv = upright_uv(turns, u, v);
            CHECK(static_cast<double>(uv.x) == doctest::Approx((p.x_mm - bounds.x_min) / bounds.width_mm()));
            CHECK(static_cast<double>(uv.y) == doctest::Approx((bounds.y_max - p.y_mm) / bounds.length_mm()));
        }
        // Zoom about the cursor and pan work whichever way the plate is turned.
        const ScreenPoint cursor{400.0f, 250.0f};
        const Point under = screen_to_plate(bounds, image, cursor);
        const ImageRect zoomed = zoom_about(image, 1.0, 2.5, cursor);
        CHECK(zoomed.turns == turns);
        const Point still = screen_to_plate(bounds, zoomed, cursor);
        CHECK(still.x_mm == doctest::Approx(under.x_mm));
        CHECK(still.y_mm == doctest::Approx(under.y_mm));
        const Point pan = pan_for_image(bounds, fit.fitted, zoomed);
        const ZoomedView again = zoomed_view(bounds, space, 2.5, pan.x_mm, pan.y_mm, turns);
        CHECK(again.image.x == doctest::Approx(zoomed.x));
        CHECK(again.image.y == doctest::Approx(zoomed.y));
    }
}

TEST_CASE("the quarter turn that points a plate direction up on screen") {
    CHECK(quarter_turns_to_point_up({0.0, 1.0}) == 0);
    CHECK(quarter_turns_to_point_up({-1.0, 0.0}) == 1);
    CHECK(quarter_turns_to_point_up({0.0, -1.0}) == 2);
    CHECK(quarter_turns_to_point_up({1.0, 0.0}) == 3);
    CHECK(quarter_turns_to_point_up({0.5, 0.87}) == 0);   // 30 degrees off +y: upright is nearest
    CHECK(quarter_turns_to_point_up({-0.6, -0.8}) == 2);  // 37 degrees off -y
    const PlateBounds bounds = plate_bounds(plate(40, 40, 5.0), SensorLayout{});
    for (const Point direction : {Point{0.0, 1.0}, Point{-1.0, 0.0}, Point{0.0, -1.0}, Point{1.0, 0.0}, Point{0.3, -0.95}}) {
        CAPTURE(direction.x_mm);
        CAPTURE(direction.y_mm);
        const ImageRect image{0.0f, 0.0f, 400.0f, 400.0f, quarter_turns_to_point_up(direction)};
        const ScreenPoint from = plate_to_screen(bounds, image, {100.0, 100.0});
        const ScreenPoint to = plate_to_screen(bounds, image, {100.0 + direction.x_mm, 100.0 + direction.y_mm});
        CHECK(to.y < from.y);                               // up the screen (screen y grows down)
        CHECK(std::abs(to.x - from.x) < from.y - to.y);      // more up than sideways
    }
}

namespace {

// A simulated single left step on a square 48 x 48 plate of 7.8 mm, its frames moved by `place`
// (new row, new col) -> old value index: how an export with other row and column order holds it.
struct StepExport {
    sim::SimulatedStep truth;
    double foot_length_mm = 0.0;
    analysis::SensorMap sensors;
    analysis::TrialAnalysis analysis;
};

template <typename Place>
StepExport exported_step(Place place) {
    sim::SimulationConfig config;
    config.scenario = sim::Scenario::SingleStep;
    config.geometry = PlateGeometry{48, 48, 7.8, 7.8, 7.8 * 7.8};
    config.duration_s = 1.0;
    config.seed = 3;
    sim::SimulatedPlate simulated(config);
    const PlateGeometry& g = config.geometry;
    analysis::TrialInput input;
    SensorLayout crop;
    crop.coverage = SensorCoverage::FootCrop;
    input.sensors = analysis::SensorMap::make(g, crop);
    input.kind = TrialKind::Step;
    input.rate_hz = config.rate_hz;
    std::vector<Frame> frames;
    while (auto frame = simulated.next()) {
        Frame moved = *frame;
        for (int r = 0; r < g.rows; ++r)
            for (int c = 0; c < g.cols; ++c) moved.pressure_kpa[g.index(r, c)] = frame->pressure_kpa[place(r, c)];
        frames.push_back(std::move(moved));
    }
    input.frames = frames;
    StepExport out{simulated.truth().steps.at(0), config.foot.length_mm, input.sensors, {}};
    out.analysis = analysis::analyze_trial(input, analysis::AnalysisConfig{});
    return out;
}

// The truth's heel centre and toe tip, as plate points of the original step.
std::pair<Point, Point> heel_and_toe(const sim::SimulatedStep& step, double foot_length_mm) {
    const double angle = step.axis_angle_deg * std::numbers::pi / 180.0;
    const double ahead = 0.865 * foot_length_mm;  // heel centre (13.5 % of the length) to the toe tip
    return {Point{step.heel_x_mm, step.heel_y_mm},
            Point{step.heel_x_mm + ahead * std::sin(angle), step.heel_y_mm + ahead * std::cos(angle)}};
}

}  // namespace

TEST_CASE("a one-foot print read heel-up, mirrored or sideways is turned toes up, and stays the foot it is") {
    const PlateGeometry g{48, 48, 7.8, 7.8, 7.8 * 7.8};
    const int n = g.rows;
    const double far = (n - 1) * 7.8;
    struct Reading {
        const char* name;
        std::function<std::size_t(int, int)> place;  // new (row, col) -> old value index
        std::function<Point(Point)> move;             // an original plate point -> where the export has it
        int turns;                                    // the turn that puts the toes up
        analysis::Side side;                          // what the print alone says
    };
    const std::vector<Reading> readings{
        {"as simulated", [&](int r, int c) { return g.index(r, c); }, [](Point p) { return p; }, 0, analysis::Side::Left},
        {"half turned (a picture upside down)", [&](int r, int c) { return g.index(n - 1 - r, n - 1 - c); },
         [&](Point p) { return Point{far - p.x_mm, far - p.y_mm}; }, 2, analysis::Side::Left},
        {"rows reversed (the emed reading before issue 11)", [&](int r, int c) { return g.index(n - 1 - r, c); },
         [&](Point p) { return Point{p.x_mm, far - p.y_mm}; }, 2, analysis::Side::Right},
        {"turned a quarter: toes toward +x", [&](int r, int c) { return g.index(c, n - 1 - r); },
         [&](Point p) { return Point{p.y_mm, far - p.x_mm}; }, 3, analysis::Side::Left},
        {"turned a quarter: toes toward -x", [&](int r, int c) { return g.index(n - 1 - c, r); },
         [&](Point p) { return Point{far - p.y_mm, p.x_mm}; }, 1, analysis::Side::Left},
    };
    const PlateBounds bounds = plate_bounds(g, SensorLayout{});
    for (const Reading& reading : readings) {
        CAPTURE(reading.name);
        const StepExport step = exported_step(reading.place);
        REQUIRE(step.analysis.steps.size() == 1);
        CHECK(step.analysis.steps[0].footprint.side_from_print == reading.side);
        const auto toes = heel_to_toe_direction(step.analysis, step.sensors);
        REQUIRE(toes.has_value());
        const int turns = quarter_turns_to_point_up(*toes);
        CHECK(turns == reading.turns);
        // Drawn with that turn, the truth's toe tip is above its heel, more up than sideways.
        const ImageRect image = zoomed_view(bounds, ImageRect{0.0f, 0.0f, 800.0f, 800.0f}, 1.0, 0.0, 0.0, turns).image;
        const auto [heel, toe] = heel_and_toe(step.truth, step.foot_length_mm);
        const ScreenPoint heel_px = plate_to_screen(bounds, image, reading.move(heel));
        const ScreenPoint toe_px = plate_to_screen(bounds, image, reading.move(toe));
        CHECK(heel_px.y - toe_px.y > std::abs(heel_px.x - toe_px.x));

        // Without footprint axes (a print too small for one) the loaded area's long axis, pointed
        // the way the centre of pressure rolls, gives the same turn.
        analysis::TrialAnalysis no_axes = step.analysis;
        for (auto& s : no_axes.steps) s.footprint = analysis::Footprint{};
        const auto rolled = heel_to_toe_direction(no_axes, step.sensors);
        REQUIRE(rolled.has_value());
        CHECK(quarter_turns_to_point_up(*rolled) == reading.turns);
    }
    // Nothing to go by: no direction (the viewer then draws the plate upright).
    CHECK_FALSE(heel_to_toe_direction(analysis::TrialAnalysis{}, analysis::SensorMap::make(g)).has_value());
}
