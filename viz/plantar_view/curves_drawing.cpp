#include "curves_drawing.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

namespace plantar::viz {
namespace {

constexpr ImU32 kFrameColour = IM_COL32(95, 95, 108, 255);
constexpr ImU32 kGridColour = IM_COL32(60, 60, 70, 255);
constexpr ImU32 kLabelColour = IM_COL32(200, 200, 205, 255);

// A round tick spacing (1, 2 or 5 x 10^k) giving about `ticks` ticks over `range`.
double round_step(double range, double ticks) {
    if (!(range > 0.0)) return 1.0;
    const double raw = range / ticks;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double norm = raw / magnitude;
    return (norm < 1.5 ? 1.0 : norm < 3.5 ? 2.0 : norm < 7.5 ? 5.0 : 10.0) * magnitude;
}

std::string tick_text(double value, double step, const char* unit) {
    if (std::abs(value) < step * 1e-6) value = 0.0;  // not "-0"
    char text[48];
    const int decimals = step >= 1.0 ? 0 : static_cast<int>(std::ceil(-std::log10(step)));
    std::snprintf(text, sizeof text, "%.*f%s%s", decimals, value, unit[0] != '\0' ? " " : "", unit);
    return text;
}

ImVec2 text_size(const std::string& text) { return ImGui::CalcTextSize(text.c_str()); }

}  // namespace

float PlotAxes::x(double time_s) const {
    return rect.x + static_cast<float>((time_s - start_s) / (end_s - start_s)) * rect.width;
}
float PlotAxes::y(double value) const {
    return rect.y + rect.height - static_cast<float>((value - low) / (high - low)) * rect.height;
}
double PlotAxes::time_at(float x_pixel) const {
    return start_s + static_cast<double>((x_pixel - rect.x) / rect.width) * (end_s - start_s);
}

void draw_axes(ImDrawList* draw, const PlotAxes& axes, const char* value_unit, const char* time_unit, float strip_below) {
    const ScreenRect& r = axes.rect;
    const double value_step = round_step(axes.high - axes.low, 4.0);
    const double top_tick = std::floor(axes.high / value_step) * value_step;
    for (double v = std::ceil(axes.low / value_step) * value_step; v <= axes.high + 1e-9; v += value_step) {
        const float y = axes.y(v);
        draw->AddLine(ImVec2(r.x, y), ImVec2(r.x + r.width, y), kGridColour);
        // The unit goes with the top tick only: the axis says its unit once.
        const std::string label = tick_text(v, value_step, std::abs(v - top_tick) < value_step * 0.5 ? value_unit : "");
        const ImVec2 size = text_size(label);
        draw->AddText(ImVec2(r.x - size.x - 4.0f, std::max(y - size.y * 0.5f, r.y - size.y * 0.5f)), kLabelColour, label.c_str());
    }
    const double time_step = round_step(axes.end_s - axes.start_s, std::max(3.0, static_cast<double>(r.width) / 90.0));
    const double last_tick = std::floor(axes.end_s / time_step) * time_step;
    for (double t = std::ceil(axes.start_s / time_step) * time_step; t <= axes.end_s + 1e-9; t += time_step) {
        const float x = axes.x(t);
        draw->AddLine(ImVec2(x, r.y), ImVec2(x, r.y + r.height), kGridColour);
        const std::string label = tick_text(t, time_step, std::abs(t - last_tick) < time_step * 0.5 ? time_unit : "");
        const float width = text_size(label).x;
        draw->AddText(ImVec2(std::min(x - width * 0.5f, r.x + r.width - width), r.y + r.height + strip_below + 2.0f), kLabelColour,
                      label.c_str());
    }
    draw->AddRect(ImVec2(r.x, r.y), ImVec2(r.x + r.width, r.y + r.height + strip_below), kFrameColour);
}

void draw_series(ImDrawList* draw, const PlotAxes& axes, std::span<const double> times, std::span<const double> values,
                 ImU32 colour, float thickness) {
    std::vector<ImVec2> points;
    points.reserve(times.size());
    for (std::size_t k = 0; k < times.size() && k < values.size(); ++k)
        if (std::isfinite(values[k])) points.emplace_back(axes.x(times[k]), axes.y(values[k]));
    if (points.size() < 2) return;
    const ScreenRect& r = axes.rect;
    draw->PushClipRect(ImVec2(r.x, r.y), ImVec2(r.x + r.width, r.y + r.height), true);
    draw->AddPolyline(points.data(), static_cast<int>(points.size()), colour, ImDrawFlags_None, thickness);
    draw->PopClipRect();
}

void draw_total_force(ImDrawList* draw, const TrialView& view, const PlotAxes& axes, std::span<const float> forces) {
    const std::size_t count = std::min(forces.size(), view.frame_count());
    if (count < 2) return;
    const std::size_t first = view.frame_at_time(axes.start_s);
    const std::size_t last = std::min(view.frame_at_time(axes.end_s) + 1, count - 1);
    if (last <= first) return;
    const std::size_t frames = last - first + 1;
    const auto columns = static_cast<std::size_t>(std::max(axes.rect.width, 1.0f));
    std::vector<double> times, values;
    if (frames <= 2 * columns) {
        for (std::size_t i = first; i <= last; ++i) {
            times.push_back(view.time_s(i));
            values.push_back(forces[i]);
        }
    } else {
        for (std::size_t c = 0; c < columns; ++c) {
            const std::size_t from = first + c * frames / columns, to = first + (c + 1) * frames / columns;
            float highest = 0.0f;
            for (std::size_t i = from; i < to; ++i) highest = std::max(highest, forces[i]);
            times.push_back(view.time_s((from + to) / 2));
            values.push_back(highest);
        }
    }
    draw_series(draw, axes, times, values, kTotalForceColour, 1.5f);
}

ScreenRect draw_sway_plot(const analysis::BalanceResult& balance, double time_s, const ScreenRect& area) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    constexpr float kLeftMargin = 44.0f, kBottomMargin = 18.0f;
    const float side = std::max(area.height - kBottomMargin - 4.0f, 10.0f);
    const ScreenRect square{area.x + kLeftMargin, area.y + 4.0f, side, side};
    const analysis::PredictionEllipse& ellipse = balance.ellipse;
    std::vector<analysis::Point> points;
    for (const auto& p : balance.cop_path)
        if (p.point.valid()) points.push_back(p.point);
    const float text_x = square.x + square.width + 8.0f;
    if (points.empty()) {
        draw->AddText(ImVec2(square.x, square.y), kLabelColour, "COP sway: no centre of pressure (see the notes)");
        return square;
    }
    analysis::Point centre = ellipse.centre;
    if (!centre.valid()) centre = points.front();
    double reach = std::isfinite(ellipse.semi_major_mm) ? ellipse.semi_major_mm : 0.0;
    for (const auto& p : points) reach = std::max({reach, std::abs(p.x_mm - centre.x_mm), std::abs(p.y_mm - centre.y_mm)});
    reach = std::max(reach * 1.1, 1.0);
    // Equal scales on x and y, y up as on the plate picture.
    const PlotAxes x_axis{square, -reach, reach, -reach, reach};
    draw_axes(draw, x_axis, "mm", "mm");
    const auto screen = [&](double x_mm, double y_mm) { return ImVec2(x_axis.x(x_mm - centre.x_mm), x_axis.y(y_mm - centre.y_mm)); };

