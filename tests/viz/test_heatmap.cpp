// Pressure images without a display: the colour map's lightness and its CIE conversions, the
// heatmap of known frames pixel by pixel (per sensor, smooth, holes, orientation, scale), the
// legend's ticks, PNG errors, and the panel's plain words for a classified foot.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <vector>

#include "plantar/analysis/classification.hpp"
#include "plantar/capture/errors.hpp"
#include "plantar/viz/colour_map.hpp"
#include "plantar/viz/heatmap.hpp"
#include "plantar/viz/png_file.hpp"
#include "plantar/viz/trial_view.hpp"

using namespace plantar;
using namespace plantar::viz;

namespace {

PlateGeometry small_plate() {  // 4 rows along the plate, 3 columns across
    PlateGeometry g;
    g.rows = 4;
    g.cols = 3;
    g.pitch_x_mm = 5.0;
    g.pitch_y_mm = 5.0;
    g.sensor_area_mm2 = 25.0;
    return g;
}

Rgba8 pixel_at_sensor(const Heatmap& h, const PlateGeometry& g, int pps, int row, int col) {
    const PixelPoint p = sensor_centre_pixel(g, pps, row, col);
    return h.image.at(p.x, p.y);
}

}  // namespace

TEST_CASE("the colour map rises in CIELAB lightness from bottom to top, every step") {
    double previous = -1.0;
    for (int i = 0; i <= 64; ++i) {
        const double t = i / 64.0;
        const double lightness = srgb_to_lab(colour_map(t)).l;
        CHECK(lightness > previous + 0.3);  // ~0.9 L* per step; 8-bit rounding moves L* by < 0.3
        previous = lightness;
    }
    CHECK(srgb_to_lab(colour_map(0.0)).l == doctest::Approx(kLightnessLow).epsilon(0.02));
    CHECK(srgb_to_lab(colour_map(1.0)).l == doctest::Approx(kLightnessHigh).epsilon(0.02));
    // The background is darker than the lowest pressure shown, so a light load is never lost.
    CHECK(srgb_to_lab(kBackground).l < kLightnessLow - 20.0);
    // Clamped outside [0, 1]; NaN is the bottom colour.
    CHECK(colour_map(-3.0) == colour_map(0.0));
    CHECK(colour_map(7.0) == colour_map(1.0));
    CHECK(colour_map(std::nan("")) == colour_map(0.0));
}

TEST_CASE("equal steps of the map are close to equal colour differences (Delta E*ab)") {
    std::vector<double> steps;
    for (int i = 0; i < 32; ++i) {
        const Lab a = srgb_to_lab(colour_map(i / 32.0)), b = srgb_to_lab(colour_map((i + 1) / 32.0));
        steps.push_back(std::hypot(a.l - b.l, a.a - b.a, a.b - b.b));
    }
    const auto [smallest, largest] = std::minmax_element(steps.begin(), steps.end());
    CHECK(*largest / *smallest < 1.6);
}

TEST_CASE("CIE conversions give the published CIELAB values of sRGB white and red") {
    const Lab white = srgb_to_lab(Rgba8{255, 255, 255, 255});
    CHECK(white.l == doctest::Approx(100.0).epsilon(0.001));
    CHECK(std::abs(white.a) < 0.05);
    CHECK(std::abs(white.b) < 0.05);
    // sRGB red (255, 0, 0) is L* 53.24, a* 80.09, b* 67.20 (D65).
    const Lab red = srgb_to_lab(Rgba8{255, 0, 0, 255});
    CHECK(red.l == doctest::Approx(53.24).epsilon(0.002));
    CHECK(red.a == doctest::Approx(80.09).epsilon(0.002));
    CHECK(red.b == doctest::Approx(67.20).epsilon(0.002));
    for (const Rgba8 c : {Rgba8{12, 200, 99, 255}, Rgba8{240, 30, 180, 255}, colour_map(0.3)}) {
        Rgba8 back;
        CHECK(lab_to_srgb(srgb_to_lab(c), back));
        CHECK(back == c);
    }
}

