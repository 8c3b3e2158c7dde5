#include "viewer_panels.hpp"

#include <GL/gl.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>

namespace plantar::viz {
namespace {

constexpr float kSidePanelWidth = 420.0f;
constexpr float kTimelineHeight = 84.0f;
constexpr float kLegendWidth = 96.0f;
constexpr ImGuiWindowFlags kFixedWindow =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;
const ImVec4 kBorderlineColour{1.0f, 0.72f, 0.25f, 1.0f};
const ImVec4 kDimColour{0.65f, 0.65f, 0.68f, 1.0f};

ImU32 to_imgui(Rgba8 c) { return IM_COL32(c.r, c.g, c.b, c.a); }

std::string fixed(double value, int decimals) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

void begin_fixed_window(const char* name, ImVec2 position, ImVec2 size) {
    ImGui::SetNextWindowPos(position);
    ImGui::SetNextWindowSize(size);
    ImGui::Begin(name, nullptr, kFixedWindow);
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

ScreenRect draw_plate(const TrialView& view, ViewState& state, HeatmapTexture& texture, ImVec2 size) {
    begin_fixed_window("Plate", ImVec2(0, 0), size);
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

    const double scale = texture.update(view, state);
    ScreenRect rect;
    if (texture.id() == 0) {
        ImGui::TextWrapped("This trial's sensors have no grid (an insole or placed sensors); drawing them is not done yet.");
        ImGui::End();
        return rect;
    }
    // Fit the plate, at its physical aspect (mm), into the space left of the legend.
    const PlateGeometry& g = view.info.header.geometry;
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
    draw_overlays(view, state, rect);
    draw_legend(ImVec2(min.x + width + 16.0f, min.y), height, scale, view.value_unit());
    ImGui::End();
    return rect;
}

void draw_foot(const FootSummary& foot) {
    ImGui::TextUnformatted(foot.title.c_str());
    ImGui::Indent();
    const auto line = [](const std::string& text, bool borderline, const std::string& margin) {
        ImGui::TextWrapped("%s", text.c_str());
        if (borderline) ImGui::TextColored(kBorderlineColour, "BORDERLINE: %s", margin.c_str());
    };
    line(foot.foot_type, foot.foot_type_borderline, foot.foot_type_margin);
    line(foot.pronation, foot.pronation_borderline, foot.pronation_margin);
    for (const std::string& advice : foot.recommendations) {
        ImGui::PushStyleColor(ImGuiCol_Text, kDimColour);
        ImGui::TextWrapped("- %s", advice.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::Unindent();
}

void draw_side_panel(const TrialView& view, const ViewState& state, ImVec2 position, ImVec2 size) {
    begin_fixed_window("Trial", position, size);
    ImGui::TextWrapped("%s", view.path.filename().string().c_str());
    ImGui::TextWrapped("Subject %s, trial %d of %d (%s, %.0f Hz)", view.subject.id.c_str(), view.trial, view.trial_count,
                       to_string(view.info.header.kind).c_str(), view.info.header.rate_hz);
    ImGui::Separator();
    ImGui::Text("Frame %zu of %zu at %.3f s", state.frame, view.frames.size(), view.time_s(state.frame));
    const double force = view.force_n(state.frame);
    if (std::isfinite(force))
        ImGui::Text("Total force: %.0f N", force);
    else
        ImGui::TextWrapped("Total force: not available (%s)",
                           view.sensors.positions_known() ? "raw counts, no calibration" : "sensor positions unknown");
    ImGui::Separator();
    ImGui::TextUnformatted("Analysis of the whole trial");
    ImGui::Spacing();
    draw_foot(summarize_foot(view.analysis.left, "Left"));
    ImGui::Spacing();
    draw_foot(summarize_foot(view.analysis.right, "Right"));
    if (!view.analysis.notes.empty()) {
        ImGui::Separator();
        ImGui::PushStyleColor(ImGuiCol_Text, kDimColour);
        for (const std::string& note : view.analysis.notes) ImGui::TextWrapped("%s", note.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::End();
}

void draw_timeline(const TrialView& view, ViewState& state, ImVec2 position, ImVec2 size) {
    begin_fixed_window("Timeline", position, size);
    if (ImGui::Button(state.playing ? "Pause" : "Play", ImVec2(72.0f, 0.0f))) {
        state.playing = !state.playing;
        if (state.playing) {
            if (state.frame + 1 >= view.frames.size()) state.frame = 0;  // play again from the start
            state.play_time_s = view.time_s(state.frame);
        }
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(110.0f);
    ImGui::SliderFloat("speed", &state.speed, 0.1f, 4.0f, "%.1fx");
    ImGui::SameLine();
    int frame = static_cast<int>(state.frame);
    const int last = static_cast<int>(view.frames.size()) - 1;
    ImGui::SetNextItemWidth(-220.0f);
    if (ImGui::SliderInt("##frame", &frame, 0, last, "frame %d")) {
        state.frame = static_cast<std::size_t>(std::clamp(frame, 0, last));
        state.play_time_s = view.time_s(state.frame);
    }
    ImGui::SameLine();
    ImGui::Text("%.3f / %.3f s", view.time_s(state.frame), view.duration_s());
    ImGui::End();
}

}  // namespace

HeatmapTexture::~HeatmapTexture() {
    if (id_ != 0) glDeleteTextures(1, &id_);
}

double HeatmapTexture::update(const TrialView& view, const ViewState& state) {
    const double requested = state.scale_mode == ScaleMode::TrialPeak ? nice_scale_max(view.peak_value)
                             : state.scale_mode == ScaleMode::Fixed   ? static_cast<double>(state.fixed_scale)
                                                                      : 0.0;  // automatic per frame
    if (frame_ == state.frame && interpolation_ == state.interpolation && requested_scale_ == requested) return scale_;
    HeatmapOptions options;
    options.scale_max = requested;
    options.interpolation = state.interpolation;
    options.pixels_per_sensor = 8;
    const Heatmap heatmap = render_heatmap(view.info.header.geometry, view.info.header.layout,
                                           view.frames[state.frame].pressure_kpa, options);
    frame_ = state.frame;
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

void advance_playback(const TrialView& view, ViewState& state, double seconds) {
    if (!state.playing || view.frames.empty()) return;
    state.play_time_s += seconds * static_cast<double>(state.speed);
    state.frame = view.frame_at_time(state.play_time_s);
    if (state.play_time_s >= view.duration_s()) {
        state.frame = view.frames.size() - 1;
        state.playing = false;
    }
}

ScreenRect draw_live_plate(const TrialView& view, ViewState& state, HeatmapTexture& texture, float width, float height) {
    return draw_plate(view, state, texture, ImVec2(width, height));
}

ScreenRect draw_viewer(const TrialView& view, ViewState& state, HeatmapTexture& texture, float width, float height) {
    const float main_height = height - kTimelineHeight;
    const ScreenRect rect = draw_plate(view, state, texture, ImVec2(width - kSidePanelWidth, main_height));
    draw_side_panel(view, state, ImVec2(width - kSidePanelWidth, 0.0f), ImVec2(kSidePanelWidth, main_height));
    draw_timeline(view, state, ImVec2(0.0f, main_height), ImVec2(width, kTimelineHeight));
    return rect;
}

}  // namespace plantar::viz
