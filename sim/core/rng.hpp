#pragma once
/// Counter-based random numbers: every draw is a pure function of (run seed, step, phase,
/// entity, draw number), so results never depend on thread count or scheduling order.
#include <Random123/philox.h>

#include <cmath>
#include <cstdint>

namespace hubsim::core {

/// Identifies who draws: an agent (kind + stable id) or a hub. Distinct entities never share a stream.
enum class EntityKind : std::uint64_t { worker = 1, firm = 2, investor = 3, hub = 4, global = 5 };

constexpr std::uint64_t entity_key(EntityKind kind, std::uint64_t id) {
  return (static_cast<std::uint64_t>(kind) << 56) ^ id;
}

/// Philox blocks (4 x 64 bits each) and normal deviates made by this thread so far: `hubsim bench`
/// multiplies them by their micro-benchmarked cost to estimate the RNG's share of a step. Thread-local
/// so that counting is race-free and costs one increment per block (~10 ns of work).
inline thread_local std::uint64_t t_rng_blocks = 0;
inline thread_local std::uint64_t t_rng_normals = 0;

__extension__ typedef unsigned __int128 uint128;  // for Lemire's method; GCC/Clang only

/// A private stream of random numbers for one entity in one phase of one step.
class Rng {
 public:
  using Philox = r123::Philox4x64;

  Rng(std::uint64_t seed, std::uint32_t step, std::uint32_t phase, std::uint64_t entity) {
    key_ = {{seed, (static_cast<std::uint64_t>(step) << 32) | phase}};
    ctr_ = {{entity, 0, 0, 0}};
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

  /// Standard normal (Box-Muller; the second value is discarded to keep draws position-free).
  double normal() {
    ++t_rng_normals;
    const double u1 = 1.0 - uniform();  // (0, 1]
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
  }

  /// Poisson with the given mean (>= 0): inversion for small means, PTRS (Hormann 1993) for large.
  std::int64_t poisson(double mean);

 private:
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
