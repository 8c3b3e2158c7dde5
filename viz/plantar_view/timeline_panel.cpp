// The Timeline panel: open a session, choose the trial, play/pause, speed, step, first/last frame,
// a loop range, follow a growing file; the bar below shows the analysis' steps (left foot above,
// right below; a click jumps to the step's first frame), the loop range and the current frame, and
// is scrubbed by dragging. Keys: see viz/README.md, "Replay". The logic is in timeline_marks.hpp.
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>

#include "plantar/viz/timeline_marks.hpp"
#include "viewer_panels.hpp"

namespace plantar::viz {
namespace {

constexpr ImGuiWindowFlags kFixedWindow = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                          ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                          ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar;

// Step colours: left blue, right orange (as a clinician's L/R convention in many plate tools);
// steps cut by the plate edge or the recording are drawn at 45 % brightness.
constexpr ImU32 kLeftStep = IM_COL32(70, 150, 255, 255);
constexpr ImU32 kLeftStepCut = IM_COL32(32, 68, 115, 255);
constexpr ImU32 kRightStep = IM_COL32(255, 140, 40, 255);
constexpr ImU32 kRightStepCut = IM_COL32(115, 63, 18, 255);
constexpr ImU32 kBarBackground = IM_COL32(40, 40, 46, 255);
constexpr ImU32 kTrack = IM_COL32(75, 75, 85, 255);
constexpr ImU32 kLoopOn = IM_COL32(255, 230, 90, 70);
constexpr ImU32 kLoopEdge = IM_COL32(255, 230, 90, 255);
constexpr ImU32 kLoopEdgeOff = IM_COL32(255, 230, 90, 110);
constexpr ImU32 kCurrentFrame = IM_COL32(255, 255, 255, 255);

ScreenRect g_last_bar;  // where the bar went last time, for --screenshot's report

void seek(const TrialView& view, ViewState& state, std::size_t frame) {
    state.frame = std::min(frame, view.frame_count() == 0 ? 0 : view.frame_count() - 1);
    state.play_time_s = view.time_s(state.frame);
}

void set_playing(const TrialView& view, ViewState& state, bool playing) {
    state.playing = playing && view.frame_count() > 1;
    if (!state.playing) return;
    if (state.loop && !LoopRange{state.loop_in, state.loop_out}.contains(state.frame))
        seek(view, state, state.loop_in);
    else if (!state.loop && state.frame + 1 >= view.frame_count())
        seek(view, state, 0);  // play again from the start
    state.play_time_s = view.time_s(state.frame);
}

void step_by(const TrialView& view, ViewState& state, long frames) {
    state.playing = false;
    seek(view, state, stepped_frame(state.frame, frames, view.frame_count()));
}

void set_loop_end(ViewState& state, bool in) {
    const std::size_t other = in ? state.loop_out : state.loop_in;
    const LoopRange range = in ? LoopRange::between(state.frame, std::max(other, state.frame))
                               : LoopRange::between(std::min(other, state.frame), state.frame);
    state.loop_in = range.in;
    state.loop_out = range.out;
}

// Looping with no range set loops the whole trial.
void toggle_loop(const TrialView& view, ViewState& state, bool on) {
    state.loop = on;
    if (on && state.loop_out <= state.loop_in) {
        state.loop_in = 0;
        state.loop_out = view.frame_count() == 0 ? 0 : view.frame_count() - 1;
    }
}

bool button(const char* label, const char* tooltip, float width = 0.0f) {
    const bool pressed = ImGui::Button(label, ImVec2(width, 0.0f));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tooltip);
    return pressed;
}

// Keys work whenever no text field or popup (Open dialog, trial list) has them.
void handle_keys(const TrialView& view, ViewState& state) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) return;
    if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_O, false)) state.open_requested = true;
    const long stride = io.KeyShift ? 10 : 1;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false)) set_playing(view, state, !state.playing);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) step_by(view, state, -stride);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) step_by(view, state, stride);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Home), false)) step_by(view, state, -static_cast<long>(view.frame_count()));
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_End), false)) step_by(view, state, static_cast<long>(view.frame_count()));
    if (io.KeyCtrl) return;
    if (ImGui::IsKeyPressed(GLFW_KEY_I, false)) set_loop_end(state, true);
    if (ImGui::IsKeyPressed(GLFW_KEY_O, false)) set_loop_end(state, false);
    if (ImGui::IsKeyPressed(GLFW_KEY_L, false)) toggle_loop(view, state, !state.loop);
    if (ImGui::IsKeyPressed(GLFW_KEY_F, false)) state.follow = !state.follow;
}

