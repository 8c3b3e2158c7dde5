// Where the analysis overlays go on screen: plate millimetres -> window pixels over the heatmap
// image (the image is seen from above, so plate row 0 is at the image's bottom), the outline of
// each footprint region as cell edges in plate mm, and which steps the viewer draws at a frame.
// No GUI types: the viewer hands the results to ImGui's draw list, tests check them directly.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "plantar/analysis/pipeline.hpp"
#include "plantar/capture/frame.hpp"

namespace plantar::viz {

// The heatmap image's rectangle in the window, in window pixels (top-left origin, y down).
struct ImageRect {
    float x = 0, y = 0, width = 0, height = 0;
};
struct ScreenPoint {
    float x = 0, y = 0;
};

// The window pixel of plate point p (mm). Sensor (row, col) has its centre at
// (col * pitch_x, row * pitch_y) mm and covers one cell of the image, so the image spans
// -pitch/2 .. (n - 1/2) * pitch on each axis; y is flipped (row 0 at the bottom).
ScreenPoint plate_to_screen(const PlateGeometry& geometry, const ImageRect& image, const analysis::Point& p);

// A line segment in plate mm.
struct PlateSegment {
    analysis::Point a, b;
};
// The boundary of `region` in a grid's per-value labels (Footprint::regions, rows * cols
// entries): every cell edge between a cell of the region and one that is not (or the plate's
// edge). Empty when the labels do not match the grid.
std::vector<PlateSegment> region_outline(const PlateGeometry& geometry, std::span<const analysis::Region> regions,
                                         analysis::Region region);

// A point `across_mm` across the foot axis at `along_mm` along it, on both sides: the ends of a
// short line across the axis (the arch-index thirds).
PlateSegment across_axis(const analysis::FootAxis& axis, double along_mm, double half_length_mm);

// The indices (into analysis.steps) of the steps the overlays are drawn for: the complete
// contacts (cut neither by the recording's start nor its end) whose stance, first_frame ..
// last_frame, contains `frame`; or every complete contact when `all_steps`. Steps without a
// footprint (positions unknown) are left out.
std::vector<std::size_t> steps_to_draw(const analysis::TrialAnalysis& analysis, std::size_t frame, bool all_steps);

}  // namespace plantar::viz
