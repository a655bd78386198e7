#pragma once
/// One run, start to finish, as a library call: the CLI, sweeps and the tests share it.
#include <atomic>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>

#include "sim/engine/config.hpp"
#include "sim/io/run_data.hpp"

namespace hubsim::app {

using engine::Config;

struct RunOptions {
  int threads = 0;  ///< 0 = all cores
  /// Called after every month with (done, total, month label).
  std::function<void(int, int, const std::string&)> on_step;
  /// If set, checked after every month: once true, run_job throws Cancelled (SIGINT/SIGTERM).
  const std::atomic<bool>* cancel = nullptr;
  /// Checkpoints (sim/app/checkpoint.hpp): every `checkpoint_every` months (0: never) the state is
  /// saved to `checkpoint`, replacing the previous one, and once more if the run is cancelled.
  int checkpoint_every = 0;
  std::filesystem::path checkpoint;
  /// The run file this run will be written to, recorded in checkpoints for the restart.
  std::filesystem::path output;
  /// If set, the run continues from this checkpoint of `config`; one that cannot be restored
  /// (damaged, or not of this config) throws BadInputFile (sim/app/safe_read.hpp).
  std::filesystem::path restart;
};

/// The run was cancelled through RunOptions::cancel; what() names the last finished month.
class Cancelled : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Simulates the config and returns its outcomes with provenance attributes (resolved config with
/// its schedule of changes, scenario, seed, version, commit; threads, wall time, host and start
/// time as run facts).
io::RunData run_job(const Config& config, const RunOptions& options);

/// Provenance attributes that describe the machine and timing, not the result: they are the only
/// attributes allowed to differ between two runs of the same config and seed.
bool is_timing_attribute(const std::string& name);

/// Removes the timing attributes, which run_job always sets: run files leave them out unless asked
/// (`hubsim run --record-timing`), so that the same config, seed and version give a byte-identical file.
void drop_timing_attributes(io::RunData& run);

}  // namespace hubsim::app
