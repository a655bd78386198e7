#include "sim/app/config_loader.hpp"

#include <stdexcept>

#include "sim/io/embedded.hpp"

namespace hubsim::app {

io::Describe Config::describe() {
  return [this](io::ParamVisitor& v) {
    io::describe(v, run);
    model::describe(v, params);
  };
}

namespace {

/// The hub graph checks what per-key rules cannot (every hub reachable): report it as config.
void check_graph(const Config& c, const std::string& source) {
  try {
    (void)model::build_graph(c.params);
  } catch (const std::invalid_argument& e) {
    throw io::ConfigError(source, 0, 0, "links", e.what());
  }
}

}  // namespace

Config load_config(const std::optional<std::string>& file, const std::vector<std::string>& sets) {
  Config c;
  const auto describe = c.describe();
  io::apply_yaml(describe, io::default_config_yaml(), "built-in configs/lancashire.yaml", io::Overlay::complete);
  if (file) io::apply_yaml_file(describe, *file);
  for (const auto& s : sets) io::apply_override(describe, s);
  check_graph(c, file ? *file : "built-in configs/lancashire.yaml");
  return c;
}

Config load_complete_config(const std::string& text, const std::string& source) {
  Config c;
  io::apply_yaml(c.describe(), text, source, io::Overlay::complete);
  check_graph(c, source);
  return c;
}

}  // namespace hubsim::app
