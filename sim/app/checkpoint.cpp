#include "sim/app/checkpoint.hpp"

#include <algorithm>
#include <memory>
#include <optional>

#include "models/lancashire/model.hpp"
#include "sim/app/safe_read.hpp"
#include "sim/app/text.hpp"
#include "sim/app/version.hpp"
#include "sim/io/checkpoint_file.hpp"

namespace hubsim::app {
namespace {

// The header attributes, next to the state arrays.
constexpr const char* kConfigAttr = "config";
constexpr const char* kMonthsDoneAttr = "months_done";
constexpr const char* kOutputAttr = "output";
constexpr const char* kVersionAttr = "hubsim_version";
constexpr const char* kCommitAttr = "git_commit";

CheckpointInfo read_info(const io::CheckpointReader& in) {
  const std::string version = in.text_attribute(kVersionAttr), commit = in.text_attribute(kCommitAttr);
  // Another build may simulate differently: its continuation would silently differ from the run
  // that was stopped, which is the one thing a restart must never do.
  if (version != kVersion || commit != kGitCommit)
    in.fail("written by hubsim " + version + " (commit " + commit + "), this is hubsim " + kVersion + " (commit " +
            kGitCommit + "); restart it with the hubsim that wrote it");
  CheckpointInfo info{load_complete_config(in.text_attribute(kConfigAttr), in.path().string() + "@config"), 0, {}};
  const std::int64_t done = in.int_attribute(kMonthsDoneAttr);
  if (done < 1 || done >= info.config.run.steps())
    in.fail("months_done is " + std::to_string(done) + ", outside 1.." + std::to_string(info.config.run.steps() - 1) +
            " for its period");
  info.months_done = static_cast<int>(done);
  info.output = in.text_attribute(kOutputAttr);
  return info;
}

// Nothing if `path` is not a checkpoint (or cannot be opened as one).
std::optional<std::string> describe(const std::filesystem::path& path) {
  std::optional<io::CheckpointReader> opened;
  try {
    opened.emplace(path);
  } catch (const io::RunFileError&) {
    return std::nullopt;
  }
  io::CheckpointReader& in = *opened;
  const Config config = load_complete_config(in.text_attribute(kConfigAttr), path.string() + "@config");
  const std::int64_t done = in.int_attribute(kMonthsDoneAttr);
  const std::string version = in.text_attribute(kVersionAttr), commit = in.text_attribute(kCommitAttr);
  auto rows = [&](const std::string& store) {
    std::vector<std::uint8_t> alive;
    in.array(store + "/alive", alive);
    return thousands(static_cast<double>(std::count(alive.begin(), alive.end(), std::uint8_t{1})));
  };
  std::string out = path.string() + ": hubsim checkpoint\n";
  out += "  scenario   " + config.run.scenario + ", seed " + std::to_string(config.run.seed) + ", " +
         config.run.start.iso() + ".." + config.run.end.iso() + "\n";
  out += "  done       " + std::to_string(done) + " of " + std::to_string(config.run.steps()) + " months; continues at " +
         (config.run.start + static_cast<int>(done)).iso() + "\n";
  out += "  agents     " + rows("workers") + " workers, " + rows("firms") + " firms, " + rows("investors") + " investors\n";
  out += "  writes     " + in.text_attribute(kOutputAttr) + "\n";
  out += "  made by    hubsim " + version + " (commit " + commit + ")\n";
  out += version == kVersion && commit == kGitCommit
             ? "  continue   hubsim run --restart " + path.string() + "\n"
             : "  continue   only with hubsim " + version + " (commit " + commit + "): this is " + kVersion + " (commit " +
                   kGitCommit + ")\n";
  return out;
}

}  // namespace

std::filesystem::path default_checkpoint_path(const std::filesystem::path& output) {
  std::filesystem::path p = output;
  p.replace_filename(output.stem().string() + ".checkpoint.h5");
  return p;
}

void write_checkpoint(const std::filesystem::path& path, model::LancashireModel& model, Config& config,
                      int months_done, const std::filesystem::path& output) {
  io::CheckpointWriter out(path);
  out.attribute("title", std::string("hubsim checkpoint: the full state of a run between two months"));
  out.attribute(kConfigAttr, io::to_yaml(config.describe()));
  out.attribute(kMonthsDoneAttr, std::int64_t{months_done});
  out.attribute("next_month", (config.run.start + months_done).iso());
  out.attribute(kOutputAttr, output.empty() ? std::string() : std::filesystem::absolute(output).string());
  out.attribute(kVersionAttr, std::string(kVersion));
  out.attribute(kCommitAttr, std::string(kGitCommit));
  model.save(out);
  out.commit();
}

std::unique_ptr<model::LancashireModel> restore_model(const std::filesystem::path& path, const Config& config,
                                                     int& months_done) {
  io::CheckpointReader in(path);
  months_done = read_info(in).months_done;
  return std::make_unique<model::LancashireModel>(config.params, config.run, in);
}

CheckpointInfo read_checkpoint_info(const std::filesystem::path& path) {
  try_in_child(path, [&] {
    io::CheckpointReader in(path);
    CheckpointInfo info = read_info(in);
    model::LancashireModel restored(info.config.params, info.config.run, in);
  });
  io::CheckpointReader in(path);
  return read_info(in);
}

std::optional<std::string> checkpoint_text(const std::filesystem::path& path) {
  try_in_child(path, [&] { (void)describe(path); });
  return describe(path);
}

}  // namespace hubsim::app
