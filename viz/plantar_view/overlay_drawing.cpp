// The analysis overlays over the print: region outlines, foot axis with the arch-index thirds,
// the contact's centre-of-pressure path and the CPEI construction. The geometry (plate mm ->
// window pixels, outlines, which steps) is in overlay_geometry.hpp; this file only draws.
#include <imgui.h>

#include <cmath>
#include <vector>

#include "plantar/viz/overlay_geometry.hpp"
#include "viewer_panels.hpp"

namespace plantar::viz {
namespace {

// Pure magenta for the foot axis and thirds: the colour map (blue-violet .. yellow at chroma
// <= 40) never comes near it, so a screenshot test can find the axis by colour.
const ImU32 kAxisColour = IM_COL32(255, 0, 255, 255);
const ImU32 kCopColour = IM_COL32(255, 255, 255, 255);
const ImU32 kCpeiColour = IM_COL32(0, 230, 255, 255);
const ImU32 kRegionColours[] = {
    IM_COL32(90, 170, 255, 230),   // heel
    IM_COL32(110, 225, 110, 230),  // midfoot
    IM_COL32(255, 165, 60, 230),   // forefoot
    IM_COL32(200, 140, 255, 230),  // toes
};

struct Mapper {
    const PlateGeometry& geometry;
    ImageRect image;
    ImVec2 operator()(const analysis::Point& p) const {
        const ScreenPoint s = plate_to_screen(geometry, image, p);
        return ImVec2(s.x, s.y);
    }
};

void draw_segment(ImDrawList* draw, const Mapper& map, const PlateSegment& segment, ImU32 colour, float thickness) {
    if (segment.a.valid() && segment.b.valid()) draw->AddLine(map(segment.a), map(segment.b), colour, thickness);
}

void draw_regions(ImDrawList* draw, const Mapper& map, const analysis::Footprint& footprint) {
    const analysis::Region regions[] = {analysis::Region::Heel, analysis::Region::Midfoot, analysis::Region::Forefoot,
                                        analysis::Region::Toes};
    for (std::size_t i = 0; i < std::size(regions); ++i)
        for (const PlateSegment& edge : region_outline(map.geometry, footprint.regions, regions[i]))
            draw_segment(draw, map, edge, kRegionColours[i], 1.5f);
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

// What each colour means, one word each, along the image's top-left corner (the plate's far end,
// where a print rarely reaches).
void draw_key(ImDrawList* draw, const ViewState& state, ImVec2 at) {
    const auto word = [&](const char* text, ImU32 colour) {
        draw->AddText(at, colour, text);
        at.x += ImGui::CalcTextSize(text).x + 10.0f;
    };
    if (state.show_regions) {
        word("heel", kRegionColours[0]);
        word("midfoot", kRegionColours[1]);
        word("forefoot", kRegionColours[2]);
        word("toes", kRegionColours[3]);
    }
    if (state.show_axis) word("axis, thirds", kAxisColour);
    if (state.show_cop) word("COP path", kCopColour);
    if (state.show_cpei) word("CPEI", kCpeiColour);
}

}  // namespace

void draw_overlays(const PlateContent& content, const ViewState& state, const ScreenRect& image) {
    if (content.analysis == nullptr || content.header == nullptr) return;
    if (!state.show_regions && !state.show_axis && !state.show_cop && !state.show_cpei) return;
    const Mapper map{content.header->geometry, ImageRect{image.x, image.y, image.width, image.height}};
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PushClipRect(ImVec2(image.x, image.y), ImVec2(image.x + image.width, image.y + image.height), true);
    const std::vector<std::size_t> steps = steps_to_draw(*content.analysis, content.frame_index, state.all_steps);
    for (std::size_t index : steps) {
        const analysis::StepAnalysis& step = content.analysis->steps[index];
        if (state.show_regions) draw_regions(draw, map, step.footprint);
        if (state.show_cop) draw_cop(draw, map, step.contact);
        if (state.show_cpei) draw_cpei(draw, map, step.cpei);
        if (state.show_axis) draw_axis(draw, map, step.footprint);
    }
    if (!steps.empty()) draw_key(draw, state, ImVec2(image.x + 6.0f, image.y + 4.0f));
    draw->PopClipRect();
}

}  // namespace plantar::viz
