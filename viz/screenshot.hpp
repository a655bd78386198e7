#pragma once
/// --screenshot: render the viewer offscreen and write a PNG.
#include <stdexcept>
#include <string>

#include "viz/panels.hpp"

namespace hubsim::viz {

/// The PNG could not be rendered or written; hubsim-view exits with 1.
class ScreenshotError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Renders a few frames of `width` x `height` into an offscreen framebuffer (so the result does
/// not depend on the window being visible or fitting on the screen) and writes the last to `path`
/// as a PNG. Needs a current OpenGL context with ImGui's backends initialised.
void write_screenshot(const std::string& path, const Replay& replay, ViewState& state, const Fonts& fonts, int width,
                      int height);

}  // namespace hubsim::viz
