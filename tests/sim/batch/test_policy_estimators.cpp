// Issue 15's estimators: Wilson intervals, the two-level bootstrap, t quantiles, paired
// differences with their variance reduction, Morris CIs over trajectories and the sign rule.
#include <doctest/doctest.h>

#include <cmath>

#include "sim/batch/design.hpp"
#include "sim/batch/estimators.hpp"

using namespace hubsim::batch;

TEST_CASE("policy stats: Wilson interval matches the published values and stays in [0, 1]") {
  // 90%: z = 1.6449. k = 0 of 10: upper = z^2 / (n + z^2) = 2.7055 / 12.7055 = 0.2129.
  const auto none = wilson(0, 10);
  CHECK(none.estimate == 0.0);
  CHECK(none.low == doctest::Approx(0.0).epsilon(1e-12));
  CHECK(none.high == doctest::Approx(0.2129).epsilon(1e-3));
  // 7 of 10 at 95%: Wilson gives [0.3968, 0.8922] (Newcombe 1998's formula).
  const auto seven = wilson(7, 10, 0.95);
  CHECK(seven.estimate == doctest::Approx(0.7));
  CHECK(seven.low == doctest::Approx(0.3968).epsilon(1e-3));
  CHECK(seven.high == doctest::Approx(0.8922).epsilon(1e-3));
  CHECK(wilson(10, 10).high == 1.0);
  CHECK(std::isnan(wilson(0, 0).estimate));
}

TEST_CASE("policy stats: Student t quantiles from the table and the expansion") {
  CHECK(student_t(0.95, 1) == doctest::Approx(6.3138));
  CHECK(student_t(0.95, 9) == doctest::Approx(1.8331));
  CHECK(student_t(0.95, 60) == doctest::Approx(1.6706).epsilon(1e-3));
  CHECK(student_t(0.975, 120) == doctest::Approx(1.9799).epsilon(1e-3));
}

TEST_CASE("policy stats: two-level bootstrap centres on the pooled share and widens with draw-to-draw spread") {
  // Four draws, ten seeds each: two draws always meet the target, two never (pooled 0.5).
  std::vector<std::vector<bool>> split = {std::vector<bool>(10, true), std::vector<bool>(10, false),
                                          std::vector<bool>(10, true), std::vector<bool>(10, false)};
  const auto a = grouped_bootstrap_probability(split);
  CHECK(a.estimate == doctest::Approx(0.5));
  // The same 20 of 40, spread evenly over the draws: the draws agree, so the interval is narrower.
  std::vector<std::vector<bool>> even(4);
  for (auto& g : even)
    for (int s = 0; s < 10; ++s) g.push_back(s % 2 == 0);
  const auto b = grouped_bootstrap_probability(even);
  CHECK(b.estimate == doctest::Approx(0.5));
  CHECK(a.high - a.low > b.high - b.low + 0.1);
  CHECK(a.low < 0.3);
  CHECK(a.high > 0.7);
}

TEST_CASE("policy stats: paired differences remove the shared noise") {
  // y = base + 5 + small noise, base with a large seed-to-seed spread.
  std::vector<double> base, y;
  for (int r = 0; r < 12; ++r) {
    const double noise = 100.0 * std::sin(r * 1.7);
    base.push_back(1000 + noise);
    y.push_back(1005 + noise + (r % 2 ? 0.5 : -0.5));
  }
  const auto d = paired_difference(y, base);
  CHECK(d.pairs == 12);
  CHECK(d.diff.estimate == doctest::Approx(5.0));
  CHECK(d.diff.low < 5.0);
  CHECK(d.diff.high > 5.0);
  CHECK(d.diff.high - d.diff.low < 1.0);
  // var(y) + var(base) ~ 2 x 100^2 / 2 against var(d) ~ 0.27: a reduction of thousands.
  CHECK(d.variance_reduction > 1000);
  // A failed run drops its pair only.
  y[3] = std::nan("");
  CHECK(paired_difference(y, base).pairs == 11);
}

TEST_CASE("policy stats: Morris bootstrap CIs bracket the estimate, and signs are +, - or mixed") {
  const int k = 3;
  const auto x = morris(30, k, 4, 3);
  std::vector<double> y;
  // x0 raises it, x1 lowers it, x2's sign depends on x0 (x0 > 0.5 raises, else lowers).
  for (const auto& u : x) y.push_back(2 * u[0] - 3 * u[1] + (u[0] > 0.5 ? 1.0 : -1.0) * u[2]);
  const auto m = morris_bootstrap(x, y, k, 300, 7);
  CHECK(m.trajectories == 30);
  CHECK(m.sign[1] == -1);
  CHECK(m.sign[2] == 0);
  CHECK(m.negative[1] == 30);
  CHECK(m.mu_star[1].estimate == doctest::Approx(3.0));
  CHECK(m.mu[1].estimate == doctest::Approx(-3.0));
  for (int i = 0; i < k; ++i) {
    CHECK(m.mu_star[i].low <= m.mu_star[i].estimate + 1e-9);
    CHECK(m.mu_star[i].high >= m.mu_star[i].estimate - 1e-9);
  }
  // x2's mu* is exactly 1, its mu near 0 with a CI that spans it.
  CHECK(m.mu_star[2].estimate == doctest::Approx(1.0));
  CHECK(m.mu[2].low < 0.0);
  CHECK(m.mu[2].high > 0.0);
}
