// How the replay view's panels share the window: the plate at the top left, the trial's analysis
// to its right, the curves and the timeline along the bottom.
#include "viewer_panels.hpp"

namespace plantar::viz {
namespace {

constexpr float kSidePanelWidth = 460.0f;  // two foot columns of about 30 characters each
constexpr float kCurvesHeight = 200.0f;
constexpr float kTimelineHeight = 84.0f;

}  // namespace

ScreenRect draw_replay_view(const TrialView& view, ViewState& state, HeatmapTexture& texture, float width, float height) {
    const float main_height = height - kTimelineHeight - kCurvesHeight;
    const ScreenRect rect =
        draw_plate_panel(plate_content(view, state), state, texture, 0.0f, 0.0f, width - kSidePanelWidth, main_height);
    draw_trial_panel(view, state, width - kSidePanelWidth, 0.0f, kSidePanelWidth, main_height);
    draw_curves_panel(view, state, 0.0f, main_height, width, kCurvesHeight);
    draw_timeline_panel(view, state, 0.0f, main_height + kCurvesHeight, width, kTimelineHeight);
    return rect;
}

}  // namespace plantar::viz
