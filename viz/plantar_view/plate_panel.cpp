// The Plate panel: display options, the heatmap texture (or the sensors one by one when they have
// no grid) in a view that zooms and pans, the layers over it (plate_layers.cpp: sensor grid,
// isobars, COP trail), the analysis overlays (overlay_drawing.cpp) and the legend in kPa (or counts).
#include <GL/gl.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "plantar/viz/isobars.hpp"
#include "plantar/viz/print_orientation.hpp"
#include "plate_layers.hpp"
#include "viewer_panels.hpp"
#include "viewer_window.hpp"

namespace plantar::viz {
namespace {

constexpr float kLegendWidth = 110.0f;
constexpr float kMaxZoom = 64.0f;
constexpr ImGuiWindowFlags kFixedWindow =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;
// Texture keys of the peak image are kept apart from the frames' keys.
constexpr std::uint64_t kPeakKeyBit = std::uint64_t{1} << 63;

void begin_fixed_window(const char* name, ImVec2 position, ImVec2 size) {
    ImGui::SetNextWindowPos(position);
    ImGui::SetNextWindowSize(size);
    ImGui::Begin(name, nullptr, kFixedWindow);
}

ImU32 to_imgui(Rgba8 c) { return IM_COL32(c.r, c.g, c.b, c.a); }

std::string fixed(double value, int decimals) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

std::string round_value(double value) { return fixed(value, value == std::floor(value) ? 0 : 1); }

// The colour bar from 0 (bottom) to `scale` (top), with round tick values and the unit; with the
// isobars on, their step under it (the isobars are at the ticks).
void draw_legend(ImVec2 top_left, float height, double scale, const std::string& unit, double isobar_step) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float bar_width = 22.0f;
    const int segments = 96;
    for (int i = 0; i < segments; ++i) {
        const float y0 = top_left.y + height * static_cast<float>(i) / segments;
        const float y1 = top_left.y + height * static_cast<float>(i + 1) / segments;
        const ImU32 top = to_imgui(colour_map(1.0 - static_cast<double>(i) / segments));
        const ImU32 bottom = to_imgui(colour_map(1.0 - static_cast<double>(i + 1) / segments));
        draw->AddRectFilledMultiColor(ImVec2(top_left.x, y0), ImVec2(top_left.x + bar_width, y1), top, top, bottom, bottom);
    }
    for (double tick : legend_ticks(scale, 6)) {
        const float y = top_left.y + height * static_cast<float>(1.0 - tick / scale);
        const ImU32 mark = isobar_step > 0.0 && tick > 0.0 ? kIsobarColour : IM_COL32_WHITE;
        draw->AddLine(ImVec2(top_left.x + bar_width, y), ImVec2(top_left.x + bar_width + 5.0f, y), mark);
        draw->AddText(ImVec2(top_left.x + bar_width + 8.0f, y - ImGui::GetFontSize() * 0.5f), IM_COL32_WHITE,
                      round_value(tick).c_str());
    }
    draw->AddText(ImVec2(top_left.x, top_left.y - ImGui::GetFontSize() - 4.0f), IM_COL32_WHITE, unit.c_str());
    if (isobar_step > 0.0) {
        const std::string words = "isobars every\n" + round_value(isobar_step) + " " + unit;
        draw->AddText(ImVec2(top_left.x, top_left.y + height + 4.0f), kIsobarColour, words.c_str());
    }
}

bool has_values(const Frame* frame) { return frame != nullptr && !frame->pressure_kpa.empty(); }

void draw_controls(const PlateContent& content, ViewState& state) {
    ImGui::TextUnformatted("Display:");
    ImGui::SameLine();
    if (ImGui::RadioButton("smooth", state.interpolation == Interpolation::Bilinear)) state.interpolation = Interpolation::Bilinear;
    ImGui::SameLine();
    if (ImGui::RadioButton("per sensor", state.interpolation == Interpolation::Nearest)) state.interpolation = Interpolation::Nearest;
    ImGui::SameLine(0.0f, 24.0f);
    ImGui::TextUnformatted("Scale:");
    ImGui::SameLine();
    if (ImGui::RadioButton("trial peak", state.scale_mode == ScaleMode::TrialPeak)) state.scale_mode = ScaleMode::TrialPeak;
    ImGui::SameLine();
    if (ImGui::RadioButton("this frame", state.scale_mode == ScaleMode::ThisFrame)) state.scale_mode = ScaleMode::ThisFrame;
    ImGui::SameLine();
    if (ImGui::RadioButton("fixed", state.scale_mode == ScaleMode::Fixed)) state.scale_mode = ScaleMode::Fixed;
    if (state.scale_mode == ScaleMode::Fixed) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(140.0f);
        ImGui::DragFloat("##fixed_scale", &state.fixed_scale, 5.0f, 10.0f, 5000.0f, "%.0f");
    }
    ImGui::TextUnformatted("Show:");
    ImGui::SameLine();
    if (ImGui::RadioButton("this frame##show", !state.show_peak_image)) state.show_peak_image = false;
    ImGui::SameLine();
    if (ImGui::RadioButton("peak", state.show_peak_image)) state.show_peak_image = true;
    ImGui::SameLine(0.0f, 24.0f);
    ImGui::Checkbox("isobars", &state.show_isobars);
    if (!content.cop_trail.empty()) {
        ImGui::SameLine();
        ImGui::Checkbox("COP trail", &state.show_cop_trail);
    }
    ImGui::SameLine(0.0f, 24.0f);
    if (ImGui::Button("fit")) {
        state.zoom = 1.0f;
        state.pan_x = state.pan_y = 0.0f;
    }
    ImGui::SameLine();
    ImGui::Text("zoom %.1fx (wheel: zoom, drag: pan)", static_cast<double>(state.zoom));
    ImGui::TextUnformatted("Overlays:");
    ImGui::SameLine();
    ImGui::Checkbox("regions", &state.show_regions);
    ImGui::SameLine();
    ImGui::Checkbox("fine regions", &state.show_fine_regions);
    ImGui::SameLine();
    ImGui::Checkbox("axis + thirds", &state.show_axis);
    ImGui::SameLine();
    ImGui::Checkbox("COP path", &state.show_cop);
    ImGui::SameLine();
    ImGui::Checkbox("CPEI", &state.show_cpei);
    ImGui::SameLine();
    ImGui::Checkbox("step numbers", &state.show_step_numbers);
    ImGui::SameLine(0.0f, 24.0f);
    ImGui::Checkbox("all steps", &state.all_steps);
}

