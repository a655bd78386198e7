// ABC-SMC (sim/batch/abc_smc.hpp) against posteriors known in closed form, and the posterior
// ensemble's file and draws (sim/batch/posterior.hpp).
#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <numeric>

#include "sim/batch/abc_smc.hpp"
#include "sim/batch/design.hpp"
#include "sim/batch/posterior.hpp"
#include "sim/io/config_error.hpp"

using namespace hubsim::batch;

namespace {

/// y = theta + N(0, 1) noise, a fresh deviate per proposal (keyed by where it was proposed).
AbcSimulate normal_model(double observed, int* calls = nullptr) {
  return [=](int generation, int round, const std::vector<std::vector<double>>& values) {
    if (calls) *calls += static_cast<int>(values.size());
    std::vector<double> d;
    DesignRng rng(mix64(static_cast<std::uint64_t>(generation) * 1000003u + static_cast<std::uint64_t>(round) + 17));
    for (const auto& v : values) {
      const double u1 = 1.0 - rng.uniform(), u2 = rng.uniform();
      const double y = v[0] + std::sqrt(-2 * std::log(u1)) * std::cos(6.283185307179586 * u2);
      d.push_back(std::abs(y - observed));
    }
    return d;
  };
}

std::pair<double, double> weighted_mean_sd(const Generation& g, std::size_t dim, const std::vector<Prior>& priors) {
  double m = 0, m2 = 0;
  for (std::size_t i = 0; i < g.particles.size(); ++i) {
    const double x = priors[dim].value(g.particles[i].z[dim]);
    m += g.weight[i] * x;
    m2 += g.weight[i] * x * x;
  }
  return {m, std::sqrt(m2 - m * m)};
}

}  // namespace

TEST_CASE("ABC-SMC recovers the posterior of a normal mean (flat prior, one observation: N(y, 1))") {
  const std::vector<Prior> priors = {{"theta", -5, 5}};
  AbcSettings s;
  s.particles = 1000;
  s.max_generations = 10;
  s.min_acceptance = 0.03;
  s.seed = 11;
  int calls = 0;
  const auto gens = abc_smc(priors, s, normal_model(1.0, &calls));
  REQUIRE(gens.size() >= 4);
  const Generation& last = gens.back();
  CHECK(last.particles.size() == 1000);
  // The tolerance falls every generation; the posterior is N(1, 1) up to the tolerance's
  // eps^2 / 3 extra variance and Monte Carlo error (ESS of several hundred: ~0.05 on the mean).
  for (std::size_t t = 2; t < gens.size(); ++t) CHECK(gens[t].tolerance < gens[t - 1].tolerance);
  CHECK(last.tolerance < 0.15);
  const auto [mean, sd] = weighted_mean_sd(last, 0, priors);
  CHECK(mean == doctest::Approx(1.0).epsilon(0.12));
  CHECK(sd == doctest::Approx(1.0).epsilon(0.12));
  CHECK(last.ess > 300);
  // Every proposal was simulated once. Simulations beyond the generations returned are the one
  // that stopped the run: it reached n / min_acceptance proposals without filling, and is dropped.
  std::size_t proposed = 0;
  for (const auto& g : gens) proposed += g.proposed;
  CHECK(proposed <= static_cast<std::size_t>(calls));
  CHECK(static_cast<std::size_t>(calls) - proposed <= static_cast<std::size_t>(std::ceil(1000 / 0.03)));
  // The prior generation is the prior: mean ~0, sd ~ 10 / sqrt(12).
  const auto [m0, sd0] = weighted_mean_sd(gens.front(), 0, priors);
  CHECK(std::abs(m0) < 0.3);
  CHECK(sd0 == doctest::Approx(10 / std::sqrt(12.0)).epsilon(0.08));
}

TEST_CASE("ABC-SMC: two parameters, one identified and one not (its posterior stays the prior)") {
  // y = a + N(0, 1); b does not enter: its posterior must stay uniform on [0, 1].
  const std::vector<Prior> priors = {{"a", 0, 10}, {"b", 0, 1}};
  AbcSettings s;
  s.particles = 600;
  s.max_generations = 6;
  s.seed = 5;
  const auto gens = abc_smc(priors, s, normal_model(4.0));
  const auto [ma, sa] = weighted_mean_sd(gens.back(), 0, priors);
  const auto [mb, sb] = weighted_mean_sd(gens.back(), 1, priors);
  CHECK(ma == doctest::Approx(4.0).epsilon(0.05));
  CHECK(sa < 1.3);
  CHECK(mb == doctest::Approx(0.5).epsilon(0.15));
  CHECK(sb == doctest::Approx(1 / std::sqrt(12.0)).epsilon(0.2));
}

TEST_CASE("ABC-SMC is deterministic and honours its budget") {
  const std::vector<Prior> priors = {{"theta", -5, 5}};
  AbcSettings s;
  s.particles = 200;
  s.max_generations = 5;
  const auto a = abc_smc(priors, s, normal_model(0.5)), b = abc_smc(priors, s, normal_model(0.5));
  REQUIRE(a.size() == b.size());
  for (std::size_t t = 0; t < a.size(); ++t) {
    REQUIRE(a[t].particles.size() == b[t].particles.size());
    for (std::size_t i = 0; i < a[t].particles.size(); ++i) CHECK(a[t].particles[i].z == b[t].particles[i].z);
    CHECK(a[t].weight == b[t].weight);
  }
  s.budget = 700;
  int calls = 0;
  const auto c = abc_smc(priors, s, normal_model(0.5, &calls));
  CHECK(calls <= 700);
  CHECK(c.size() >= 2);  // the prior and at least one full generation fit in 700
  CHECK(c.back().particles.size() == 200);
  CHECK(c.size() < a.size());
}

TEST_CASE("posterior ensemble: CSV round trip, strict reading, systematic draws") {
  Ensemble e;
  e.keys = {"firms.x", "labour.y"};
  e.particle = {0, 3, 7};
  e.weight = {0.2, 0.5, 0.3};
  e.values = {{0.1, 2}, {0.25, 3}, {1.0 / 3, 4}};
  const Ensemble back = parse_ensemble_csv(ensemble_csv(e), "p.csv");
  CHECK(back.keys == e.keys);
  CHECK(back.particle == e.particle);
  CHECK(back.values == e.values);  // shortest round-trip reals read back exactly
  CHECK(back.weight[1] == doctest::Approx(0.5));
  CHECK_THROWS_AS(parse_ensemble_csv("particle,weight\n0,1\n", "p.csv"), hubsim::io::ConfigError);
  CHECK_THROWS_WITH_AS(parse_ensemble_csv("particle,weight,a\n0,1,x\n", "p.csv"), doctest::Contains("p.csv:2:5"),
                       hubsim::io::ConfigError);
  CHECK_THROWS_AS(parse_ensemble_csv("particle,weight,a\n0,0,1\n", "p.csv"), hubsim::io::ConfigError);
  // 10 draws from weights 0.2 / 0.5 / 0.3: exactly 2, 5 and 3 of each, in particle order.
  const auto d = systematic_draws(back.weight, 10, 42);
  std::map<std::size_t, int> count;
  for (auto i : d) ++count[i];
  CHECK(count[0] == 2);
  CHECK(count[1] == 5);
  CHECK(count[2] == 3);
  CHECK(std::is_sorted(d.begin(), d.end()));
  CHECK(systematic_draws(back.weight, 10, 42) == d);
}
