// The replay view: one trial of a session file, its frames on a timeline, its analysis beside it;
// and --screenshot for it.
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <GL/gl.h>
#include <imgui.h>

#include <cstdio>
#include <exception>
#include <memory>
#include <string>

#include "viewer_panels.hpp"
#include "viewer_window.hpp"
#include "window.hpp"

namespace plantar::viz {
namespace {

// One frame of the UI into the back buffer; returns where the heatmap went.
ScreenRect render_once(GLFWwindow* window, const TrialView& view, ViewState& state, HeatmapTexture& texture) {
    begin_ui_frame();
    int width = 0, height = 0;
    glfwGetWindowSize(window, &width, &height);
    const ScreenRect rect = draw_replay_view(view, state, texture, static_cast<float>(width), static_cast<float>(height));
    render_ui_to_back_buffer(window);
    return rect;
}

}  // namespace

int run_viewer(const ViewerOptions& options) {
    if (options.live) return run_live_viewer(options);
    if (options.session.empty()) return fail("give a session file, or --live for a running plantard");
    std::unique_ptr<TrialView> opened;
    try {
        opened = TrialView::open(options.session, options.trial);
    } catch (const std::exception& e) {
        return fail(std::string("cannot open the session: ") + e.what());
    }
    TrialView& view = *opened;
    ViewState state;
    if (options.frame) {
        if (*options.frame >= view.frame_count())
            return fail("trial " + std::to_string(view.trial()) + " has frames 0 to " + std::to_string(view.frame_count() - 1) +
                        ", not " + std::to_string(*options.frame));
        state.frame = static_cast<std::size_t>(*options.frame);
    } else if (options.time_s) {
        state.frame = view.frame_at_time(*options.time_s);
    }
    state.play_time_s = view.time_s(state.frame);
    state.show_regions = state.show_axis = state.show_cop = state.show_cpei = options.overlays;
    state.all_steps = options.all_steps;
    state.zoom = options.zoom;

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
                    options.screenshot->c_str(), image.width, image.height, view.trial(), state.frame,
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