TEST_CASE("per-sensor heatmap of a known frame: the loaded sensor has its colour, seen from above, the rest is background") {
    const PlateGeometry g = small_plate();
    std::vector<float> values(g.sensor_count(), 0.0f);
    values[g.index(1, 2)] = 100.0f;  // row 1 (along the plate), column 2 (across)
    HeatmapOptions options;
    options.scale_max = 200.0;
    options.pixels_per_sensor = 5;
    options.interpolation = Interpolation::Nearest;
    const Heatmap h = render_heatmap(g, SensorLayout{}, values, options);
    REQUIRE(h.image.width == 15);
    REQUIRE(h.image.height == 20);
    CHECK(h.scale_max == 200.0);
    // Row 1 is the second block row from the BOTTOM (y up), column 2 the rightmost block.
    const PixelPoint p = sensor_centre_pixel(g, 5, 1, 2);
    CHECK(p.x == 12);
    CHECK(p.y == 12);
    for (int y = 10; y < 15; ++y)
        for (int x = 10; x < 15; ++x) CHECK(h.image.at(x, y) == colour_map(0.5));
    int coloured = 0;
    for (int y = 0; y < h.image.height; ++y)
        for (int x = 0; x < h.image.width; ++x) coloured += h.image.at(x, y) == kBackground ? 0 : 1;
    CHECK(coloured == 25);
    // Above the scale: the top colour.
    values[g.index(0, 0)] = 900.0f;
    CHECK(pixel_at_sensor(render_heatmap(g, SensorLayout{}, values, options), g, 5, 0, 0) == colour_map(1.0));
}

TEST_CASE("smooth heatmap interpolates between sensor centres and keeps each centre's own value") {
    const PlateGeometry g = small_plate();
    std::vector<float> values(g.sensor_count(), 0.0f);
    values[g.index(3, 0)] = 100.0f;
    values[g.index(3, 1)] = 200.0f;
    HeatmapOptions options;
    options.scale_max = 400.0;
    options.pixels_per_sensor = 5;  // odd: the middle pixel sits exactly on the sensor centre
    options.interpolation = Interpolation::Bilinear;
    const Heatmap h = render_heatmap(g, SensorLayout{}, values, options);
    CHECK(pixel_at_sensor(h, g, 5, 3, 0) == colour_map(100.0 / 400.0));
    CHECK(pixel_at_sensor(h, g, 5, 3, 1) == colour_map(200.0 / 400.0));
    // Top block row (plate row 3), pixel x = 4: 0.4 of the way from column 0 to column 1 -> 140 kPa.
    CHECK(h.image.at(4, 2) == colour_map(140.0 / 400.0));
    // Far from any load: background.
    CHECK(pixel_at_sensor(h, g, 5, 0, 2) == kBackground);
}

TEST_CASE("holes in the grid are background and do not bleed into the smooth image") {
    const PlateGeometry g = small_plate();
    SensorLayout layout;
    layout.grid_present.assign(g.sensor_count(), 1);
    layout.grid_present[g.index(2, 1)] = 0;
    std::vector<float> values(g.sensor_count(), 50.0f);
    values[g.index(2, 1)] = 400.0f;  // a hole never holds a load, whatever the value says
    HeatmapOptions options;
    options.scale_max = 100.0;
    options.pixels_per_sensor = 5;
    for (const Interpolation interpolation : {Interpolation::Nearest, Interpolation::Bilinear}) {
        options.interpolation = interpolation;
        const Heatmap h = render_heatmap(g, layout, values, options);
        CHECK(pixel_at_sensor(h, g, 5, 2, 1) == kBackground);
        // Next to the hole, the smooth image sees only the present sensors (all 50 kPa).
        const PixelPoint p = sensor_centre_pixel(g, 5, 2, 0);
        CHECK(h.image.at(p.x + 2, p.y) == colour_map(0.5));
    }
}

