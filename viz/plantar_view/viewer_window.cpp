#include "viewer_window.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <GL/gl.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <utility>

#include "plantar/capture/daemon/client.hpp"
#include "plantar/capture/errors.hpp"
#include "plantar/viz/png_file.hpp"
#include "viewer_panels.hpp"

namespace plantar::viz {
namespace {

std::string g_glfw_error;  // the last GLFW error, for the one-line message when a window cannot open
void on_glfw_error(int, const char* description) { g_glfw_error = description != nullptr ? description : ""; }

int fail(const std::string& message) {
    std::fprintf(stderr, "plantar-view: error: %s\n", message.c_str());
    return 1;
}

// GLFW, a window with an OpenGL 3.3 core context, and Dear ImGui on it; torn down in reverse.
class Window {
public:
    bool open(int width, int height, bool for_screenshot, std::string& error) {
        glfwSetErrorCallback(on_glfw_error);
        if (glfwInit() == GLFW_FALSE) {
            error = "cannot open a window (" + g_glfw_error + "); without a display, run under xvfb-run";
            return false;
        }
        glfw_ = true;
        glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
        glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
        glfwWindowHint(GLFW_RESIZABLE, for_screenshot ? GLFW_FALSE : GLFW_TRUE);
        window_ = glfwCreateWindow(width, height, "plantar-view", nullptr, nullptr);
        if (window_ == nullptr) {
            error = "cannot create an OpenGL 3.3 window (" + g_glfw_error + ")";
            return false;
        }
        glfwMakeContextCurrent(window_);
        glfwSwapInterval(for_screenshot ? 0 : 1);
        IMGUI_CHECKVERSION();
        ImGui::CreateContext();
        ImGui::GetIO().IniFilename = nullptr;  // the layout is fixed; nothing to remember
        ImGui::StyleColorsDark();
        imgui_ = true;
        if (!ImGui_ImplGlfw_InitForOpenGL(window_, true) || !ImGui_ImplOpenGL3_Init("#version 330")) {
            error = "cannot start Dear ImGui on the OpenGL context";
            return false;
        }
        backends_ = true;
        return true;
    }
    ~Window() {
        if (backends_) {
            ImGui_ImplOpenGL3_Shutdown();
            ImGui_ImplGlfw_Shutdown();
        }
        if (imgui_) ImGui::DestroyContext();
        if (window_ != nullptr) glfwDestroyWindow(window_);
        if (glfw_) glfwTerminate();
    }
    GLFWwindow* handle() const { return window_; }

private:
    bool glfw_ = false, imgui_ = false, backends_ = false;
    GLFWwindow* window_ = nullptr;
};

// Ends the ImGui frame and draws it into the window's back buffer over the background.
void render_ui_to_back_buffer(GLFWwindow* window) {
    ImGui::Render();
    int fb_width = 0, fb_height = 0;
    glfwGetFramebufferSize(window, &fb_width, &fb_height);
    glViewport(0, 0, fb_width, fb_height);
    glClearColor(0.08f, 0.08f, 0.09f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

// One frame of the UI into the back buffer; returns where the heatmap went.
ScreenRect render_once(GLFWwindow* window, const TrialView& view, ViewState& state, HeatmapTexture& texture) {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    int width = 0, height = 0;
    glfwGetWindowSize(window, &width, &height);
    const ScreenRect rect = draw_viewer(view, state, texture, static_cast<float>(width), static_cast<float>(height));
    render_ui_to_back_buffer(window);
    return rect;
}

// The back buffer as an image, top row first.
RgbaImage read_back_buffer(GLFWwindow* window) {
    RgbaImage image;
    glfwGetFramebufferSize(window, &image.width, &image.height);
    image.pixels.resize(static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 4);
    glReadBuffer(GL_BACK);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, image.width, image.height, GL_RGBA, GL_UNSIGNED_BYTE, image.pixels.data());
    const std::size_t stride = static_cast<std::size_t>(image.width) * 4;
    for (int y = 0; y < image.height / 2; ++y)  // OpenGL's rows run bottom-up
        std::swap_ranges(image.pixels.begin() + static_cast<std::ptrdiff_t>(y * stride),
                         image.pixels.begin() + static_cast<std::ptrdiff_t>((y + 1) * stride),
                         image.pixels.begin() + static_cast<std::ptrdiff_t>((image.height - 1 - y) * stride));
    for (std::size_t i = 3; i < image.pixels.size(); i += 4) image.pixels[i] = 255;
    return image;
}

}  // namespace

int run_viewer(const ViewerOptions& options) {
    if (options.live) return run_live_viewer(options);
    TrialView view;
    try {
        view = TrialView::open(options.session, options.trial);
    } catch (const std::exception& e) {
        return fail(std::string("cannot open the session: ") + e.what());
    }
    ViewState state;
    if (options.frame) {
        if (*options.frame >= view.frames.size())
            return fail("trial " + std::to_string(view.trial) + " has frames 0 to " + std::to_string(view.frames.size() - 1) +
                        ", not " + std::to_string(*options.frame));
        state.frame = static_cast<std::size_t>(*options.frame);
    } else if (options.time_s) {
        state.frame = view.frame_at_time(*options.time_s);
    }
    state.play_time_s = view.time_s(state.frame);
    state.show_regions = state.show_axis = state.show_cop = state.show_cpei = options.overlays;
    state.all_steps = options.all_steps;

    Window window;
    std::string error;
    if (!window.open(options.width, options.height, options.screenshot.has_value(), error)) return fail(error);
    HeatmapTexture texture;

    if (options.screenshot) {
        // A few frames: ImGui sizes text and windows from the previous frame's measurements.
        ScreenRect rect;
        for (int i = 0; i < 3; ++i) rect = render_once(window.handle(), view, state, texture);
        glFinish();
        const RgbaImage image = read_back_buffer(window.handle());
        if (const std::string written = write_png(*options.screenshot, image); !written.empty()) return fail(written);
        std::printf("plantar-view: wrote %s (%dx%d): trial %d frame %zu at %.3f s; heatmap at x=%.0f y=%.0f width=%.0f "
                    "height=%.0f\n",
                    options.screenshot->c_str(), image.width, image.height, view.trial, state.frame,
                    view.time_s(state.frame), static_cast<double>(rect.x), static_cast<double>(rect.y),
                    static_cast<double>(rect.width), static_cast<double>(rect.height));
        return 0;
    }

    double last = glfwGetTime();
    while (glfwWindowShouldClose(window.handle()) == GLFW_FALSE) {
        glfwPollEvents();
        const double now = glfwGetTime();
        advance_playback(view, state, now - last);
        last = now;
        render_once(window.handle(), view, state, texture);
        glfwSwapBuffers(window.handle());
    }
    return 0;
}

namespace {

// What the live view knows about plantard: its newest frame (as a one-frame TrialView, so the
// Plate panel draws it as it draws a session's frame), its status, and the viewer's drawn rate.
struct LiveState {
    TrialView view;
    bool have_frame = false;
    std::optional<daemon::DaemonStatus> status;
    std::string problem;  // why there is no status (no daemon answering), empty when there is
    double drawn_fps = 0.0;
};

void take_frame(LiveState& live, const PlateGeometry& geometry, Frame frame) {
    if (geometry.rows <= 0 || geometry.cols <= 0 || frame.pressure_kpa.size() != static_cast<std::size_t>(geometry.rows * geometry.cols))
        return;
    if (!live.have_frame || live.view.info.header.geometry.rows != geometry.rows || live.view.info.header.geometry.cols != geometry.cols) {
        live.view.info.header.geometry = geometry;
        live.view.sensors = analysis::SensorMap::make(geometry, live.view.info.header.layout, live.view.info.header.pressure_scale);
    }
    live.view.frames.assign(1, std::move(frame));
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
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    int width = 0, height = 0;
    glfwGetWindowSize(window, &width, &height);
    const float w = static_cast<float>(width), h = static_cast<float>(height) - kStatusHeight;
    ScreenRect rect;
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;
    const bool device_down = live.status && (live.status->device_state == DeviceState::Lost ||
                                             live.status->device_state == DeviceState::Ended);
    if (live.have_frame && live.status && !device_down) {
        texture.invalidate();
        rect = draw_live_plate(live.view, state, texture, w, h);
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
