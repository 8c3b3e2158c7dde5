// The Plate panel's geometry without a display: the plate millimetres an image shows (a grid, and
// placed sensors without one), zoom about a point and pan (the plate point under the cursor stays
// under it; the pan found back from an image rectangle), the fine regions' outlines and labels,
// and the numbers written beside a step (its own values, borderline marked).
#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <vector>

#include "plantar/analysis/config.hpp"
#include "plantar/viz/overlay_geometry.hpp"
#include "plate_fixture.hpp"

using namespace plantar;
using namespace plantar::viz;
using plantar::viz::test::plate;
using analysis::Point;

TEST_CASE("a grid's bounds are its cells' outer edges; placed sensors' bounds are their corners plus 2 mm") {
    const PlateBounds grid = plate_bounds(plate(4, 3, 10.0), SensorLayout{});
    CHECK(grid.x_min == -5.0);
    CHECK(grid.x_max == 25.0);
    CHECK(grid.y_min == -5.0);
    CHECK(grid.y_max == 35.0);
    SensorLayout placed;
    PlacedSensor a;
    a.x_mm = 10.0;
    a.y_mm = 20.0;
    a.area_mm2 = 16.0;  // no corners: a 4 mm square around the centre
    PlacedSensor b;
    b.corners_mm = std::array<double, 8>{50.0, 60.0, 55.0, 60.0, 55.0, 70.0, 50.0, 70.0};
    placed.sensors = {a, b};
    const PlateBounds bounds = plate_bounds(plate(1, 2, 4.0), placed);
    CHECK(bounds.x_min == doctest::Approx(6.0));   // 10 - 2 - 2
    CHECK(bounds.x_max == doctest::Approx(57.0));  // 55 + 2
    CHECK(bounds.y_min == doctest::Approx(16.0));
    CHECK(bounds.y_max == doctest::Approx(72.0));
    // The mapping through bounds puts the corners of the bounds on the image's corners.
    const ImageRect image{10.0f, 20.0f, 510.0f, 560.0f};
    const ScreenPoint top_left = plate_to_screen(bounds, image, {bounds.x_min, bounds.y_max});
    const ScreenPoint bottom_right = plate_to_screen(bounds, image, {bounds.x_max, bounds.y_min});
    CHECK(top_left.x == doctest::Approx(10.0));
    CHECK(top_left.y == doctest::Approx(20.0));
    CHECK(bottom_right.x == doctest::Approx(520.0));
    CHECK(bottom_right.y == doctest::Approx(580.0));
    const Point back = screen_to_plate(bounds, image, plate_to_screen(bounds, image, {33.0, 44.0}));
    CHECK(back.x_mm == doctest::Approx(33.0));
    CHECK(back.y_mm == doctest::Approx(44.0));
}

TEST_CASE("zoom 1 fits the plate at its aspect; zoom about the cursor keeps the plate point under it; pan round-trips") {
    const PlateGeometry g = plate(64, 32, 5.0);  // 160 x 320 mm: half as wide as long
    const PlateBounds bounds = plate_bounds(g, SensorLayout{});
    const ImageRect space{0.0f, 30.0f, 800.0f, 600.0f};
    const ZoomedView fit = zoomed_view(bounds, space, 1.0, 0.0, 0.0);
    CHECK(fit.fitted.height == doctest::Approx(600.0));
    CHECK(fit.fitted.width == doctest::Approx(300.0));
    CHECK(fit.image.x == doctest::Approx(fit.fitted.x));
    CHECK(fit.image.y == doctest::Approx(fit.fitted.y));
    CHECK(fit.image.width == doctest::Approx(fit.fitted.width));

    // Zoom 4 about a point of the view: the plate point under it does not move.
    const ScreenPoint cursor{200.0f, 130.0f};
    const Point under = screen_to_plate(bounds, fit.image, cursor);
    const ImageRect zoomed = zoom_about(fit.image, 1.0, 4.0, cursor);
    CHECK(zoomed.width == doctest::Approx(4.0 * static_cast<double>(fit.image.width)));
    const Point still = screen_to_plate(bounds, zoomed, cursor);
    CHECK(still.x_mm == doctest::Approx(under.x_mm));
    CHECK(still.y_mm == doctest::Approx(under.y_mm));
    // The pan found for that image gives the same image back through zoomed_view.
    const Point pan = pan_for_image(bounds, fit.fitted, zoomed);
    const ZoomedView again = zoomed_view(bounds, space, 4.0, pan.x_mm, pan.y_mm);
    CHECK(again.image.x == doctest::Approx(zoomed.x));
    CHECK(again.image.y == doctest::Approx(zoomed.y));
    CHECK(again.image.width == doctest::Approx(zoomed.width));
    // A pan of +10 mm across puts the plate point 10 mm right of centre in the view's centre: the
    // image moves left by 10 mm at that zoom.
    const ZoomedView centred = zoomed_view(bounds, space, 2.0, 0.0, 0.0);
    const ZoomedView panned = zoomed_view(bounds, space, 2.0, 10.0, -20.0);
    const double px_per_mm = static_cast<double>(centred.image.width) / bounds.width_mm();
    CHECK(panned.image.x - centred.image.x == doctest::Approx(-10.0 * px_per_mm));
    CHECK(panned.image.y - centred.image.y == doctest::Approx(-20.0 * px_per_mm));  // -20 mm along: image moves up
}

