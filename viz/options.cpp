#include "viz/options.hpp"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>

#include "sim/engine/version.hpp"

namespace hubsim::viz {

std::optional<int> parse_options(int argc, char** argv, Options& out) {
  CLI::App cli{"hubsim-view: play back hubsim runs on a map of Lancashire's digital hubs, or simulate live"};
  cli.set_version_flag("--version", std::string("hubsim-view ") + engine::kVersion + " (" + engine::kGitCommit + ")");
  cli.add_option("runs", out.run_files, "Run file written by `hubsim run` (HDF5); two files: compare A and B")
      ->expected(0, 2);
  auto* live = cli.add_option("--live", out.live_config,
                              "Simulate live instead of replaying, from the built-in config or this scenario file")
                   ->expected(0, 1);
  cli.add_option("--set", out.sets, "With --live: override a parameter, key=value (repeatable)");
  cli.add_option("--live-change", out.live_changes,
                 "With --live: move a slider at a month, YYYY-MM:key=value, as the room would (repeatable; recorded "
                 "in the session like any slider move)");
  cli.add_flag("--diff", out.difference, "With two runs: start with the difference B - A instead of side by side");
  cli.add_flag("--presentation", out.presentation, "Start in presentation mode (P): large type, no controls");
  cli.add_option("--screenshot", out.screenshot,
                 "Render one frame to this PNG and exit, without showing a window (works under xvfb-run)");
  cli.add_option("--layout-json", out.layout_json,
                 "With --screenshot: also write each hub's centre, radius, fill colour and label box as drawn (framebuffer pixels)");
  cli.add_option("--frames", out.frames,
                 "Write the playback as a PNG sequence into this directory (new or empty) and exit");
  cli.add_flag("--replace", out.replace, "--frames: delete the frame-*.png files already in the directory first");
  cli.add_option("--video", out.video, "Encode the playback as an H.264 MP4 with ffmpeg and exit (e.g. out.mp4)");
  cli.add_option("--gif", out.gif, "Encode the playback as an animated GIF with ffmpeg and exit (e.g. out.gif)");
  cli.add_option("--seconds", out.seconds,
                 "--frames/--video/--gif: length of the playback in seconds (sets the speed; default: "
                 "--months-per-second)")
      ->check(CLI::Range(0.1, 3600.0));
  cli.add_option("--fps", out.fps, "--frames/--video/--gif: frames per second of playback")->check(CLI::Range(1, 240));
  cli.add_option("--from", out.from, "--frames/--video/--gif: first month, YYYY-MM (default: the first of the run)");
  cli.add_option("--to", out.to, "--frames/--video/--gif: last month, YYYY-MM, shown (default: the last of the run)");
  cli.add_option("--months-per-second", out.months_per_second, "--frames/--video/--gif: playback speed")
      ->check(CLI::Range(0.1, 600.0));
  cli.add_option("--save-session", out.save_session,
                 "With --live: on exit (headless: once simulated) write the session as a run file with its schedule "
                 "of changes; `hubsim run --from FILE` reproduces it");
  cli.add_option("--at", out.at, "Month to show, YYYY-MM (default: the first month; with --screenshot, the last)");
  cli.add_option("--hub", out.hub, "Hub to select, as if clicked on the map (e.g. Preston)");
  cli.add_option("--bench-frames", out.bench_frames,
                 "Render this many frames of playback offscreen, print the median frame time and exit")
      ->check(CLI::Range(1, 100000));
  cli.add_option("--width", out.width, "Window / screenshot width in pixels")->check(CLI::Range(320, 8192));
  cli.add_option("--height", out.height, "Window / screenshot height in pixels")->check(CLI::Range(240, 8192));
  try {
    cli.parse(argc, argv);
    out.live = live->count() > 0;
    if (!out.live && out.run_files.empty()) throw CLI::ValidationError("runs", "give a run file, two to compare, or --live");
    if (out.live && !out.run_files.empty()) throw CLI::ValidationError("--live", "simulates its own run: give no run file");
    if (!out.live && !out.sets.empty()) throw CLI::ValidationError("--set", "only with --live");
    if (!out.live && !out.live_changes.empty()) throw CLI::ValidationError("--live-change", "only with --live");
    if (!out.screenshot.empty() && !out.frames.empty()) throw CLI::ValidationError("--frames", "not with --screenshot");
    if (!out.layout_json.empty() && out.screenshot.empty())
      throw CLI::ValidationError("--layout-json", "only with --screenshot");
    auto extension = [](const std::string& path) { return std::filesystem::path(path).extension().string(); };
    if (!out.screenshot.empty() && extension(out.screenshot) != ".png")
      throw CLI::ValidationError("--screenshot", out.screenshot + ": the file name must end in .png");
    if (!out.video.empty() && extension(out.video) != ".mp4")
      throw CLI::ValidationError("--video", out.video + ": the file name must end in .mp4");
    if (!out.gif.empty() && extension(out.gif) != ".gif")
      throw CLI::ValidationError("--gif", out.gif + ": the file name must end in .gif");
    if (!out.save_session.empty() && !out.live) throw CLI::ValidationError("--save-session", "only with --live");
    if (!out.save_session.empty() && extension(out.save_session) != ".h5")
      throw CLI::ValidationError("--save-session", out.save_session + ": the file name must end in .h5");
    if (out.difference && out.run_files.size() != 2)
      throw CLI::ValidationError("--diff", "compares two runs: give two run files (A and B)");
    if (out.replace && out.frames.empty()) throw CLI::ValidationError("--replace", "only with --frames");
    const int exports = !out.frames.empty() + !out.video.empty() + !out.gif.empty() + !out.screenshot.empty();
    if (exports > 1) throw CLI::ValidationError("--video", "give one of --screenshot, --frames, --video, --gif");
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return cli.exit(e);  // --help, --version
    std::cerr << "hubsim-view: error: " << e.what() << "\n";  // one line, naming the option
    return kExitBadInput;
  }
  return std::nullopt;
}

}  // namespace hubsim::viz
