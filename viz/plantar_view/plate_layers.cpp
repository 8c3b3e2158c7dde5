// The Plate panel's layers over the heatmap (plate_layers.hpp).
#include "plate_layers.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>
#include <vector>

#include "plantar/viz/colour_map.hpp"
#include "plantar/viz/isobars.hpp"

namespace plantar::viz {
namespace {

ImVec2 to_screen(const PlateBounds& bounds, const ImageRect& image, const analysis::Point& p) {
    const ScreenPoint s = plate_to_screen(bounds, image, p);
    return ImVec2(s.x, s.y);
}

ImU32 to_imgui(Rgba8 c) { return IM_COL32(c.r, c.g, c.b, c.a); }

// Dark text on the light top half of the map, light text on its dark bottom half.
ImU32 text_colour_over(double fraction) { return fraction > 0.55 ? IM_COL32(0, 0, 0, 255) : IM_COL32(255, 255, 255, 255); }

void write_value(ImDrawList* draw, ImVec2 centre, double value, double scale) {
    char text[32];
    std::snprintf(text, sizeof text, "%.0f", value);
    const ImVec2 size = ImGui::CalcTextSize(text);
    draw->AddText(ImVec2(centre.x - size.x / 2.0f, centre.y - size.y / 2.0f), text_colour_over(value / scale), text);
}

}  // namespace

float sensor_pixels(const PlateGeometry& geometry, const SensorLayout& layout, const PlateBounds& bounds, const ImageRect& image) {
    if (layout.has_placed_sensors() || bounds.width_mm() <= 0.0) return 0.0f;
    return static_cast<float>(geometry.pitch_x_mm * pixels_per_mm(bounds, image));
}

void draw_sensor_grid(const PlateGeometry& geometry, const SensorLayout& layout, std::span<const float> values,
                      double scale, const PlateBounds& bounds, const ImageRect& image, const ImageRect& visible) {
    const float cell = sensor_pixels(geometry, layout, bounds, image);
    if (cell < kGridMinPixels || values.size() != geometry.sensor_count()) return;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    // The columns and rows whose cells reach into the visible part: the plate mm of the visible
    // rectangle's corners (either way up), as sensor indices (sensor k's cell spans k +- 1/2 pitch).
    const analysis::Point a = screen_to_plate(bounds, image, ScreenPoint{visible.x, visible.y});
    const analysis::Point b = screen_to_plate(bounds, image, ScreenPoint{visible.x + visible.width, visible.y + visible.height});
    const auto first_last = [](double low_mm, double high_mm, double pitch, int count) {
        const int first = std::max(0, static_cast<int>(std::floor(std::min(low_mm, high_mm) / pitch + 0.5)));
        const int last = std::min(count - 1, static_cast<int>(std::floor(std::max(low_mm, high_mm) / pitch + 0.5)));
        return std::pair{first, last};
    };
    const auto [col_first, col_last] = first_last(a.x_mm, b.x_mm, geometry.pitch_x_mm, geometry.cols);
    const auto [row_first, row_last] = first_last(a.y_mm, b.y_mm, geometry.pitch_y_mm, geometry.rows);
    if (col_first > col_last || row_first > row_last) return;
    const double x0 = (col_first - 0.5) * geometry.pitch_x_mm, x1 = (col_last + 0.5) * geometry.pitch_x_mm;
    const double y0 = (row_first - 0.5) * geometry.pitch_y_mm, y1 = (row_last + 0.5) * geometry.pitch_y_mm;
    // On pixel centres (+0.5) so a 1-pixel line stays one pixel wide.
    const auto line = [&](analysis::Point from, analysis::Point to) {
        const ScreenPoint p = plate_to_screen(bounds, image, from), q = plate_to_screen(bounds, image, to);
        draw->AddLine(ImVec2(std::floor(p.x) + 0.5f, std::floor(p.y) + 0.5f), ImVec2(std::floor(q.x) + 0.5f, std::floor(q.y) + 0.5f),
                      kGridColour, 1.0f);
    };
    for (int c = col_first; c <= col_last + 1; ++c) {
        const double x = (c - 0.5) * geometry.pitch_x_mm;
        line({x, y0}, {x, y1});
    }
    for (int r = row_first; r <= row_last + 1; ++r) {
        const double y = (r - 0.5) * geometry.pitch_y_mm;
        line({x0, y}, {x1, y});
    }
    if (cell < kValueMinPixels || !(scale > 0.0)) return;
    for (int row = row_first; row <= row_last; ++row)
        for (int c = col_first; c <= col_last; ++c) {
            const std::size_t i = geometry.index(row, c);
            if (!layout.grid_present.empty() && layout.grid_present[i] == 0) continue;
            if (!(values[i] > 0.0f)) continue;
            write_value(draw, to_screen(bounds, image, {c * geometry.pitch_x_mm, row * geometry.pitch_y_mm}), values[i], scale);
        }
}

void draw_isobars(const PlateGeometry& geometry, const SensorLayout& layout, std::span<const float> values,
                  std::span<const double> levels, const PlateBounds& bounds, const ImageRect& image) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (const Isobar& isobar : isobars(geometry, layout, values, levels))
        for (const PlateSegment& s : isobar.segments)
            draw->AddLine(to_screen(bounds, image, s.a), to_screen(bounds, image, s.b), kIsobarColour, 1.5f);
}

