// What the Plate panel draws over (or instead of) the heatmap texture, each into the current
// ImGui window's draw list, clipped by the caller to the panel's view: the sensor grid and the
// sensors' values at high zoom, the isobars, the centre-of-pressure trail, and sensors without a
// grid (placed sensors, drawn as their own cells). Plate mm -> window pixels through `bounds`
// and `image` (overlay_geometry.hpp), so everything follows the zoom.
#pragma once

#include <imgui.h>

#include <span>

#include "plantar/viz/overlay_geometry.hpp"
#include "viewer_panels.hpp"

namespace plantar::viz {

// Screen colours a screenshot test can tell from every colour of the map (chroma <= 40) and from
// the other overlays (overlay_drawing.cpp).
inline constexpr ImU32 kIsobarColour = IM_COL32(255, 40, 40, 255);
inline constexpr ImU32 kGridColour = IM_COL32(150, 150, 160, 150);
inline constexpr ImU32 kCopTrailColour = IM_COL32(255, 255, 255, 255);  // alpha fades with age
// A sensor is at least this many pixels wide before the grid is drawn, and before its value is written.
inline constexpr float kGridMinPixels = 12.0f;
inline constexpr float kValueMinPixels = 34.0f;

// Window pixels per sensor across (grid plates); 0 for sensors without a grid.
float sensor_pixels(const PlateGeometry& geometry, const SensorLayout& layout, const PlateBounds& bounds, const ImageRect& image);

// Thin lines along the sensor cells' edges, and each loaded sensor's value when sensors are large
// enough, for the cells inside `visible` (window pixels).
void draw_sensor_grid(const PlateGeometry& geometry, const SensorLayout& layout, std::span<const float> values,
                      double scale, const PlateBounds& bounds, const ImageRect& image, const ImageRect& visible);

// Isobars of `values` at `levels` (isobars.hpp).
void draw_isobars(const PlateGeometry& geometry, const SensorLayout& layout, std::span<const float> values,
                  std::span<const double> levels, const PlateBounds& bounds, const ImageRect& image);

// The whole plate's recent COP, oldest first: a polyline whose older parts fade out.
void draw_cop_trail(std::span<const analysis::Point> trail, const PlateBounds& bounds, const ImageRect& image);

// Sensors without a grid: each one's cell (its corners, or a square of its area around its
// centre) filled with the colour map at value / scale, unloaded ones dimmed, outlined when large.
void draw_placed_sensors(const SensorLayout& layout, std::span<const float> values, double scale,
                         const PlateBounds& bounds, const ImageRect& image);

}  // namespace plantar::viz
