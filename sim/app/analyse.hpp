#pragma once
/// `hubsim analyse DIR`: policy answers from a finished sweep's summary.csv: the probability of
/// meeting each target (Wilson, or a two-level bootstrap over posterior draws and seeds), the
/// mean and 90% band of every outcome by point, paired differences from a baseline under common
/// seeds, Sobol S1/ST and Morris mu*, mu, sigma with bootstrap CIs, cost per job when the design
/// has that shape, and PRIM scenario discovery (--discover). Tables on stdout, CSV and PNG under
/// DIR/analysis/.
#include <string>

namespace hubsim::engine {
struct ModelDescription;
}

namespace hubsim::app {

struct AnalyseArgs {
  std::string dir;
  int resamples = 1000;  ///< bootstrap resamples for the Sobol and Morris CIs
  bool plot = true;      ///< render PNG charts (needs /usr/bin/python3 with matplotlib)
  std::string baseline;  ///< --baseline: the point paired differences are taken from (default: the first)
  std::string discover;  ///< --discover 'OUTCOME OP NUMBER': PRIM boxes where it holds
  /// Names parameters readably from the model's description (optional: keys otherwise).
  const engine::ModelDescription* model = nullptr;
};

/// 0 on success (a missing matplotlib only skips the charts, with a note); throws
/// io::ConfigError (exit 2) when DIR is not a finished sweep, has no successful run to analyse,
/// or an option names what the sweep does not have.
int analyse_command(const AnalyseArgs& args);

/// Renders DIR/analysis/NAME.csv to NAME.png with the embedded chart script; false (and a note)
/// when it cannot. No shell: the interpreter is spawned with an argument vector.
bool render_chart(const std::string& csv, const std::string& png, bool quiet = false);

/// The embedded chart script (experiments/plot_sweep.py), generated at build time.
extern const char* const kPlotSweepScript;

}  // namespace hubsim::app
