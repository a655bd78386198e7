#include "viz/options.hpp"

#include <CLI/CLI.hpp>

namespace hubsim::viz {

std::optional<int> parse_options(int argc, char** argv, Options& out) {
  CLI::App cli{"hubsim-view: replay a hubsim run on a map of Lancashire's digital hubs"};
  cli.add_option("run", out.run_file, "Run file written by `hubsim run` (HDF5)")->required();
  cli.add_option("--screenshot", out.screenshot,
                 "Render one frame to this PNG and exit, without showing a window (works under xvfb-run)");
  cli.add_option("--at", out.at, "Month to show, YYYY-MM (default: the first month; with --screenshot, the last)");
  cli.add_option("--hub", out.hub, "Hub to select, as if clicked on the map (e.g. Preston)");
  cli.add_option("--width", out.width, "Window / screenshot width in pixels")->check(CLI::Range(320, 8192));
  cli.add_option("--height", out.height, "Window / screenshot height in pixels")->check(CLI::Range(240, 8192));
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = cli.exit(e);
    return code == 0 ? 0 : kExitBadInput;
  }
  return std::nullopt;
}

}  // namespace hubsim::viz
