#pragma once
/// Experimental designs as pure functions on the unit hypercube: each returns rows of coordinates
/// in [0, 1] (one row per design point), which experiment parameters then map to values. The row
/// order is part of each design's contract: the estimators rely on it.
#include <cstdint>
#include <vector>

namespace hubsim::batch {

using UnitPoints = std::vector<std::vector<double>>;

/// Every combination of levels[i] equally spaced values (0, 1/(n-1), ..., 1; 0.5 when n == 1);
/// the last dimension varies fastest.
UnitPoints full_grid(const std::vector<int>& levels);

/// n points; in every dimension each of the n strata [k/n, (k+1)/n) holds exactly one point,
/// placed uniformly inside it. Deterministic in `seed`.
UnitPoints latin_hypercube(int n, int dims, std::uint64_t seed);

/// Saltelli (2010) cross-sampling from a 2*dims Sobol sequence (origin skipped): for each base
/// sample j = 0..n-1 the rows are A_j, B_j, then AB^(1)_j..AB^(dims)_j (A_j with column i from
/// B_j): n * (dims + 2) rows in blocks of dims + 2.
UnitPoints saltelli(int n, int dims);

/// Morris elementary-effects design: `trajectories` trajectories of dims + 1 points on a grid of
/// `levels` values (even, >= 2), step delta = levels / (2 (levels - 1)). Within a trajectory each
/// row changes one coordinate of the previous row by +-delta, in a random order; factor_order
/// receives, per trajectory, the factor changed at each step. Deterministic in `seed`.
UnitPoints morris(int trajectories, int dims, int levels, std::uint64_t seed,
                  std::vector<std::vector<int>>* factor_order = nullptr);

/// Morris step size for `levels` grid levels.
double morris_delta(int levels);

/// splitmix64: a well-mixed 64-bit function of its input; seeds and streams are derived with it.
std::uint64_t mix64(std::uint64_t x);

/// Small deterministic generator for designs and bootstraps (splitmix64 stream): portable, unlike
/// the standard distributions, so designs are identical on every platform.
class DesignRng {
 public:
  explicit DesignRng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() { return mix64(state_ += 0x9e3779b97f4a7c15ULL); }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  ///< [0, 1)
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(uniform() * static_cast<double>(n)); }

 private:
  std::uint64_t state_;
};

}  // namespace hubsim::batch
