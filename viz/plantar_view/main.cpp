// plantar-view: the viewer. Parses the command line and hands over to viewer_window.cpp.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <string>

#include "viewer_window.hpp"
#include "window.hpp"

int main(int argc, char** argv) {
    CLI::App app{"plantar-view: replay a session's pressure frames as a heatmap with the trial's analysis, or show plantard's live frames"};
    plantar::viz::ViewerOptions options;
    std::string session, screenshot, size;
    int trial = -1;
    std::uint64_t frame = 0;
    double time_s = 0.0;
    bool live = false;
    std::string endpoint;
    double wait_s = 10.0;
    auto* session_option = app.add_option("session", session, "Session file (HDF5) to open");
    auto* live_option = app.add_flag("--live", live, "Show the newest frames of a running plantard instead of a session")
                            ->excludes(session_option);
    app.add_option("--endpoint", endpoint, "plantard's endpoint, as plantard --endpoint takes it (default: as plantar status)")
        ->needs(live_option);
    app.add_option("--wait", wait_s, "--live --screenshot: seconds to wait for the first frames (default 10)")
        ->check(CLI::PositiveNumber)
        ->needs(live_option);
    bool no_start_daemon = false;
    app.add_flag("--no-start-daemon", no_start_daemon, "--live: do not start plantard --source sim when no daemon answers")
        ->needs(live_option);
    double bench_seconds = 0.0;
    bool bench_scrub = false;
    auto* bench_option = app.add_option("--bench", bench_seconds, "Draw for this many seconds, print the frame times and exit (bench/)")
                             ->check(CLI::PositiveNumber);
    app.add_flag("--bench-scrub", bench_scrub, "--bench on a session: jump to another frame every drawn frame")
        ->needs(bench_option);
    bool bench_baseline = false;
    app.add_flag("--bench-baseline", bench_baseline, "--bench without a view: an empty window, the cost every view has (bench/)")
        ->needs(bench_option);
    bool upright = false;
    app.add_flag("--upright", upright, "Draw a walkway upright (walking up the window), not turned across a wide window");
    app.add_option("--trial", trial, "Trial index (default: the first trial with frames)")->check(CLI::NonNegativeNumber);
    auto* frame_option = app.add_option("--frame", frame, "Start at this frame index");
    app.add_option("--time", time_s, "Start at this time in seconds after the trial's first frame")
        ->check(CLI::NonNegativeNumber)
        ->excludes(frame_option);
    app.add_option("--screenshot", screenshot, "Render one view into this PNG file and exit");
    bool no_overlays = false, all_steps = false;
    app.add_flag("--no-overlays", no_overlays, "Start with the analysis overlays (regions, axis, COP, CPEI) off");
    app.add_flag("--all-steps", all_steps, "Draw the overlays of every complete step, not only those in stance");
    app.add_option("--size", size, "Window size WIDTHxHEIGHT (default 1280x800)");
    app.add_option("--zoom", options.zoom, "Plate panel zoom (1: the whole plate fits; the sensor grid shows from ~12 px per sensor)")
        ->check(CLI::Range(1.0, 64.0));
    app.add_flag("--isobars", options.isobars, "Start with the isobars (lines of equal pressure) on");
    app.add_flag("--peak", options.peak_image, "Start showing the peak-pressure image instead of the frame");
    app.add_flag("--fine-regions", options.fine_regions, "Start with the fine regions (metatarsals, hallux, ...) outlined");
    app.footer("Examples:\n  plantar-view walk.h5\n  plantar-view walk.h5 --time 2.5 --screenshot view.png --size 1280x800\n"
               "  plantar-view --live\n  plantar-view --live --screenshot live.png");
    CLI11_PARSE(app, argc, argv);

    options.session = session;
    options.live = live;
    options.endpoint = endpoint;
    options.live_wait_s = wait_s;
    options.start_daemon = !no_start_daemon;
    options.upright = upright;
    if (app.count("--bench") > 0) options.bench_seconds = bench_seconds;
    options.bench_scrub = bench_scrub;
    options.overlays = !no_overlays;
    options.all_steps = all_steps;
    if (trial >= 0) options.trial = trial;
    if (app.count("--frame") > 0) options.frame = frame;
    if (app.count("--time") > 0) options.time_s = time_s;
    if (!screenshot.empty()) options.screenshot = screenshot;
    if (!size.empty()) {
        int width = 0, height = 0;
        char extra = 0;
        if (std::sscanf(size.c_str(), "%dx%d%c", &width, &height, &extra) != 2 || width < 320 || height < 240 ||
            width > 8192 || height > 8192) {
            std::fprintf(stderr, "plantar-view: error: --size must be WIDTHxHEIGHT from 320x240 to 8192x8192, not %s\n",
                         size.c_str());
            return 1;
        }
        options.width = width;
        options.height = height;
    }
    if (bench_baseline) return plantar::viz::run_empty_bench(options.width, options.height, bench_seconds);
    return plantar::viz::run_viewer(options);
}
