#pragma once
/// Headless export: --screenshot (one PNG) and --frames (a PNG sequence of the playback), both
/// rendered into an offscreen framebuffer, so they work under xvfb-run with Mesa's software GL.
#include <filesystem>
#include <stdexcept>
#include <string>

#include "viz/panels.hpp"
#include "viz/video.hpp"

namespace hubsim::viz {

/// The PNG could not be rendered or written; hubsim-view exits with 1.
class ScreenshotError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Renders a few frames of `width` x `height` (so ImGui's layout settles) and writes the last to
/// `path`; with a `layout_path`, also where that frame drew each hub (drawn_nodes_json).
/// Needs a current OpenGL context with ImGui's backends initialised.
void write_screenshot(const std::string& path, const Scene& scene, ViewState& state, const Fonts& fonts,
                      LiveSession* live, int width, int height, const std::string& layout_path = "");

/// Plays `plan` (frame i at month plan.month(i)) and writes one PNG per frame to
/// `dir`/frame-00000.png, ...; the particles move with the frames' clock (`fps`). With `replace`,
/// the frame-*.png files already in `dir` are deleted first. Returns the number of frames written.
int write_frames(const std::string& dir, int fps, const FramePlan& plan, const Scene& scene, ViewState& state,
                 const Fonts& fonts, LiveSession* live, int width, int height, bool replace = false);

/// The same playback encoded by ffmpeg into `path` (.mp4 or .gif) at `fps`; returns the frame count.
/// Throws ScreenshotError if ffmpeg is missing or fails (nothing is then left at `path`).
int write_video(const std::string& path, int fps, const FramePlan& plan, const Scene& scene, ViewState& state,
                const Fonts& fonts, LiveSession* live, int width, int height);

/// Whether `p` is named like a frame of --frames (frame-NNNNN.png).
bool is_frame_file(const std::filesystem::path& p);
/// Deletes the frame-NNNNN.png files in `dir` (--frames --replace); other files stay.
void remove_frames(const std::string& dir);

/// Frame times of playback (`frames` frames at `state.speed` months a second, from `state.month`,
/// looping), rendered offscreen and timed to glFinish; the median and 95th percentile in ms.
struct FrameTimes {
  double median_ms = 0;
  double p95_ms = 0;
  int frames = 0;
};
FrameTimes bench_frames(int frames, const Scene& scene, ViewState& state, const Fonts& fonts, LiveSession* live,
                        int width, int height);

}  // namespace hubsim::viz
