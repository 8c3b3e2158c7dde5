// The Trial panel: the file, subject and trial, the frame's time and force, and the analysis of the
// whole trial per foot in plain words (borderline values marked).
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

const ImVec4 kBorderlineColour{1.0f, 0.72f, 0.25f, 1.0f};
const ImVec4 kDimColour{0.65f, 0.65f, 0.68f, 1.0f};

constexpr ImGuiWindowFlags kFixedWindow =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;

void begin_fixed_window(const char* name, ImVec2 position, ImVec2 size) {
    ImGui::SetNextWindowPos(position);
    ImGui::SetNextWindowSize(size);
    ImGui::Begin(name, nullptr, kFixedWindow);
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

}  // namespace

void draw_analysis_summary(const analysis::TrialAnalysis& trial_analysis) {
    draw_foot(summarize_foot(trial_analysis.left, "Left"));
    ImGui::Spacing();
    draw_foot(summarize_foot(trial_analysis.right, "Right"));
    if (!trial_analysis.notes.empty()) {
        ImGui::Separator();
        ImGui::PushStyleColor(ImGuiCol_Text, kDimColour);
        for (const std::string& note : trial_analysis.notes) ImGui::TextWrapped("%s", note.c_str());
        ImGui::PopStyleColor();
    }
}

void draw_trial_panel(const TrialView& view, const ViewState& state, float x, float y, float width, float height) {
    begin_fixed_window("Trial", ImVec2(x, y), ImVec2(width, height));
    ImGui::TextWrapped("%s", view.path().filename().string().c_str());
    ImGui::TextWrapped("Subject %s, trial %d of %d (%s, %.0f Hz)", view.subject().id.c_str(), view.trial(), view.trial_count(),
                       to_string(view.header().kind).c_str(), view.header().rate_hz);
    ImGui::Separator();
    ImGui::Text("Frame %zu of %zu at %.3f s", state.frame, view.frame_count(), view.time_s(state.frame));
    const double force = view.force_n(state.frame);
    if (std::isfinite(force))
        ImGui::Text("Total force: %.0f N", force);
    else
        ImGui::TextWrapped("Total force: not available (%s)",
                           view.sensors().positions_known() ? "raw counts, no calibration" : "sensor positions unknown");
    ImGui::Separator();
    ImGui::TextUnformatted("Analysis of the whole trial");
    ImGui::Spacing();
    const analysis::TrialAnalysis* trial_analysis = view.analysis();
    if (trial_analysis == nullptr) {
        ImGui::TextWrapped("Analysing...");
        ImGui::End();
        return;
    }
    draw_analysis_summary(*trial_analysis);
    ImGui::End();
}

}  // namespace plantar::viz
