// The replay view: one trial of a session file, its frames on a timeline, its analysis beside it;
// the Open dialog and the trial chooser; following a file that is still being written; and
// --screenshot and --bench for it.
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <GL/gl.h>
#include <imgui.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <system_error>
#include <thread>

#include "file_dialog.hpp"
#include "plantar/viz/frame_timing.hpp"
#include "plantar/viz/session_folder.hpp"
#include "viewer_panels.hpp"
#include "viewer_window.hpp"
#include "window.hpp"

namespace plantar::viz {
namespace {

constexpr double kRefreshInterval_s = 0.5;  // how often a file being written is checked for new frames

// The open trial (none before the user picks a session) and what the user chose for it.
struct Replay {
    std::unique_ptr<TrialView> view;
    ViewState state;
    std::string error;  // shown in a popup until dismissed (a trial that could not be opened)
    std::uintmax_t listed_file_size = 0;  // the file's size when the trial chooser was last filled
};

// Opens trial `trial` of `path` into `replay`, keeping the display choices (scale, overlays, zoom)
// and starting at the first frame. Throws as TrialView::open does; `replay` is unchanged then.
void open_trial(Replay& replay, const std::filesystem::path& path, std::optional<int> trial) {
    std::unique_ptr<TrialView> view = TrialView::open(path, trial);
    std::vector<std::string> choices = trial_choices(path);
    ViewState state = replay.state;
    state.frame = 0;
    state.play_time_s = 0.0;
    state.playing = false;
    state.loop = false;
    state.loop_in = state.loop_out = 0;
    state.chosen_trial = -1;
    state.open_requested = false;
    state.trial_choices = std::move(choices);
    replay.view = std::move(view);
    replay.state = std::move(state);
    std::error_code error;
    replay.listed_file_size = std::filesystem::file_size(path, error);
}

// Where the window shows nothing yet: a line saying how to open a session.
void draw_no_session(ViewState& state, float width, float height) {
    ImGui::SetNextWindowPos(ImVec2(0.0f, 0.0f));
    ImGui::SetNextWindowSize(ImVec2(width, height));
    ImGui::Begin("No session", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
    ImGui::SetCursorPos(ImVec2(width * 0.5f - 170.0f, height * 0.45f));
    ImGui::TextUnformatted("No session open. Open a session file (Ctrl+O):");
    ImGui::SetCursorPosX(width * 0.5f - 50.0f);
    if (ImGui::Button("Open...", ImVec2(100.0f, 0.0f)) || (ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_O, false)))
        state.open_requested = true;
    ImGui::End();
}

void draw_error_popup(std::string& error) {
    if (!error.empty() && !ImGui::IsPopupOpen("Cannot open")) ImGui::OpenPopup("Cannot open");
    if (ImGui::BeginPopupModal("Cannot open", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextUnformatted(error.c_str());
        if (ImGui::Button("OK", ImVec2(100.0f, 0.0f))) {
            error.clear();
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
}

// One frame of the UI into the back buffer; returns where the heatmap went.
ScreenRect render_once(GLFWwindow* window, Replay& replay, HeatmapTexture& texture, FileDialog& dialog) {
    begin_ui_frame();
    int width = 0, height = 0;
    glfwGetWindowSize(window, &width, &height);
    ScreenRect rect;
    if (replay.view)
        rect = draw_replay_view(*replay.view, replay.state, texture, static_cast<float>(width), static_cast<float>(height));
    else
        draw_no_session(replay.state, static_cast<float>(width), static_cast<float>(height));
    if (replay.state.open_requested) {
        replay.state.open_requested = false;
        if (!dialog.is_open()) dialog.open(replay.view ? replay.view->path() : std::filesystem::current_path());
    }
    if (const std::optional<std::filesystem::path> chosen = dialog.draw()) {
        try {
            open_trial(replay, *chosen, std::nullopt);
            texture.invalidate();
            dialog.close();
        } catch (const std::exception& e) {
            dialog.show_error(std::string("cannot open ") + chosen->filename().string() + ": " + e.what());
        }
    }
    draw_error_popup(replay.error);
    render_ui_to_back_buffer(window);
    return rect;
}

// The trial the chooser picked: opened in place of the current one; on failure the current one stays.
void open_chosen_trial(Replay& replay, HeatmapTexture& texture) {
    if (!replay.view || replay.state.chosen_trial < 0) return;
    const int chosen = replay.state.chosen_trial;
    replay.state.chosen_trial = -1;
    try {
        open_trial(replay, replay.view->path(), chosen);
        texture.invalidate();
    } catch (const std::exception& e) {
        replay.error = "cannot open trial " + std::to_string(chosen) + ": " + e.what();
    }
}

// A file being written: new frames extend the timeline; a view on the last frame (or following)
// moves to the newest one. Trials the writer adds appear in the chooser (listed again whenever the
// file's size changes).
void follow_writer(Replay& replay) {
    if (!replay.view) return;
    TrialView& view = *replay.view;
    ViewState& state = replay.state;
    const bool at_last = state.frame + 1 >= view.frame_count();
    if (view.refresh() && (state.follow || (at_last && !state.playing))) {
        state.frame = view.frame_count() - 1;
        state.play_time_s = view.time_s(state.frame);
    }
    std::error_code error;
    const std::uintmax_t size = std::filesystem::file_size(view.path(), error);
    if (error || size == replay.listed_file_size) return;
    try {
        state.trial_choices = trial_choices(view.path());
        replay.listed_file_size = size;
    } catch (const std::exception&) {
        // The writer is between two states of the file; the next refresh lists the trials again.
    }
}

// --screenshot: the analysis is done in the background; wait for it so the panels and overlays
// show it, as a user who waits a moment would see them. A recording still being written is
// analysed only once it pauses, and an analysis that failed never comes: no waiting for those.
void wait_for_analysis(const TrialView& view) {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::minutes(5);
    while (view.analysis() == nullptr && std::chrono::steady_clock::now() < give_up) {
        const std::string status = view.analysis_status();
        if (status.rfind("error", 0) == 0 || status.rfind("waiting", 0) == 0) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

int take_screenshot(GLFWwindow* window, Replay& replay, HeatmapTexture& texture, FileDialog& dialog,
                    const std::filesystem::path& png) {
    if (replay.view) wait_for_analysis(*replay.view);
    // A few frames: ImGui sizes text and windows from the previous frame's measurements.
    ScreenRect rect;
    for (int i = 0; i < 3; ++i) {
        rect = render_once(window, replay, texture, dialog);
        if (replay.view) wait_for_curves(*replay.view);  // the region curves are computed in the background
    }
    glFinish();
    const RgbaImage image = read_back_buffer(window);
    if (const std::string written = write_png(png, image); !written.empty()) return fail(written);
    if (!replay.view) {
        std::printf("plantar-view: wrote %s (%dx%d): the Open dialog\n", png.c_str(), image.width, image.height);
        return 0;
    }
    const TrialView& view = *replay.view;
    const ScreenRect bar = last_timeline_bar();
    std::printf("plantar-view: wrote %s (%dx%d): trial %d frame %zu at %.3f s; heatmap at x=%.0f y=%.0f width=%.0f "
                "height=%.0f; plate turned %d quarter turns clockwise; timeline bar at x=%.0f y=%.0f width=%.0f "
                "height=%.0f of %zu frames\n",
                png.c_str(), image.width, image.height, view.trial(), replay.state.frame, view.time_s(replay.state.frame),
                static_cast<double>(rect.x), static_cast<double>(rect.y), static_cast<double>(rect.width),
                static_cast<double>(rect.height), rect.turns, static_cast<double>(bar.x), static_cast<double>(bar.y),
                static_cast<double>(bar.width), static_cast<double>(bar.height), view.frame_count());
    print_panel_lines(view, replay.state);
    return 0;
}

// The interactive loop; with --bench it runs `bench_seconds`, never waiting for the display, and
// prints the frame times (with --bench-scrub jumping to a pseudo-random frame every drawn frame).
int run_loop(GLFWwindow* window, Replay& replay, HeatmapTexture& texture, FileDialog& dialog, const ViewerOptions& options) {
    const bool bench = options.bench_seconds.has_value();
    if (bench) glfwSwapInterval(0);
    FrameTimer timer;
    std::mt19937_64 scrub_random(20261121);  // fixed seed: every run jumps through the same frames
    const std::size_t frames_at_start = replay.view ? replay.view->frame_count() : 0;
    const double start = glfwGetTime();
    double last = start, last_refresh = start;
    while (glfwWindowShouldClose(window) == GLFW_FALSE) {
        glfwPollEvents();
        const double now = glfwGetTime();
        if (bench) {
            if (now - start >= *options.bench_seconds) break;
            if (last != start) timer.add(now - last);
        }
        if (now - last_refresh >= kRefreshInterval_s) {
            follow_writer(replay);
            last_refresh = now;
        }
        open_chosen_trial(replay, texture);
        if (replay.view) {
            advance_playback(*replay.view, replay.state, now - last);
            if (options.bench_scrub && replay.view->frame_count() > 0) {
                replay.state.frame = static_cast<std::size_t>(scrub_random() % replay.view->frame_count());
                replay.state.play_time_s = replay.view->time_s(replay.state.frame);
            }
        }
        last = now;
        render_once(window, replay, texture, dialog);
        glfwSwapBuffers(window);
    }
    if (bench) {
        std::printf("%s\n", bench_line(options.bench_scrub ? "replay-scrub" : "replay", timer.summary()).c_str());
        if (replay.view)
            std::printf("plantar-view: trial %d had %zu frames at the start and %zu at the end\n", replay.view->trial(),
                        frames_at_start, replay.view->frame_count());
    }
    return 0;
}

}  // namespace

int run_viewer(const ViewerOptions& options) {
    if (options.live) return run_live_viewer(options);
    const bool headless = options.screenshot.has_value() || options.bench_seconds.has_value();
    std::error_code error_code;
    const bool folder_given = !options.session.empty() && std::filesystem::is_directory(options.session, error_code);
    if (headless && options.session.empty())
        return fail("--screenshot and --bench need a session file (or --live for a running plantard)");
    if (options.bench_seconds && folder_given) return fail("--bench needs a session file, not the folder " + options.session.string());

    Replay replay;
    replay.state.show_regions = replay.state.show_axis = replay.state.show_cop = replay.state.show_cpei = options.overlays;
    replay.state.all_steps = options.all_steps;
    apply_plate_options(options, replay.state);
    if (!options.session.empty() && !folder_given) {
        try {
            open_trial(replay, options.session, options.trial);
        } catch (const std::exception& e) {
            return fail("cannot open the session " + options.session.string() + ": " + e.what());
        }
        TrialView& view = *replay.view;
        ViewState& state = replay.state;
        if (options.frame) {
            if (*options.frame >= view.frame_count())
                return fail("trial " + std::to_string(view.trial()) + " has frames 0 to " + std::to_string(view.frame_count() - 1) +
                            ", not " + std::to_string(*options.frame));
            state.frame = static_cast<std::size_t>(*options.frame);
        } else if (options.time_s) {
            state.frame = view.frame_at_time(*options.time_s);
        }
        state.play_time_s = view.time_s(state.frame);
        if (options.bench_seconds && !options.bench_scrub) {  // the bench's "replay": playing at 1x, round and round
            state.loop = state.playing = true;
            state.loop_in = 0;
            state.loop_out = view.frame_count() - 1;
        }
    }

    Window window;
    std::string error;
    if (!window.open(options.width, options.height, options.screenshot.has_value(), error)) return fail(error);
    HeatmapTexture texture;
    FileDialog dialog;
    if (!replay.view) dialog.open(folder_given ? options.session : std::filesystem::current_path());
    if (options.screenshot) return take_screenshot(window.handle(), replay, texture, dialog, *options.screenshot);
    return run_loop(window.handle(), replay, texture, dialog, options);
}

}  // namespace plantar::viz
