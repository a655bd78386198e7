#pragma once
/// `hubsim calibrate SPEC.yaml -o DIR`: ABC-SMC over the model (sim/batch/abc_smc.hpp), each
/// batch of proposals run as a sweep (sim/app/sweep.hpp) in DIR/rounds/, so it is parallel on all
/// cores, runs under mpirun or as --shard array jobs, and resumes after a kill with the same
/// posterior. Writes the posterior ensemble, the generations, the posterior predictive of every
/// target and charts into DIR; `hubsim analyse DIR` prints the summary again.
#include <atomic>
#include <cstddef>
#include <string>

namespace hubsim::engine {
struct ModelDescription;
}

namespace hubsim::app {

struct CalibrateArgs {
  const engine::ModelDescription* model = nullptr;
  std::string spec;      ///< the calibration YAML
  std::string output;    ///< DIR
  int jobs = 0;          ///< runs at once (0: all cores)
  std::string shard;     ///< "K/N": run this slice of the next round of runs, then stop
  bool merge = false;    ///< join the shards of the pending round, go on until runs are needed
  std::size_t budget = 0;  ///< most runs in all (0: the spec's own stopping rules only)
  bool plot = true;
  bool quiet = false;
  const std::atomic<bool>* cancel = nullptr;
};

/// Exit code: 0 done (or, with --shard/--merge, this step done); 130 interrupted (re-run to
/// resume); io::ConfigError (exit 2) for a bad spec, found before any run.
int calibrate_command(const CalibrateArgs& args);

/// Whether DIR holds a calibration (DIR/calibration.yaml) or a copy of its results (posterior.nc
/// and summary.txt, as experiments/calibration/lancashire/ does).
bool is_calibration_dir(const std::string& dir);
/// Prints the summary of a finished calibration (DIR/summary.txt); throws io::ConfigError if it
/// has not finished.
int calibration_summary(const std::string& dir);

}  // namespace hubsim::app