// Mouse wheel zooms about the cursor, a drag pans; both only over the view (the last item).
void handle_zoom_and_pan(ViewState& state, const PlateBounds& bounds, const ZoomedView& view) {
    const ImGuiIO& io = ImGui::GetIO();
    ImageRect image = view.image;
    bool moved = false;
    if (ImGui::IsItemHovered() && io.MouseWheel != 0.0f) {
        const float zoom = std::clamp(state.zoom * std::pow(1.25f, io.MouseWheel), 1.0f, kMaxZoom);
        image = zoom_about(image, state.zoom, zoom, ScreenPoint{io.MousePos.x, io.MousePos.y});
        state.zoom = zoom;
        moved = true;
    }
    if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.0f)) {
        image.x += io.MouseDelta.x;
        image.y += io.MouseDelta.y;
        moved = true;
    }
    if (!moved) return;
    const analysis::Point pan = pan_for_image(bounds, view.fitted, image);
    state.pan_x = static_cast<float>(pan.x_mm);
    state.pan_y = static_cast<float>(pan.y_mm);
    if (state.zoom <= 1.0f) state.pan_x = state.pan_y = 0.0f;  // zoomed out fully: back to the whole plate
}

// How the plate is turned: a one-foot trial (an insole, a foot crop) toes up, from its analysis
// (upright until the analysis is known); a long plate across a wide view unless --upright.
int plate_turns(const PlateContent& content, const ViewState& state, const PlateBounds& bounds, const ImageRect& space) {
    const PlateGeometry& geometry = content.header->geometry;
    const SensorLayout& layout = content.header->layout;
    if (layout.one_foot()) {
        if (content.analysis == nullptr || content.sensors == nullptr) return 0;
        const auto toes = heel_to_toe_direction(*content.analysis, *content.sensors);
        return toes ? quarter_turns_to_point_up(*toes) : 0;
    }
    return !state.upright && draw_plate_across(geometry, layout, bounds, space.width, space.height) ? 1 : 0;
}

}  // namespace

