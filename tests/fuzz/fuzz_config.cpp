// libFuzzer target: arbitrary bytes as a scenario overlay on the built-in Lancashire config.
// Every input must either be rejected with io::ConfigError or give a config that survives the
// writer/reader round trip exactly (to_yaml -> complete apply -> to_yaml), as `hubsim check` relies on.
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>

#include "models/lancashire/model.hpp"
#include "sim/engine/config.hpp"

using namespace hubsim;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const engine::Config base = engine::load_config(model::description(), std::nullopt, {});
  engine::Config config = base;
  try {
    io::apply_yaml(config.describe(), std::string(reinterpret_cast<const char*>(data), size), "fuzz.yaml",
                   io::Overlay::partial);
    engine::check_config(config, "fuzz.yaml");  // as load_config does: the graph, dated changes
  } catch (const io::ConfigError&) {
    return 0;
  }
  const std::string text = io::to_yaml(config.describe());
  std::optional<engine::Config> again;
  try {
    again = engine::load_complete_config(model::description(), text, "round trip");
  } catch (const io::ConfigError&) {
    std::abort();  // we accepted a config whose own YAML we then reject
  }
  if (io::to_yaml(again->describe()) != text) std::abort();
  return 0;
}
