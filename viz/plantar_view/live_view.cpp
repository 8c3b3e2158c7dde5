// The live view: plantard's newest frame on the Plate panel, with the daemon's status always
// visible; and --live --screenshot.
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <GL/gl.h>
#include <imgui.h>

#include <chrono>
#include <cstdio>
#include <exception>
#include <optional>
#include <string>
#include <utility>

#include "plantar/capture/daemon/client.hpp"
#include "plantar/capture/errors.hpp"
#include "viewer_panels.hpp"
#include "viewer_window.hpp"
#include "window.hpp"

namespace plantar::viz {
namespace {

// What the live view knows about plantard: its newest frame, its status, and the viewer's drawn rate.
struct LiveState {
    TrialHeader header;
    analysis::SensorMap sensors;
    Frame frame;
    std::uint64_t frame_key = 0;
    bool have_frame = false;
    std::optional<daemon::DaemonStatus> status;
    std::string problem;  // why there is no status (no daemon answering), empty when there is
    double drawn_fps = 0.0;
};

void take_frame(LiveState& live, const PlateGeometry& geometry, Frame frame) {
    if (geometry.rows <= 0 || geometry.cols <= 0 || frame.pressure_kpa.size() != static_cast<std::size_t>(geometry.rows * geometry.cols))
        return;
    if (!live.have_frame || live.header.geometry.rows != geometry.rows || live.header.geometry.cols != geometry.cols) {
        live.header.geometry = geometry;
        live.sensors = analysis::SensorMap::make(geometry, live.header.layout, live.header.pressure_scale);
    }
    live.frame = std::move(frame);
    ++live.frame_key;
    live.have_frame = true;
}

void poll_status(LiveState& live, daemon::DaemonClient& client) {
    try {
        live.status = client.status();
        live.problem.clear();
    } catch (const std::exception& e) {
        live.status.reset();
        live.problem = e.what();
    }
}

std::string status_line(const LiveState& live, const std::string& control_endpoint) {
    char text[512];
    if (!live.status) {
        std::snprintf(text, sizeof text, "no plantard answers at %s (%s); drawn %.1f fps", control_endpoint.c_str(),
                      live.problem.c_str(), live.drawn_fps);
        return text;
    }
    const daemon::DaemonCounters& c = live.status->counters;
    std::snprintf(text, sizeof text,
                  "device %s; received %llu recorded %llu skipped %llu corrupt %llu (gaps %llu, device losses %llu); drawn %.1f fps",
                  to_string(live.status->device_state).c_str(), static_cast<unsigned long long>(c.frames_received),
                  static_cast<unsigned long long>(c.frames_recorded),
                  static_cast<unsigned long long>(c.frames_skipped_by_clients),
                  static_cast<unsigned long long>(c.corrupt_packets), static_cast<unsigned long long>(c.sequence_gaps),
                  static_cast<unsigned long long>(c.device_losses), live.drawn_fps);
    return text;
}

constexpr float kStatusHeight = 34.0f;

ScreenRect render_live(GLFWwindow* window, LiveState& live, ViewState& state, HeatmapTexture& texture,
                       const std::string& control_endpoint) {
    begin_ui_frame();
    int width = 0, height = 0;
    glfwGetWindowSize(window, &width, &height);
    const float w = static_cast<float>(width), h = static_cast<float>(height) - kStatusHeight;
    ScreenRect rect;
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;
    const bool device_down = live.status && (live.status->device_state == DeviceState::Lost ||
                                             live.status->device_state == DeviceState::Ended);
    if (live.have_frame && live.status && !device_down) {
        PlateContent content;
        content.header = &live.header;
        content.sensors = &live.sensors;
        content.frame = &live.frame;
        content.frame_key = live.frame_key;
        content.unit = live.sensors.in_kpa() ? "kPa" : "counts";
        rect = draw_plate_panel(content, state, texture, 0.0f, 0.0f, w, h);
    } else {
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(w, h));
        ImGui::Begin("Live", nullptr, flags);
        if (!live.status)
            ImGui::TextWrapped("No plantard answers at %s. Start it (plantard --source sim, or with a plate) and this view connects by itself.",
                               control_endpoint.c_str());
        else if (device_down)
            ImGui::TextWrapped("plantard answers, but the device is %s: %s", to_string(live.status->device_state).c_str(),
                               live.status->last_problem.c_str());
        else
            ImGui::TextWrapped("plantard answers (device %s); waiting for its first frame...",
                               to_string(live.status->device_state).c_str());
        ImGui::End();
    }
    ImGui::SetNextWindowPos(ImVec2(0, h));
    ImGui::SetNextWindowSize(ImVec2(w, kStatusHeight));
    ImGui::Begin("Status", nullptr, flags);
    ImGui::TextUnformatted(status_line(live, control_endpoint).c_str());
    ImGui::End();
    render_ui_to_back_buffer(window);
    return rect;
}

}  // namespace

