#include "window.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <GL/gl.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "plantar/viz/frame_timing.hpp"

namespace plantar::viz {
namespace {

std::string g_glfw_error;  // the last GLFW error, for the one-line message when a window cannot open
void on_glfw_error(int, const char* description) { g_glfw_error = description != nullptr ? description : ""; }

}  // namespace

int fail(const std::string& message) {
    std::fprintf(stderr, "plantar-view: error: %s\n", message.c_str());
    return 1;
}

bool Window::open(int width, int height, bool for_screenshot, std::string& error) {
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
    // The panels tile the window, so their background is the cleared framebuffer: a window
    // background of alpha 0 is not drawn at all. Software OpenGL (Mesa under Xvfb) spends most of
    // a frame filling pixels, and this saves one blended pass over the whole window.
    ImGui::GetStyle().Colors[ImGuiCol_WindowBg].w = 0.0f;
    imgui_ = true;
    if (!ImGui_ImplGlfw_InitForOpenGL(window_, true) || !ImGui_ImplOpenGL3_Init("#version 330")) {
        error = "cannot start Dear ImGui on the OpenGL context";
        return false;
    }
    backends_ = true;
    return true;
}

Window::~Window() {
    if (backends_) {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplGlfw_Shutdown();
    }
    if (imgui_) ImGui::DestroyContext();
    if (window_ != nullptr) glfwDestroyWindow(window_);
    if (glfw_) glfwTerminate();
}

void begin_ui_frame() {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
}

void render_ui_to_back_buffer(GLFWwindow* window) {
    ImGui::Render();
    int fb_width = 0, fb_height = 0;
    glfwGetFramebufferSize(window, &fb_width, &fb_height);
    glViewport(0, 0, fb_width, fb_height);
    const ImVec4 background = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];  // dark style: 0.06 grey
    glClearColor(background.x, background.y, background.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

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

int run_empty_bench(int width, int height, double seconds) {
    Window window;
    std::string error;
    if (!window.open(width, height, /*for_screenshot=*/true, error)) return fail(error);
    using Clock = std::chrono::steady_clock;
    FrameTimer timer;
    const auto start = Clock::now();
    auto frame_start = start;
    while (std::chrono::duration<double>(Clock::now() - start).count() < seconds) {
        glfwPollEvents();
        begin_ui_frame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(static_cast<float>(width), static_cast<float>(height)));
        ImGui::Begin("Baseline", nullptr, ImGuiWindowFlags_NoDecoration);
        ImGui::End();
        render_ui_to_back_buffer(window.handle());
        glfwSwapBuffers(window.handle());
        const auto now = Clock::now();
        timer.add(std::chrono::duration<double>(now - frame_start).count());
        frame_start = now;
    }
    std::printf("%s\n", bench_line("baseline", timer.summary()).c_str());
    return 0;
}

}  // namespace plantar::viz
