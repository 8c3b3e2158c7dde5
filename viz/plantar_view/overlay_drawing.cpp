// The analysis overlays over the print: region outlines (coarse, and the finer ones with a label
// each), foot axis with the arch-index thirds, the contact's centre-of-pressure path, the CPEI
// construction, and each drawn step's own numbers beside it. The geometry (plate mm -> window
// pixels, outlines, labels, which steps) is in overlay_geometry.hpp; this file only draws.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "plantar/analysis/config.hpp"
#include "plantar/viz/overlay_geometry.hpp"
#include "viewer_panels.hpp"

namespace plantar::viz {
namespace {

// Pure magenta for the foot axis and thirds: the colour map (blue-violet .. yellow at chroma
// <= 40) never comes near it, so a screenshot test can find the axis by colour.
const ImU32 kAxisColour = IM_COL32(255, 0, 255, 255);
const ImU32 kCopColour = IM_COL32(255, 255, 255, 255);
const ImU32 kCpeiColour = IM_COL32(0, 230, 255, 255);
const ImU32 kFineColour = IM_COL32(255, 200, 225, 220);
const ImU32 kRegionColours[] = {
    IM_COL32(90, 170, 255, 230),   // heel
    IM_COL32(110, 225, 110, 230),  // midfoot
    IM_COL32(255, 165, 60, 230),   // forefoot
    IM_COL32(200, 140, 255, 230),  // toes
};

struct Mapper {
    PlateBounds bounds;
    ImageRect image;
    ImVec2 operator()(const analysis::Point& p) const {
        const ScreenPoint s = plate_to_screen(bounds, image, p);
        return ImVec2(s.x, s.y);
    }
};

void draw_segment(ImDrawList* draw, const Mapper& map, const PlateSegment& segment, ImU32 colour, float thickness) {
    if (segment.a.valid() && segment.b.valid()) draw->AddLine(map(segment.a), map(segment.b), colour, thickness);
}

// Grid: the cell edges around each region. Sensors without a grid: a dot of the region's colour
// on each sensor (their cells do not tile, so there are no shared edges to outline).
void draw_regions(ImDrawList* draw, const Mapper& map, const PlateContent& content, const analysis::Footprint& footprint) {
    const PlateGeometry& geometry = content.header->geometry;
    const analysis::Region regions[] = {analysis::Region::Heel, analysis::Region::Midfoot, analysis::Region::Forefoot,
                                        analysis::Region::Toes};
    const SensorLayout& layout = content.header->layout;
    if (layout.has_placed_sensors()) {
        if (footprint.regions.size() != layout.sensors.size()) return;
        for (std::size_t i = 0; i < layout.sensors.size(); ++i) {
            const auto r = static_cast<std::size_t>(footprint.regions[i]);
            if (r >= 1 && r <= 4)
                draw->AddCircleFilled(map({layout.sensors[i].x_mm, layout.sensors[i].y_mm}), 2.0f, kRegionColours[r - 1]);
        }
        return;
    }
    for (std::size_t i = 0; i < std::size(regions); ++i)
        for (const PlateSegment& edge : region_outline(geometry, footprint.regions, regions[i]))
            draw_segment(draw, map, edge, kRegionColours[i], 1.5f);
}

void draw_fine_regions(ImDrawList* draw, const Mapper& map, const PlateContent& content, const analysis::Footprint& footprint) {
    if (content.header->layout.has_placed_sensors()) return;  // cell outlines need a grid
    // Labels only once sensors are large enough on screen for them not to cover the print.
    const double sensor_px = content.header->geometry.pitch_x_mm * pixels_per_mm(map.bounds, map.image);
    for (const FineRegion& region : fine_regions(content.header->geometry, footprint)) {
        for (const PlateSegment& edge : region.outline) draw_segment(draw, map, edge, kFineColour, 1.0f);
        if (!region.centre.valid() || sensor_px < 8.0) continue;
        const ImVec2 at = map(region.centre);
        const ImVec2 size = ImGui::CalcTextSize(region.label.c_str());
        draw->AddText(ImVec2(at.x - size.x / 2.0f, at.y - size.y / 2.0f), kFineColour, region.label.c_str());
    }
}

void draw_axis(ImDrawList* draw, const Mapper& map, const analysis::Footprint& footprint) {
    const analysis::FootAxis& axis = footprint.axis;
    draw_segment(draw, map, {axis.heel, axis.toe}, kAxisColour, 2.5f);
    // The thirds: short lines across the axis, half as wide as the heel (or 20 mm).
    const double half = std::isfinite(footprint.heel_width_mm) ? footprint.heel_width_mm / 2.0 : 20.0;
    for (double along : {footprint.third_heel_mid_mm, footprint.third_mid_fore_mm})
        if (std::isfinite(along)) draw_segment(draw, map, across_axis(axis, along, half), kAxisColour, 2.5f);
}

void draw_cop(ImDrawList* draw, const Mapper& map, const analysis::Contact& contact) {
    std::vector<ImVec2> points;
    for (const analysis::ContactSample& sample : contact.samples)
        if (sample.cop.valid()) points.push_back(map(sample.cop));
    if (points.size() >= 2) draw->AddPolyline(points.data(), static_cast<int>(points.size()), kCopColour, 0, 1.5f);
}

void draw_cpei(ImDrawList* draw, const Mapper& map, const analysis::CpeiResult& cpei) {
    if (!cpei.ok()) return;
    draw_segment(draw, map, {cpei.construction_start, cpei.construction_end}, kCpeiColour, 2.0f);
    draw_segment(draw, map, {cpei.line_medial_end, cpei.line_lateral_end}, kCpeiColour, 2.0f);
    if (cpei.construction_crossing.valid()) draw->AddCircleFilled(map(cpei.construction_crossing), 4.0f, kCpeiColour);
    if (cpei.cop_crossing.valid()) draw->AddCircleFilled(map(cpei.cop_crossing), 4.0f, kCopColour);
}

// The step's own side, arch index and CPEI on a dark box beside the print, on its lateral side,
// growing away from the foot.
void draw_step_numbers(ImDrawList* draw, const Mapper& map, const analysis::StepAnalysis& step) {
    static const analysis::ClassificationConfig config = analysis::AnalysisConfig{}.classification;  // as TrialView analyses
    const std::string text = step_label(step, config);
    const ImVec2 anchor = map(step_label_anchor(step.footprint));
    const ImVec2 heel = map(step.footprint.axis.heel);
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    // Kept inside the view (a print near the plate's edge would push it out).
    const ImVec2 view_min = draw->GetClipRectMin(), view_max = draw->GetClipRectMax();
    const float x = std::clamp(anchor.x >= heel.x ? anchor.x : anchor.x - size.x, view_min.x + 4.0f,
                               std::max(view_min.x + 4.0f, view_max.x - size.x - 4.0f));
    const ImVec2 min(x - 3.0f, anchor.y - size.y / 2.0f - 2.0f), max(x + size.x + 3.0f, anchor.y + size.y / 2.0f + 2.0f);
    draw->AddRectFilled(min, max, IM_COL32(0, 0, 0, 170), 3.0f);
    draw->AddText(ImVec2(x, anchor.y - size.y / 2.0f), IM_COL32_WHITE, text.c_str());
}

// What each colour means, one word each, along the view's top-left corner (the plate's far end,
// where a print rarely reaches).
void draw_key(ImDrawList* draw, const ViewState& state, ImVec2 at) {
    const float left = at.x, right = draw->GetClipRectMax().x;
    const auto word = [&](const char* text, ImU32 colour) {
        const ImVec2 size = ImGui::CalcTextSize(text);
        if (at.x > left && at.x + size.x > right) {  // on to the next line
            at.x = left;
            at.y += size.y + 2.0f;
        }
        // On a dark backing, so the key stays readable over a print.
        draw->AddRectFilled(ImVec2(at.x - 3.0f, at.y - 1.0f), ImVec2(at.x + size.x + 3.0f, at.y + size.y + 1.0f), IM_COL32(0, 0, 0, 150));
        draw->AddText(at, colour, text);
        at.x += size.x + 10.0f;
    };
    if (state.show_regions) {
        word("heel", kRegionColours[0]);
        word("midfoot", kRegionColours[1]);
        word("forefoot", kRegionColours[2]);
        word("toes", kRegionColours[3]);
    }
    if (state.show_fine_regions) {
        word("fine: M1-5 metatarsals,", kFineColour);
        word("Hx hallux, LT lesser toes,", kFineColour);
        word("MH/LH MM/LM MF/LF:", kFineColour);
        word("medial/lateral heel, midfoot, forefoot", kFineColour);
    }
    if (state.show_axis) word("axis, thirds", kAxisColour);
    if (state.show_cop) word("COP path", kCopColour);
    if (state.show_cpei) word("CPEI", kCpeiColour);
    if (state.show_step_numbers) {
        word("AI arch index,", IM_COL32_WHITE);
        word("CPEI (methods.md 5, 6.3),", IM_COL32_WHITE);
        word("* borderline", IM_COL32_WHITE);
    }
}

}  // namespace

void draw_overlays(const PlateContent& content, const ViewState& state, const ScreenRect& image) {
    if (content.analysis == nullptr || content.header == nullptr) return;
    // The step numbers go with the drawn overlays (--no-overlays leaves the heatmap alone).
    if (!state.show_regions && !state.show_fine_regions && !state.show_axis && !state.show_cop && !state.show_cpei) return;
    const Mapper map{plate_bounds(content.header->geometry, content.header->layout),
                     ImageRect{image.x, image.y, image.width, image.height, image.turns}};
    ImDrawList* draw = ImGui::GetWindowDrawList();
    // Within the image, and within the view the caller clipped to (the image may be zoomed past it).
    draw->PushClipRect(ImVec2(image.x, image.y), ImVec2(image.x + image.width, image.y + image.height), true);
    const std::vector<std::size_t> steps = steps_to_draw(*content.analysis, content.frame_index, state.all_steps);
    for (std::size_t index : steps) {
        const analysis::StepAnalysis& step = content.analysis->steps[index];
        if (state.show_regions) draw_regions(draw, map, content, step.footprint);
        if (state.show_fine_regions) draw_fine_regions(draw, map, content, step.footprint);
        if (state.show_cop) draw_cop(draw, map, step.contact);
        if (state.show_cpei) draw_cpei(draw, map, step.cpei);
        if (state.show_axis) draw_axis(draw, map, step.footprint);
    }
    if (state.show_step_numbers)
        for (std::size_t index : steps) draw_step_numbers(draw, map, content.analysis->steps[index]);
    if (!steps.empty()) {
        const ImVec2 view_corner = draw->GetClipRectMin();
        draw_key(draw, state, ImVec2(view_corner.x + 6.0f, view_corner.y + 4.0f));
    }
    draw->PopClipRect();
}

}  // namespace plantar::viz
