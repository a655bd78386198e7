#pragma once
/// Approximate Bayesian computation by sequential Monte Carlo (ABC-SMC, Toni et al. 2009, J. R.
/// Soc. Interface 6:187; population Monte Carlo weights and the kernel of Beaumont et al. 2009,
/// Biometrika 96:983) with adaptive tolerances: each generation's tolerance is a quantile of the
/// previous generation's distances (Del Moral, Doucet and Jasra 2012, Stat. Comput. 22:1009).
///
/// Pure and deterministic: the simulator is a callback from proposals to distances, and every
/// proposal is a function of (seed, generation, round) and the previous results alone, so a
/// calibration killed and re-run proposes exactly the same parameter sets again (the caller keeps
/// what was simulated and answers from it) and arrives at the same posterior.
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

namespace hubsim::batch {

/// A parameter's prior: uniform on [lo, hi], or log-uniform (uniform in log).
struct Prior {
  std::string key;
  double lo = 0, hi = 1;
  bool log_uniform = false;
  bool integer = false;

  /// The parameter's value at z in [0, 1] (the prior is uniform in z).
  double value(double z) const;
};

struct AbcSettings {
  int particles = 100;           ///< accepted parameter sets per generation
  double quantile = 0.5;         ///< next tolerance: this quantile of the current distances
  double min_acceptance = 0.02;  ///< stop once a generation accepts fewer proposals than this
  int max_generations = 10;      ///< generations after the prior one (generation 0)
  double stop_tolerance = 0;     ///< stop once the tolerance is at or below this
  std::size_t budget = 0;        ///< most parameter sets to simulate in all (0: no limit)
  std::uint64_t seed = 1;
};

/// One simulated proposal: where it was made and its distance (infinite when its runs failed).
struct Proposal {
  int generation = 0, round = 0;
  std::size_t index = 0;  ///< its place in the round
  std::vector<double> z;  ///< in the unit cube of the priors
  double distance = std::numeric_limits<double>::infinity();
};

struct Generation {
  int index = 0;
  double tolerance = std::numeric_limits<double>::infinity();  ///< generation 0: none (the prior)
  std::size_t proposed = 0;  ///< parameter sets simulated
  int rounds = 0;
  double acceptance = 1;     ///< accepted / proposed
  double ess = 0;            ///< Kish effective sample size of the weights
  std::vector<Proposal> particles;  ///< the accepted proposals
  std::vector<double> weight;       ///< normalised
};

/// The simulator: the distance of each proposed parameter set (values in prior order), or
/// infinity for one whose runs failed. (generation, round) name the batch; proposals of one batch
/// can be simulated in parallel.
using AbcSimulate = std::function<std::vector<double>(int generation, int round,
                                                      const std::vector<std::vector<double>>& values)>;
/// Told after each generation (e.g. to write progress); may be empty.
using AbcReport = std::function<void(const Generation&)>;

/// Runs ABC-SMC to one of its stopping rules; returns every generation, the last one being the
/// posterior. Throws std::runtime_error if generation 0 has no finite distance at all.
std::vector<Generation> abc_smc(const std::vector<Prior>& priors, const AbcSettings& settings,
                                const AbcSimulate& simulate, const AbcReport& report = {});

/// Kish's effective sample size 1 / sum(w^2) of normalised weights.
double effective_sample_size(const std::vector<double>& weights);

/// Weighted mean and covariance of points (rows) in the unit cube.
std::vector<std::vector<double>> weighted_covariance(const std::vector<std::vector<double>>& points,
                                                     const std::vector<double>& weights);

}  // namespace hubsim::batch