int run_live_viewer(const ViewerOptions& options) {
    using Clock = std::chrono::steady_clock;
    daemon::DaemonClient client(options.endpoint, std::chrono::milliseconds(300));
    const std::string control_endpoint = client.endpoints().control;
    LiveState live;
    ViewState state;
    state.scale_mode = ScaleMode::ThisFrame;
    state.zoom = options.zoom;
    state.show_regions = state.show_axis = state.show_cop = state.show_cpei = false;  // no live analysis yet

    if (options.screenshot) {
        // Ask before opening a window, so "no daemon" is one line on stderr and exit code 1.
        poll_status(live, client);
        if (!live.status) return fail(live.problem);  // "no plantard is running at <endpoint> ..."
    }
    daemon::DaemonFrameStream stream(options.endpoint, daemon::StreamMode::Newest);

    if (options.screenshot) {
        const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options.live_wait_s));
        int frames = 0;
        while (Clock::now() < deadline && frames < 3) {  // the third frame: the stream has settled on the newest
            if (auto frame = stream.next_within(std::chrono::milliseconds(200))) {
                take_frame(live, stream.geometry(), std::move(*frame));
                if (live.have_frame) ++frames;
            }
        }
        if (!live.have_frame)
            return fail("plantard at " + control_endpoint + " sent no frame within " + std::to_string(options.live_wait_s) +
                        " s (device " + to_string(stream.state()) + ")");
        poll_status(live, client);
        if (!live.status) return fail("plantard at " + control_endpoint + " stopped answering (" + live.problem + ")");
    }

    Window window;
    std::string error;
    if (!window.open(options.width, options.height, options.screenshot.has_value(), error)) return fail(error);
    HeatmapTexture texture;

    if (options.screenshot) {
        ScreenRect rect;
        for (int i = 0; i < 3; ++i) rect = render_live(window.handle(), live, state, texture, control_endpoint);
        glFinish();
        const RgbaImage image = read_back_buffer(window.handle());
        if (const std::string written = write_png(*options.screenshot, image); !written.empty()) return fail(written);
        std::printf("plantar-view: live status: %s\n", status_line(live, control_endpoint).c_str());
        std::printf("plantar-view: wrote %s (%dx%d): live frame; heatmap at x=%.0f y=%.0f width=%.0f height=%.0f\n",
                    options.screenshot->c_str(), image.width, image.height, static_cast<double>(rect.x),
                    static_cast<double>(rect.y), static_cast<double>(rect.width), static_cast<double>(rect.height));
        return 0;
    }

    auto next_status = Clock::now();
    auto fps_start = Clock::now();
    int fps_frames = 0;
    while (glfwWindowShouldClose(window.handle()) == GLFW_FALSE) {
        glfwPollEvents();
        const auto now = Clock::now();
        if (now >= next_status) {  // ~2 Hz; slower while nobody answers, so the window stays responsive
            poll_status(live, client);
            next_status = now + std::chrono::milliseconds(live.status ? 500 : 2000);
        }
        while (auto frame = stream.next_within(std::chrono::milliseconds(0))) take_frame(live, stream.geometry(), std::move(*frame));
        render_live(window.handle(), live, state, texture, control_endpoint);
        glfwSwapBuffers(window.handle());
        ++fps_frames;
        const double elapsed = std::chrono::duration<double>(Clock::now() - fps_start).count();
        if (elapsed >= 1.0) {
            live.drawn_fps = fps_frames / elapsed;
            fps_frames = 0;
            fps_start = Clock::now();
        }
    }
    stream.stop();
    return 0;
}

}  // namespace plantar::viz
