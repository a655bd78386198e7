#include "sim/batch/design.hpp"

#include <numeric>
#include <stdexcept>
#include <string>

#include "sim/batch/sobol_sequence.hpp"

namespace hubsim::batch {

std::uint64_t mix64(std::uint64_t x) {
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

namespace {

/// Fisher-Yates with our portable generator.
template <class T>
void shuffle(std::vector<T>& v, DesignRng& rng) {
  for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng.below(i)]);
}

}  // namespace

UnitPoints full_grid(const std::vector<int>& levels) {
  std::size_t total = 1;
  for (int n : levels) {
    if (n < 1) throw std::invalid_argument("grid: every parameter needs at least one level");
    total *= static_cast<std::size_t>(n);
  }
  UnitPoints out;
  out.reserve(total);
  std::vector<int> at(levels.size(), 0);
  for (std::size_t r = 0; r < total; ++r) {
    std::vector<double> row(levels.size());
    for (std::size_t i = 0; i < levels.size(); ++i)
      row[i] = levels[i] == 1 ? 0.5 : static_cast<double>(at[i]) / (levels[i] - 1);
    out.push_back(std::move(row));
    // Odometer increment, last dimension fastest.
    for (std::size_t i = levels.size(); i-- > 0;) {
      if (++at[i] < levels[i]) break;
      at[i] = 0;
    }
  }
  return out;
}

UnitPoints latin_hypercube(int n, int dims, std::uint64_t seed) {
  if (n < 1 || dims < 1) throw std::invalid_argument("latin hypercube: needs samples >= 1 and parameters >= 1");
  DesignRng rng(mix64(seed ^ 0x4c4853ULL));
  UnitPoints out(static_cast<std::size_t>(n), std::vector<double>(static_cast<std::size_t>(dims)));
  for (int d = 0; d < dims; ++d) {
    std::vector<int> strata(static_cast<std::size_t>(n));
    std::iota(strata.begin(), strata.end(), 0);
    shuffle(strata, rng);
    for (int i = 0; i < n; ++i)
      out[static_cast<std::size_t>(i)][static_cast<std::size_t>(d)] =
          (strata[static_cast<std::size_t>(i)] + rng.uniform()) / n;
  }
  return out;
}

UnitPoints saltelli(int n, int dims) {
  if (n < 1 || dims < 1) throw std::invalid_argument("saltelli: needs samples >= 1 and parameters >= 1");
  SobolSequence seq(2 * dims);
  (void)seq.next();  // the origin would put every parameter at its lower bound at once
  UnitPoints out;
  out.reserve(static_cast<std::size_t>(n) * static_cast<std::size_t>(dims + 2));
  const auto d = static_cast<std::size_t>(dims);
  for (int j = 0; j < n; ++j) {
    const std::vector<double> p = seq.next();
    std::vector<double> a(p.begin(), p.begin() + static_cast<std::ptrdiff_t>(d));
    std::vector<double> b(p.begin() + static_cast<std::ptrdiff_t>(d), p.end());
    out.push_back(a);
    out.push_back(b);
    for (std::size_t i = 0; i < d; ++i) {
      std::vector<double> ab = a;
      ab[i] = b[i];
      out.push_back(std::move(ab));
    }
  }
  return out;
}

double morris_delta(int levels) { return levels / (2.0 * (levels - 1)); }

UnitPoints morris(int trajectories, int dims, int levels, std::uint64_t seed,
                  std::vector<std::vector<int>>* factor_order) {
  if (trajectories < 1 || dims < 1) throw std::invalid_argument("morris: needs trajectories >= 1 and parameters >= 1");
  if (levels < 2 || levels % 2 != 0) throw std::invalid_argument("morris: levels must be even and >= 2");
  const double delta = morris_delta(levels);
  DesignRng rng(mix64(seed ^ 0x4d4f52ULL));
  UnitPoints out;
  if (factor_order) factor_order->clear();
  for (int t = 0; t < trajectories; ++t) {
    // Base point on the grid; each factor then moves by +delta if that stays in [0, 1], else
    // by -delta (with an even number of levels exactly one of the two is always possible).
    std::vector<double> x(static_cast<std::size_t>(dims));
    for (auto& xi : x) xi = static_cast<double>(rng.below(static_cast<std::size_t>(levels))) / (levels - 1);
    std::vector<int> order(static_cast<std::size_t>(dims));
    std::iota(order.begin(), order.end(), 0);
    shuffle(order, rng);
    out.push_back(x);
    for (int f : order) {
      auto& xi = x[static_cast<std::size_t>(f)];
      xi = xi + delta <= 1.0 + 1e-12 ? xi + delta : xi - delta;
      out.push_back(x);
    }
    if (factor_order) factor_order->push_back(order);
  }
  return out;
}

}  // namespace hubsim::batch
