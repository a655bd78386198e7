#include "sim/app/rerun.hpp"

#include "sim/engine/version.hpp"
#include "sim/io/run_file.hpp"

namespace hubsim::app {

engine::Config config_from_run(const engine::ModelDescription& model, const io::RunData& run,
                               const std::filesystem::path& path) {
  const auto text = run.text_attributes.find("config");
  if (text == run.text_attributes.end())
    throw io::RunFileError(path.string() + ": no config attribute, so the run cannot be reproduced");
  engine::Config config = engine::load_complete_config(model, text->second, path.string() + " (attribute config)");
  // The seed and scenario are stored twice; a file where they disagree has been edited by hand.
  const auto seed = run.int_attributes.find("seed");
  if (seed != run.int_attributes.end() && seed->second != config.run.seed)
    throw io::RunFileError(path.string() + ": attribute seed " + std::to_string(seed->second) +
                           " disagrees with run.seed " + std::to_string(config.run.seed) + " in its config");
  const auto scenario = run.text_attributes.find("scenario");
  if (scenario != run.text_attributes.end() && scenario->second != config.run.scenario)
    throw io::RunFileError(path.string() + ": attribute scenario '" + scenario->second +
                           "' disagrees with run.scenario '" + config.run.scenario + "' in its config");
  return config;
}

std::filesystem::path default_rerun_path(const std::filesystem::path& input) {
  std::filesystem::path out = input;
  out.replace_filename(input.stem().string() + ".rerun.h5");
  return out;
}

std::string version_note(const io::RunData& run, const std::filesystem::path& path) {
  auto attr = [&](const char* name) {
    const auto it = run.text_attributes.find(name);
    return it == run.text_attributes.end() ? std::string("unknown") : it->second;
  };
  const std::string version = attr("hubsim_version"), commit = attr("git_commit");
  if (version == engine::kVersion && commit == engine::kGitCommit) return "";
  return "hubsim: note: " + path.string() + " was made by hubsim " + version + " (commit " + commit +
         "), this is " + engine::kVersion + " (commit " + engine::kGitCommit + "); results may differ\n";
}

}  // namespace hubsim::app
