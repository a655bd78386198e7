#pragma once
/// `hubsim analyse DIR`: sensitivity analysis of a finished sweep from its summary.csv:
/// Sobol S1/ST with bootstrap CIs (saltelli), Morris mu*, mu, sigma (morris), and the mean and
/// 90% band of every outcome by point (all designs). Tables on stdout, CSV and PNG under
/// DIR/analysis/.
#include <string>

namespace hubsim::app {

struct AnalyseArgs {
  std::string dir;
  int resamples = 1000;  ///< bootstrap resamples for the Sobol CIs
  bool plot = true;      ///< render PNG charts (needs /usr/bin/python3 with matplotlib)
};

/// 0 on success (a missing matplotlib only skips the charts, with a note); throws
/// io::ConfigError (exit 2) when DIR is not a finished sweep.
int analyse_command(const AnalyseArgs& args);

/// The embedded chart script (experiments/plot_sweep.py), generated at build time.
extern const char* const kPlotSweepScript;

}  // namespace hubsim::app
