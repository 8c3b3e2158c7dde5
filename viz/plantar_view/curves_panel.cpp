// The Curves panel: the total force over time with each step's stance marked (left/right
// colours) and per-region force lines for the steps in view, a cursor at the current frame, 5 s
// either side of it; a click or drag seeks. A standing trial adds its COP sway with the 95 %
// prediction ellipse. The region curves come from a RegionCurvesWorker (trial_curves.hpp) that
// reads frames on its own thread; drawn with ImDrawList (ImPlot is not in Debian),
// curves_drawing.cpp has the pieces.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "curves_drawing.hpp"
#include "plantar/capture/session/session_frame_sequence.hpp"
#include "plantar/viz/trial_curves.hpp"
#include "viewer_panels.hpp"

namespace plantar::viz {
namespace {

constexpr ImGuiWindowFlags kFixedWindow =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse;

constexpr float kStepBandHeight = 8.0f;  // left above, right below

// What the panel keeps between UI frames: the scale, which stays put while the cursor moves (the
// whole trial's highest force).
struct CurvesMemory {
    const float* forces = nullptr;
    std::size_t force_count = 0;
    double highest_n = 0.0;
};
CurvesMemory memory;
CurvesPlot last_plot;

// The region curves' worker of the trial on screen, made again when another trial is shown. It
// reads the session through its own small block cache (8 MiB), apart from the frame on screen's,
// and holds the file open only while it has work, so nothing of HDF5 is left when it is
// destroyed at exit.
RegionCurvesWorker& region_curves(const TrialView& view) {
    static std::unique_ptr<RegionCurvesWorker> worker;
    static std::filesystem::path path;
    static int trial = -1;
    if (!worker || path != view.path() || trial != view.trial()) {
        worker.reset();
        path = view.path();
        trial = view.trial();
        worker = std::make_unique<RegionCurvesWorker>(view.sensors(), [p = path, t = trial]() -> std::shared_ptr<const FrameSequence> {
            return std::make_shared<SessionFrameSequence>(p, t, FrameCacheLimits{std::size_t{1} << 20, std::size_t{8} << 20});
        });
    }
    return *worker;
}

double highest_force(std::span<const float> forces) {
    if (forces.data() != memory.forces || forces.size() != memory.force_count) {
        memory.forces = forces.data();
        memory.force_count = forces.size();
        memory.highest_n = 0.0;
        for (float f : forces)
            if (std::isfinite(f)) memory.highest_n = std::max(memory.highest_n, static_cast<double>(f));
    }
    return memory.highest_n;
}

void legend(const analysis::TrialAnalysis* trial_analysis, bool forces_ready) {
    ImGui::TextUnformatted(forces_ready ? "Force (N) over time (s):  total" : "Force (N) over time (s):  total (computing...)");
    for (std::size_t r = 0; r < kCurveRegions.size(); ++r) {
        ImGui::SameLine();
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kRegionCurveColours[r]), "%s", analysis::to_string(kCurveRegions[r]).c_str());
    }
    ImGui::SameLine();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kLeftStepColour), "left stance");
    ImGui::SameLine();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kRightStepColour), "right stance");
    ImGui::SameLine();
    ImGui::TextDisabled(trial_analysis == nullptr ? "(steps: analysing...)" : "(regions: methods.md 7.2)");
}