void draw_cop_trail(std::span<const analysis::Point> trail, const PlateBounds& bounds, const ImageRect& image) {
    if (trail.size() < 2) return;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 rgb = kCopTrailColour & ~IM_COL32_A_MASK;
    for (std::size_t i = 1; i < trail.size(); ++i) {
        if (!trail[i - 1].valid() || !trail[i].valid()) continue;
        // Age 0 (newest) fully opaque, the oldest nearly gone.
        const double freshness = static_cast<double>(i) / static_cast<double>(trail.size() - 1);
        const auto alpha = static_cast<ImU32>(std::lround(30.0 + 225.0 * freshness));
        draw->AddLine(to_screen(bounds, image, trail[i - 1]), to_screen(bounds, image, trail[i]),
                      rgb | (alpha << IM_COL32_A_SHIFT), 2.0f);
    }
    draw->AddCircleFilled(to_screen(bounds, image, trail.back()), 4.0f, kCopTrailColour);
}

void draw_placed_sensors(const SensorLayout& layout, std::span<const float> values, double scale,
                         const PlateBounds& bounds, const ImageRect& image) {
    if (values.size() != layout.sensors.size()) return;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 unloaded = IM_COL32(48, 48, 56, 255);  // lighter than the background: the sensors' outline shows
    const float pixels = static_cast<float>(pixels_per_mm(bounds, image));
    for (std::size_t i = 0; i < layout.sensors.size(); ++i) {
        const PlacedSensor& s = layout.sensors[i];
        ImVec2 corners[4];
        if (s.corners_mm) {
            for (int k = 0; k < 4; ++k)
                corners[k] = to_screen(bounds, image, {(*s.corners_mm)[2 * k], (*s.corners_mm)[2 * k + 1]});
        } else {
            const double half = std::sqrt(std::max(s.area_mm2, 0.0)) / 2.0;
            corners[0] = to_screen(bounds, image, {s.x_mm - half, s.y_mm - half});
            corners[1] = to_screen(bounds, image, {s.x_mm + half, s.y_mm - half});
            corners[2] = to_screen(bounds, image, {s.x_mm + half, s.y_mm + half});
            corners[3] = to_screen(bounds, image, {s.x_mm - half, s.y_mm + half});
        }
        const float value = values[i];
        const bool loaded = value > 0.0f && scale > 0.0;
        // ImGui fills convex polygons in either winding; y flips, so keep a consistent order.
        draw->AddConvexPolyFilled(corners, 4, loaded ? to_imgui(colour_map(static_cast<double>(value) / scale)) : unloaded);
        const float size_px = static_cast<float>(std::sqrt(std::max(s.area_mm2, 0.0))) * pixels;
        if (size_px >= kGridMinPixels) draw->AddPolyline(corners, 4, kGridColour, ImDrawFlags_Closed, 1.0f);
        if (loaded && size_px >= kValueMinPixels) {
            const ImVec2 centre = to_screen(bounds, image, {s.x_mm, s.y_mm});
            write_value(draw, centre, value, scale);
        }
    }
}

}  // namespace plantar::viz
