// The live view: plantard's frames on the Plate panel with the live analysis (peak image, COP
// trail, the overlays of every step that ended), a side panel with the Recording controls, the
// per-foot summary and a force curve, and the daemon's status always visible; and --live
// --screenshot / --bench. Starts plantard on the simulated plate when none answers
// (daemon_launcher.hpp). Frames and requests are handled by LiveFeed's threads: this loop only
// draws the newest snapshot.
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <GL/gl.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "plantar/viz/daemon_launcher.hpp"
#include "plantar/viz/frame_timing.hpp"
#include "plantar/viz/live_feed.hpp"
#include "record_panel.hpp"
#include "viewer_panels.hpp"
#include "viewer_window.hpp"
#include "window.hpp"

namespace plantar::viz {
namespace {

using Clock = std::chrono::steady_clock;
constexpr float kStatusHeight = 34.0f;
constexpr auto kDaemonStartLimit = std::chrono::seconds(15);
// A new frame means a new heatmap (rendered on the CPU, the costliest part of a drawn frame), so
// the window takes the newest frame at most ~30 times a second and draws in between at its own
// rate: zooming and the panels stay smooth, and a step lasts 18 or more of those frames.
constexpr auto kNewestFrameInterval = std::chrono::milliseconds(33);
const ImGuiWindowFlags kFixed = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                                ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;

struct LiveUi {
    ViewState state;
    HeatmapTexture texture;
    RecordPanelState record;
    double drawn_fps = 0.0;
};

std::string status_line(const LiveStatus& live, double drawn_fps) {
    // The rate is counted over a second of drawing: none yet in the first second or a screenshot.
    char fps[48] = "drawn fps: measuring";
    if (drawn_fps > 0.0) std::snprintf(fps, sizeof fps, "drawn %.1f fps", drawn_fps);
    char text[640];
    if (!live.status) {
        std::snprintf(text, sizeof text, "no plantard answers at %s (%s); %s", live.control_endpoint.c_str(),
                      live.problem.c_str(), fps);
        return text;
    }
    const daemon::DaemonCounters& c = live.status->counters;
    std::snprintf(text, sizeof text,
                  "device %s; received %llu recorded %llu skipped %llu corrupt %llu (gaps %llu, device losses %llu); "
                  "this viewer got %llu, skipped %llu; %s",
                  to_string(live.status->device_state).c_str(), static_cast<unsigned long long>(c.frames_received),
                  static_cast<unsigned long long>(c.frames_recorded),
                  static_cast<unsigned long long>(c.frames_skipped_by_clients),
                  static_cast<unsigned long long>(c.corrupt_packets), static_cast<unsigned long long>(c.sequence_gaps),
                  static_cast<unsigned long long>(c.device_losses), static_cast<unsigned long long>(live.frames_taken),
                  static_cast<unsigned long long>(live.frames_skipped_by_stream), fps);
    return text;
}

bool device_down(const LiveStatus& live) {
    return live.status && (live.status->device_state == DeviceState::Lost || live.status->device_state == DeviceState::Ended);
}

void draw_waiting_message(const LiveStatus& live, float w, float h) {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(w, h));
    ImGui::Begin("Live", nullptr, kFixed);
    if (!live.status && live.status_failures > 1)
        ImGui::TextWrapped("plantard at %s stopped answering (%s). Waiting for it to come back: this view reconnects by itself.",
                           live.control_endpoint.c_str(), live.problem.c_str());
    else if (!live.status)
        ImGui::TextWrapped("No plantard answers at %s. Start it (plantard --source sim, or with a plate) and this view connects by itself.",
                           live.control_endpoint.c_str());
    else if (device_down(live))
        ImGui::TextWrapped("plantard answers, but the device is %s: %s. The view continues when frames come again.",
                           to_string(live.status->device_state).c_str(), live.status->last_problem.c_str());
    else
        ImGui::TextWrapped("plantard answers (device %s); waiting for its first frame...", to_string(live.status->device_state).c_str());
    ImGui::End();
}

void draw_live_analysis(LiveFeed& feed, const LiveSnapshot* snapshot, float width) {
    ImGui::TextUnformatted("Live analysis");
    ImGui::Separator();
    if (snapshot == nullptr || !snapshot->analysis) {
        ImGui::TextWrapped("Waiting for frames...");
        return;
    }
    const analysis::TrialAnalysis& result = *snapshot->analysis;
    ImGui::Text("Complete steps since reset: %zu", snapshot->steps_completed);
    ImGui::SameLine(width - 60.0f);
    if (ImGui::Button("Reset")) feed.reset_analysis();  // peak image, trail, steps and classification start over
    if (snapshot->sensors && snapshot->sensors->forces_known()) {
        const float highest = snapshot->force_n.empty() ? 0.0f : *std::max_element(snapshot->force_n.begin(), snapshot->force_n.end());
        char overlay[96];
        std::snprintf(overlay, sizeof overlay, "total force %.0f N, last %.0f s (sum of kPa x area, methods.md 1.9)", snapshot->force_now_n, snapshot->force_span_s);
        ImGui::PlotLines("##force", snapshot->force_n.data(), static_cast<int>(snapshot->force_n.size()), 0, overlay, 0.0f,
                         std::max(highest * 1.1f, 100.0f), ImVec2(width, 80.0f));
    } else {
        ImGui::TextWrapped("Total force: not available (raw counts or unknown sensor positions)");
    }
    if (snapshot->contact_longer_than_window)
        ImGui::TextWrapped("A foot has been on the plate for more than %.0f s (standing): it is not analysed live. "
                           "Record a static trial and open the file for its balance and indices.",
                           LiveModelConfig{}.window_s);
    ImGui::Spacing();
    draw_analysis_summary(result);
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    ImGui::TextWrapped("A step is analysed once its foot has left the plate: its last %.0f s of frames go through the "
                       "same analysis as a recorded walk (docs/methods.md). The overlays show the last %zu steps.",
                       LiveModelConfig{}.window_s, result.steps.size());
    ImGui::PopStyleColor();
}

ScreenRect render_live(GLFWwindow* window, const LiveSnapshot* snapshot, const LiveStatus& live, LiveUi& ui, LiveFeed& feed) {
    begin_ui_frame();
    int width = 0, height = 0;
    glfwGetWindowSize(window, &width, &height);
    const float w = static_cast<float>(width), h = static_cast<float>(height) - kStatusHeight;
    const float side = std::clamp(w * 0.4f, 360.0f, 720.0f);  // a walkway is tall: the plate needs less width
    const float plate_w = w - side;
    ScreenRect rect;
    if (snapshot != nullptr && live.status && !device_down(live)) {
        PlateContent content;
        content.header = snapshot->header.get();
        content.sensors = snapshot->sensors.get();
        content.frame = &snapshot->frame;
        content.frame_key = snapshot->frame_key;
        content.analysis = snapshot->analysis.get();
        content.frame_index = snapshot->frame_index;
        content.unit = snapshot->sensors->in_kpa() ? "kPa" : "counts";
        content.peak_frame = &snapshot->peak;
        content.peak_key = snapshot->frame_key;
        content.cop_trail = snapshot->cop_trail;
        rect = draw_plate_panel(content, ui.state, ui.texture, 0.0f, 0.0f, plate_w, h);
    } else {
        draw_waiting_message(live, plate_w, h);
    }
    ImGui::SetNextWindowPos(ImVec2(plate_w, 0));
    ImGui::SetNextWindowSize(ImVec2(side, h));
    ImGui::Begin("Recording and live analysis", nullptr, kFixed);
    const float inner = ImGui::GetContentRegionAvail().x;
    draw_record_panel(ui.record, feed, live, inner);
    ImGui::Spacing();
    ImGui::Spacing();
    draw_live_analysis(feed, snapshot, inner);
    ImGui::End();
    ImGui::SetNextWindowPos(ImVec2(0, h));
    ImGui::SetNextWindowSize(ImVec2(w, kStatusHeight));
    ImGui::Begin("Status", nullptr, kFixed);
    ImGui::TextUnformatted(status_line(live, ui.drawn_fps).c_str());
    ImGui::End();
    render_ui_to_back_buffer(window);
    return rect;
}

// Starts plantard on the simulated plate when none answers at the endpoint (and the options
// allow it). Returns an error line, or empty; `started` holds the daemon it started, if any.
std::string ensure_daemon(const ViewerOptions& options, std::unique_ptr<StartedDaemon>& started) {
    std::string problem;
    try {
        daemon::DaemonClient(options.endpoint, std::chrono::milliseconds(500)).status();
        return {};
    } catch (const std::exception& e) {
        problem = e.what();  // "no plantard is running at <endpoint> ..."
    }
    if (!options.start_daemon) return options.screenshot || options.bench_seconds ? problem : std::string();
    std::string searched;
    const auto program = find_plantard(searched);
    if (!program)
        return problem + "; and no plantard was found to start (looked at " + searched +
               "): start one with `plantard --source sim`, or set $PLANTARD";
    const auto arguments = simulated_walk_arguments(options.endpoint);
    std::string command = program->string();
    for (const auto& argument : arguments) command += " " + argument;
    started = std::make_unique<StartedDaemon>(*program, arguments, started_daemon_log_file());
    std::printf("plantar-view: no plantard answered; started %s (pid %d, log %s); it stops when the viewer closes\n",
                command.c_str(), static_cast<int>(started->pid()), started->log_file().c_str());
    std::fflush(stdout);
    const std::string not_answering = started->wait_until_answering(options.endpoint, kDaemonStartLimit);
    if (not_answering.empty()) return {};
    try {  // a daemon that was only slow to answer the first time makes the started one give up: use it
        daemon::DaemonClient(options.endpoint, std::chrono::milliseconds(1000)).status();
        return {};
    } catch (const std::exception&) {
        return not_answering;
    }
}

// --live --screenshot: waits for a frame with a print (and, for a few seconds more, for a step
// to end so the analysis shows), then draws it once.
int live_screenshot(const ViewerOptions& options, LiveFeed& feed, LiveUi& ui) {
    const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options.live_wait_s));
    std::optional<Clock::time_point> print_seen;
    std::shared_ptr<const LiveSnapshot> snapshot;
    while (Clock::now() < deadline) {
        snapshot = feed.snapshot();
        const bool print = snapshot && snapshot->force_now_n > 50.0;  // a foot, not noise
        if (print && !print_seen) print_seen = Clock::now();
        if (print && (snapshot->steps_completed > 0 || Clock::now() - *print_seen > std::chrono::seconds(3))) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    LiveStatus live = feed.status();
    if (!snapshot)
        return fail("plantard at " + live.control_endpoint + " sent no frame within " + std::to_string(options.live_wait_s) + " s" +
                    (live.status ? " (device " + to_string(live.status->device_state) + ")" : " (" + live.problem + ")"));
    for (int i = 0; i < 20 && !live.status; ++i) {  // the status thread's first answer
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        live = feed.status();
    }
    if (!live.status) return fail("plantard at " + live.control_endpoint + " stopped answering (" + live.problem + ")");
    Window window;
    std::string error;
    if (!window.open(options.width, options.height, true, error)) return fail(error);
    ScreenRect rect;
    for (int i = 0; i < 3; ++i) rect = render_live(window.handle(), snapshot.get(), live, ui, feed);
    glFinish();
    const RgbaImage image = read_back_buffer(window.handle());
    if (const std::string written = write_png(*options.screenshot, image); !written.empty()) return fail(written);
    std::printf("plantar-view: live status: %s\n", status_line(live, ui.drawn_fps).c_str());
    std::printf("plantar-view: live analysis: %zu complete steps (left %zu, right %zu classified) in %zu frames\n",
                snapshot->steps_completed, snapshot->analysis->left.complete_steps, snapshot->analysis->right.complete_steps,
                snapshot->frames_since_reset);
    std::printf("plantar-view: wrote %s (%dx%d): live frame; heatmap at x=%.0f y=%.0f width=%.0f height=%.0f\n",
                options.screenshot->c_str(), image.width, image.height, static_cast<double>(rect.x), static_cast<double>(rect.y),
                static_cast<double>(rect.width), static_cast<double>(rect.height));
    return 0;
}

}  // namespace

