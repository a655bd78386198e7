#pragma once
/// A sweep definition (experiments/sweeps/*.yaml): what to vary, how, how often, and what to
/// measure. Parsing only; designs and runs are derived from it by plan.hpp.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sim/batch/targets.hpp"
#include "sim/core/calendar.hpp"

namespace hubsim::batch {

/// points: the i-th value of every parameter's list is point i (calibration proposals);
/// posterior: a grid of the listed parameters crossed with draws from a calibrated posterior.
enum class DesignKind { grid, lhs, saltelli, morris, points, posterior };

/// The summary column of a posterior design that names the particle a point was drawn from.
inline constexpr const char* kPosteriorDraw = "posterior_draw";

/// Where something was written in the experiment file (1-based; 0 when unknown), for errors found
/// after parsing (e.g. a key the model does not have).
struct Pos {
  int line = 0;
  int column = 0;
};

/// Size limits, checked while parsing, before anything is allocated for the plan.
inline constexpr double kMaxRuns = 1e6;         ///< points x replicates
inline constexpr double kMaxPlanCells = 1e7;    ///< points x parameters (values held in memory)

struct Design {
  DesignKind kind = DesignKind::grid;
  int samples = 0;       ///< lhs: points; saltelli: base samples N (runs = N (k + 2))
  int trajectories = 0;  ///< morris (runs = trajectories (k + 1))
  int levels = 4;        ///< morris grid levels; grid: default levels of a range parameter
  std::uint64_t seed = 1;  ///< randomises lhs and morris designs, and a posterior's draws
  // posterior: the ensemble file (relative to the experiment) and how many parameter sets to draw.
  std::string posterior_file;
  int draws = 0;
  std::string posterior_text;                            ///< the ensemble file as read (a sweep keeps a copy)
  std::vector<std::string> posterior_keys;               ///< the ensemble's parameter columns
  std::vector<std::vector<std::string>> posterior_rows;  ///< per draw: its values, then its particle
};

/// One varied config key. Exactly one of a range or a list of values.
struct Parameter {
  std::string key;  ///< any config key path ("hubs.Preston.incubation_space"), or "config"
  std::optional<std::pair<double, double>> range;
  bool log_uniform = false;
  bool integer = false;             ///< round range values to whole numbers
  std::vector<std::string> values;  ///< as written; for "config": scenario files
  int levels = 0;                   ///< grid levels of a range (0: the design's default)
  Pos at, key_at, range_at;         ///< the entry, its key and its range
  std::vector<Pos> value_at;        ///< each of `values`
  bool from_posterior = false;      ///< added by a posterior design, not written in the file
};

/// Whether the parameter is a config override (`key=value`), not the scenario file itself or the
/// posterior particle a point came from.
inline bool is_override(const Parameter& p) { return p.key != "config" && p.key != kPosteriorDraw; }

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
  Pos at, variable_at, when_at;
  std::vector<Pos> where_at;  ///< each of `where`
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
  std::vector<TargetSpec> targets;      ///< conditions on outcomes (targets.hpp); analysis only
  Pos base_at, parameters_at, design_at, replicates_at;
  std::vector<Pos> set_at;  ///< each of `sets`

  /// A path written in the experiment, resolved against its directory.
  std::filesystem::path resolve(const std::string& relative) const;
};

/// Parses `text` (from `source`) with the hardened YAML reader (io/yaml_document.hpp: one
/// document, no tags, anchors, aliases or duplicate keys, valid UTF-8, ...), then checks every
/// field, including that the plan stays within kMaxRuns and kMaxPlanCells. Throws io::ConfigError
/// naming file:line:col and key. What needs the model (keys, labels, months) is checked later,
/// by the sweep (sim/app/sweep.cpp).
Experiment parse_experiment(const std::string& text, const std::filesystem::path& source);
/// Reads the file (a regular file of at most 1 MiB) and parses it.
Experiment load_experiment(const std::filesystem::path& path);

/// Design points of the experiment's plan, computed without building it (as a double: a grid
/// can have more points than any integer type holds).
double design_points(const Experiment& e);

const char* to_string(DesignKind kind);

}  // namespace hubsim::batch
