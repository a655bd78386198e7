#pragma once
/// A calibration (experiments/calibration/*.yaml, `hubsim calibrate SPEC -o DIR`): the uncertain
/// parameters with their priors and sources, the outcomes measured on every run, the targets built
/// from them (observed value, uncertainty, source, fitted or held out), and the method's settings.
/// Parsing only; what needs the model (keys, labels, months) is checked by the caller through the
/// sweep's checks, on an experiment built from the spec with the spec's own positions.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sim/batch/abc_smc.hpp"
#include "sim/batch/experiment.hpp"

namespace hubsim::batch {

struct CalibratedParameter {
  Prior prior;
  std::string source;  ///< where the range comes from, or why it is a judgement
  Pos at, key_at, range_at;
};

/// A target: the sum of some outcomes (per run), optionally divided by the sum of others, against
/// an observation. Fitted targets make up the distance; held-out ones are only reported.
struct Target {
  std::string name;
  std::vector<std::size_t> numerator;    ///< outcome indices
  std::vector<std::size_t> denominator;  ///< empty: no division
  double observed = 0, sd = 1;
  bool fitted = true;
  std::string source, label;  ///< label: a short readable description for tables and charts
  Pos at;

  /// The target's value in one run from its outcomes (NaN if any is NaN or the denominator is 0).
  double value(const std::vector<double>& outcomes) const;
};

struct CalibrationSpec {
  std::filesystem::path source;
  std::string name, text;               ///< text: the file as read (DIR/calibration.yaml keeps it)
  std::optional<std::string> base;      ///< scenario file, relative to the spec
  std::vector<std::string> sets;        ///< "key=value" fixed for every run
  std::vector<CalibratedParameter> parameters;
  std::vector<OutcomeSpec> outcomes;
  std::vector<Target> targets;
  AbcSettings method;
  int replicates = 1;                   ///< seeds per parameter set (their mean enters the distance)
  std::int64_t seed = 20220901;
  Pos base_at, parameters_at;
  std::vector<Pos> set_at;

  std::vector<Prior> priors() const;
  /// The spec as a sweep experiment (source = the spec, so errors point into it): the parameters
  /// as ranges on a two-level grid (both ends of every prior), one replicate, the outcomes.
  Experiment as_experiment() const;
};

/// Parses with the hardened YAML reader; every error is file:line:col: key: problem (exit 2).
CalibrationSpec parse_calibration_spec(const std::string& text, const std::filesystem::path& source);
CalibrationSpec load_calibration_spec(const std::filesystem::path& path);

}  // namespace hubsim::batch