// The force plot in `plot` (window pixels), showing `window`.
void draw_force_plot(const TrialView& view, ViewState& state, const analysis::TrialAnalysis* trial_analysis,
                     const ScreenRect& plot, const TimeSpan& window) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const std::span<const float> forces = view.total_force_n();
    double top_n = highest_force(forces);
    std::vector<std::size_t> in_view;
    RegionCurvesWorker& regions = region_curves(view);
    if (trial_analysis != nullptr) {
        in_view = steps_in_window(*trial_analysis, window.start_s, window.end_s);
        regions.want(*trial_analysis, in_view);
        for (std::size_t s : in_view)
            if (const auto c = regions.find(s))
                for (double f : c->whole_foot_n) top_n = std::max(top_n, f);
    }
    // The stance band has its own strip under the zero line, so no curve hides it.
    const ScreenRect data{plot.x, plot.y, plot.width, plot.height - kStepBandHeight - 1.0f};
    const PlotAxes axes{data, window.start_s, window.end_s, 0.0, top_n > 0.0 ? top_n * 1.05 : 100.0};
    draw_axes(draw, axes, "N", "s", plot.height - data.height);

    if (trial_analysis != nullptr) {
        for (std::size_t s : in_view) {
            const analysis::StepAnalysis& step = trial_analysis->steps[s];
            const TimeSpan span = stance_span(step);
            const bool left = step.contact.side == analysis::Side::Left;
            const ImU32 colour = left ? kLeftStepColour : kRightStepColour;
            const float x0 = axes.x(std::max(span.start_s, window.start_s)), x1 = std::max(axes.x(std::min(span.end_s, window.end_s)), x0 + 1.0f);
            draw->AddRectFilled(ImVec2(x0, plot.y), ImVec2(x1, data.y + data.height), (colour & ~IM_COL32_A_MASK) | (36u << IM_COL32_A_SHIFT));
            // Left in the upper half of the band, right in the lower, as on the timeline: both show when both feet stand.
            const float band_top = plot.y + plot.height - (left ? kStepBandHeight : kStepBandHeight / 2.0f);
            draw->AddRectFilled(ImVec2(x0, band_top), ImVec2(x1, band_top + kStepBandHeight / 2.0f), colour);
            const auto curves = regions.find(s);
            if (curves == nullptr || curves->empty()) continue;
            for (std::size_t r = 0; r < kCurveRegions.size(); ++r)
                draw_series(draw, axes, curves->time_s, curves->region_n[r], kRegionCurveColours[r], 1.5f);
        }
    }
    if (!forces.empty()) draw_total_force(draw, view, axes, forces);
    if (const std::string error = regions.error(); !error.empty())
        draw->AddText(ImVec2(plot.x + 6.0f, plot.y + 4.0f), IM_COL32(255, 120, 120, 255), error.c_str());

    const float cursor_x = axes.x(view.time_s(state.frame));
    draw->AddLine(ImVec2(cursor_x, plot.y), ImVec2(cursor_x, plot.y + plot.height), IM_COL32(255, 255, 255, 255), 1.5f);

    // Click or drag in the plot: go to that time.
    ImGui::SetCursorScreenPos(ImVec2(plot.x, plot.y));
    ImGui::InvisibleButton("force plot", ImVec2(plot.width, plot.height));
    if (ImGui::IsItemActive() && view.frame_count() > 0) {
        const double t = axes.time_at(ImGui::GetIO().MousePos.x);
        state.frame = view.frame_at_time(t);
        state.play_time_s = view.time_s(state.frame);
    }
    last_plot.force = plot;
    last_plot.start_s = window.start_s;
    last_plot.end_s = window.end_s;
}

}  // namespace

CurvesPlot last_curves_plot() { return last_plot; }

void wait_for_curves(const TrialView& view) { region_curves(view).wait_until_idle(); }

void draw_curves_panel(const TrialView& view, ViewState& state, float x, float y, float width, float height) {
    ImGui::SetNextWindowPos(ImVec2(x, y));
    ImGui::SetNextWindowSize(ImVec2(width, height));
    ImGui::Begin("Curves", nullptr, kFixedWindow);
    last_plot = CurvesPlot{};
    if (const std::string no_forces = no_force_curves_reason(view.sensors()); !no_forces.empty()) {
        ImGui::TextWrapped("%s", no_forces.c_str());
        ImGui::End();
        return;
    }
    const analysis::TrialAnalysis* trial_analysis = view.analysis();
    legend(trial_analysis, !view.total_force_n().empty());
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 available = ImGui::GetContentRegionAvail();
    constexpr float kLeftMargin = 52.0f, kBottomMargin = 18.0f, kGap = 16.0f;
    ScreenRect plot{origin.x + kLeftMargin, origin.y + 4.0f, available.x - kLeftMargin - 8.0f, available.y - kBottomMargin - 4.0f};
    const bool sway = trial_analysis != nullptr && trial_analysis->balance.has_value();
    if (sway) {
        // The sway plot is square, at the left; the force plot takes the rest.
        const float side = plot.height + kBottomMargin;
        const ScreenRect sway_area{origin.x, origin.y, std::min(side + 150.0f, available.x * 0.45f), side};
        last_plot.sway = draw_sway_plot(*trial_analysis->balance, view.time_s(state.frame), sway_area);
        const float shift = sway_area.width + kGap;
        plot.x += shift;
        plot.width -= shift;
    }
    if (plot.width > 40.0f && plot.height > 20.0f)
        draw_force_plot(view, state, trial_analysis, plot, curves_window(view.time_s(state.frame), view.duration_s()));
    ImGui::End();
}

}  // namespace plantar::viz