TEST_CASE("fine regions: one outline and label per detail region present, else medial and lateral forefoot") {
    const PlateGeometry g = plate(4, 4, 10.0);
    analysis::Footprint footprint;
    footprint.detail.assign(g.sensor_count(), analysis::DetailRegion::None);
    footprint.detail[g.index(3, 0)] = analysis::DetailRegion::Hallux;
    footprint.detail[g.index(3, 1)] = analysis::DetailRegion::LesserToes;
    footprint.detail[g.index(3, 2)] = analysis::DetailRegion::LesserToes;
    footprint.detail[g.index(2, 0)] = analysis::DetailRegion::Metatarsal1;
    std::vector<FineRegion> regions = fine_regions(g, footprint);
    REQUIRE(regions.size() == 3);
    CHECK(regions[0].label == "M1");
    CHECK(regions[1].label == "Hx");
    CHECK(regions[2].label == "LT");
    CHECK(regions[1].outline.size() == 4);  // one cell: four edges
    CHECK(regions[2].outline.size() == 6);  // two cells side by side
    CHECK(regions[2].centre.x_mm == doctest::Approx(15.0));
    CHECK(regions[2].centre.y_mm == doctest::Approx(30.0));

    // No detail (a narrow print): the forefoot's halves.
    analysis::Footprint narrow;
    narrow.detail.assign(g.sensor_count(), analysis::DetailRegion::None);
    narrow.regions.assign(g.sensor_count(), analysis::Region::None);
    narrow.halves.assign(g.sensor_count(), analysis::FootHalf::None);
    for (int col = 0; col < 4; ++col) {
        narrow.regions[g.index(2, col)] = analysis::Region::Forefoot;
        narrow.halves[g.index(2, col)] = col < 2 ? analysis::FootHalf::Medial : analysis::FootHalf::Lateral;
    }
    regions = fine_regions(g, narrow);
    REQUIRE(regions.size() == 2);
    CHECK(regions[0].label == "MF");
    CHECK(regions[1].label == "LF");
    CHECK(regions[0].centre.x_mm == doctest::Approx(5.0));
    CHECK(fine_regions(g, analysis::Footprint{}).empty());
}

TEST_CASE("the numbers beside a step are its own side, arch index and CPEI, with '*' inside the borderline band") {
    const analysis::ClassificationConfig config = analysis::AnalysisConfig{}.classification;
    analysis::StepAnalysis step;
    step.contact.side = analysis::Side::Left;
    step.footprint.arch_index = 0.243;  // 0.017 from 0.26, outside the 0.01 band
    step.cpei.cpei_pct = 21.5;          // z -0.18: far from the cut-offs at z +-1
    CHECK(step_label(step, config) == "L  AI 0.243  CPEI 21.5 %");
    step.contact.side = analysis::Side::Right;
    step.footprint.arch_index = 0.255;  // 0.005 from 0.26: borderline
    step.cpei.cpei_pct = config.cpei_reference_mean_pct - config.cpei_reference_sd_pct * 1.1;  // z -1.1: borderline
    CHECK(step_label(step, config) == "R  AI 0.255*  CPEI 15.0 %*");
    step.footprint.arch_index = std::nan("");
    step.cpei.cpei_pct = std::nan("");
    step.contact.side = analysis::Side::Unknown;
    CHECK(step_label(step, config) == "?  AI -  CPEI -");
}

TEST_CASE("a step's label sits beside the print on its lateral side, halfway along") {
    analysis::Footprint footprint;
    footprint.axis.heel = {100.0, 50.0};
    footprint.axis.toe = {100.0, 250.0};
    footprint.axis.along_x = 0.0;
    footprint.axis.along_y = 1.0;
    footprint.axis.medial_x = 1.0;  // a left foot walking +y: medial is +x
    footprint.axis.medial_y = 0.0;
    footprint.heel_back_mm = -20.0;
    footprint.toes_front_mm = 220.0;
    footprint.forefoot_width_mm = 100.0;
    const Point anchor = step_label_anchor(footprint);
    CHECK(anchor.x_mm == doctest::Approx(100.0 - 58.0));  // lateral: -x, half the width + 8 mm
    CHECK(anchor.y_mm == doctest::Approx(50.0 + 100.0));
}

