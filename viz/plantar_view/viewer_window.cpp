#include "viewer_window.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <GL/gl.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <utility>

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

// One frame of the UI into the back buffer; returns where the heatmap went.
ScreenRect render_once(GLFWwindow* window, const TrialView& view, ViewState& state, HeatmapTexture& texture) {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    int width = 0, height = 0;
    glfwGetWindowSize(window, &width, &height);
    const ScreenRect rect = draw_viewer(view, state, texture, static_cast<float>(width), static_cast<float>(height));
    ImGui::Render();
    int fb_width = 0, fb_height = 0;
    glfwGetFramebufferSize(window, &fb_width, &fb_height);
    glViewport(0, 0, fb_width, fb_height);
    glClearColor(0.08f, 0.08f, 0.09f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
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

}  // namespace plantar::viz
