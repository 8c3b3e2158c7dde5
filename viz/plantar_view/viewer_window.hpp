// The viewer's window: GLFW + OpenGL 3.3 + Dear ImGui, the interactive loop, and the headless
// screenshot (render one view, read the framebuffer back, write a PNG).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace plantar::viz {

struct ViewerOptions {
    std::filesystem::path session;
    std::optional<int> trial;               // nullopt: the first trial with frames
    std::optional<std::uint64_t> frame;     // start at this frame index...
    std::optional<double> time_s;           // ...or at this time after the first frame
    std::optional<std::filesystem::path> screenshot;  // render once into this PNG and exit
    bool overlays = true;                   // the analysis overlays over the print
    bool all_steps = false;                 // overlays for every complete step, not only those in stance
    float zoom = 1.0f;                      // the Plate panel's starting zoom (1: the plate fits; --zoom)
    bool isobars = false;                   // the Plate panel starts with the isobars on (--isobars)
    bool peak_image = false;                // ... showing the peak image instead of the frame (--peak)
    bool fine_regions = false;              // ... with the fine regions outlined (--fine-regions)
    bool live = false;                      // show plantard's newest frames instead of a session
    std::string endpoint;                   // plantard's endpoint (empty: the default, as plantar status)
    double live_wait_s = 10.0;              // --live --screenshot: how long to wait for frames
    bool start_daemon = true;               // --live: start plantard --source sim when none answers
    std::optional<double> bench_seconds;    // draw for this long, print frame times (bench_line) and exit
    bool bench_scrub = false;               // --bench on a session: jump to another frame every drawn frame
    bool upright = false;                   // --upright: never turn a long plate across the window
    int width = 1280;
    int height = 800;
};

// Runs the viewer; returns the process exit code. Errors are printed as one line on stderr.
int run_viewer(const ViewerOptions& options);
// The live view (live_view.cpp), called by run_viewer for --live.
int run_live_viewer(const ViewerOptions& options);

}  // namespace plantar::viz
