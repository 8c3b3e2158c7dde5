// The viewer's window: GLFW with an OpenGL 3.3 core context and Dear ImGui on it, shared by the
// replay view (replay_view.cpp) and the live view (live_view.cpp); and the back buffer as an
// image for --screenshot.
#pragma once

#include <string>

#include "plantar/viz/png_file.hpp"

struct GLFWwindow;

namespace plantar::viz {

// Prints "plantar-view: error: <message>" on stderr and returns the exit code 1.
int fail(const std::string& message);

// GLFW, a window with an OpenGL 3.3 core context, and Dear ImGui on it; torn down in reverse.
class Window {
public:
    Window() = default;
    Window(const Window&) = delete;
    Window& operator=(const Window&) = delete;
    ~Window();
    // A screenshot window is not resizable and does not wait for the display's refresh.
    bool open(int width, int height, bool for_screenshot, std::string& error);
    GLFWwindow* handle() const { return window_; }

private:
    bool glfw_ = false, imgui_ = false, backends_ = false;
    GLFWwindow* window_ = nullptr;
};

// Starts a Dear ImGui frame (backends and ImGui::NewFrame).
void begin_ui_frame();
// Ends the ImGui frame and draws it into the window's back buffer over the background.
void render_ui_to_back_buffer(GLFWwindow* window);
// The back buffer as an image, top row first.
RgbaImage read_back_buffer(GLFWwindow* window);

// The baseline of bench/bench_viewer.py: an empty Dear ImGui frame (one empty window) cleared and
// swapped for `seconds` in a width x height window, with no waiting for the display; prints
// bench_line("baseline", ...) and returns the exit code. What every view costs at least.
int run_empty_bench(int width, int height, double seconds);

}  // namespace plantar::viz
