#pragma once
/// A sweep definition (experiments/sweeps/*.yaml): what to vary, how, how often, and what to
/// measure. Parsing only; designs and runs are derived from it by plan.hpp.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/calendar.hpp"

namespace hubsim::batch {

enum class DesignKind { grid, lhs, saltelli, morris };

struct Design {
  DesignKind kind = DesignKind::grid;
  int samples = 0;       ///< lhs: points; saltelli: base samples N (runs = N (k + 2))
  int trajectories = 0;  ///< morris (runs = trajectories (k + 1))
  int levels = 4;        ///< morris grid levels; grid: default levels of a range parameter
  std::uint64_t seed = 1;  ///< randomises lhs and morris designs
};

/// One varied config key. Exactly one of a range or a list of values.
struct Parameter {
  std::string key;  ///< any config key path ("hubs.Preston.incubation_space"), or "config"
  std::optional<std::pair<double, double>> range;
  bool log_uniform = false;
  bool integer = false;             ///< round range values to whole numbers
  std::vector<std::string> values;  ///< as written; for "config": scenario files
  int levels = 0;                   ///< grid levels of a range (0: the design's default)
};

/// When an outcome is measured: one month, a calendar year, a period, or the run's last month.
struct Window {
  enum class Kind { month, year, period, last } kind = Kind::last;
  core::Month from{}, to{};  ///< month: from == to; year: Jan..Dec; period: inclusive
};

/// One number per run, from one time-series variable of the run file.
struct OutcomeSpec {
  std::string name;
  std::string variable;
  /// Dimension selections (dim name -> label); unselected dimensions are summed. For "hub",
  /// besides a hub name: "all" or a group of hubs the run declares (io/hub_groups.hpp), e.g. "county".
  std::vector<std::pair<std::string, std::string>> where;
  Window when;
  enum class Stat { value, mean, sum } stat = Stat::value;  ///< over the window's months
};

struct Experiment {
  std::filesystem::path source;        ///< the YAML file
  std::string name;
  std::optional<std::string> base;     ///< scenario file, relative to the experiment's directory
  std::vector<std::string> sets;       ///< fixed "key=value" overrides for every run
  std::vector<Parameter> parameters;
  Design design;
  int replicates = 1;
  std::int64_t seed = 20220901;        ///< base seed of the replicate seeds
  bool common_seeds = true;            ///< replicate r uses the same seed at every point
  std::vector<OutcomeSpec> outcomes;

  /// A path written in the experiment, resolved against its directory.
  std::filesystem::path resolve(const std::string& relative) const;
};

/// Parses `text` (from `source`); throws io::ConfigError naming file:line:col and key.
Experiment parse_experiment(const std::string& text, const std::filesystem::path& source);
Experiment load_experiment(const std::filesystem::path& path);

const char* to_string(DesignKind kind);

}  // namespace hubsim::batch
