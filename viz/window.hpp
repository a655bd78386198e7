#pragma once
/// The GLFW window and its OpenGL context: the only code that talks to GLFW directly.
#include <stdexcept>
#include <string>

struct GLFWwindow;

namespace hubsim::viz {

/// No display, or no OpenGL context; the message says which and why. hubsim-view exits with 1.
class WindowError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Window {
 public:
  /// Opens a window with an OpenGL 3.3 core context, falling back to 3.0 (old Mesa, some VMs).
  /// `hidden` windows are for screenshots, which render offscreen. Throws WindowError.
  Window(const std::string& title, int width, int height, bool hidden);
  ~Window();
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;

  GLFWwindow* handle() const { return window_; }
  /// The GLSL version line that matches the context, for ImGui_ImplOpenGL3_Init.
  const char* glsl_version() const { return glsl_version_; }
  bool should_close() const;
  bool minimised() const;
  bool fullscreen() const { return fullscreen_; }
  /// The monitor's content scale (HiDPI: 2 on a 200% display), at least 1.
  float content_scale() const;
  /// Switches between a window and the whole primary monitor, remembering the windowed placement.
  void set_fullscreen(bool on);

 private:
  GLFWwindow* window_ = nullptr;
  const char* glsl_version_ = "#version 330 core";
  bool fullscreen_ = false;
  int windowed_x_ = 0, windowed_y_ = 0, windowed_w_ = 0, windowed_h_ = 0;
};

}  // namespace hubsim::viz
