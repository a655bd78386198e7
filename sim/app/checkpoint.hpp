#pragma once
/// `hubsim run --checkpoint-every N` and `hubsim run --restart FILE` (tests/RELIABILITY.md): a
/// long run saves its full state every N months; a run stopped by a crash, a kill or Ctrl-C
/// continues from its last checkpoint, and its run file equals that of a run that never stopped.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "sim/app/config_loader.hpp"

namespace hubsim::model {
class LancashireModel;
}

namespace hubsim::app {

/// Where checkpoints of a run writing `output` go by default: "<dir>/<stem>.checkpoint.h5".
std::filesystem::path default_checkpoint_path(const std::filesystem::path& output);

/// Saves the model's state after `months_done` months of `config`, atomically replacing `path`,
/// with what a restart needs: the resolved config, the months done, the run file being written,
/// and the hubsim version and commit. Throws io::RunFileError.
void write_checkpoint(const std::filesystem::path& path, model::LancashireModel& model, Config& config,
                      int months_done, const std::filesystem::path& output);

/// The model as a checkpoint of `config` left it, and (out) the months it had done. Throws
/// io::RunFileError if the file is damaged, of another build, or does not fit `config`.
std::unique_ptr<model::LancashireModel> restore_model(const std::filesystem::path& path, const Config& config,
                                                     int& months_done);

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
CheckpointInfo read_checkpoint_info(const std::filesystem::path& path);

/// `hubsim inspect` of a checkpoint: scenario, seed, period, months done, the run file it will
/// write, agents, and whether this hubsim can restart it; nothing if `path` is not a checkpoint
/// (of any version). Throws io::RunFileError for a damaged checkpoint, or if reading crashed a
/// checked child.
std::optional<std::string> checkpoint_text(const std::filesystem::path& path);

}  // namespace hubsim::app
