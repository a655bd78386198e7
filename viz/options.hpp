#pragma once
/// hubsim-view's command line.
#include <optional>
#include <string>

namespace hubsim::viz {

/// Exit codes: 0 success, 1 no display / OpenGL / output failure, 2 bad input.
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;

struct Options {
  std::string run_file;
  std::string screenshot;  ///< PNG to write; empty for the interactive viewer
  std::string at;          ///< "YYYY-MM" to start at (screenshot: to show); empty for the default
  std::string hub;         ///< hub to select at start, as if clicked
  int width = 1600;
  int height = 900;
};

/// Parses the command line into `out`; returns an exit code when the program should stop now
/// (--help, --version, or a usage error, which is bad input).
std::optional<int> parse_options(int argc, char** argv, Options& out);

}  // namespace hubsim::viz