TEST_CASE("a walkway in a wide view is drawn across: turned a quarter clockwise, a rotation and not a mirror") {
    const PlateGeometry walkway = plate(256, 64, 7.8);  // 2 m long, 0.5 m wide
    const PlateBounds bounds = plate_bounds(walkway, SensorLayout{});
    const ImageRect space{0.0f, 0.0f, 1200.0f, 500.0f};
    CHECK(draw_plate_across(walkway, SensorLayout{}, bounds, space.width, space.height));
    // Upright it would be 500 px long; across it is 1200 px long.
    CHECK_FALSE(draw_plate_across(walkway, SensorLayout{}, bounds, 300.0, 900.0));  // a tall view: upright is larger
    const PlateGeometry clinical = plate(64, 64, 7.8);
    CHECK_FALSE(draw_plate_across(clinical, SensorLayout{}, plate_bounds(clinical, SensorLayout{}), 1200.0, 500.0));
    SensorLayout insole;
    insole.coverage = SensorCoverage::Insole;  // toes belong at the top, however wide the view
    CHECK_FALSE(draw_plate_across(walkway, insole, bounds, 1200.0, 500.0));

    const ZoomedView fit = zoomed_view(bounds, space, 1.0, 0.0, 0.0, /*turns=*/1);
    CHECK(fit.image.turns == 1);
    CHECK(fit.fitted.width == doctest::Approx(1200.0));
    CHECK(fit.fitted.height == doctest::Approx(1200.0 * bounds.width_mm() / bounds.length_mm()));
    CHECK(pixels_per_mm(bounds, fit.image) == doctest::Approx(1200.0 / bounds.length_mm()));
    // The walking direction (+y) runs to the right, +x runs down: the first row is at the left
    // edge, the last column at the bottom.
    const ScreenPoint start = plate_to_screen(bounds, fit.image, {bounds.x_min, bounds.y_min});
    const ScreenPoint end = plate_to_screen(bounds, fit.image, {bounds.x_max, bounds.y_max});
    CHECK(start.x == doctest::Approx(0.0));
    CHECK(start.y == doctest::Approx(0.0));
    CHECK(end.x == doctest::Approx(fit.image.width));
    CHECK(end.y == doctest::Approx(fit.image.height));
    // A rotation keeps handedness: walking up, +x is to the right; turned so walking goes right,
    // +x is downwards (the right of the walking direction), as for the upright view.
    const ScreenPoint a = plate_to_screen(bounds, fit.image, {100.0, 1000.0});
    const ScreenPoint forward = plate_to_screen(bounds, fit.image, {100.0, 1010.0});
    const ScreenPoint right = plate_to_screen(bounds, fit.image, {110.0, 1000.0});
    const double cross = (forward.x - a.x) * (right.y - a.y) - (forward.y - a.y) * (right.x - a.x);
    const ImageRect upright = zoomed_view(bounds, space, 1.0, 0.0, 0.0).image;
    const ScreenPoint ua = plate_to_screen(bounds, upright, {100.0, 1000.0});
    const ScreenPoint uf = plate_to_screen(bounds, upright, {100.0, 1010.0});
    const ScreenPoint ur = plate_to_screen(bounds, upright, {110.0, 1000.0});
    const double upright_cross = (uf.x - ua.x) * (ur.y - ua.y) - (uf.y - ua.y) * (ur.x - ua.x);
    CHECK(cross * upright_cross > 0.0);
    // Screen -> plate inverts it, and zoom about the cursor and pan work turned too.
    const Point back = screen_to_plate(bounds, fit.image, a);
    CHECK(back.x_mm == doctest::Approx(100.0));
    CHECK(back.y_mm == doctest::Approx(1000.0));
    const ScreenPoint cursor{700.0f, 90.0f};
    const Point under = screen_to_plate(bounds, fit.image, cursor);
    const ImageRect zoomed = zoom_about(fit.image, 1.0, 3.0, cursor);
    CHECK(zoomed.turns == 1);
    const Point still = screen_to_plate(bounds, zoomed, cursor);
    CHECK(still.x_mm == doctest::Approx(under.x_mm));
    CHECK(still.y_mm == doctest::Approx(under.y_mm));
    const Point pan = pan_for_image(bounds, fit.fitted, zoomed);
    const ZoomedView again = zoomed_view(bounds, space, 3.0, pan.x_mm, pan.y_mm, 1);
    CHECK(again.image.x == doctest::Approx(zoomed.x));
    CHECK(again.image.y == doctest::Approx(zoomed.y));
}