void apply_plate_options(const ViewerOptions& options, ViewState& state) {
    state.zoom = std::clamp(options.zoom, 1.0f, kMaxZoom);
    state.show_isobars = options.isobars;
    state.show_peak_image = options.peak_image;
    state.show_fine_regions = options.fine_regions;
    state.upright = options.upright;
}

PlateContent plate_content(const TrialView& view, const ViewState& state) {
    PlateContent content;
    content.header = &view.header();
    content.sensors = &view.sensors();
    content.frame = &view.frame(state.frame);
    content.frame_key = state.frame;
    content.trial_peak = view.peak_value();
    content.analysis = view.analysis();
    content.frame_index = state.frame;
    content.unit = view.value_unit();
    // The trial's peak image, null until the background read has made it; it changes when a
    // followed recording grows, and so does the number of frames it describes.
    content.peak_frame = view.peak_image();
    content.peak_key = content.peak_frame != nullptr ? view.analysed_frame_count() + 1 : 0;
    return content;
}

ScreenRect draw_plate_panel(const PlateContent& content, ViewState& state, HeatmapTexture& texture, float x, float y,
                            float panel_width, float panel_height) {
    begin_fixed_window("Plate", ImVec2(x, y), ImVec2(panel_width, panel_height));
    draw_controls(content, state);

    ScreenRect rect;
    if (content.frame == nullptr || content.header == nullptr) {
        ImGui::TextWrapped("No frame yet.");
        ImGui::End();
        return rect;
    }
    const PlateGeometry& geometry = content.header->geometry;
    const SensorLayout& layout = content.header->layout;
    if (layout.has_placed_sensors() && !layout.geometry_known) {
        ImGui::TextWrapped("This trial's export gives no sensor positions (a pedar insole: the values are known, "
                           "where each sensor sits is not), so there is no map to draw. The values, their peaks and "
                           "their timing are in the other panels.");
        ImGui::End();
        return rect;
    }
    // The frame, or the peak image when chosen and known.
    PlateContent shown = content;
    const bool peak = state.show_peak_image && has_values(content.peak_frame);
    if (peak) {
        shown.frame = content.peak_frame;
        shown.frame_key = content.peak_key | kPeakKeyBit;
    }
    const double scale = texture.update(shown, state);
    const std::span<const float> values = shown.frame->pressure_kpa;

    // The view: the space left of the legend, below a line for the overlays' key.
    const PlateBounds bounds = plate_bounds(geometry, layout);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float label_space = ImGui::GetFontSize() + 8.0f;
    const float legend_below = 2.0f * ImGui::GetFontSize() + 8.0f;  // "isobars every ..." (kept: the view does not jump)
    ImGui::Dummy(ImVec2(1.0f, label_space - ImGui::GetStyle().ItemSpacing.y));
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImageRect space{origin.x, origin.y, std::max(avail.x - kLegendWidth, 10.0f),
                          std::max(avail.y - label_space - legend_below, 10.0f)};
    const int turns = plate_turns(content, state, bounds, space);
    ZoomedView view = zoomed_view(bounds, space, state.zoom, state.pan_x, state.pan_y, turns);
    ImGui::InvisibleButton("##plate_view", ImVec2(view.fitted.width, view.fitted.height));
    handle_zoom_and_pan(state, bounds, view);
    view = zoomed_view(bounds, space, state.zoom, state.pan_x, state.pan_y, turns);
    const ImageRect& image = view.image;
    const ImVec2 clip_min(view.fitted.x, view.fitted.y), clip_max(view.fitted.x + view.fitted.width, view.fitted.y + view.fitted.height);

    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PushClipRect(clip_min, clip_max, true);
    if (texture.id() != 0) {
        const auto texture_id = reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(texture.id()));
        // The texture is the upright picture (the plate's last row at its top); each screen
        // corner takes the texture point the turn puts there.
        const ImVec2 top_left(image.x, image.y), bottom_right(image.x + image.width, image.y + image.height);
        const auto uv = [&](float u, float v) {
            const ScreenPoint t = upright_uv(image.turns, u, v);
            return ImVec2(t.x, t.y);
        };
        draw->AddImageQuad(texture_id, top_left, ImVec2(bottom_right.x, top_left.y), bottom_right,
                           ImVec2(top_left.x, bottom_right.y), uv(0, 0), uv(1, 0), uv(1, 1), uv(0, 1));
        draw_sensor_grid(geometry, layout, values, scale, bounds, image, view.fitted);
    } else if (layout.has_placed_sensors()) {
        draw_placed_sensors(layout, values, scale, bounds, image);
    }
    double isobar_step_shown = 0.0;
    if (state.show_isobars && !layout.has_placed_sensors()) {
        const std::vector<double> levels = isobar_levels(scale);
        draw_isobars(geometry, layout, values, levels, bounds, image);
        isobar_step_shown = levels.empty() ? 0.0 : levels.front();
    }
    rect = ScreenRect{image.x, image.y, image.width, image.height, image.turns};
    draw_overlays(content, state, rect);
    if (state.show_cop_trail) draw_cop_trail(content.cop_trail, bounds, image);
    draw->PopClipRect();

    if (state.show_peak_image && !peak)
        draw->AddText(ImVec2(clip_min.x + 6.0f, clip_max.y - ImGui::GetFontSize() - 4.0f), IM_COL32_WHITE,
                      "no peak image yet: showing this frame");
    else if (peak)
        draw->AddText(ImVec2(clip_min.x + 6.0f, clip_max.y - ImGui::GetFontSize() - 4.0f), IM_COL32_WHITE,
                      "peak pressure per sensor over the trial");
    if (state.show_isobars && layout.has_placed_sensors())
        draw->AddText(ImVec2(clip_min.x + 6.0f, clip_max.y - 2.0f * ImGui::GetFontSize() - 8.0f), IM_COL32_WHITE,
                      "isobars need a sensor grid; these sensors have none");
    draw_legend(ImVec2(clip_max.x + 16.0f, clip_min.y), view.fitted.height, scale, content.unit, isobar_step_shown);
    ImGui::End();
    return rect;
}