int run_live_viewer(const ViewerOptions& options) {
    std::unique_ptr<StartedDaemon> started;
    try {
        if (const std::string problem = ensure_daemon(options, started); !problem.empty()) return fail(problem);
    } catch (const std::exception& e) {
        return fail(e.what());
    }
    LiveUi ui;
    ui.state.scale_mode = ScaleMode::ThisFrame;
    apply_plate_options(options, ui.state);
    ui.state.all_steps = true;  // a step is drawn once it has ended, so never "in stance at this frame"
    if (!options.overlays) ui.state.show_regions = ui.state.show_axis = ui.state.show_cop = ui.state.show_cpei = false;
    LiveFeed feed(options.endpoint);
    if (options.screenshot) return live_screenshot(options, feed, ui);

    Window window;
    std::string error;
    if (!window.open(options.width, options.height, false, error)) return fail(error);
    FrameTimer timer;
    const auto start = Clock::now();
    auto fps_start = start, last_frame = start;
    int fps_frames = 0;
    bool answered = true;
    std::shared_ptr<const LiveSnapshot> snapshot;
    auto snapshot_taken = start;
    while (glfwWindowShouldClose(window.handle()) == GLFW_FALSE) {
        glfwPollEvents();
        if (!snapshot || Clock::now() - snapshot_taken >= kNewestFrameInterval) {
            snapshot = feed.snapshot();
            snapshot_taken = Clock::now();
        }
        const LiveStatus live = feed.status();
        if (answered != live.status.has_value() && (live.status || live.status_failures > 1)) {
            answered = live.status.has_value();  // said once per change, for logs and tests
            std::printf(answered ? "plantar-view: plantard at %s answers again (device %s)\n"
                                 : "plantar-view: plantard at %s stopped answering (%s); waiting for it\n",
                        live.control_endpoint.c_str(),
                        answered ? to_string(live.status->device_state).c_str() : live.problem.c_str());
            std::fflush(stdout);
        }
        render_live(window.handle(), snapshot.get(), live, ui, feed);
        glfwSwapBuffers(window.handle());
        const auto now = Clock::now();
        timer.add(std::chrono::duration<double>(now - last_frame).count());
        last_frame = now;
        ++fps_frames;
        if (const double elapsed = std::chrono::duration<double>(now - fps_start).count(); elapsed >= 1.0) {
            ui.drawn_fps = fps_frames / elapsed;
            fps_frames = 0;
            fps_start = now;
        }
        if (options.bench_seconds && std::chrono::duration<double>(now - start).count() >= *options.bench_seconds) break;
    }
    if (options.bench_seconds) {
        std::printf("%s\n", bench_line("live", timer.summary()).c_str());
        std::printf("plantar-view: live status: %s\n", status_line(feed.status(), ui.drawn_fps).c_str());
    }
    return 0;
}

}  // namespace plantar::viz
