#include "sim/batch/estimators.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "sim/batch/design.hpp"

namespace hubsim::batch {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Blocks {
  std::vector<double> a, b;
  std::vector<std::vector<double>> ab;  ///< per parameter
};

/// Point estimates on the samples listed in `take` (indices into the blocks, repeats allowed).
void estimate(const Blocks& s, const std::vector<std::size_t>& take, std::vector<double>& first,
              std::vector<double>& total, double& variance) {
  const double n = static_cast<double>(take.size());
  double sum = 0, sum_sq = 0;
  for (std::size_t j : take) {
    sum += s.a[j] + s.b[j];
    sum_sq += s.a[j] * s.a[j] + s.b[j] * s.b[j];
  }
  const double mean = sum / (2 * n);
  variance = sum_sq / (2 * n) - mean * mean;
  for (std::size_t i = 0; i < s.ab.size(); ++i) {
    double v1 = 0, vt = 0;
    for (std::size_t j : take) {
      v1 += s.b[j] * (s.ab[i][j] - s.a[j]);
      vt += (s.a[j] - s.ab[i][j]) * (s.a[j] - s.ab[i][j]);
    }
    // A constant output has no variance to apportion: report zero rather than 0/0.
    first[i] = variance > 0 ? v1 / n / variance : 0.0;
    total[i] = variance > 0 ? vt / (2 * n) / variance : 0.0;
  }
}

}  // namespace

double mean_of(const std::vector<double>& v) {
  double sum = 0;
  std::size_t n = 0;
  for (double x : v)
    if (std::isfinite(x)) sum += x, ++n;
  return n ? sum / static_cast<double>(n) : kNaN;
}

double quantile(std::vector<double> v, double q) {
  std::erase_if(v, [](double x) { return !std::isfinite(x); });
  if (v.empty()) return kNaN;
  std::sort(v.begin(), v.end());
  const double pos = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

SobolIndices sobol_indices(const std::vector<double>& y, int dims, int resamples, std::uint64_t seed) {
  const auto d = static_cast<std::size_t>(dims);
  const std::size_t block = d + 2;
  if (dims < 1 || y.size() % block != 0) throw std::invalid_argument("sobol_indices: outputs are not in Saltelli blocks");
  Blocks s;
  s.ab.resize(d);
  for (std::size_t j = 0; j < y.size() / block; ++j) {
    const double* row = &y[j * block];
    if (!std::all_of(row, row + block, [](double x) { return std::isfinite(x); })) continue;
    s.a.push_back(row[0]);
    s.b.push_back(row[1]);
    for (std::size_t i = 0; i < d; ++i) s.ab[i].push_back(row[2 + i]);
  }
  SobolIndices out;
  out.first.resize(d);
  out.total.resize(d);
  const std::size_t n = s.a.size();
  if (n < 2) {
    for (std::size_t i = 0; i < d; ++i) out.first[i] = out.total[i] = {kNaN, kNaN, kNaN};
    out.variance = kNaN;
    return out;
  }
  std::vector<std::size_t> all(n);
  for (std::size_t j = 0; j < n; ++j) all[j] = j;
  std::vector<double> first(d), total(d);
  estimate(s, all, first, total, out.variance);

  std::vector<std::vector<double>> boot_first(d), boot_total(d);
  DesignRng rng(mix64(seed ^ 0x626f6f74ULL));
  std::vector<std::size_t> take(n);
  std::vector<double> f(d), t(d);
  double var = 0;
  for (int r = 0; r < resamples; ++r) {
    for (auto& j : take) j = rng.below(n);
    estimate(s, take, f, t, var);
    for (std::size_t i = 0; i < d; ++i) boot_first[i].push_back(f[i]), boot_total[i].push_back(t[i]);
  }
  for (std::size_t i = 0; i < d; ++i) {
    out.first[i] = {first[i], quantile(boot_first[i], 0.025), quantile(boot_first[i], 0.975)};
    out.total[i] = {total[i], quantile(boot_total[i], 0.025), quantile(boot_total[i], 0.975)};
  }
  return out;
}

MorrisIndices morris_indices(const std::vector<std::vector<double>>& points, const std::vector<double>& y,
                             int dims) {
  const auto d = static_cast<std::size_t>(dims);
  if (dims < 1 || points.size() != y.size() || points.size() % (d + 1) != 0)
    throw std::invalid_argument("morris_indices: outputs are not in trajectories of parameters + 1 points");
  std::vector<std::vector<double>> effects(d);
  for (std::size_t start = 0; start < points.size(); start += d + 1) {
    for (std::size_t k = start; k < start + d; ++k) {
      const auto& x0 = points[k];
      const auto& x1 = points[k + 1];
      for (std::size_t i = 0; i < d; ++i) {
        const double step = x1[i] - x0[i];
        if (std::abs(step) < 1e-12) continue;
        if (std::isfinite(y[k]) && std::isfinite(y[k + 1])) effects[i].push_back((y[k + 1] - y[k]) / step);
        break;  // one coordinate moves per step
      }
    }
  }
  MorrisIndices out;
  for (std::size_t i = 0; i < d; ++i) {
    const auto& e = effects[i];
    double sum = 0, sum_abs = 0;
    for (double x : e) sum += x, sum_abs += std::abs(x);
    const double n = static_cast<double>(e.size());
    const double mu = e.empty() ? kNaN : sum / n;
    double ss = 0;
    for (double x : e) ss += (x - mu) * (x - mu);
    out.mu.push_back(mu);
    out.mu_star.push_back(e.empty() ? kNaN : sum_abs / n);
    out.sigma.push_back(e.size() > 1 ? std::sqrt(ss / (n - 1)) : kNaN);
    out.effects.push_back(static_cast<int>(e.size()));
  }
  return out;
}

}  // namespace hubsim::batch
