// PRIM (Friedman and Fisher 1999) finds a box planted in synthetic data.
#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>

#include "sim/batch/design.hpp"
#include "sim/batch/prim.hpp"

using namespace hubsim::batch;

TEST_CASE("PRIM finds a planted box: x0 in [0.2, 0.6] and x1 >= 0.5, x2 irrelevant, 5% label noise") {
  DesignRng rng(42);
  std::vector<std::vector<double>> x;
  std::vector<int> y;
  for (int i = 0; i < 3000; ++i) {
    std::vector<double> row = {rng.uniform(), rng.uniform(), rng.uniform()};
    int in = row[0] >= 0.2 && row[0] <= 0.6 && row[1] >= 0.5;
    if (rng.uniform() < 0.05) in = 1 - in;  // noise: some cases outside, some misses inside
    x.push_back(row);
    y.push_back(in);
  }
  const auto boxes = prim(x, y);
  REQUIRE(!boxes.empty());
  const auto& b = boxes.front().box;
  CHECK(std::abs(b.low[0] - 0.2) < 0.05);
  CHECK(std::abs(b.high[0] - 0.6) < 0.05);
  CHECK(std::abs(b.low[1] - 0.5) < 0.05);
  CHECK(b.high[1] > 0.95);
  // x2 is left (nearly) unrestricted.
  CHECK(b.low[2] < 0.1);
  CHECK(b.high[2] > 0.9);
  // Inside the planted box 95% are cases; the box should capture most of them.
  CHECK(b.density > 0.85);
  CHECK(b.coverage > 0.75);
  // The trajectory starts from the whole space, and peeling never lowers the density much.
  const auto& t = boxes.front().trajectory;
  CHECK(t.front().support == doctest::Approx(1.0));
  CHECK(t.front().coverage == doctest::Approx(1.0));
  CHECK(t.size() > 10);
  CHECK(t[boxes.front().chosen].density > t.front().density + 0.4);
  for (std::size_t i = 0; i < x.size(); i += 97) CHECK(in_box(t.front(), x[i]));
}

TEST_CASE("PRIM on levels (a grid's few values) peels whole levels and stops at min_support") {
  std::vector<std::vector<double>> x;
  std::vector<int> y;
  for (int a = 0; a < 4; ++a)
    for (int b = 0; b < 4; ++b)
      for (int r = 0; r < 10; ++r) {
        x.push_back({double(a), double(b)});
        y.push_back(a == 3 ? 1 : 0);
      }
  const auto boxes = prim(x, y);
  REQUIRE(!boxes.empty());
  CHECK(boxes.front().box.low[0] == 3.0);
  CHECK(boxes.front().box.density == doctest::Approx(1.0));
  CHECK(boxes.front().box.coverage == doctest::Approx(1.0));
  CHECK_THROWS_AS(prim({{1.0}, {1.0, 2.0}}, {0, 1}), std::invalid_argument);
}
