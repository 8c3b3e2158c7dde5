#include "plantar/viz/overlay_geometry.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>

namespace plantar::viz {
namespace {
// Window pixels are floats; the geometry is done in double.
double f64(float v) { return static_cast<double>(v); }

int quarter_turns(int turns) { return ((turns % 4) + 4) % 4; }

// A point of the upright image (a, b: 0..1 from its left and top edges) after `turns` quarter
// turns clockwise, as 0..1 from the turned image's left and top edges; and back.
std::pair<double, double> turn_unit(int turns, double a, double b) {
    switch (quarter_turns(turns)) {
        case 1: return {1.0 - b, a};
        case 2: return {1.0 - a, 1.0 - b};
        case 3: return {b, 1.0 - a};
        default: return {a, b};
    }
}
std::pair<double, double> unturn_unit(int turns, double u, double v) { return turn_unit(4 - quarter_turns(turns), u, v); }

// The plate's extent along the screen's x and y axes, in mm.
double screen_width_mm(const PlateBounds& bounds, int turns) {
    return turns % 2 != 0 ? bounds.length_mm() : bounds.width_mm();
}
double screen_height_mm(const PlateBounds& bounds, int turns) {
    return turns % 2 != 0 ? bounds.width_mm() : bounds.length_mm();
}
}  // namespace


ScreenPoint plate_to_screen(const PlateGeometry& geometry, const ImageRect& image, const analysis::Point& p) {
    return plate_to_screen(plate_bounds(geometry, SensorLayout{}), image, p);
}

PlateBounds plate_bounds(const PlateGeometry& geometry, const SensorLayout& layout) {
    if (!layout.has_placed_sensors())
        return {-geometry.pitch_x_mm / 2.0, (geometry.cols - 0.5) * geometry.pitch_x_mm, -geometry.pitch_y_mm / 2.0,
                (geometry.rows - 0.5) * geometry.pitch_y_mm};
    PlateBounds b{INFINITY, -INFINITY, INFINITY, -INFINITY};
    const auto take = [&](double x, double y) {
        b.x_min = std::min(b.x_min, x);
        b.x_max = std::max(b.x_max, x);
        b.y_min = std::min(b.y_min, y);
        b.y_max = std::max(b.y_max, y);
    };
    for (const PlacedSensor& s : layout.sensors) {
        if (s.corners_mm) {
            for (int k = 0; k < 4; ++k) take((*s.corners_mm)[2 * k], (*s.corners_mm)[2 * k + 1]);
        } else {
            const double half = std::sqrt(std::max(s.area_mm2, 0.0)) / 2.0;
            take(s.x_mm - half, s.y_mm - half);
            take(s.x_mm + half, s.y_mm + half);
        }
    }
    const double margin = 2.0;
    b.x_min -= margin;
    b.x_max += margin;
    b.y_min -= margin;
    b.y_max += margin;
    return b;
}

ScreenPoint plate_to_screen(const PlateBounds& bounds, const ImageRect& image, const analysis::Point& p) {
    // Upright: x from the left edge, y from the top edge (the plate's far +y end).
    const double a = (p.x_mm - bounds.x_min) / bounds.width_mm();
    const double b = (bounds.y_max - p.y_mm) / bounds.length_mm();
    const auto [u, v] = turn_unit(image.turns, a, b);
    return ScreenPoint{static_cast<float>(f64(image.x) + u * f64(image.width)),
                       static_cast<float>(f64(image.y) + v * f64(image.height))};
}

analysis::Point screen_to_plate(const PlateBounds& bounds, const ImageRect& image, ScreenPoint s) {
    const double u = (f64(s.x) - f64(image.x)) / f64(image.width);
    const double v = (f64(s.y) - f64(image.y)) / f64(image.height);
    const auto [a, b] = unturn_unit(image.turns, u, v);
    return {bounds.x_min + a * bounds.width_mm(), bounds.y_max - b * bounds.length_mm()};
}

ScreenPoint upright_uv(int turns, float u, float v) {
    const auto [a, b] = unturn_unit(turns, f64(u), f64(v));
    return ScreenPoint{static_cast<float>(a), static_cast<float>(b)};
}

double pixels_per_mm(const PlateBounds& bounds, const ImageRect& image) {
    const double across_screen = screen_width_mm(bounds, image.turns);
    return across_screen > 0.0 ? f64(image.width) / across_screen : 0.0;
}

bool draw_plate_across(const PlateGeometry& geometry, const SensorLayout& layout, const PlateBounds& bounds,
                       double view_width, double view_height) {
    if (layout.has_placed_sensors() || (layout.coverage != SensorCoverage::Plate && layout.coverage != SensorCoverage::Treadmill))
        return false;
    if (geometry.rows <= 0 || geometry.cols <= 0 || bounds.length_mm() < 2.0 * bounds.width_mm()) return false;
    const double upright = std::min(view_width / bounds.width_mm(), view_height / bounds.length_mm());
    const double turned = std::min(view_width / bounds.length_mm(), view_height / bounds.width_mm());
    return turned > upright;
}

ZoomedView zoomed_view(const PlateBounds& bounds, const ImageRect& view, double zoom, double pan_x_mm, double pan_y_mm,
                       int turns) {
    ZoomedView out;
    // Screen width over screen height of the whole plate.
    const double screen_w_mm = screen_width_mm(bounds, turns);
    const double screen_h_mm = screen_height_mm(bounds, turns);
    const double aspect = screen_h_mm > 0.0 ? screen_w_mm / screen_h_mm : 1.0;
    double height = f64(view.height);
    double width = height * aspect;
    if (width > f64(view.width)) {
        width = f64(view.width);
        height = width / aspect;
    }
    out.fitted = ImageRect{view.x, view.y, static_cast<float>(width), static_cast<float>(height), turns};
    // Pixels per mm at this zoom; the plate point (centre + pan) goes to the fitted image's centre.
    const double scale = width * zoom / screen_w_mm;
    const double centre_x = (bounds.x_min + bounds.x_max) / 2.0 + pan_x_mm;
    const double centre_y = (bounds.y_min + bounds.y_max) / 2.0 + pan_y_mm;
    // How far the centre lies from the image's left and top edges, in mm.
    const auto [u, v] =
        turn_unit(turns, (centre_x - bounds.x_min) / bounds.width_mm(), (bounds.y_max - centre_y) / bounds.length_mm());
    const double from_left = u * screen_w_mm;
    const double from_top = v * screen_h_mm;
    out.image = ImageRect{static_cast<float>(f64(view.x) + width / 2.0 - from_left * scale),
                          static_cast<float>(f64(view.y) + height / 2.0 - from_top * scale),
                          static_cast<float>(width * zoom), static_cast<float>(height * zoom), turns};
    return out;
}

analysis::Point pan_for_image(const PlateBounds& bounds, const ImageRect& fitted, const ImageRect& image) {
    const analysis::Point at_centre =
        screen_to_plate(bounds, image, ScreenPoint{fitted.x + fitted.width / 2.0f, fitted.y + fitted.height / 2.0f});
    return {at_centre.x_mm - (bounds.x_min + bounds.x_max) / 2.0, at_centre.y_mm - (bounds.y_min + bounds.y_max) / 2.0};
}

ImageRect zoom_about(const ImageRect& image, double old_zoom, double new_zoom, ScreenPoint about) {
    const double factor = new_zoom / old_zoom;
    return ImageRect{static_cast<float>(f64(about.x) - (f64(about.x) - f64(image.x)) * factor),
                     static_cast<float>(f64(about.y) - (f64(about.y) - f64(image.y)) * factor),
                     static_cast<float>(f64(image.width) * factor), static_cast<float>(f64(image.height) * factor), image.turns};
}

std::vector<PlateSegment> region_outline(const PlateGeometry& geometry, std::span<const analysis::Region> regions,
                                         analysis::Region region) {
    if (regions.size() != geometry.sensor_count()) return {};
    return cells_outline(geometry, [&](std::size_t i) { return regions[i] == region; });
}

std::vector<PlateSegment> cells_outline(const PlateGeometry& geometry, const std::function<bool(std::size_t)>& inside_index) {
    std::vector<PlateSegment> edges;
    const auto inside = [&](int row, int col) {
        return row >= 0 && row < geometry.rows && col >= 0 && col < geometry.cols && inside_index(geometry.index(row, col));
    };
    const double hx = geometry.pitch_x_mm / 2.0, hy = geometry.pitch_y_mm / 2.0;
    for (int row = 0; row < geometry.rows; ++row) {
        for (int col = 0; col < geometry.cols; ++col) {
            if (!inside(row, col)) continue;
            const double x = geometry.x_mm(col), y = geometry.y_mm(row);
            if (!inside(row, col - 1)) edges.push_back({{x - hx, y - hy}, {x - hx, y + hy}});
            if (!inside(row, col + 1)) edges.push_back({{x + hx, y - hy}, {x + hx, y + hy}});
            if (!inside(row - 1, col)) edges.push_back({{x - hx, y - hy}, {x + hx, y - hy}});
            if (!inside(row + 1, col)) edges.push_back({{x - hx, y + hy}, {x + hx, y + hy}});
        }
    }
    return edges;
}

analysis::Point cells_centre(const PlateGeometry& geometry, const std::function<bool(std::size_t)>& inside) {
    double sx = 0.0, sy = 0.0;
    std::size_t n = 0;
    for (int row = 0; row < geometry.rows; ++row)
        for (int col = 0; col < geometry.cols; ++col)
            if (inside(geometry.index(row, col))) {
                sx += geometry.x_mm(col);
                sy += geometry.y_mm(row);
                ++n;
            }
    if (n == 0) return {};
    return {sx / static_cast<double>(n), sy / static_cast<double>(n)};
}

namespace {
const char* short_label(analysis::DetailRegion region) {
    using analysis::DetailRegion;
    switch (region) {
        case DetailRegion::MedialHeel: return "MH";
        case DetailRegion::LateralHeel: return "LH";
        case DetailRegion::MedialMidfoot: return "MM";
        case DetailRegion::LateralMidfoot: return "LM";
        case DetailRegion::Metatarsal1: return "M1";
        case DetailRegion::Metatarsal2: return "M2";
        case DetailRegion::Metatarsal3: return "M3";
        case DetailRegion::Metatarsal4: return "M4";
        case DetailRegion::Metatarsal5: return "M5";
        case DetailRegion::Hallux: return "Hx";
        case DetailRegion::LesserToes: return "LT";
        case DetailRegion::None: break;
    }
    return "";
}
}  // namespace

std::vector<FineRegion> fine_regions(const PlateGeometry& geometry, const analysis::Footprint& footprint) {
    std::vector<FineRegion> out;
    const auto add = [&](std::string label, const std::function<bool(std::size_t)>& inside) {
        FineRegion region{std::move(label), cells_outline(geometry, inside), cells_centre(geometry, inside)};
        if (!region.outline.empty()) out.push_back(std::move(region));
    };
    const std::size_t n = geometry.sensor_count();
    if (footprint.detail.size() == n) {
        for (int k = static_cast<int>(analysis::DetailRegion::MedialHeel); k <= static_cast<int>(analysis::DetailRegion::LesserToes); ++k) {
            const auto region = static_cast<analysis::DetailRegion>(k);
            add(short_label(region), [&](std::size_t i) { return footprint.detail[i] == region; });
        }
    }
    if (!out.empty() || footprint.regions.size() != n || footprint.halves.size() != n) return out;
    add("MF", [&](std::size_t i) { return footprint.regions[i] == analysis::Region::Forefoot && footprint.halves[i] == analysis::FootHalf::Medial; });
    add("LF", [&](std::size_t i) { return footprint.regions[i] == analysis::Region::Forefoot && footprint.halves[i] == analysis::FootHalf::Lateral; });
    return out;
}

std::string step_label(const analysis::StepAnalysis& step, const analysis::ClassificationConfig& config) {
    const analysis::Side side = step.contact.side;
    std::string text = side == analysis::Side::Left ? "L" : side == analysis::Side::Right ? "R" : "?";
    char number[48];
    const double ai = step.footprint.arch_index;
    if (std::isfinite(ai)) {
        std::snprintf(number, sizeof number, "  AI %.3f%s", ai, analysis::classify_arch_index(ai, config).basis.borderline ? "*" : "");
        text += number;
    } else {
        text += "  AI -";
    }
    const double cpei = step.cpei.cpei_pct;
    if (std::isfinite(cpei)) {
        std::snprintf(number, sizeof number, "  CPEI %.1f %%%s", cpei, analysis::classify_cpei(cpei, config).basis.borderline ? "*" : "");
        text += number;
    } else {
        text += "  CPEI -";
    }
    return text;
}

analysis::Point step_label_anchor(const analysis::Footprint& footprint) {
    const double back = std::isfinite(footprint.heel_back_mm) ? footprint.heel_back_mm : 0.0;
    const double front = std::isfinite(footprint.toes_front_mm) ? footprint.toes_front_mm
                         : std::isfinite(footprint.length_mm) ? back + footprint.length_mm
                                                              : back + 200.0;
    const double half_width = std::isfinite(footprint.forefoot_width_mm) ? footprint.forefoot_width_mm / 2.0 : 45.0;
    return footprint.axis.at((back + front) / 2.0, -(half_width + 8.0));  // -: lateral
}

PlateSegment across_axis(const analysis::FootAxis& axis, double along_mm, double half_length_mm) {
    return {axis.at(along_mm, half_length_mm), axis.at(along_mm, -half_length_mm)};
}

std::vector<std::size_t> steps_to_draw(const analysis::TrialAnalysis& analysis, std::size_t frame, bool all_steps) {
    std::vector<std::size_t> shown;
    for (std::size_t i = 0; i < analysis.steps.size(); ++i) {
        const analysis::StepAnalysis& step = analysis.steps[i];
        const analysis::Contact& contact = step.contact;
        if (contact.cut_by_recording_start || contact.cut_by_recording_end) continue;
        if (!step.footprint.axis.heel.valid() || !step.footprint.axis.toe.valid()) continue;
        if (all_steps || (contact.first_frame <= frame && frame <= contact.last_frame)) shown.push_back(i);
    }
    return shown;
}

}  // namespace plantar::viz
