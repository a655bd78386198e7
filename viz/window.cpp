#include "viz/window.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>

namespace hubsim::viz {
namespace {

// GLFW reports errors through a plain function pointer, so the last one is kept here to be put
// into the WindowError message ("X11: The DISPLAY environment variable is missing", ...).
std::string last_glfw_error;

void on_glfw_error(int /*code*/, const char* description) { last_glfw_error = description ? description : ""; }

GLFWwindow* try_create(const std::string& title, int width, int height, bool hidden, int major, int minor,
                       bool core) {
  glfwDefaultWindowHints();
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, major);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, minor);
  if (core) glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_VISIBLE, hidden ? GLFW_FALSE : GLFW_TRUE);
  // No multisampling: ImGui anti-aliases its own edges, and llvmpipe would only get slower.
  return glfwCreateWindow(width, height, title.c_str(), nullptr, nullptr);
}

}  // namespace

Window::Window(const std::string& title, int width, int height, bool hidden) {
  glfwSetErrorCallback(on_glfw_error);
  if (!glfwInit())
    throw WindowError("cannot open a window: " + last_glfw_error +
                      (hidden ? " (no display? run it under xvfb-run -a)"
                              : " (no display? to render without one, use --screenshot under xvfb-run -a)"));
  window_ = try_create(title, width, height, hidden, 3, 3, true);
  if (window_ == nullptr) {
    window_ = try_create(title, width, height, hidden, 3, 0, false);
    glsl_version_ = "#version 130";
  }
  if (window_ == nullptr) {
    const std::string reason = last_glfw_error;
    glfwTerminate();
    throw WindowError("cannot create an OpenGL 3.3 or 3.0 context: " + reason);
  }
  glfwMakeContextCurrent(window_);
  glfwSwapInterval(1);  // vsync: smooth playback without spinning a core
}

Window::~Window() {
  if (window_ != nullptr) glfwDestroyWindow(window_);
  glfwTerminate();
}

bool Window::should_close() const { return glfwWindowShouldClose(window_) != 0; }

float Window::content_scale() const {
  float x = 1, y = 1;
  glfwGetWindowContentScale(window_, &x, &y);
  return std::max({x, y, 1.0f});
}

bool Window::minimised() const { return glfwGetWindowAttrib(window_, GLFW_ICONIFIED) != 0; }

void Window::set_fullscreen(bool on) {
  if (on == fullscreen_) return;
  if (on) {
    GLFWmonitor* monitor = glfwGetPrimaryMonitor();
    const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
    if (mode == nullptr) return;  // headless or no monitor: stay windowed
    glfwGetWindowPos(window_, &windowed_x_, &windowed_y_);
    glfwGetWindowSize(window_, &windowed_w_, &windowed_h_);
    glfwSetWindowMonitor(window_, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
  } else {
    glfwSetWindowMonitor(window_, nullptr, windowed_x_, windowed_y_, windowed_w_, windowed_h_, GLFW_DONT_CARE);
  }
  fullscreen_ = on;
}

}  // namespace hubsim::viz
