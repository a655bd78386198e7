#pragma once
/// `hubsim sweep`: runs an experiment's points x replicates in parallel (threads, MPI ranks or
/// --shard slices), one run file each, resumably; then writes the summary and the index.
#include <atomic>
#include <string>

namespace hubsim::engine {
struct ModelDescription;
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
  /// Raised by SIGINT/SIGTERM: no new run starts, running runs stop at their next month (nothing
  /// written for them), finished run files stay; no summary is written.
  const std::atomic<bool>* cancel = nullptr;
};

constexpr int kSweepInterrupted = 130;  ///< 128 + SIGINT, as `hubsim run` exits when interrupted

/// Exit code: 0 done (failed points are recorded, not fatal), 1 runs missing after --merge or
/// I/O failure, kSweepInterrupted when `cancel` stopped it with runs left to do (re-running the
/// same command resumes). Throws io::ConfigError for a bad experiment or arguments (exit 2).
int sweep_command(const SweepArgs& args);

}  // namespace hubsim::app
