// The Recording controls of the live view's side panel: subject id, trial kind and file entered
// before, one big Record / Stop button, elapsed time and frame count while the daemon records,
// and the daemon's message when it stops a recording for a problem. The logic is in
// plantar/viz/recording_form.hpp; requests go through the LiveFeed's worker, never from here.
#pragma once

#include <array>
#include <string>

#include "plantar/viz/live_feed.hpp"
#include "plantar/viz/recording_form.hpp"

namespace plantar::viz {

// What the user typed, kept between frames (ImGui edits fixed char buffers).
struct RecordPanelState {
    std::array<char, 64> subject{};
    std::array<char, 512> file{};  // empty: the default file of the day
    int kind = 1;                  // 0 static, 1 walk, 2 step
    bool append = false;
    std::string form_error;        // why the last Record press was not sent
};

void draw_record_panel(RecordPanelState& panel, LiveFeed& feed, const LiveStatus& status, float width);

}  // namespace plantar::viz
