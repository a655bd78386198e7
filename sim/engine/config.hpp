#pragma once
/// A run's configuration: the model's built-in default, overlaid by a scenario file, then --set
/// overrides and --change schedule entries; every check that can run before a simulation runs here.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/engine/model.hpp"
#include "sim/io/config.hpp"
#include "sim/io/run_settings.hpp"

namespace hubsim::engine {

/// A model's parameters, copied by value (each Config owns its own).
class ParamsBox {
 public:
  explicit ParamsBox(std::unique_ptr<ModelParams> p) : p_(std::move(p)) {}
  ParamsBox(const ParamsBox& o) : p_(o.p_->clone()) {}
  ParamsBox& operator=(const ParamsBox& o) {
    if (this != &o) p_ = o.p_->clone();
    return *this;
  }
  ParamsBox(ParamsBox&&) noexcept = default;
  ParamsBox& operator=(ParamsBox&&) noexcept = default;
  ModelParams& operator*() const { return *p_; }
  ModelParams* operator->() const { return p_.get(); }

 private:
  std::unique_ptr<ModelParams> p_;
};

struct Config {
  const ModelDescription* model = nullptr;
  io::RunSettings run;
  ParamsBox params;

  explicit Config(const ModelDescription& m) : model(&m), params(m.make_params()) {}
  /// Binds a visitor to this config's fields (valid while the Config lives).
  io::Describe describe();
  /// The concrete parameters, for the model's own code and tests.
  template <class P>
  const P& as() const {
    return dynamic_cast<const P&>(*params);
  }
  template <class P>
  P& as() {
    return dynamic_cast<P&>(*params);
  }
};

/// Default, overlaid by `file` (if any), then each "key=value" of `sets` and each
/// "YYYY-MM:key=value" of `changes`, in order. Throws io::ConfigError naming file, line, column
/// and key for anything wrong, including a dated change that cannot happen (see check_changes).
Config load_config(const ModelDescription& model, const std::optional<std::string>& file,
                   const std::vector<std::string>& sets, const std::vector<std::string>& changes = {});

/// Loads a complete config from YAML text (e.g. the resolved config stored in a run file).
Config load_complete_config(const ModelDescription& model, const std::string& text, const std::string& source);

/// Parses "YYYY-MM:key=value" (hubsim run --change). Throws io::ConfigError.
io::DatedChange parse_change(const std::string& text);

/// Every dated change must fall inside the period, name a parameter that can change during a run
/// (not one read only when the world is built), and give it a valid value at its month, with the
/// earlier changes applied. Throws io::ConfigError naming `source` and the key.
void check_changes(const Config& config, const std::string& source);

/// The checks load_config makes after reading: the model's own (e.g. every hub reachable), then
/// check_changes. Throws io::ConfigError naming `source`.
void check_config(const Config& config, const std::string& source);

/// The parameters as they hold in `month`: the config's, with every change dated at or before
/// it applied in order.
Config config_at(const Config& config, core::Month month);

}  // namespace hubsim::engine
