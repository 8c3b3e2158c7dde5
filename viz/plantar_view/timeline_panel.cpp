// The Timeline panel: play/pause, speed, the frame slider and the time; and the playback clock.
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

constexpr ImGuiWindowFlags kFixedWindow =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;

void begin_fixed_window(const char* name, ImVec2 position, ImVec2 size) {
    ImGui::SetNextWindowPos(position);
    ImGui::SetNextWindowSize(size);
    ImGui::Begin(name, nullptr, kFixedWindow);
}

}  // namespace

void draw_timeline_panel(const TrialView& view, ViewState& state, float x, float y, float width, float height) {
    begin_fixed_window("Timeline", ImVec2(x, y), ImVec2(width, height));
    if (ImGui::Button(state.playing ? "Pause" : "Play", ImVec2(72.0f, 0.0f))) {
        state.playing = !state.playing;
        if (state.playing) {
            if (state.frame + 1 >= view.frame_count()) state.frame = 0;  // play again from the start
            state.play_time_s = view.time_s(state.frame);
        }
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(110.0f);
    ImGui::SliderFloat("speed", &state.speed, 0.1f, 4.0f, "%.1fx");
    ImGui::SameLine();
    int frame = static_cast<int>(state.frame);
    const int last = static_cast<int>(view.frame_count()) - 1;
    ImGui::SetNextItemWidth(-220.0f);
    if (ImGui::SliderInt("##frame", &frame, 0, last, "frame %d")) {
        state.frame = static_cast<std::size_t>(std::clamp(frame, 0, last));
        state.play_time_s = view.time_s(state.frame);
    }
    ImGui::SameLine();
    ImGui::Text("%.3f / %.3f s", view.time_s(state.frame), view.duration_s());
    ImGui::End();
}

void advance_playback(const TrialView& view, ViewState& state, double seconds) {
    if (!state.playing || view.frame_count() == 0) return;
    state.play_time_s += seconds * static_cast<double>(state.speed);
    state.frame = view.frame_at_time(state.play_time_s);
    if (state.play_time_s >= view.duration_s()) {
        state.frame = view.frame_count() - 1;
        state.playing = false;
    }
}

}  // namespace plantar::viz
