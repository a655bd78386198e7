// Sobol and Morris estimators against functions with known indices, evaluated directly.
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <stdexcept>

#include "sim/batch/design.hpp"
#include "sim/batch/estimators.hpp"

using namespace hubsim::batch;

namespace {

// Ishigami on [-pi, pi]^3 with a = 7, b = 0.1: S1 = (0.314, 0.442, 0), ST = (0.558, 0.442, 0.244).
double ishigami(const std::vector<double>& u) {
  const double pi = std::numbers::pi;
  const double x1 = -pi + 2 * pi * u[0], x2 = -pi + 2 * pi * u[1], x3 = -pi + 2 * pi * u[2];
  return std::sin(x1) + 7 * std::sin(x2) * std::sin(x2) + 0.1 * std::pow(x3, 4) * std::sin(x1);
}

std::vector<double> evaluate(const UnitPoints& x, double (*f)(const std::vector<double>&)) {
  std::vector<double> y;
  for (const auto& p : x) y.push_back(f(p));
  return y;
}

// y = 1 x1 + 2 x2 + 3 x3 on [0, 1]^3: S1 = ST = a_i^2 / sum a_j^2 = (1, 4, 9) / 14.
double linear(const std::vector<double>& u) { return 1 * u[0] + 2 * u[1] + 3 * u[2]; }

}  // namespace

TEST_CASE("Sobol indices of the Ishigami function") {
  const auto idx = sobol_indices(evaluate(saltelli(1 << 14, 3), ishigami), 3, 200);
  const double s1[] = {0.3139, 0.4424, 0.0}, st[] = {0.5576, 0.4424, 0.2437};
  for (std::size_t i = 0; i < 3; ++i) {
    CAPTURE(i);
    CHECK(std::abs(idx.first[i].estimate - s1[i]) < 0.03);
    CHECK(std::abs(idx.total[i].estimate - st[i]) < 0.03);
    CHECK(idx.first[i].low <= idx.first[i].estimate);
    CHECK(idx.first[i].high >= idx.first[i].estimate);
    CHECK(idx.total[i].high - idx.total[i].low < 0.1);
  }
  // Analytic variance: a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2.
  const double pi = std::numbers::pi;
  CHECK(idx.variance == doctest::Approx(49.0 / 8 + 0.1 * std::pow(pi, 4) / 5 + 0.01 * std::pow(pi, 8) / 18 + 0.5).epsilon(0.02));
}

TEST_CASE("Sobol indices of a linear model: S1 = ST = a_i^2 var_i / sum") {
  const auto idx = sobol_indices(evaluate(saltelli(4096, 3), linear), 3, 100);
  const double expected[] = {1.0 / 14, 4.0 / 14, 9.0 / 14};
  for (std::size_t i = 0; i < 3; ++i) {
    CAPTURE(i);
    CHECK(std::abs(idx.first[i].estimate - expected[i]) < 0.02);
    CHECK(std::abs(idx.total[i].estimate - expected[i]) < 0.02);
    CHECK(idx.first[i].low <= expected[i] + 0.02);
    CHECK(idx.first[i].high >= expected[i] - 0.02);
  }
}

TEST_CASE("Sobol indices drop samples with a failed run and survive a constant output") {
  auto y = evaluate(saltelli(1024, 3), linear);
  y[7] = std::nan("");  // one failed run loses its base sample (block 1)
  const auto idx = sobol_indices(y, 3, 50);
  CHECK(std::abs(idx.total[2].estimate - 9.0 / 14) < 0.03);
  const auto flat = sobol_indices(std::vector<double>(5 * 16, 3.0), 3, 10);
  CHECK(flat.first[0].estimate == 0.0);
  CHECK_THROWS_AS(sobol_indices(std::vector<double>(7), 3), std::invalid_argument);
}

TEST_CASE("Morris indices: linear model has mu = mu* = a_i and sigma = 0") {
  const int k = 3;
  const auto x = morris(20, k, 4, 11);
  const auto idx = morris_indices(x, evaluate(x, linear), k);
  const double a[] = {1, 2, 3};
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(idx.mu[i] == doctest::Approx(a[i]));
    CHECK(idx.mu_star[i] == doctest::Approx(a[i]));
    CHECK(idx.sigma[i] == doctest::Approx(0).scale(1));
    CHECK(idx.effects[i] == 20);
  }
}

TEST_CASE("Morris indices of Ishigami: x3 acts only through interactions, x1 and x2 dominate mu*") {
  const int k = 3;
  const auto x = morris(200, k, 4, 5);
  const auto idx = morris_indices(x, evaluate(x, ishigami), k);
  // On the 4-level grid x2 takes -pi, -pi/3, pi/3, pi: every step changes 7 sin^2(x2) by
  // +-7 * 3/4 over a step of 2/3, so every effect is +-7.875 (mu* exact, mu near 0).
  CHECK(idx.mu_star[1] == doctest::Approx(7.875));
  CHECK(std::abs(idx.mu[1]) < 2.0);
  CHECK(idx.sigma[2] > 0);  // x3's effect depends on x1
  // x1's effect depends on x3 (interaction): non-zero sigma.
  CHECK(idx.sigma[0] > 0);
}

TEST_CASE("quantile and mean ignore non-finite values") {
  CHECK(quantile({1, 2, 3, 4, 5}, 0.5) == 3);
  CHECK(quantile({1, 2, 3, 4, 5}, 0.05) == doctest::Approx(1.2));
  CHECK(mean_of({1, std::nan(""), 3}) == 2);
  CHECK(std::isnan(quantile({}, 0.5)));
}
