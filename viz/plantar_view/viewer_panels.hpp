// What the viewer draws each frame with Dear ImGui: the plate (heatmap and legend), the side panel
// (frame and per-foot analysis) and the timeline (scrub, play/pause). Fixed layout: the same
// window size always gives the same picture, which the screenshot tests rely on.
#pragma once

#include <cstddef>
#include <limits>

#include "plantar/viz/heatmap.hpp"
#include "plantar/viz/trial_view.hpp"

namespace plantar::viz {

enum class ScaleMode { TrialPeak, ThisFrame, Fixed };

// What the user chose; kept between frames.
struct ViewState {
    std::size_t frame = 0;
    bool playing = false;
    double play_time_s = 0.0;   // the playback clock while playing
    float speed = 1.0f;
    Interpolation interpolation = Interpolation::Bilinear;
    ScaleMode scale_mode = ScaleMode::TrialPeak;
    float fixed_scale = 400.0f;  // kPa (or counts) at the top of the scale in ScaleMode::Fixed
    // The analysis overlays over the print (overlay_drawing.cpp), each with its checkbox.
    bool all_steps = false;      // every complete contact, not only those in stance at this frame
    bool show_regions = true;    // region outlines: heel, midfoot, forefoot, toes
    bool show_axis = true;       // foot axis and the arch-index thirds
    bool show_cop = true;        // the contact's centre-of-pressure path
    bool show_cpei = true;       // CPEI construction
};

// The heatmap as an OpenGL texture, re-uploaded only when the frame or the display options change.
class HeatmapTexture {
public:
    HeatmapTexture() = default;
    HeatmapTexture(const HeatmapTexture&) = delete;
    HeatmapTexture& operator=(const HeatmapTexture&) = delete;
    ~HeatmapTexture();
    // Renders and uploads when needed; returns the scale used.
    double update(const TrialView& view, const ViewState& state);
    unsigned id() const { return id_; }
    // The live view replaces its one frame in place: forget what was uploaded.
    void invalidate() { frame_ = std::numeric_limits<std::size_t>::max(); }
    int width() const { return width_; }
    int height() const { return height_; }

private:
    unsigned id_ = 0;
    int width_ = 0, height_ = 0;
    std::size_t frame_ = std::numeric_limits<std::size_t>::max();
    Interpolation interpolation_ = Interpolation::Nearest;
    double requested_scale_ = -1.0;
    double scale_ = 0.0;
};

// Where the heatmap image landed in the window, in window pixels (top-left origin).
struct ScreenRect {
    float x = 0, y = 0, width = 0, height = 0;
};

// Draws the analysis overlays of the steps steps_to_draw() picks over the heatmap at `image`
// (window pixels), into the current ImGui window's draw list.
void draw_overlays(const TrialView& view, const ViewState& state, const ScreenRect& image);

// Advances playback by `seconds` of wall time.
void advance_playback(const TrialView& view, ViewState& state, double seconds);
// Draws the whole view into a window of width x height; returns the heatmap's rectangle.
// The live view: only the Plate panel (heatmap and legend), width x height from the top left.
ScreenRect draw_live_plate(const TrialView& view, ViewState& state, HeatmapTexture& texture, float width, float height);
ScreenRect draw_viewer(const TrialView& view, ViewState& state, HeatmapTexture& texture, float width, float height);

}  // namespace plantar::viz
