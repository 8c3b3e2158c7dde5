// The Plate panel: display options, the heatmap texture, the overlays (overlay_drawing.cpp) and
// the legend in kPa (or counts).
#include <GL/gl.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>

#include "viewer_panels.hpp"

namespace plantar::viz {
namespace {

constexpr float kLegendWidth = 96.0f;
constexpr ImGuiWindowFlags kFixedWindow =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;

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

// The colour bar from 0 (bottom) to `scale` (top), with round tick values and the unit.
void draw_legend(ImVec2 top_left, float height, double scale, const std::string& unit) {
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
        draw->AddLine(ImVec2(top_left.x + bar_width, y), ImVec2(top_left.x + bar_width + 5.0f, y), IM_COL32_WHITE);
        const std::string label = fixed(tick, tick == std::floor(tick) ? 0 : 1);
        draw->AddText(ImVec2(top_left.x + bar_width + 8.0f, y - ImGui::GetFontSize() * 0.5f), IM_COL32_WHITE, label.c_str());
    }
    draw->AddText(ImVec2(top_left.x, top_left.y - ImGui::GetFontSize() - 4.0f), IM_COL32_WHITE, unit.c_str());
}

}  // namespace

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
    return content;
}

ScreenRect draw_plate_panel(const PlateContent& content, ViewState& state, HeatmapTexture& texture, float x, float y,
                            float panel_width, float panel_height) {
    begin_fixed_window("Plate", ImVec2(x, y), ImVec2(panel_width, panel_height));
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
    ImGui::TextUnformatted("Overlays:");
    ImGui::SameLine();
    ImGui::Checkbox("regions", &state.show_regions);
    ImGui::SameLine();
    ImGui::Checkbox("axis + thirds", &state.show_axis);
    ImGui::SameLine();
    ImGui::Checkbox("COP path", &state.show_cop);
    ImGui::SameLine();
    ImGui::Checkbox("CPEI", &state.show_cpei);
    ImGui::SameLine(0.0f, 24.0f);
    ImGui::Checkbox("all steps", &state.all_steps);

    ScreenRect rect;
    if (content.frame == nullptr || content.header == nullptr) {
        ImGui::TextWrapped("No frame yet.");
        ImGui::End();
        return rect;
    }
    const double scale = texture.update(content, state);
    if (texture.id() == 0) {
        ImGui::TextWrapped("This trial's sensors have no grid (an insole or placed sensors); drawing them is not done yet.");
        ImGui::End();
        return rect;
    }
    // Fit the plate, at its physical aspect (mm), into the space left of the legend.
    const PlateGeometry& g = content.header->geometry;
    const double aspect = g.width_mm() > 0 && g.length_mm() > 0 ? g.width_mm() / g.length_mm()
                                                                  : static_cast<double>(g.cols) / g.rows;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float label_space = ImGui::GetFontSize() + 8.0f;
    float height = std::max(avail.y - label_space, 10.0f);
    float width = static_cast<float>(static_cast<double>(height) * aspect);
    if (width > avail.x - kLegendWidth) {
        width = std::max(avail.x - kLegendWidth, 10.0f);
        height = static_cast<float>(static_cast<double>(width) / aspect);
    }
    ImGui::Dummy(ImVec2(1.0f, label_space - ImGui::GetStyle().ItemSpacing.y));
    const auto texture_id = reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(texture.id()));
    ImGui::Image(texture_id, ImVec2(width, height));
    const ImVec2 min = ImGui::GetItemRectMin();
    rect = ScreenRect{min.x, min.y, width, height};
    draw_overlays(content, state, rect);
    draw_legend(ImVec2(min.x + width + 16.0f, min.y), height, scale, content.unit);
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
