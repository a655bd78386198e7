// hubsim-view: replay a hubsim run. Set up, loop (poll, new frame, build UI, render, swap), clean
// up in reverse. Exit codes: 0 success, 1 no display / OpenGL / output failure, 2 bad input.
#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <iostream>
#include <optional>

#include "viz/options.hpp"
#include "viz/panels.hpp"
#include "viz/screenshot.hpp"
#include "viz/window.hpp"

using namespace hubsim;

int main(int argc, char** argv) {
  viz::Options options;
  if (const auto code = viz::parse_options(argc, argv, options)) return *code;

  // Everything about the input is checked before a window is opened, so bad input is reported
  // the same way with or without a display.
  viz::Replay replay;
  viz::ViewState state;
  try {
    replay = viz::load_replay(options.run_file);
    state = viz::initial_state(replay, options.at, options.hub, !options.screenshot.empty());
  } catch (const viz::InputError& e) {
    std::cerr << "hubsim-view: error: " << e.what() << "\n";
    return viz::kExitBadInput;
  }

  std::optional<viz::Window> window;
  try {
    window.emplace("hubsim-view: " + options.run_file, options.width, options.height, !options.screenshot.empty());
  } catch (const viz::WindowError& e) {
    std::cerr << "hubsim-view: error: " << e.what() << "\n";
    return viz::kExitFailure;
  }
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  const viz::Fonts fonts = viz::setup_theme(options.width, options.height);
  ImGui_ImplGlfw_InitForOpenGL(window->handle(), true);
  ImGui_ImplOpenGL3_Init(window->glsl_version());

  int exit_code = 0;
  if (!options.screenshot.empty()) {
    try {
      viz::write_screenshot(options.screenshot, replay, state, fonts, options.width, options.height);
    } catch (const viz::ScreenshotError& e) {
      std::cerr << "hubsim-view: error: " << e.what() << "\n";
      exit_code = viz::kExitFailure;
    }
  }
  while (options.screenshot.empty() && !window->should_close()) {
    glfwPollEvents();
    if (window->minimised()) {  // nothing to draw: sleep until something happens
      glfwWaitEventsTimeout(0.1);
      continue;
    }
    int width = 0, height = 0;
    glfwGetFramebufferSize(window->handle(), &width, &height);
    viz::render_frame(replay, state, fonts, width, height);
    glfwSwapBuffers(window->handle());
    window->set_fullscreen(state.fullscreen);
    state.fullscreen = window->fullscreen();  // stays windowed where there is no monitor to fill
  }

  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  return exit_code;  // ~Window closes the window and GLFW
}
