// Designs on the unit cube: grid, Latin hypercube, Sobol sequence, Saltelli blocks, Morris.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

#include "sim/batch/design.hpp"
#include "sim/batch/sobol_sequence.hpp"

using namespace hubsim::batch;

TEST_CASE("Sobol sequence: first points in Gray-code order, as Joe and Kuo's generator gives them") {
  SobolSequence s(3);
  const std::vector<std::vector<double>> expected = {
      {0, 0, 0}, {0.5, 0.5, 0.5}, {0.75, 0.25, 0.25}, {0.25, 0.75, 0.75},
      {0.375, 0.375, 0.625}, {0.875, 0.875, 0.125}, {0.625, 0.125, 0.875}, {0.125, 0.625, 0.375}};
  for (const auto& e : expected) CHECK(s.next() == e);
}

TEST_CASE("Sobol sequence: every dimension is stratified over 2^k points") {
  SobolSequence s(kMaxSobolDims);
  std::vector<std::vector<double>> pts;
  for (int i = 0; i < 256; ++i) pts.push_back(s.next());
  for (int d = 0; d < kMaxSobolDims; ++d) {
    std::set<int> cells;
    for (const auto& p : pts) cells.insert(static_cast<int>(p[static_cast<std::size_t>(d)] * 256));
    CHECK(cells.size() == 256);
  }
  CHECK_THROWS_AS(SobolSequence(kMaxSobolDims + 1), std::invalid_argument);
}

TEST_CASE("full grid: size, values and order (last dimension fastest)") {
  const auto g = full_grid({3, 2});
  REQUIRE(g.size() == 6);
  CHECK(g[0] == std::vector<double>{0, 0});
  CHECK(g[1] == std::vector<double>{0, 1});
  CHECK(g[2] == std::vector<double>{0.5, 0});
  CHECK(g[5] == std::vector<double>{1, 1});
  CHECK(full_grid({1})[0][0] == 0.5);
  CHECK(full_grid({}).size() == 1);  // no parameters: one point (replicates only)
}

TEST_CASE("Latin hypercube: one point per stratum in every dimension; deterministic") {
  const int n = 50;
  const auto a = latin_hypercube(n, 4, 7);
  REQUIRE(a.size() == static_cast<std::size_t>(n));
  for (int d = 0; d < 4; ++d) {
    std::set<int> strata;
    for (const auto& p : a) strata.insert(static_cast<int>(std::floor(p[static_cast<std::size_t>(d)] * n)));
    CHECK(strata.size() == static_cast<std::size_t>(n));
  }
  CHECK(latin_hypercube(n, 4, 7) == a);
  CHECK(latin_hypercube(n, 4, 8) != a);
}

TEST_CASE("Saltelli: blocks A, B, AB_i with AB_i = A but column i from B") {
  const int n = 8, k = 3;
  const auto x = saltelli(n, k);
  REQUIRE(x.size() == static_cast<std::size_t>(n * (k + 2)));
  // The first base sample is the Sobol point after the origin: all 0.5 in 2k dimensions.
  CHECK(x[0] == std::vector<double>{0.5, 0.5, 0.5});
  for (int j = 0; j < n; ++j) {
    const auto& a = x[static_cast<std::size_t>(j * (k + 2))];
    const auto& b = x[static_cast<std::size_t>(j * (k + 2) + 1)];
    for (int i = 0; i < k; ++i) {
      const auto& ab = x[static_cast<std::size_t>(j * (k + 2) + 2 + i)];
      for (int c = 0; c < k; ++c) CHECK(ab[static_cast<std::size_t>(c)] == (c == i ? b : a)[static_cast<std::size_t>(c)]);
    }
  }
}

TEST_CASE("Morris: each step moves exactly one factor by +-delta, each factor once per trajectory") {
  const int r = 10, k = 5, p = 4;
  std::vector<std::vector<int>> order;
  const auto x = morris(r, k, p, 3, &order);
  REQUIRE(x.size() == static_cast<std::size_t>(r * (k + 1)));
  REQUIRE(order.size() == static_cast<std::size_t>(r));
  const double delta = morris_delta(p);
  CHECK(delta == doctest::Approx(2.0 / 3));
  for (int t = 0; t < r; ++t) {
    std::set<int> moved;
    for (int s = 0; s < k; ++s) {
      const auto& a = x[static_cast<std::size_t>(t * (k + 1) + s)];
      const auto& b = x[static_cast<std::size_t>(t * (k + 1) + s + 1)];
      int changed = -1, count = 0;
      for (int i = 0; i < k; ++i)
        if (std::abs(a[static_cast<std::size_t>(i)] - b[static_cast<std::size_t>(i)]) > 1e-12) changed = i, ++count;
      CHECK(count == 1);
      CHECK(std::abs(std::abs(a[static_cast<std::size_t>(changed)] - b[static_cast<std::size_t>(changed)]) - delta) < 1e-12);
      CHECK(changed == order[static_cast<std::size_t>(t)][static_cast<std::size_t>(s)]);
      moved.insert(changed);
      for (double v : b) CHECK((v >= -1e-12 && v <= 1 + 1e-12));
    }
    CHECK(moved.size() == static_cast<std::size_t>(k));
  }
  CHECK(morris(r, k, p, 3) == x);
  CHECK_THROWS_AS(morris(r, k, 3, 3), std::invalid_argument);
}
