#pragma once
/// `hubsim run --from RUN.h5`: reproducing a run from its file alone.
#include <filesystem>
#include <string>

#include "sim/engine/config.hpp"
#include "sim/io/run_data.hpp"

namespace hubsim::app {

/// The config `run` was made with, from its `config` attribute (the resolved YAML, which holds
/// run.seed and run.scenario). Throws io::RunFileError naming `path` if the attribute is missing or
/// disagrees with the file's `seed`/`scenario` attributes, io::ConfigError if it does not load.
engine::Config config_from_run(const engine::ModelDescription& model, const io::RunData& run,
                               const std::filesystem::path& path);

/// Where a re-run goes by default: next to the original, "<stem>.rerun.h5", so it never replaces it.
std::filesystem::path default_rerun_path(const std::filesystem::path& input);

/// A one-line note if `run` was made by another hubsim version or commit than this binary (its
/// results may then differ), else "".
std::string version_note(const io::RunData& run, const std::filesystem::path& path);

}  // namespace hubsim::app
