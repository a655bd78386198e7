#include "viz/options.hpp"

#include <CLI/CLI.hpp>

namespace hubsim::viz {

std::optional<int> parse_options(int argc, char** argv, Options& out) {
  CLI::App cli{"hubsim-view: play back hubsim runs on a map of Lancashire's digital hubs, or simulate live"};
  cli.add_option("runs", out.run_files, "Run file written by `hubsim run` (HDF5); two files: compare A and B")
      ->expected(0, 2);
  auto* live = cli.add_option("--live", out.live_config,
                              "Simulate live instead of replaying, from the built-in config or this scenario file")
                   ->expected(0, 1);
  cli.add_option("--set", out.sets, "With --live: override a parameter, key=value (repeatable)");
  cli.add_flag("--diff", out.difference, "With two runs: start with the difference B - A instead of side by side");
  cli.add_flag("--presentation", out.presentation, "Start in presentation mode (P): large type, no controls");
  cli.add_option("--screenshot", out.screenshot,
                 "Render one frame to this PNG and exit, without showing a window (works under xvfb-run)");
  cli.add_option("--layout-json", out.layout_json,
                 "With --screenshot: also write each hub's centre, radius (framebuffer pixels) and fill colour as drawn");
  cli.add_option("--frames", out.frames, "Write the playback as a PNG sequence into this directory and exit");
  cli.add_option("--fps", out.fps, "--frames: frames per second of playback")->check(CLI::Range(1, 240));
  cli.add_option("--from", out.from, "--frames: first month, YYYY-MM (default: the first of the run)");
  cli.add_option("--to", out.to, "--frames: last month, YYYY-MM (default: the last of the run)");
  cli.add_option("--months-per-second", out.months_per_second, "--frames: playback speed")
      ->check(CLI::Range(0.1, 600.0));
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
    if (!out.screenshot.empty() && !out.frames.empty()) throw CLI::ValidationError("--frames", "not with --screenshot");
    if (!out.layout_json.empty() && out.screenshot.empty())
      throw CLI::ValidationError("--layout-json", "only with --screenshot");
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e);
    return code == 0 ? 0 : kExitBadInput;
  }
  return std::nullopt;
}

}  // namespace hubsim::viz
