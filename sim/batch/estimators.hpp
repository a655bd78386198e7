#pragma once
/// Sensitivity estimators on model outputs arranged as the designs in design.hpp lay them out.
/// Pure functions: the unit tests feed them analytic functions with known indices.
#include <cstdint>
#include <vector>

namespace hubsim::batch {

struct Interval {
  double estimate = 0;
  double low = 0;   ///< 2.5th bootstrap percentile
  double high = 0;  ///< 97.5th bootstrap percentile
};

struct SobolIndices {
  std::vector<Interval> first;  ///< S1 per parameter
  std::vector<Interval> total;  ///< ST per parameter
  double variance = 0;          ///< of the output over A and B
};

/// Outputs of a Saltelli design: y[j * (dims + 2) + k] with k = 0 for A_j, 1 for B_j, 2 + i for
/// AB^(i)_j. S1 by Saltelli et al. (2010), V_i = mean(f(B) (f(AB_i) - f(A))); ST by Jansen (1999),
/// V_Ti = mean((f(A) - f(AB_i))^2) / 2; both divided by the variance of f over A and B.
/// Confidence intervals: percentile bootstrap over base samples j (`resamples` draws, seeded).
/// Samples with a non-finite output anywhere in their block are dropped first.
SobolIndices sobol_indices(const std::vector<double>& y, int dims, int resamples = 1000,
                           std::uint64_t seed = 1);

struct MorrisIndices {
  std::vector<double> mu;       ///< mean elementary effect
  std::vector<double> mu_star;  ///< mean absolute elementary effect (Campolongo et al. 2007)
  std::vector<double> sigma;    ///< standard deviation of the elementary effects (n - 1)
  std::vector<int> effects;     ///< elementary effects that entered (finite outputs only)
};

/// Outputs of a Morris design (rows as morris() returns them) and its unit points: the elementary
/// effect of a step is the output change divided by the (signed) change of the moved coordinate.
MorrisIndices morris_indices(const std::vector<std::vector<double>>& points, const std::vector<double>& y,
                             int dims);

/// Morris indices with percentile-bootstrap CIs over trajectories (resampled whole, with
/// replacement), and the sign of each parameter's effects: +1 all positive, -1 all negative, 0
/// mixed (both signs among its elementary effects) or none.
struct MorrisWithCi {
  MorrisIndices point;
  std::vector<Interval> mu_star, mu, sigma;  ///< estimate = point estimate; 95% bootstrap CI
  std::vector<int> sign;
  std::vector<int> positive, negative;       ///< elementary effects of each sign
  int trajectories = 0;
};
MorrisWithCi morris_bootstrap(const std::vector<std::vector<double>>& points, const std::vector<double>& y, int dims,
                              int resamples = 1000, std::uint64_t seed = 1);

/// Probability of success from k of n trials: k / n with the Wilson score interval at two-sided
/// level `level` (0.90: the 5th and 95th percentiles). n = 0 gives NaNs.
Interval wilson(int k, int n, double level = 0.90);

/// Two-level bootstrap of a probability when runs are grouped (posterior draws, each run over
/// seeds): resample the groups, then the runs within each chosen group; the estimate is the
/// pooled share of successes, the interval the (1 - level)/2 and (1 + level)/2 percentiles.
Interval grouped_bootstrap_probability(const std::vector<std::vector<bool>>& groups, double level = 0.90,
                                       int resamples = 2000, std::uint64_t seed = 1);

/// Quantile of Student's t with `df` degrees of freedom at probability p (0.5 < p < 1; exact
/// table to 30, then a Cornish-Fisher expansion).
double student_t(double p, int df);

/// Differences y - base, paired by index (NaN pairs dropped): mean with a t interval at `level`,
/// and the variance reduction pairing gave, (var(y) + var(base)) / var(y - base).
struct PairedDifference {
  Interval diff;
  int pairs = 0;
  double variance_reduction = 0;  ///< NaN when the paired variance is 0
  double sd = 0;                  ///< of the differences
};
PairedDifference paired_difference(const std::vector<double>& y, const std::vector<double>& base, double level = 0.90);

/// Sample variance (n - 1) of the finite values; NaN for fewer than two.
double variance_of(const std::vector<double>& v);

/// Mean and the q-quantile (linear interpolation between order statistics) of the finite values.
double mean_of(const std::vector<double>& v);
double quantile(std::vector<double> v, double q);

}  // namespace hubsim::batch
