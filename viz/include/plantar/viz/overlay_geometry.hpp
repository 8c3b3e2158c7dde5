// Where the analysis overlays go on screen: plate millimetres -> window pixels over the heatmap
// image (the image is seen from above, so plate row 0 is at the image's bottom), the outline of
// each footprint region as cell edges in plate mm, and which steps the viewer draws at a frame.
// No GUI types: the viewer hands the results to ImGui's draw list, tests check them directly.
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "plantar/analysis/classification.hpp"
#include "plantar/analysis/pipeline.hpp"
#include "plantar/capture/frame.hpp"
#include "plantar/capture/sensor_layout.hpp"

namespace plantar::viz {

// The heatmap image's rectangle in the window, in window pixels (top-left origin, y down).
struct ImageRect {
    float x = 0, y = 0, width = 0, height = 0;
    // How the plate is turned on screen, in quarter turns clockwise from upright (seen from
    // above, +y up, +x right): 1 puts +y to the right (a walkway across a wide window, "across"),
    // 2 puts +y down and 3 puts +y to the left (a one-foot print turned toes up). Always a
    // rotation, never a mirror: a left foot still looks like a left foot from above.
    int turns = 0;
    bool sideways() const { return turns % 2 != 0; }  // the plate's length runs left-right
};
struct ScreenPoint {
    float x = 0, y = 0;
};

// The window pixel of plate point p (mm). Sensor (row, col) has its centre at
// (col * pitch_x, row * pitch_y) mm and covers one cell of the image, so the image spans
// -pitch/2 .. (n - 1/2) * pitch on each axis; y is flipped (row 0 at the bottom).
ScreenPoint plate_to_screen(const PlateGeometry& geometry, const ImageRect& image, const analysis::Point& p);

// The plate millimetres an image shows, x across (left to right), y along (bottom to top).
struct PlateBounds {
    double x_min = 0, x_max = 0, y_min = 0, y_max = 0;
    double width_mm() const { return x_max - x_min; }
    double length_mm() const { return y_max - y_min; }
};
// A grid: its cells' outer edges (-pitch/2 .. (n - 1/2) * pitch). Sensors without a grid: the
// extent of their corners (or of squares of their area around their centres), plus a 2 mm margin.
PlateBounds plate_bounds(const PlateGeometry& geometry, const SensorLayout& layout);
// Plate mm <-> window pixels for an image showing `bounds` in `image` (y flipped).
ScreenPoint plate_to_screen(const PlateBounds& bounds, const ImageRect& image, const analysis::Point& p);
analysis::Point screen_to_plate(const PlateBounds& bounds, const ImageRect& image, ScreenPoint s);

// Zoom and pan: where the image lands when the view (`view`, window pixels: the space the whole
// plate fits at zoom 1, top-left aligned) is zoomed by `zoom` (>= 1) about its centre and panned
// so that the plate point (centre of bounds + pan) is at the centre of the fitted image.
struct ZoomedView {
    ImageRect fitted;  // the image at zoom 1: the bounds' aspect, as large as fits in the view
    ImageRect image;   // the image at `zoom` and pan (may reach far outside the view)
};
ZoomedView zoomed_view(const PlateBounds& bounds, const ImageRect& view, double zoom, double pan_x_mm, double pan_y_mm,
                       int turns = 0);
// Where screen point (u, v) of a turned image (0..1 from its left and top edges) lies in the
// upright image (0..1 from the left, 0 at the top = the plate's far +y end): the texture
// coordinate of the upright heatmap to draw there.
ScreenPoint upright_uv(int turns, float u, float v);
// Whether a plate is drawn across (ImageRect turns 1) in a view of view_width x view_height
// pixels: a grid plate (not an insole or foot crop, whose toes belong at the top) at least twice
// as long as it is wide, when turning it makes it larger on screen.
bool draw_plate_across(const PlateGeometry& geometry, const SensorLayout& layout, const PlateBounds& bounds,
                       double view_width, double view_height);
// Window pixels per plate mm of an image showing `bounds`.
double pixels_per_mm(const PlateBounds& bounds, const ImageRect& image);
// The pan that puts the image at `image` for a view fitted as `fitted` (the inverse of zoomed_view,
// for a drag or a zoom about the cursor). Returns {pan_x_mm, pan_y_mm}.
analysis::Point pan_for_image(const PlateBounds& bounds, const ImageRect& fitted, const ImageRect& image);
// The image after zooming from `image` to `new_zoom` (from `old_zoom`) about the window point
// `about`: the plate point under it stays under it.
ImageRect zoom_about(const ImageRect& image, double old_zoom, double new_zoom, ScreenPoint about);

// A line segment in plate mm.
struct PlateSegment {
    analysis::Point a, b;
};
// The boundary of `region` in a grid's per-value labels (Footprint::regions, rows * cols
// entries): every cell edge between a cell of the region and one that is not (or the plate's
// edge). Empty when the labels do not match the grid.
std::vector<PlateSegment> region_outline(const PlateGeometry& geometry, std::span<const analysis::Region> regions,
                                         analysis::Region region);

// The same for any cells: the boundary of the cells (value indices) for which `inside` is true.
std::vector<PlateSegment> cells_outline(const PlateGeometry& geometry, const std::function<bool(std::size_t)>& inside);
// The mean of the centres of those cells (where a region's label goes); invalid when there are none.
analysis::Point cells_centre(const PlateGeometry& geometry, const std::function<bool(std::size_t)>& inside);

// The finer regions the "fine regions" overlay outlines: the detail regions present in the
// footprint (metatarsals 1-5, hallux, lesser toes, medial/lateral heel and midfoot), or, when the
// print is too narrow for them (docs/methods.md, section 4), the medial and lateral forefoot.
struct FineRegion {
    std::string label;  // short, drawn in the region: "M1".."M5", "Hx", "LT", "MH", "LH", "MM", "LM", "MF", "LF"
    std::vector<PlateSegment> outline;
    analysis::Point centre;
};
std::vector<FineRegion> fine_regions(const PlateGeometry& geometry, const analysis::Footprint& footprint);

// The numbers beside a drawn step, from its own analysis (never recomputed): side, arch index and
// CPEI, a '*' after a value within the borderline band of a threshold (classification.hpp), '-'
// for a value that is missing. "L  AI 0.243*  CPEI 21.5 %".
std::string step_label(const analysis::StepAnalysis& step, const analysis::ClassificationConfig& config);
// Where that label goes: beside the print on its lateral side, halfway along the foot.
analysis::Point step_label_anchor(const analysis::Footprint& footprint);

// A point `across_mm` across the foot axis at `along_mm` along it, on both sides: the ends of a
// short line across the axis (the arch-index thirds).
PlateSegment across_axis(const analysis::FootAxis& axis, double along_mm, double half_length_mm);

// The indices (into analysis.steps) of the steps the overlays are drawn for: the complete
// contacts (cut neither by the recording's start nor its end) whose stance, first_frame ..
// last_frame, contains `frame`; or every complete contact when `all_steps`. Steps without a
// footprint (positions unknown) are left out.
std::vector<std::size_t> steps_to_draw(const analysis::TrialAnalysis& analysis, std::size_t frame, bool all_steps);

}  // namespace plantar::viz