    std::vector<ImVec2> path;
    path.reserve(points.size());
    for (const auto& p : points) path.push_back(screen(p.x_mm, p.y_mm));
    draw->PushClipRect(ImVec2(square.x, square.y), ImVec2(square.x + side, square.y + side), true);
    draw->AddPolyline(path.data(), static_cast<int>(path.size()), kSwayPathColour, ImDrawFlags_None, 1.0f);
    if (ellipse.valid()) {
        const double angle = ellipse.angle_deg * std::numbers::pi / 180.0;
        const double ux = std::cos(angle), uy = std::sin(angle);
        std::vector<ImVec2> outline;
        for (int k = 0; k < 96; ++k) {
            const double theta = 2.0 * std::numbers::pi * k / 96.0;
            const double a = ellipse.semi_major_mm * std::cos(theta), b = ellipse.semi_minor_mm * std::sin(theta);
            outline.push_back(screen(centre.x_mm + a * ux - b * uy, centre.y_mm + a * uy + b * ux));
        }
        draw->AddPolyline(outline.data(), static_cast<int>(outline.size()), kEllipseColour, ImDrawFlags_Closed, 2.0f);
    }
    // The COP at the current frame.
    const auto now = std::lower_bound(balance.cop_path.begin(), balance.cop_path.end(), time_s,
                                      [](const analysis::TimedPoint& p, double t) { return p.time_s < t; });
    if (now != balance.cop_path.end() && now->point.valid())
        draw->AddCircleFilled(screen(now->point.x_mm, now->point.y_mm), 4.0f, IM_COL32(255, 255, 255, 255));
    draw->PopClipRect();

    char text[96];
    float y = square.y;
    const auto line = [&](const char* words, ImU32 colour) {
        draw->AddText(ImVec2(text_x, y), colour, words);
        y += ImGui::GetTextLineHeightWithSpacing();
    };
    line("COP sway (filtered),", kSwayPathColour);
    line("mm from its mean", kSwayPathColour);
    line("95 % ellipse:", kEllipseColour);
    std::snprintf(text, sizeof text, "area %.0f mm^2", ellipse.area_mm2);
    line(ellipse.valid() ? text : "not available", kEllipseColour);
    line("methods.md 8", kLabelColour);
    return square;
}

}  // namespace plantar::viz
