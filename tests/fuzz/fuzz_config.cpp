// libFuzzer target: arbitrary bytes as a scenario overlay on the built-in Lancashire config.
// Every input must either be rejected with io::ConfigError or give a config that survives the
// writer/reader round trip exactly (to_yaml -> complete apply -> to_yaml), as `hubsim check` relies on.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "models/lancashire/params.hpp"
#include "sim/app/config_loader.hpp"

using namespace hubsim;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const app::Config base = app::load_config(std::nullopt, {});
  app::Config config = base;
  try {
    io::apply_yaml(config.describe(), std::string(reinterpret_cast<const char*>(data), size), "fuzz.yaml",
                   io::Overlay::partial);
  } catch (const io::ConfigError&) {
    return 0;
  }
  const std::string text = io::to_yaml(config.describe());
  app::Config again;
  try {
    again = app::load_complete_config(text, "round trip");
  } catch (const io::ConfigError& e) {
    // The graph check runs only here: an accepted overlay may still describe a disconnected graph.
    if (e.key_path() == "links") return 0;
    std::abort();  // we accepted a config whose own YAML we then reject
  }
  if (io::to_yaml(again.describe()) != text) std::abort();
  return 0;
}
