// What the viewer draws each frame with Dear ImGui, one panel per file: the plate (heatmap, legend,
// overlays: plate_panel.cpp, overlay_drawing.cpp), the trial's analysis (trial_panel.cpp), the
// curves (curves_panel.cpp), the timeline (timeline_panel.cpp), and how they are laid out
// (layout.cpp). Fixed layout: the same window size always gives the same picture, which the
// screenshot tests rely on.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "plantar/analysis/pipeline.hpp"
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
    // Plate panel display (plate_panel.cpp).
    bool show_peak_image = false;  // draw PlateContent::peak_frame (the peak so far) instead of the frame
    bool show_cop_trail = true;    // PlateContent::cop_trail (live: the last seconds of the whole plate's COP)
    bool show_isobars = false;     // contour lines at round pressure steps
    bool show_fine_regions = false;  // finer region outlines (metatarsals, hallux, ...) with a label each
    bool show_step_numbers = true;   // beside each drawn step: side, arch index, CPEI (borderline marked)
    float zoom = 1.0f;             // 1: the whole plate fits; the sensor grid shows when sensors are large
    float pan_x = 0.0f, pan_y = 0.0f;  // the view's centre offset, in plate mm
    bool upright = false;          // never turn a long plate across the view (draw_plate_across)
    // Replay controls (timeline_panel.cpp; replay_view.cpp acts on the requests).
    bool loop = false;                  // playback wraps inside frames loop_in..loop_out
    std::size_t loop_in = 0, loop_out = 0;
    bool follow = false;                // a file being written: stay on the newest frame
    std::vector<std::string> trial_choices;  // the session's trials as the chooser lists them, by index
    int chosen_trial = -1;              // the chooser's pick; replay_view.cpp opens it and resets this
    bool open_requested = false;        // "Open..." or Ctrl+O; replay_view.cpp shows the file dialog
};

// plate_panel.cpp: the Plate panel's starting choices from the command line (--zoom, --isobars,
// --peak, --fine-regions).
struct ViewerOptions;
void apply_plate_options(const ViewerOptions& options, ViewState& state);

// What the Plate panel draws: one frame of a session's trial (replay) or plantard's newest frame
// (live), with the analysis its overlays come from. Pointers are borrowed for one UI frame.
struct PlateContent {
    const TrialHeader* header = nullptr;
    const analysis::SensorMap* sensors = nullptr;
    const Frame* frame = nullptr;            // null: nothing to draw yet
    std::uint64_t frame_key = 0;             // changes whenever the frame's values change (texture cache)
    double trial_peak = std::numeric_limits<double>::quiet_NaN();  // "trial peak" scale; NaN: not known yet
    const analysis::TrialAnalysis* analysis = nullptr;  // overlays; null while there is none
    std::size_t frame_index = 0;             // the frame's index in the analysis's frame numbering
    std::string unit = "kPa";                // "kPa", or "counts" for raw trials
    const Frame* peak_frame = nullptr;       // per sensor, the highest value so far (trial or live); may be null
    std::uint64_t peak_key = 0;              // changes whenever *peak_frame does
    std::span<const analysis::Point> cop_trail;  // recent whole-plate COP, oldest first (plate mm); may be empty
};

// The contents of a session trial's frame state.frame.
PlateContent plate_content(const TrialView& view, const ViewState& state);

// The heatmap as an OpenGL texture, re-uploaded only when the frame or the display options change.
class HeatmapTexture {
public:
    HeatmapTexture() = default;
    HeatmapTexture(const HeatmapTexture&) = delete;
    HeatmapTexture& operator=(const HeatmapTexture&) = delete;
    ~HeatmapTexture();
    // Renders and uploads when needed; returns the scale used.
    double update(const PlateContent& content, const ViewState& state);
    unsigned id() const { return id_; }
    // Forget what was uploaded (the next update renders again).
    void invalidate() { frame_key_ = std::numeric_limits<std::uint64_t>::max(); }
    int width() const { return width_; }
    int height() const { return height_; }

private:
    unsigned id_ = 0;
    int width_ = 0, height_ = 0;
    std::uint64_t frame_key_ = std::numeric_limits<std::uint64_t>::max();
    Interpolation interpolation_ = Interpolation::Nearest;
    double requested_scale_ = -1.0;
    double scale_ = 0.0;
};

// Where the heatmap image landed in the window, in window pixels (top-left origin).
struct ScreenRect {
    float x = 0, y = 0, width = 0, height = 0;
    int turns = 0;  // quarter turns clockwise from upright (ImageRect::turns)
};

// plate_panel.cpp: the Plate panel (display options, heatmap, overlays, legend) as a fixed window
// at `position` of `size`; returns the heatmap's rectangle.
ScreenRect draw_plate_panel(const PlateContent& content, ViewState& state, HeatmapTexture& texture, float x, float y,
                            float width, float height);

// overlay_drawing.cpp: the analysis overlays of the steps steps_to_draw() picks over the heatmap
// at `image` (window pixels), into the current ImGui window's draw list.
void draw_overlays(const PlateContent& content, const ViewState& state, const ScreenRect& image);

// trial_panel.cpp: the analysis per foot (foot type, pronation, values, thresholds, borderline
// marks, notes) drawn into the current window; used by the replay and the live views.
void draw_analysis_summary(const analysis::TrialAnalysis& analysis);
// trial_panel.cpp: the trial and its analysis, per foot, as a fixed window; a click in its steps
// table moves state.frame to the step's first frame.
void draw_trial_panel(const TrialView& view, ViewState& state, float x, float y, float width, float height);
// trial_panel.cpp: what the Trial panel shows at state.frame and where the curves were drawn, as
// "panel: " lines on stdout (--screenshot's report; trial_panel_text.hpp).
void print_panel_lines(const TrialView& view, const ViewState& state);
// curves_panel.cpp: waits until the region curves of the steps in view are computed (they are
// computed on a thread of their own), so that --screenshot shows them.
void wait_for_curves(const TrialView& view);

// curves_panel.cpp: force over time (and the COP sway of a static trial), as a fixed window.
void draw_curves_panel(const TrialView& view, ViewState& state, float x, float y, float width, float height);

// timeline_panel.cpp: play/pause, speed, the frame slider, as a fixed window.
void draw_timeline_panel(const TrialView& view, ViewState& state, float x, float y, float width, float height);
// Advances playback by `seconds` of wall time.
void advance_playback(const TrialView& view, ViewState& state, double seconds);
// Where the timeline's bar (steps, loop range, current frame) was last drawn, in window pixels:
// frame f of n starts at x + width * f / n (timeline_marks.hpp). For --screenshot's report.
ScreenRect last_timeline_bar();

// layout.cpp: the whole replay view in a window of width x height; returns the heatmap's rectangle.
ScreenRect draw_replay_view(const TrialView& view, ViewState& state, HeatmapTexture& texture, float width, float height);

}  // namespace plantar::viz
