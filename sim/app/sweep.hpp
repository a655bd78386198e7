#pragma once
/// `hubsim sweep`: runs an experiment's points x replicates in parallel (threads, MPI ranks or
/// --shard slices), one run file each, resumably; then writes the summary and the index.
#include <atomic>
#include <string>
#include <vector>

namespace hubsim::engine {
struct ModelDescription;
}
namespace hubsim::batch {
struct Experiment;
class Cluster;
}

namespace hubsim::app {

struct SweepArgs {
  const engine::ModelDescription* model = nullptr;  ///< the model every run simulates
  std::string path;    ///< the experiment YAML; with --merge, may be the sweep directory instead
  std::string output;  ///< the sweep directory
  int jobs = 0;        ///< local parallel runs (0: all cores)
  std::string shard;   ///< "K/N": only runs with index % N == K - 1; no summary
  bool merge = false;  ///< only build the summary from the run files present
  bool quiet = false;
  /// Refuse sweeps whose concurrent runs are estimated to need more than this many GiB in all
  /// (0: 75% of physical memory, or of the cgroup's limit), as `hubsim run --max-memory`.
  double max_memory_gib = 0;
  /// Raised by SIGINT/SIGTERM: no new run starts, running runs stop at their next month (nothing
  /// written for them), finished run files stay; no summary is written.
  const std::atomic<bool>* cancel = nullptr;
  /// The MPI job to run in (for a caller that runs several sweeps in one process, as `hubsim
  /// calibrate` does: MPI is initialised once). Null: the sweep makes its own.
  batch::Cluster* cluster = nullptr;
};

/// The checks `hubsim sweep` makes before any run (scenario files, parameter keys and values at
/// every listed value and both ends of each range, design points as whole configs, outcome
/// variables, labels and months from a one-month probe run). Throws io::ConfigError pointing into
/// the experiment's source file.
void check_before_runs(const engine::ModelDescription& model, const batch::Experiment& e);

/// `hubsim collect DIR`: the sweep as one NetCDF-4 dataset over a `run` dimension.
struct CollectArgs {
  const engine::ModelDescription* model = nullptr;
  std::string dir;                  ///< the sweep directory
  std::string output;               ///< default DIR/sweep.nc
  std::vector<std::string> series;  ///< "VARIABLE" or "VARIABLE@HUBS" (a hub or a group: county, spoke, ...)
  bool quiet = false;
};

/// Reads every run file of the sweep (outcomes recomputed from them, as `sweep --merge` does)
/// and writes one file: coordinates along `run` (its ids) point, replicate, seed, status, scenario
/// and every swept parameter; variables: every outcome, the errors, and each series (over run,
/// time and the variable's other dims, NaN for runs that failed or are missing). Atomic. Bad
/// input (no experiment, unreadable run file, unknown series) throws io::ConfigError or
/// BadInputFile naming the file or key (exit 2), before anything is written. Returns 0.
int collect_command(const CollectArgs& args);

constexpr int kSweepInterrupted = 130;  ///< 128 + SIGINT, as `hubsim run` exits when interrupted
constexpr int kSweepFailedRuns = 3;     ///< every run was attempted, some failed (kept: re-run to retry)

/// Exit code: 0 every run done and ok; 1 runs missing after --merge, or I/O failure;
/// kSweepFailedRuns (3) when runs failed (the finished ones are kept, the summary records the
/// errors, and re-running the same command retries the failed ones); kSweepInterrupted when
/// `cancel` stopped it with runs left to do (re-running the same command resumes). Before any
/// run, the experiment is checked against the model (parameter keys and values, scenario files,
/// outcome variables, labels and months, from a one-month probe run) and the memory of the runs
/// at once is estimated: problems throw io::ConfigError (exit 2), as bad arguments do, and
/// nothing is written.
int sweep_command(const SweepArgs& args);

}  // namespace hubsim::app
