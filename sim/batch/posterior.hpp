#pragma once
/// A calibrated posterior ensemble as a table (posterior.csv, written by `hubsim calibrate`):
/// particle, weight, then one column per parameter key. Read strictly, so a sweep that draws from
/// it (design kind posterior) fails before any run if the file is not one.
#include <cstdint>
#include <string>
#include <vector>

namespace hubsim::batch {

struct Ensemble {
  std::vector<std::string> keys;              ///< config key paths, one per parameter column
  std::vector<std::int64_t> particle;         ///< the particle's number in the calibration
  std::vector<double> weight;                 ///< normalised importance weights (sum 1)
  std::vector<std::vector<double>> values;    ///< per particle, per key
};

/// CSV text of the ensemble; reals in shortest round-trip form (the posterior reads back exactly).
std::string ensemble_csv(const Ensemble& e);

/// Parses ensemble_csv's format: header "particle,weight,KEY..." (at least one key), then rows of
/// finite numbers, weights >= 0 with a positive sum (renormalised). Throws io::ConfigError naming
/// source:line:column and the column.
Ensemble parse_ensemble_csv(const std::string& text, const std::string& source);

/// `n` particles drawn by systematic resampling of the weights (one uniform offset from `seed`):
/// each particle appears floor or ceil of n x weight times, in particle order. Deterministic.
std::vector<std::size_t> systematic_draws(const std::vector<double>& weights, int n, std::uint64_t seed);

}  // namespace hubsim::batch
