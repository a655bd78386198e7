// hubsim-view: replay, compare or simulate live. Set up, loop (poll, new frame, build UI, render,
// swap), clean up in reverse. Exit codes: 0 success, 1 no display / OpenGL / output failure, 2 bad input.
#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <cstdio>
#include <iostream>
#include <optional>

#include "viz/screenshot.hpp"
#include "viz/viewer.hpp"
#include "viz/startup.hpp"
#include "viz/window.hpp"

using namespace hubsim;

int viz::run_viewer(int argc, char** argv, const engine::ModelDescription& model, const SliderGroups& sliders) {
  viz::Options options;
  options.model = &model;
  options.sliders = &sliders;
  if (const auto code = viz::parse_options(argc, argv, options)) return *code;
  viz::Startup s = viz::start_up(options);  // bad input ends up in s.scene.error, shown in the window
  const bool bad = !s.scene.error.empty();
  if (bad) std::cerr << "hubsim-view: error: " << s.scene.error << "\n";
  if (bad && options.headless()) return viz::kExitBadInput;

  std::optional<viz::Window> window;
  try {
    window.emplace("hubsim-view", options.width, options.height, options.headless());
  } catch (const viz::WindowError& e) {
    std::cerr << "hubsim-view: error: " << e.what() << "\n";
    return bad ? viz::kExitBadInput : viz::kExitFailure;
  }
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  const viz::Fonts fonts = viz::setup_theme(options.width, options.height, window->content_scale());
  ImGui_ImplGlfw_InitForOpenGL(window->handle(), true);
  ImGui_ImplOpenGL3_Init(window->glsl_version());

  int exit_code = bad ? viz::kExitBadInput : 0;
  // Exported playback (--frames, --video, --gif) of a live run is the run already simulated: the
  // map, charts and figures without the sliders, which nobody can move in a video.
  try {
    if (!options.screenshot.empty())
      viz::write_screenshot(options.screenshot, s.scene, s.state, fonts, s.live.get(), options.width, options.height,
                            options.layout_json);
    if (!options.frames.empty())
      std::cout << viz::write_frames(options.frames, options.fps, s.plan, s.scene, s.state, fonts, nullptr,
                                     options.width, options.height, options.replace)
                << " frames written to " << options.frames << "\n";
    for (const std::string& video : {options.video, options.gif})
      if (!video.empty())
        std::cout << viz::write_video(video, options.fps, s.plan, s.scene, s.state, fonts, nullptr, options.width,
                                      options.height)
                  << " frames (" << static_cast<double>(s.plan.count) / options.fps << " s) encoded to " << video << "\n";
    if (options.bench_frames > 0) {
      const auto t = viz::bench_frames(options.bench_frames, s.scene, s.state, fonts, s.live.get(), options.width,
                                       options.height);
      std::printf("frame time at %dx%d over %d frames: median %.2f ms (%.0f fps), 95th percentile %.2f ms\n",
                  options.width, options.height, t.frames, t.median_ms, 1000.0 / t.median_ms, t.p95_ms);
    }
  } catch (const viz::ScreenshotError& e) {
    std::cerr << "hubsim-view: error: " << e.what() << "\n";
    exit_code = viz::kExitFailure;
  }
  double last = glfwGetTime();
  while (!options.headless() && !window->should_close()) {
    glfwPollEvents();
    if (window->minimised()) {  // nothing to draw: sleep until something happens
      glfwWaitEventsTimeout(0.1);
      continue;
    }
    if (s.live) s.live->update(s.scene, s.state);
    const double now = glfwGetTime();
    int width = 0, height = 0;
    glfwGetFramebufferSize(window->handle(), &width, &height);
    viz::render_frame(s.scene, s.state, fonts, s.live.get(), width, height, now - last);
    last = now;
    glfwSwapBuffers(window->handle());
    window->set_fullscreen(s.state.fullscreen);
    s.state.fullscreen = window->fullscreen();  // stays windowed where there is no monitor to fill
    if (bad && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) break;
  }

  if (s.live && !options.save_session.empty() && !bad) {  // the session, with every change the room made
    try {
      s.live->save(options.save_session);
      std::cout << "hubsim-view: session " << s.live->saved << "\n";
    } catch (const std::exception& e) {
      std::cerr << "hubsim-view: error: --save-session " << options.save_session << ": " << e.what() << "\n";
      exit_code = viz::kExitFailure;
    }
  }
  s.live.reset();  // stop the simulation threads before the window goes
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  return exit_code;  // ~Window closes the window and GLFW
}
