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

/// Mean and the q-quantile (linear interpolation between order statistics) of the finite values.
double mean_of(const std::vector<double>& v);
double quantile(std::vector<double> v, double q);

}  // namespace hubsim::batch
