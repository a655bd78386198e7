#pragma once
/// hubsim-view's command line.
#include <optional>
#include <string>
#include <vector>

namespace hubsim::engine {
struct ModelDescription;
}

namespace hubsim::viz {

struct SliderGroups;

/// Exit codes: 0 success, 1 no display / OpenGL / output failure, 2 bad input.
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;

struct Options {
  const engine::ModelDescription* model = nullptr;  ///< what --live simulates
  const SliderGroups* sliders = nullptr;            ///< how --live groups its sliders (null: by section)
  std::vector<std::string> run_files;  ///< one run to replay, or A and B to compare
  bool live = false;                   ///< --live: simulate instead of replaying
  std::string live_config;             ///< --live's optional scenario file
  std::vector<std::string> sets;       ///< --set key=value, for --live
  /// --live-change YYYY-MM:key=value: with --live, a slider moved at that month (scripted: for
  /// tests, and to rehearse a workshop); applied through the live run exactly as a slider is.
  std::vector<std::string> live_changes;
  bool difference = false;             ///< start comparing as B - A rather than side by side
  bool presentation = false;
  std::string screenshot;  ///< PNG to write; empty for the interactive viewer
  std::string layout_json; ///< with --screenshot: where each hub was drawn, as JSON (drawn_nodes.hpp)
  std::string frames;      ///< directory for a PNG sequence of the playback; empty for none
  bool replace = false;    ///< --replace: --frames may empty a directory that holds frames already
  std::string video;       ///< --video out.mp4: the playback encoded by ffmpeg (H.264)
  std::string gif;         ///< --gif out.gif: the same as an animated GIF
  double seconds = 0;      ///< --seconds: length of --video/--gif/--frames; sets the speed (0: use --months-per-second)
  std::string save_session;  ///< with --live: write the session (its schedule of changes) as a run file
  int fps = 30;
  std::string from, to;    ///< --frames/--video/--gif: first and last month, both shown (default: the whole run)
  double months_per_second = 6;
  std::string at;          ///< "YYYY-MM" to start at (screenshot: to show); empty for the default
  std::string hub;         ///< hub to select at start, as if clicked
  int width = 1600;
  int height = 900;
  int bench_frames = 0;    ///< --bench-frames N: time N frames of playback offscreen and exit
  /// Whether the playback is exported as a sequence (PNG frames, a video or a GIF).
  bool exporting() const { return !frames.empty() || !video.empty() || !gif.empty(); }
  bool headless() const { return !screenshot.empty() || exporting() || bench_frames > 0; }
};

/// Parses the command line into `out`; returns an exit code when the program should stop now
/// (--help, --version, or a usage error, which is bad input).
std::optional<int> parse_options(int argc, char** argv, Options& out);

}  // namespace hubsim::viz
