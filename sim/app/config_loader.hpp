#pragma once
/// Assembling a run's configuration: the built-in default, a scenario file, then --set overrides.
#include <optional>
#include <string>
#include <vector>

#include "models/lancashire/params.hpp"
#include "sim/io/config.hpp"
#include "sim/io/run_settings.hpp"

namespace hubsim::app {

struct Config {
  io::RunSettings run;
  model::Params params;
  /// Binds a visitor to this config's fields (valid while the Config lives).
  io::Describe describe();
};

/// Default, overlaid by `file` (if any), then each "key=value" of `sets`, in order.
/// Throws io::ConfigError naming file, line, column and key for anything wrong.
Config load_config(const std::optional<std::string>& file, const std::vector<std::string>& sets);

/// Loads a complete config from YAML text (e.g. the resolved config stored in a run file).
Config load_complete_config(const std::string& text, const std::string& source);

}  // namespace hubsim::app
