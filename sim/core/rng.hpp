#pragma once
/// Counter-based random numbers: every draw is a pure function of (run seed, month, stream name,
/// entity identity, draw number), so results never depend on thread count, scheduling order, a
/// phase's position in the step, or on which other entities exist (common random numbers).
///
/// The generator is Philox4x64-10 from Random123 (Salmon et al. 2011, "Parallel random numbers:
/// as easy as 1, 2, 3", SC'11): ten rounds, Random123's default, passes TestU01's BigCrush with a
/// safety margin over the six rounds that already do. Key = (seed, stream); counter = (entity,
/// month << 32 | block). docs/PERFORMANCE.md has its measured cost.
#include <Random123/philox.h>

#include <boost/random/normal_distribution.hpp>

#include <cmath>
#include <cstdint>
#include <string_view>

namespace hubsim::core {

/// A random stream's name as a 64-bit key (FNV-1a): phases are keyed by what they are called, not
/// by where they stand in the step, so inserting or removing a phase changes no other's draws.
constexpr std::uint64_t stream_key(std::string_view name) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (const char c : name) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ull;
  return h;
}

/// A stable identity for an entity's random streams: who it is — what kind, where or from whom
/// it came, when, and its serial number among those — never where it sits in a store. Adding or
/// removing one entity therefore changes nobody else's identity. Fields: kind (8 bits, the
/// model's own codes), origin (16 bits: a hub, an anchor, ...), birth month (16 bits,
/// kBornAtStart for the initial population), serial (24 bits).
using Identity = std::uint64_t;
inline constexpr std::uint32_t kBornAtStart = 0xFFFF;
inline constexpr std::uint32_t kMaxSerial = (1u << 24) - 1;

constexpr Identity identity(std::uint32_t kind, std::uint32_t origin, std::uint32_t born, std::uint32_t serial) {
  return (static_cast<std::uint64_t>(kind & 0xFF) << 56) | (static_cast<std::uint64_t>(origin & 0xFFFF) << 40) |
         (static_cast<std::uint64_t>(born & 0xFFFF) << 24) | (serial & kMaxSerial);
}

/// Philox blocks (4 x 64 bits each) and normal deviates made by this thread so far: `hubsim bench`
/// multiplies them by their micro-benchmarked cost to estimate the RNG's share of a step. Thread-local
/// so that counting is race-free and costs one increment per block.
inline thread_local std::uint64_t t_rng_blocks = 0;
inline thread_local std::uint64_t t_rng_normals = 0;

__extension__ typedef unsigned __int128 uint128;  // for Lemire's method; GCC/Clang only

/// A private stream of random numbers for one entity in one named stream of one month.
class Rng {
 public:
  using Philox = r123::Philox4x64;

  Rng(std::uint64_t seed, std::uint32_t month, std::uint64_t stream, Identity entity) {
    key_ = {{seed, stream}};
    ctr_ = {{entity, static_cast<std::uint64_t>(month) << 32, 0, 0}};
  }

  /// 64 uniformly distributed bits.
  std::uint64_t next_u64() {
    if (used_ == 4) refill();
    return block_.v[used_++];
  }

  /// Uniform on [0, 1), 53 bits of resolution.
  double uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

  bool bernoulli(double p) { return uniform() < p; }

  /// Uniform integer in [0, n), unbiased (Lemire's multiply-and-reject). n must be > 0.
  std::uint64_t below(std::uint64_t n) {
    uint128 m = static_cast<uint128>(next_u64()) * n;
    auto low = static_cast<std::uint64_t>(m);
    if (low < n) {
      const std::uint64_t threshold = -n % n;
      while (low < threshold) {
        m = static_cast<uint128>(next_u64()) * n;
        low = static_cast<std::uint64_t>(m);
      }
    }
    return static_cast<std::uint64_t>(m >> 64);
  }

  /// Exponential with the given rate.
  double exponential(double rate) { return -std::log1p(-uniform()) / rate; }

  /// Standard normal: Boost.Random's ziggurat (Marsaglia and Tsang 2000, 128 layers) on this
  /// stream's bits, usually one 64-bit word and no transcendental function (Box-Muller needs two
  /// words, a log, a sqrt and a cos: 5-8x the cost here). Exact, not an approximation.
  double normal() {
    ++t_rng_normals;
    Bits bits{*this};
    return boost::random::normal_distribution<double>()(bits);
  }

  /// Poisson with the given mean (>= 0): inversion for small means, PTRS (Hormann 1993) for large.
  std::int64_t poisson(double mean);

 private:
  /// This stream as a uniform random bit generator, for Boost.Random's distributions.
  struct Bits {
    Rng& rng;
    using result_type = std::uint64_t;
    static constexpr result_type min() { return 0; }
    static constexpr result_type max() { return ~result_type{0}; }
    result_type operator()() { return rng.next_u64(); }
  };

  void refill() {
    block_ = Philox()(ctr_, key_);
    ++t_rng_blocks;
    ++ctr_.v[1];
    used_ = 0;
  }

  Philox::key_type key_;
  Philox::ctr_type ctr_;
  Philox::ctr_type block_{};
  unsigned used_ = 4;
};
inline std::int64_t Rng::poisson(double mean) {
  if (mean <= 0) return 0;
  if (mean < 12) {
    const double limit = std::exp(-mean);
    double product = uniform();
    std::int64_t k = 0;
    while (product > limit) {
      product *= uniform();
      ++k;
    }
    return k;
  }
  const double smu = std::sqrt(mean);
  const double b = 0.931 + 2.53 * smu;
  const double a = -0.059 + 0.02483 * b;
  const double inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
  const double vr = 0.9277 - 3.6224 / (b - 2);
  const double log_mean = std::log(mean);
  while (true) {
    const double u = uniform() - 0.5;
    const double v = uniform();
    const double us = 0.5 - std::fabs(u);
    const auto k = static_cast<std::int64_t>(std::floor((2 * a / us + b) * u + mean + 0.43));
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (std::log(v) + std::log(inv_alpha) - std::log(a / (us * us) + b) <=
        -mean + static_cast<double>(k) * log_mean - std::lgamma(static_cast<double>(k) + 1))
      return k;
  }
}

}  // namespace hubsim::core