HeatmapTexture::~HeatmapTexture() {
    if (id_ != 0) glDeleteTextures(1, &id_);
}

double HeatmapTexture::update(const PlateContent& content, const ViewState& state) {
    const double requested = state.scale_mode == ScaleMode::TrialPeak && std::isfinite(content.trial_peak) ? nice_scale_max(content.trial_peak)
                             : state.scale_mode == ScaleMode::Fixed   ? static_cast<double>(state.fixed_scale)
                                                                      : 0.0;  // automatic per frame
    if (frame_key_ == content.frame_key && interpolation_ == state.interpolation && requested_scale_ == requested) return scale_;
    HeatmapOptions options;
    options.scale_max = requested;
    options.interpolation = state.interpolation;
    options.pixels_per_sensor = 8;
    const Heatmap heatmap = render_heatmap(content.header->geometry, content.header->layout,
                                           content.frame->pressure_kpa, options);
    frame_key_ = content.frame_key;
    interpolation_ = state.interpolation;
    requested_scale_ = requested;
    scale_ = heatmap.scale_max;
    if (heatmap.image.width == 0) return scale_;
    if (id_ == 0) {
        glGenTextures(1, &id_);
        glBindTexture(GL_TEXTURE_2D, id_);
        // The image already has 8 pixels per sensor; linear filtering only smooths the scaling.
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    }
    glBindTexture(GL_TEXTURE_2D, id_);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, heatmap.image.width, heatmap.image.height, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                 heatmap.image.pixels.data());
    width_ = heatmap.image.width;
    height_ = heatmap.image.height;
    return scale_;
}

}  // namespace plantar::viz
