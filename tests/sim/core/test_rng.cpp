#include <doctest/doctest.h>

#include <cmath>
#include <set>
#include <vector>

#include "sim/core/rng.hpp"

using hubsim::core::identity;
using hubsim::core::Identity;
using hubsim::core::kBornAtStart;
using hubsim::core::kMaxSerial;
using hubsim::core::Rng;
using hubsim::core::stream_key;

namespace {

// A worker-like identity: kind 1, origin 3 (a hub), in the initial population.
constexpr Identity worker(std::uint32_t serial) { return identity(1, 3, kBornAtStart, serial); }

}  // namespace

TEST_CASE("rng: the same key gives the same stream") {
  Rng a(42, 3, stream_key("labour"), worker(17));
  Rng b(42, 3, stream_key("labour"), worker(17));
  for (int i = 0; i < 100; ++i) CHECK(a.next_u64() == b.next_u64());
}

TEST_CASE("rng: changing any key component changes the stream") {
  auto first = [](std::uint64_t seed, std::uint32_t step, std::uint64_t stream, Identity entity) {
    Rng r(seed, step, stream, entity);
    return r.next_u64();
  };
  const std::uint64_t labour = stream_key("labour");
  const auto base = first(42, 3, labour, worker(17));
  CHECK(first(43, 3, labour, worker(17)) != base);
  CHECK(first(42, 4, labour, worker(17)) != base);
  CHECK(first(42, 3, stream_key("firms"), worker(17)) != base);
  CHECK(first(42, 3, labour, worker(18)) != base);
  // Every field of the identity takes part: kind, origin, birth month and serial.
  CHECK(first(42, 3, labour, identity(2, 3, kBornAtStart, 17)) != base);
  CHECK(first(42, 3, labour, identity(1, 4, kBornAtStart, 17)) != base);
  CHECK(first(42, 3, labour, identity(1, 3, 0, 17)) != base);
  CHECK(first(42, 3, labour, identity(1, 3, kBornAtStart, 16)) != base);
}

TEST_CASE("rng: stream keys are names, and identities pack their fields without overlap") {
  static_assert(stream_key("a") != stream_key("b"));
  CHECK(stream_key("a") != stream_key("b"));
  CHECK(stream_key("labour") == stream_key("labour"));
  CHECK(stream_key("ab") != stream_key("ba"));
  CHECK(stream_key("") != stream_key("a"));

  // Each field lands in its own bits: kind 8, origin 16, birth month 16, serial 24.
  CHECK(identity(0xFF, 0, 0, 0) == 0xFF00000000000000ull);
  CHECK(identity(0, 0xFFFF, 0, 0) == 0x00FFFF0000000000ull);
  CHECK(identity(0, 0, 0xFFFF, 0) == 0x000000FFFF000000ull);
  CHECK(identity(0, 0, 0, kMaxSerial) == 0x0000000000FFFFFFull);
  CHECK(identity(0xFF, 0xFFFF, 0xFFFF, kMaxSerial) == ~0ull);
  // Neighbouring values in one field never collide with a neighbour in another.
  std::set<Identity> ids;
  for (std::uint32_t kind : {0u, 1u, 2u})
    for (std::uint32_t origin : {0u, 1u, 2u})
      for (std::uint32_t born : {0u, 1u, kBornAtStart})
        for (std::uint32_t serial : {0u, 1u, 2u, kMaxSerial}) ids.insert(identity(kind, origin, born, serial));
  CHECK(ids.size() == 3 * 3 * 3 * 4);
  // Out-of-range field values are masked to their width rather than spilling into the next field.
  CHECK(identity(1, 0, 0, kMaxSerial + 1) == identity(1, 0, 0, 0));
  CHECK(identity(0x101, 0, 0, 0) == identity(1, 0, 0, 0));
}

TEST_CASE("rng: uniform draws have the moments of U(0,1) and pass a chi-square test") {
  Rng r(7, 0, 0, 1);
  constexpr int n = 200000, bins = 20;
  std::vector<int> counts(bins, 0);
  double sum = 0, sum_sq = 0;
  for (int i = 0; i < n; ++i) {
    const double u = r.uniform();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    sum += u;
    sum_sq += u * u;
    ++counts[static_cast<int>(u * bins)];
  }
  CHECK(sum / n == doctest::Approx(0.5).epsilon(0.01));
  CHECK(sum_sq / n - (sum / n) * (sum / n) == doctest::Approx(1.0 / 12).epsilon(0.02));
  double chi2 = 0;
  const double expected = static_cast<double>(n) / bins;
  for (int c : counts) chi2 += (c - expected) * (c - expected) / expected;
  CHECK(chi2 < 43.8);  // 99.9th percentile of chi-square with 19 degrees of freedom
}

TEST_CASE("rng: streams of neighbouring agents are uncorrelated") {
  // Pearson correlation between the k-th draws of agents i and i+1, over many agents.
  constexpr int agents = 20000;
  double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
  for (int i = 0; i < agents; ++i) {
    Rng a(1, 5, stream_key("p"), worker(static_cast<std::uint32_t>(i)));
    Rng b(1, 5, stream_key("p"), worker(static_cast<std::uint32_t>(i + 1)));
    const double x = a.uniform(), y = b.uniform();
    sx += x, sy += y, sxx += x * x, syy += y * y, sxy += x * y;
  }
  const double cov = sxy / agents - sx / agents * sy / agents;
  const double corr = cov / std::sqrt((sxx / agents - sx * sx / agents / agents) * (syy / agents - sy * sy / agents / agents));
  CHECK(std::fabs(corr) < 0.03);  // ~4 standard errors for 20,000 pairs
}

TEST_CASE("rng: below(n) is unbiased and in range") {
  Rng r(3, 0, 0, 9);
  std::vector<int> counts(7, 0);
  for (int i = 0; i < 70000; ++i) {
    const auto k = r.below(7);
    REQUIRE(k < 7);
    ++counts[k];
  }
  for (int c : counts) CHECK(c == doctest::Approx(10000).epsilon(0.05));
}

TEST_CASE("rng: poisson has the right mean and variance for small and large means") {
  for (double mean : {0.3, 4.0, 25.0, 400.0}) {
    Rng r(11, 1, 1, static_cast<std::uint64_t>(mean * 10));
    constexpr int n = 40000;
    double sum = 0, sum_sq = 0;
    for (int i = 0; i < n; ++i) {
      const auto k = static_cast<double>(r.poisson(mean));
      REQUIRE(k >= 0);
      sum += k;
      sum_sq += k * k;
    }
    const double m = sum / n, var = sum_sq / n - m * m;
    CAPTURE(mean);
    CHECK(m == doctest::Approx(mean).epsilon(0.03));
    CHECK(var == doctest::Approx(mean).epsilon(0.06));
  }
}

TEST_CASE("rng: normal draws have mean 0 and variance 1") {
  Rng r(5, 0, 0, 0);
  constexpr int n = 100000;
  double sum = 0, sum_sq = 0;
  for (int i = 0; i < n; ++i) {
    const double z = r.normal();
    sum += z;
    sum_sq += z * z;
  }
  CHECK(std::fabs(sum / n) < 0.015);
  CHECK(sum_sq / n == doctest::Approx(1.0).epsilon(0.02));
}
