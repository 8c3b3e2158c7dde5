// The Trial panel: the file, subject and trial, the frame's time and force; then the analysis of
// the whole trial with the left and right foot side by side; the step(s) in stance at this frame;
// the steps table (a click on a row goes to the step's first frame); a standing trial's balance;
// the notes. Its words come from trial_panel_text (viz/src), which --screenshot prints too.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>

#include "curves_drawing.hpp"
#include "plantar/viz/trial_curves.hpp"
#include "plantar/viz/trial_panel_text.hpp"
#include "viewer_panels.hpp"

namespace plantar::viz {
namespace {

const ImVec4 kBorderlineColour{1.0f, 0.72f, 0.25f, 1.0f};
const ImVec4 kDimColour{0.65f, 0.65f, 0.68f, 1.0f};
const ImVec4 kHeadingColour{0.85f, 0.92f, 1.0f, 1.0f};

constexpr ImGuiWindowFlags kFixedWindow =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;

void draw_lines(const std::vector<PanelLine>& lines) {
    for (const PanelLine& line : lines) {
        switch (line.style) {
            case LineStyle::Normal: ImGui::TextWrapped("%s", line.text.c_str()); break;
            case LineStyle::Heading: ImGui::TextColored(kHeadingColour, "%s", line.text.c_str()); break;
            case LineStyle::Borderline:
                ImGui::PushStyleColor(ImGuiCol_Text, kBorderlineColour);
                ImGui::TextWrapped("%s", line.text.c_str());
                ImGui::PopStyleColor();
                break;
            case LineStyle::Dim:
                ImGui::PushStyleColor(ImGuiCol_Text, kDimColour);
                ImGui::TextWrapped("%s", line.text.c_str());
                ImGui::PopStyleColor();
                break;
        }
    }
}

void heading(const char* text) {
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::TextColored(kHeadingColour, "%s", text);
}

// The steps table; returns the first frame of the row clicked, if any.
std::optional<std::size_t> draw_steps_table(const std::vector<StepRow>& rows) {
    std::optional<std::size_t> clicked;
    constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                       ImGuiTableFlags_SizingFixedFit;
    const float rows_shown = static_cast<float>(std::min<std::size_t>(rows.size(), 8) + 1);
    if (!ImGui::BeginTable("steps", static_cast<int>(kStepColumns.size()), kFlags,
                           ImVec2(0.0f, rows_shown * ImGui::GetTextLineHeightWithSpacing() + 6.0f)))
        return clicked;
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const char* column : kStepColumns) ImGui::TableSetupColumn(column);
    ImGui::TableHeadersRow();
    // Only the visible rows are submitted: a long walk has hundreds of steps.
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step())
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const StepRow& row = rows[static_cast<std::size_t>(r)];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(static_cast<int>(row.step));
            if (ImGui::Selectable(row.cells[0].c_str(), row.in_stance, ImGuiSelectableFlags_SpanAllColumns)) clicked = row.first_frame;
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("go to frame %zu, the step's first", row.first_frame);
            ImGui::PopID();
            for (std::size_t c = 1; c < row.cells.size(); ++c) {
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(row.cells[c].c_str());
            }
        }
    ImGui::EndTable();
    return clicked;
}

// Everything below the trial's header; returns a clicked step's first frame.
std::optional<std::size_t> draw_analysis(const AnalysisText& text, bool with_steps) {
    if (!text.feet[0].empty() || !text.feet[1].empty()) {
        if (ImGui::BeginTable("feet", 2, ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchSame)) {
            for (const auto& foot : text.feet) {
                ImGui::TableNextColumn();
                draw_lines(foot);
            }
            ImGui::EndTable();
        }
    }
    if (!text.balance.empty()) draw_lines(text.balance);
    std::optional<std::size_t> clicked;
    if (with_steps) {
        if (!text.this_step.empty()) {
            heading("This step");
            draw_lines(text.this_step);
        }
        if (!text.steps.empty()) {
            heading("Steps (click: go to its first frame)");
            clicked = draw_steps_table(text.steps);
        }
    }
    if (!text.notes.empty()) {
        heading("Notes");
        draw_lines(text.notes);
    }
    return clicked;
}

// The panel's text for the last analysis and frame drawn: made again only when either changes.
const AnalysisText& cached_text(const analysis::TrialAnalysis& trial_analysis, std::size_t frame) {
    static const analysis::TrialAnalysis* cached_analysis = nullptr;
    static std::size_t cached_frame = 0;
    static AnalysisText text;
    if (cached_analysis != &trial_analysis || cached_frame != frame) {
        text = analysis_text(trial_analysis, frame);
        cached_analysis = &trial_analysis;
        cached_frame = frame;
    }
    return text;
}

}  // namespace

void draw_analysis_summary(const analysis::TrialAnalysis& trial_analysis) {
    // The live view's frames are not numbered like the analysis's steps: no step table here.
    draw_analysis(analysis_text(trial_analysis, std::nullopt), false);
}

void draw_trial_panel(const TrialView& view, ViewState& state, float x, float y, float width, float height) {
    ImGui::SetNextWindowPos(ImVec2(x, y));
    ImGui::SetNextWindowSize(ImVec2(width, height));
    ImGui::Begin("Trial", nullptr, kFixedWindow);
    draw_lines(trial_header_text(view, state.frame));
    heading("Analysis of the whole trial");
    const analysis::TrialAnalysis* trial_analysis = view.analysis();
    if (trial_analysis == nullptr) {
        // The analysis runs in the background (TrialView); the panel fills in when it is done.
        ImGui::TextWrapped("Analysing... (%s)", view.analysis_status().c_str());
        ImGui::ProgressBar(view.background_progress(), ImVec2(-1.0f, 0.0f));
    } else if (const auto clicked = draw_analysis(cached_text(*trial_analysis, state.frame), true)) {
        state.frame = std::min(*clicked, view.frame_count() - 1);
        state.play_time_s = view.time_s(state.frame);
    }
    ImGui::End();
}

void print_panel_lines(const TrialView& view, const ViewState& state) {
    for (const std::string& line : panel_lines(view, state.frame)) std::printf("panel: %s\n", line.c_str());
    if (const std::string no_forces = no_force_curves_reason(view.sensors()); !no_forces.empty())
        std::printf("panel: curves: %s\n", no_forces.c_str());
    const CurvesPlot plot = last_curves_plot();
    if (plot.force.width > 0.0f)
        std::printf("panel: curves: force plot at x=%.0f y=%.0f width=%.0f height=%.0f from %.3f s to %.3f s\n",
                    static_cast<double>(plot.force.x), static_cast<double>(plot.force.y), static_cast<double>(plot.force.width),
                    static_cast<double>(plot.force.height), plot.start_s, plot.end_s);
    if (plot.sway.width > 0.0f)
        std::printf("panel: curves: sway plot at x=%.0f y=%.0f width=%.0f height=%.0f\n", static_cast<double>(plot.sway.x),
                    static_cast<double>(plot.sway.y), static_cast<double>(plot.sway.width), static_cast<double>(plot.sway.height));
}

}  // namespace plantar::viz
