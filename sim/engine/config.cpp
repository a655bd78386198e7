#include "sim/engine/config.hpp"

#include <filesystem>
#include <stdexcept>

namespace hubsim::engine {

io::Describe Config::describe() {
  return [this](io::ParamVisitor& v) {
    io::describe(v, run);
    params->describe(v);
  };
}

namespace {

/// What per-key rules cannot check (e.g. every hub reachable), reported as config.
void check_model(const Config& c, const std::string& source) {
  std::string key;
  try {
    c.params->check(key);
  } catch (const std::invalid_argument& e) {
    throw io::ConfigError(source, 0, 0, key, e.what());
  }
}

std::string key_of(const std::string& assignment) { return assignment.substr(0, assignment.find('=')); }

}  // namespace

io::DatedChange parse_change(const std::string& text) {
  const auto colon = text.find(':');
  const auto month = colon == std::string::npos ? std::nullopt : core::Month::parse(text.substr(0, colon));
  if (!month)
    throw io::ConfigError("--change " + text, 0, 0, "", "expected YYYY-MM:key.path=value, e.g. 2026-03:labour.commute_minutes=60");
  return {*month, text.substr(colon + 1)};
}

void check_changes(const Config& config, const std::string& source) {
  Config at = config;  // changes applied in order, as the run will apply them
  for (std::size_t i = 0; i < config.run.changes.size(); ++i) {
    const auto& c = config.run.changes[i];
    const std::string where = source + " (run.changes[" + std::to_string(i) + "]: " + c.month.iso() + " " + c.set + ")";
    const std::string key = key_of(c.set);
    if (c.month < config.run.start || config.run.end < c.month)
      throw io::ConfigError(where, 0, 0, "run.changes", "month " + c.month.iso() + " is outside the period " +
                                                             config.run.start.iso() + ".." + config.run.end.iso());
    const auto start_only = io::start_only_key(at.describe(), key);
    if (!start_only) throw io::ConfigError(where, 0, 0, key, "no such parameter");
    if (*start_only)
      throw io::ConfigError(where, 0, 0, key,
                            "is read only when the world is built and cannot change during a run; set it in the "
                            "config or with --set instead");
    try {
      io::apply_override(at.describe(), c.set);
    } catch (const io::ConfigError& e) {
      throw io::ConfigError(where, 0, 0, e.key_path(), e.problem());
    }
    check_model(at, where);
  }
}

void check_config(const Config& config, const std::string& source) {
  check_model(config, source);
  check_changes(config, source);
}

Config config_at(const Config& config, core::Month month) {
  Config at = config;
  for (const auto& c : config.run.changes)
    if (!(month < c.month)) io::apply_override(at.describe(), c.set);
  return at;
}

Config load_config(const ModelDescription& model, const std::optional<std::string>& file,
                   const std::vector<std::string>& sets, const std::vector<std::string>& changes) {
  Config c(model);
  const auto describe = c.describe();
  io::apply_yaml(describe, model.default_config, model.default_config_source, io::Overlay::complete);
  if (file) {
    // A FIFO or socket would block the read for ever: fail at once (devices are read, bounded).
    std::error_code ec;
    const auto st = std::filesystem::status(*file, ec);
    if (!ec && (std::filesystem::is_fifo(st) || std::filesystem::is_socket(st)))
      throw io::ConfigError(*file, 0, 0, "", std::string("is a ") + (std::filesystem::is_fifo(st) ? "FIFO (named pipe)" : "socket") +
                                                 ", not a file; configs are read from regular files");
    io::apply_yaml_file(describe, *file);
  }
  // The model's own checks name what broke them: the file, or else the --set overrides.
  const std::string source = file ? *file : model.default_config_source;
  check_model(c, source);
  for (const auto& s : sets) io::apply_override(describe, s);
  if (!sets.empty()) check_model(c, "--set");
  check_changes(c, source);
  for (const auto& s : changes) c.run.changes.push_back(parse_change(s));
  if (!changes.empty()) check_changes(c, "--change");
  return c;
}

Config load_complete_config(const ModelDescription& model, const std::string& text, const std::string& source) {
  Config c(model);
  io::apply_yaml(c.describe(), text, source, io::Overlay::complete);
  check_config(c, source);
  return c;
}

}  // namespace hubsim::engine