TEST_CASE("automatic scale, round scale tops and legend ticks") {
    const PlateGeometry g = small_plate();
    std::vector<float> values(g.sensor_count(), 0.0f);
    values[3] = 430.0f;
    HeatmapOptions options;  // scale_max 0: automatic
    const Heatmap h = render_heatmap(g, SensorLayout{}, values, options);
    CHECK(h.scale_max == doctest::Approx(500.0));
    CHECK(nice_scale_max(0.0) == 10.0);
    CHECK(nice_scale_max(612.0) == doctest::Approx(800.0));
    CHECK(nice_scale_max(100.0) == doctest::Approx(100.0));
    CHECK(nice_scale_max(0.013) == doctest::Approx(0.015));
    CHECK(legend_ticks(500.0) == std::vector<double>{0, 100, 200, 300, 400, 500});
    CHECK(legend_ticks(250.0, 6) == std::vector<double>{0, 50, 100, 150, 200, 250});
    const auto ticks = legend_ticks(1200.0, 6);
    CHECK(ticks.size() <= 6);
    CHECK(ticks.back() <= 1200.0);
    const RgbaImage bar = legend_bar(4, 50);
    CHECK(bar.at(0, 0) == colour_map(1.0));
    CHECK(bar.at(3, 49) == colour_map(0.0));
}

TEST_CASE("bad input is refused with a typed error") {
    const PlateGeometry g = small_plate();
    std::vector<float> wrong(5, 0.0f);
    CHECK_THROWS_AS(render_heatmap(g, SensorLayout{}, wrong, HeatmapOptions{}), InvalidArgument);
    std::vector<float> values(g.sensor_count(), 0.0f);
    HeatmapOptions options;
    options.pixels_per_sensor = 0;
    CHECK_THROWS_AS(render_heatmap(g, SensorLayout{}, values, options), InvalidArgument);
}

TEST_CASE("a PNG that cannot be written gives one line naming the file") {
    RgbaImage image;
    image.width = 2;
    image.height = 2;
    image.pixels.assign(16, 200);
    const std::string error = write_png("/nonexistent-dir/x.png", image);
    CHECK(error.find("cannot create /nonexistent-dir/x.png") == 0);
    CHECK(error.find('\n') == std::string::npos);
    const auto path = std::filesystem::temp_directory_path() / "plantar-test-heatmap.png";
    CHECK(write_png(path, image).empty());
    CHECK(std::filesystem::file_size(path) > 8);
    std::filesystem::remove(path);
}

TEST_CASE("the side panel says a borderline foot type and pronation in plain words with value and threshold") {
    const analysis::ClassificationConfig config;
    analysis::FootClassification foot;
    foot.side = analysis::Side::Left;
    foot.complete_steps = 4;
    foot.foot_type = analysis::classify_arch_index(0.255, config);  // 0.005 below the flat threshold 0.26
    foot.pronation = analysis::classify_cpei(35.0, config);         // supinated: 5.3 % past 29.74 %
    const FootSummary s = summarize_foot(foot, "Left");
    CHECK(s.title == "Left foot: 4 complete steps");
    CHECK(s.foot_type.find("Foot type: normal (arch index 0.255") == 0);
    CHECK(s.foot_type_borderline);
    CHECK(s.foot_type_margin == "0.005 from the threshold 0.260");
    CHECK(s.pronation.find("Pronation: supinated (CPEI 35.0 %") == 0);
    CHECK(s.pronation.find("29.74") != std::string::npos);  // the threshold is in the rule
    CHECK_FALSE(s.pronation_borderline);                    // 0.75 SD past the cut-off, band 0.25 SD
    foot.pronation = analysis::classify_cpei(30.5, config);  // 0.76 % (0.11 SD) past the cut-off
    const FootSummary near = summarize_foot(foot, "Left");
    CHECK(near.pronation_borderline);
    CHECK(near.pronation_margin.find("from the threshold 29.7 %") != std::string::npos);
    const FootSummary none = summarize_foot(analysis::FootClassification{}, "Right");
    CHECK(none.foot_type.find("Foot type: unknown") == 0);
    CHECK_FALSE(none.foot_type_borderline);
}
