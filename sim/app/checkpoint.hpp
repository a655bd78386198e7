#pragma once
/// `hubsim run --checkpoint-every N` and `hubsim run --restart FILE` (tests/RELIABILITY.md): a
/// long run saves its full state every N months; a run stopped by a crash, a kill or Ctrl-C
/// continues from its last checkpoint, and its run file equals that of a run that never stopped.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "sim/engine/config.hpp"
#include "sim/engine/simulation.hpp"

namespace hubsim::app {

/// Where checkpoints of a run writing `output` go by default: "<dir>/<stem>.checkpoint.h5".
std::filesystem::path default_checkpoint_path(const std::filesystem::path& output);

using engine::Config;

/// Saves the simulation's state between two months, atomically replacing `path`, with what a
/// restart needs: the resolved config (with its schedule of changes), the months done, the run
/// file being written, and the hubsim version and commit. Throws io::RunFileError.
void write_checkpoint(const std::filesystem::path& path, engine::Simulation& sim, const std::filesystem::path& output);

/// The simulation as a checkpoint of `config` left it, on `threads` threads. Throws
/// io::RunFileError if the file is damaged, of another build, or does not fit `config`.
std::unique_ptr<engine::Simulation> restore_simulation(const std::filesystem::path& path, const Config& config,
                                                       int threads);

/// What a checkpoint continues.
struct CheckpointInfo {
  Config config;
  int months_done = 0;
  std::filesystem::path output;  ///< the run file the stopped run was going to write
};

/// Reads and checks a checkpoint given by the user: the whole state is first loaded in a forked
/// child (HDF5 can crash on corrupt files), then the header here. Throws io::RunFileError naming
/// the file for a missing, corrupt or foreign file, one from another hubsim version or commit
/// (its continuation would not match), or one whose months done do not fit its config;
/// io::ConfigError if its config does not load.
CheckpointInfo read_checkpoint_info(const engine::ModelDescription& model, const std::filesystem::path& path);

/// `hubsim inspect` of a checkpoint: scenario, seed, period, months done, the run file it will
/// write, agents, and whether this hubsim can restart it; nothing if `path` is not a checkpoint
/// (of any version). Throws io::RunFileError for a damaged checkpoint, or if reading crashed a
/// checked child.
std::optional<std::string> checkpoint_text(const engine::ModelDescription& model, const std::filesystem::path& path);

}  // namespace hubsim::app
