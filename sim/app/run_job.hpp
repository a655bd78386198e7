#pragma once
/// One run, start to finish, as a library call: the CLI and the tests share it.
#include <functional>
#include <string>

#include "sim/app/config_loader.hpp"
#include "sim/io/run_data.hpp"

namespace hubsim::app {

struct RunOptions {
  int threads = 0;  ///< 0 = all cores
  /// Called after every month with (done, total, month label).
  std::function<void(int, int, const std::string&)> on_step;
};

/// Simulates the config and returns its outcomes with provenance attributes (resolved config,
/// scenario, seed, version, commit; threads, wall time, host and start time as run facts).
io::RunData run_job(Config& config, const RunOptions& options);

/// Provenance attributes that describe the machine and timing, not the result: they are the only
/// attributes allowed to differ between two runs of the same config and seed.
bool is_timing_attribute(const std::string& name);

}  // namespace hubsim::app
