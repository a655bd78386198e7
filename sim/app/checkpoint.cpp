#include "sim/app/checkpoint.hpp"

#include <algorithm>
#include <memory>
#include <optional>

#include "sim/app/safe_read.hpp"
#include "sim/io/text.hpp"
#include "sim/engine/version.hpp"
#include "sim/io/checkpoint_file.hpp"

namespace hubsim::app {

using io::format;
using io::thousands;
namespace {

// The header attributes, next to the state arrays.
constexpr const char* kConfigAttr = "config";
constexpr const char* kMonthsDoneAttr = "months_done";
constexpr const char* kOutputAttr = "output";
constexpr const char* kVersionAttr = "hubsim_version";
constexpr const char* kCommitAttr = "git_commit";
constexpr const char* kAgentsAttr = "agents";  // alive when saved, for `hubsim inspect`
constexpr const char* kDigestAttr = "header_digest";

/// A digest of the header attributes a restart acts on: an edited months_done, config or output
/// (careless, with h5py) is refused instead of continuing the wrong month of the wrong run. The
/// state arrays have their own Fletcher-32 checksums. Not a defence against forgery.
std::string header_digest(const std::string& config, std::int64_t months_done, const std::string& output,
                          const std::string& version, const std::string& commit) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  auto mix = [&h](const std::string& s) {
    for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
    h = (h ^ 0xFF) * 0x100000001b3ull;  // field separator
  };
  for (const auto* s : {&config, &output, &version, &commit}) mix(*s);
  mix(std::to_string(months_done));
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

CheckpointInfo read_info(const engine::ModelDescription& model, const io::CheckpointReader& in) {
  const std::string version = in.text_attribute(kVersionAttr), commit = in.text_attribute(kCommitAttr);
  // Another build may simulate differently: its continuation would silently differ from the run
  // that was stopped, which is the one thing a restart must never do.
  if (version != engine::kVersion || commit != engine::kGitCommit)
    in.fail("written by hubsim " + version + " (commit " + commit + "), this is hubsim " + engine::kVersion + " (commit " +
            engine::kGitCommit + "); restart it with the hubsim that wrote it");
  const std::int64_t done = in.int_attribute(kMonthsDoneAttr);
  if (header_digest(in.text_attribute(kConfigAttr), done, in.text_attribute(kOutputAttr), version, commit) !=
      in.text_attribute(kDigestAttr))
    in.fail("its header was edited (months_done, config or output do not match header_digest); it cannot be continued");
  CheckpointInfo info{engine::load_complete_config(model, in.text_attribute(kConfigAttr), in.path().string() + "@config"), 0,
                      {}};
  if (done < 1 || done >= info.config.run.steps())
    in.fail("months_done is " + std::to_string(done) + ", outside 1.." + std::to_string(info.config.run.steps() - 1) +
            " for its period");
  info.months_done = static_cast<int>(done);
  info.output = in.text_attribute(kOutputAttr);
  return info;
}

// Nothing if `path` is not a checkpoint (or cannot be opened as one).
std::optional<std::string> describe(const engine::ModelDescription& model, const std::filesystem::path& path) {
  std::optional<io::CheckpointReader> opened;
  try {
    opened.emplace(path);
  } catch (const io::RunFileError&) {
    return std::nullopt;
  }
  io::CheckpointReader& in = *opened;
  const Config config = engine::load_complete_config(model, in.text_attribute(kConfigAttr), path.string() + "@config");
  const std::int64_t done = in.int_attribute(kMonthsDoneAttr);
  const std::string version = in.text_attribute(kVersionAttr), commit = in.text_attribute(kCommitAttr);
  std::string out = path.string() + ": hubsim checkpoint\n";
  out += "  scenario   " + config.run.scenario + ", seed " + std::to_string(config.run.seed) + ", " +
         config.run.start.iso() + ".." + config.run.end.iso() + "\n";
  out += "  done       " + std::to_string(done) + " of " + std::to_string(config.run.steps()) + " months; continues at " +
         (config.run.start + static_cast<int>(done)).iso() + "\n";
  out += "  agents     " + thousands(static_cast<double>(in.int_attribute(kAgentsAttr))) + "\n";
  out += "  writes     " + in.text_attribute(kOutputAttr) + "\n";
  out += "  made by    hubsim " + version + " (commit " + commit + ")\n";
  out += version == engine::kVersion && commit == engine::kGitCommit
             ? "  continue   hubsim run --restart " + path.string() + "\n"
             : "  continue   only with hubsim " + version + " (commit " + commit + "): this is " + engine::kVersion + " (commit " +
                   engine::kGitCommit + ")\n";
  return out;
}

}  // namespace

std::filesystem::path default_checkpoint_path(const std::filesystem::path& output) {
  std::filesystem::path p = output;
  p.replace_filename(output.stem().string() + ".checkpoint.h5");
  return p;
}

void write_checkpoint(const std::filesystem::path& path, engine::Simulation& sim, const std::filesystem::path& output) {
  Config config = sim.config();
  const int months_done = sim.done();
  io::CheckpointWriter out(path);
  out.attribute("title", std::string("hubsim checkpoint: the full state of a run between two months"));
  out.attribute(kConfigAttr, io::to_yaml(config.describe()));
  out.attribute(kMonthsDoneAttr, std::int64_t{months_done});
  out.attribute("next_month", (config.run.start + months_done).iso());
  out.attribute(kOutputAttr, output.empty() ? std::string() : std::filesystem::absolute(output).string());
  out.attribute(kVersionAttr, std::string(engine::kVersion));
  out.attribute(kCommitAttr, std::string(engine::kGitCommit));
  out.attribute(kAgentsAttr, static_cast<std::int64_t>(sim.world().agents()));
  const std::string config_text = io::to_yaml(config.describe());
  const std::string output_text = output.empty() ? std::string() : std::filesystem::absolute(output).string();
  out.attribute(kDigestAttr, header_digest(config_text, months_done, output_text, engine::kVersion, engine::kGitCommit));
  sim.save(out);
  out.commit();
}

std::unique_ptr<engine::Simulation> restore_simulation(const std::filesystem::path& path, const Config& config,
                                                       int threads) {
  io::CheckpointReader in(path);
  const int months_done = read_info(*config.model, in).months_done;
  return std::make_unique<engine::Simulation>(config, threads, in, months_done);
}

CheckpointInfo read_checkpoint_info(const engine::ModelDescription& model, const std::filesystem::path& path) {
  try_in_child(path, [&] {
    io::CheckpointReader in(path);
    CheckpointInfo info = read_info(model, in);
    engine::Simulation restored(info.config, 1, in, info.months_done);
  });
  io::CheckpointReader in(path);
  return read_info(model, in);
}

std::optional<std::string> checkpoint_text(const engine::ModelDescription& model, const std::filesystem::path& path) {
  try_in_child(path, [&] { (void)describe(model, path); });
  return describe(model, path);
}

}  // namespace hubsim::app
