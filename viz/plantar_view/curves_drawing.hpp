// Drawing pieces of the Curves panel (curves_panel.cpp): plot axes with round ticks, lines of
// values over time, the total force decimated to the plot's width, the colours, and a standing
// trial's COP sway with its 95 % ellipse. ImDrawList only.
#pragma once

#include <imgui.h>

#include <span>
#include <string>
#include <vector>

#include "plantar/analysis/balance.hpp"
#include "viewer_panels.hpp"

namespace plantar::viz {

// Step colours as on the timeline (timeline_panel.cpp): left blue, right orange.
inline constexpr ImU32 kLeftStepColour = IM_COL32(70, 150, 255, 255);
inline constexpr ImU32 kRightStepColour = IM_COL32(255, 140, 40, 255);
// Region lines in the colours of the region outlines over the print (overlay_drawing.cpp).
inline constexpr ImU32 kRegionCurveColours[4] = {IM_COL32(90, 170, 255, 255), IM_COL32(110, 225, 110, 255),
                                                 IM_COL32(255, 165, 60, 255), IM_COL32(200, 140, 255, 255)};
inline constexpr ImU32 kTotalForceColour = IM_COL32(235, 235, 235, 255);
// The 95 % ellipse: a yellow no step, region or heatmap colour in the plot is near.
inline constexpr ImU32 kEllipseColour = IM_COL32(255, 230, 0, 255);
inline constexpr ImU32 kSwayPathColour = IM_COL32(170, 170, 180, 255);

// Where the curves were last drawn (window pixels) and the times at the force plot's left and
// right edges: for --screenshot's report and its tests. Empty rectangles when not drawn.
struct CurvesPlot {
    ScreenRect force;
    ScreenRect sway;
    double start_s = 0.0;
    double end_s = 0.0;
};
CurvesPlot last_curves_plot();

// A plot's rectangle and the values at its edges.
struct PlotAxes {
    ScreenRect rect;
    double start_s = 0.0, end_s = 1.0;  // left and right edge
    double low = 0.0, high = 1.0;       // bottom and top edge
    float x(double time_s) const;
    float y(double value) const;
    double time_at(float x_pixel) const;
};

// Frame, round ticks with labels, the units at the ends of the axes; the time labels go
// `strip_below` pixels lower (a strip under the plot, such as the stance band).
void draw_axes(ImDrawList* draw, const PlotAxes& axes, const char* value_unit, const char* time_unit, float strip_below = 0.0f);
// A line through (times[k], values[k]), clipped to the plot.
void draw_series(ImDrawList* draw, const PlotAxes& axes, std::span<const double> times, std::span<const double> values,
                 ImU32 colour, float thickness);
// The total force per frame over the plot's time range, at most a point per pixel column (each
// the highest of its frames, so peaks survive).
void draw_total_force(ImDrawList* draw, const TrialView& view, const PlotAxes& axes, std::span<const float> forces);

// The filtered COP path in mm about the ellipse's centre, the 95 % prediction ellipse, the point
// at `time_s`, axis labels and the area; in `area`. Returns the square plot's rectangle.
ScreenRect draw_sway_plot(const analysis::BalanceResult& balance, double time_s, const ScreenRect& area);

}  // namespace plantar::viz
