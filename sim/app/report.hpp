#pragma once
/// `hubsim report DIR... -o brief.html`: one self-contained HTML page (charts embedded as base64
/// PNG, no external file or script) with every analysis of each sweep — target probabilities,
/// paired differences, bands, lever rankings with CIs, cost per job, PRIM boxes — each figure with
/// a sentence saying what it shows, and the tables with their warnings.
#include <string>
#include <vector>

namespace hubsim::engine {
struct ModelDescription;
}

namespace hubsim::app {

struct ReportArgs {
  std::vector<std::string> dirs;  ///< finished sweep directories, in the order the brief shows them
  std::string output;             ///< the HTML file
  std::string discover;           ///< --discover for every sweep that has the outcome (optional)
  int resamples = 1000;
  const engine::ModelDescription* model = nullptr;
};

/// 0 on success; throws io::ConfigError (exit 2, nothing written) for a directory that is not a
/// finished sweep, an -o whose directory does not exist, or a bad --discover.
int report_command(const ReportArgs& args);

}  // namespace hubsim::app