void draw_trial_chooser(const TrialView& view, ViewState& state) {
    const int current = view.trial();
    const std::string preview = current >= 0 && static_cast<std::size_t>(current) < state.trial_choices.size()
                                    ? state.trial_choices[static_cast<std::size_t>(current)]
                                    : "trial " + std::to_string(current);
    ImGui::SetNextItemWidth(250.0f);
    if (ImGui::BeginCombo("##trial", preview.c_str())) {
        for (std::size_t t = 0; t < state.trial_choices.size(); ++t) {
            const bool selected = static_cast<int>(t) == current;
            if (ImGui::Selectable(state.trial_choices[t].c_str(), selected) && !selected) state.chosen_trial = static_cast<int>(t);
            if (selected) ImGui::SetItemDefaultFocus();
        }
        ImGui::EndCombo();
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("The session's trials: index, kind, frames, duration, start time");
}

void draw_controls(const TrialView& view, ViewState& state) {
    if (button("Open...", "Open a session file (Ctrl+O)")) state.open_requested = true;
    ImGui::SameLine();
    draw_trial_chooser(view, state);
    ImGui::SameLine(0.0f, 16.0f);
    if (button("|<", "First frame (Home)")) step_by(view, state, -static_cast<long>(view.frame_count()));
    ImGui::SameLine();
    if (button("<", "One frame back (Left; Shift+Left: 10 frames)")) step_by(view, state, ImGui::GetIO().KeyShift ? -10 : -1);
    ImGui::SameLine();
    if (button(state.playing ? "Pause" : "Play", "Play or pause (Space)", 56.0f)) set_playing(view, state, !state.playing);
    ImGui::SameLine();
    if (button(">", "One frame forward (Right; Shift+Right: 10 frames)")) step_by(view, state, ImGui::GetIO().KeyShift ? 10 : 1);
    ImGui::SameLine();
    if (button(">|", "Last frame (End)")) step_by(view, state, static_cast<long>(view.frame_count()));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(100.0f);
    ImGui::SliderFloat("##speed", &state.speed, 0.1f, 4.0f, "speed %.1fx");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Playback speed, 0.1x to 4x (Ctrl+click to type)");
    ImGui::SameLine(0.0f, 16.0f);
    if (button("In", "Loop range starts at this frame (I)")) set_loop_end(state, true);
    ImGui::SameLine();
    if (button("Out", "Loop range ends at this frame (O)")) set_loop_end(state, false);
    ImGui::SameLine();
    if (bool loop = state.loop; ImGui::Checkbox("loop", &loop)) toggle_loop(view, state, loop);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Play frames %zu to %zu over and over (L)", state.loop_in, state.loop_out);
    ImGui::SameLine();
    ImGui::Checkbox("follow", &state.follow);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("A file being written: stay on the newest frame (F)");
    ImGui::SameLine(0.0f, 16.0f);
    ImGui::Text("frame %zu / %zu  %.3f / %.3f s", state.frame, view.frame_count(), view.time_s(state.frame), view.duration_s());
}

void draw_bar(const TrialView& view, ViewState& state) {
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 size(std::max(ImGui::GetContentRegionAvail().x, 1.0f), std::max(ImGui::GetContentRegionAvail().y, 30.0f));
    ImGui::InvisibleButton("##timeline", size);
    g_last_bar = {origin.x, origin.y, size.x, size.y};
    const TimelineScale scale{origin.x, size.x, view.frame_count()};
    // Rows: the scrub track, then left steps, then right steps.
    const float track_height = std::floor(size.y * 0.3f);
    const float row_height = std::floor((size.y - track_height - 2.0f) * 0.5f);
    const float left_top = origin.y + track_height + 1.0f;
    const float right_top = left_top + row_height + 1.0f;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + size.y), kBarBackground);
    draw->AddRectFilled(ImVec2(origin.x, origin.y + track_height * 0.35f), ImVec2(origin.x + size.x, origin.y + track_height * 0.65f),
                        kTrack);

    const analysis::TrialAnalysis* trial_analysis = view.analysis();
    const std::vector<StepSpan> spans = trial_analysis != nullptr ? step_spans(*trial_analysis) : std::vector<StepSpan>{};
    for (const StepSpan& span : spans) {
        const bool left = row_of(span.side) == TimelineRow::Left;
        const float top = left ? left_top : right_top;
        const ImU32 colour = left ? (span.complete ? kLeftStep : kLeftStepCut) : (span.complete ? kRightStep : kRightStepCut);
        // At least 2 px wide, so a short step in a long recording stays visible and clickable.
        const float x0 = scale.x_of_frame(span.first_frame);
        const float x1 = std::max(scale.x_of_frame(span.last_frame + 1), x0 + 2.0f);
        draw->AddRectFilled(ImVec2(x0, top), ImVec2(x1, top + row_height), colour);
    }
    if (trial_analysis == nullptr)
        draw->AddText(ImVec2(origin.x + 6.0f, left_top), IM_COL32(200, 200, 200, 255), "steps: analysing...");

    if (state.loop_out > state.loop_in || state.loop) {
        const float x0 = scale.x_of_frame(state.loop_in);
        const float x1 = scale.x_of_frame(state.loop_out + 1);
        if (state.loop) draw->AddRectFilled(ImVec2(x0, origin.y), ImVec2(x1, origin.y + size.y), kLoopOn);
        const ImU32 edge = state.loop ? kLoopEdge : kLoopEdgeOff;
        draw->AddLine(ImVec2(x0, origin.y), ImVec2(x0, origin.y + size.y), edge, 2.0f);
        draw->AddLine(ImVec2(x1, origin.y), ImVec2(x1, origin.y + size.y), edge, 2.0f);
    }
    const float now_x = (scale.x_of_frame(state.frame) + scale.x_of_frame(state.frame + 1)) * 0.5f;
    draw->AddLine(ImVec2(now_x, origin.y), ImVec2(now_x, origin.y + size.y), kCurrentFrame, 2.0f);
    draw->AddTriangleFilled(ImVec2(now_x - 5.0f, origin.y), ImVec2(now_x + 5.0f, origin.y), ImVec2(now_x, origin.y + 6.0f),
                            kCurrentFrame);

    // A press on a step jumps to its first frame; anywhere else (or dragging) scrubs.
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const std::size_t frame_under_mouse = scale.frame_at_x(mouse.x);
    const bool in_steps = mouse.y >= left_top;
    const TimelineRow row = mouse.y >= right_top ? TimelineRow::Right : TimelineRow::Left;
    const StepSpan* hit = in_steps ? span_at(spans, row, frame_under_mouse) : nullptr;
    ImGuiStorage* storage = ImGui::GetStateStorage();
    const ImGuiID pressed_on_step = ImGui::GetID("pressed on a step");
    if (ImGui::IsItemActivated()) {
        storage->SetBool(pressed_on_step, hit != nullptr);
        state.playing = false;
        if (hit) seek(view, state, hit->first_frame);
    }
    if (ImGui::IsItemActive() && !storage->GetBool(pressed_on_step)) seek(view, state, frame_under_mouse);
    if (ImGui::IsItemHovered()) {
        if (hit)
            ImGui::SetTooltip("%s step %zu: frames %zu to %zu, %.2f s%s; click: go to its first frame",
                              row == TimelineRow::Left ? "Left" : "Right", hit->step, hit->first_frame, hit->last_frame,
                              view.time_s(hit->last_frame) - view.time_s(hit->first_frame),
                              hit->complete ? "" : " (cut by the plate edge or the recording)");
        else
            ImGui::SetTooltip("frame %zu at %.3f s; drag to scrub", frame_under_mouse, view.time_s(frame_under_mouse));
    }
}

}  // namespace

void draw_timeline_panel(const TrialView& view, ViewState& state, float x, float y, float width, float height) {
    ImGui::SetNextWindowPos(ImVec2(x, y));
    ImGui::SetNextWindowSize(ImVec2(width, height));
    ImGui::Begin("Timeline", nullptr, kFixedWindow);
    handle_keys(view, state);
    draw_controls(view, state);
    draw_bar(view, state);
    ImGui::End();
}

void advance_playback(const TrialView& view, ViewState& state, double seconds) {
    const std::optional<LoopRange> loop =
        state.loop ? std::optional<LoopRange>(LoopRange{state.loop_in, state.loop_out}) : std::nullopt;
    const PlaybackPosition next = advance_playback_clock(view, PlaybackPosition{state.frame, state.play_time_s, state.playing},
                                                         seconds, static_cast<double>(state.speed), loop);
    state.frame = next.frame;
    state.play_time_s = next.clock_s;
    state.playing = next.playing;
}

ScreenRect last_timeline_bar() { return g_last_bar; }

}  // namespace plantar::viz
