#pragma once
/// The runs of an experiment: its design expanded into points (parameter values), crossed with
/// replicates. Deterministic: the same experiment always gives the same plan, so every rank,
/// shard, resume and `hubsim analyse` agrees on run k without any communication.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/batch/design.hpp"
#include "sim/batch/experiment.hpp"

namespace hubsim::batch {

struct Plan {
  UnitPoints unit;                          ///< per point: design coordinates in [0, 1]
  std::vector<std::vector<std::string>> values;  ///< per point, per parameter: the value as set
  int replicates = 1;

  std::size_t points() const { return unit.size(); }
  std::size_t runs() const { return unit.size() * static_cast<std::size_t>(replicates); }
  /// Run k is replicate k % replicates of point k / replicates.
  std::size_t point_of(std::size_t run) const { return run / static_cast<std::size_t>(replicates); }
  int replicate_of(std::size_t run) const { return static_cast<int>(run % static_cast<std::size_t>(replicates)); }
  /// "<point>_<replicate>", zero-padded so that names sort like run numbers ("0042_07").
  std::string run_id(std::size_t run) const;

  std::int64_t base_seed = 0;
  bool common_seeds = true;
  /// Replicate 0 of common seeds is the base seed itself (the plain `hubsim run`); others are
  /// hashed from (base seed, replicate) and, for independent seeds, the point.
  std::int64_t seed(std::size_t run) const;
};

Plan make_plan(const Experiment& e);

/// A parameter's value at design coordinate u in [0, 1], as text for a "key=value" override:
/// ranges uniform or log-uniform (rounded if integer), lists by equal-width bins of u.
std::string parameter_value(const Parameter& p, double u);

}  // namespace hubsim::batch
