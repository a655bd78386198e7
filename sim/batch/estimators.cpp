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

double variance_of(const std::vector<double>& v) {
  const double m = mean_of(v);
  double ss = 0;
  std::size_t n = 0;
  for (double x : v)
    if (std::isfinite(x)) ss += (x - m) * (x - m), ++n;
  return n > 1 ? ss / static_cast<double>(n - 1) : kNaN;
}

namespace {

/// Elementary effects of each parameter, per trajectory (a trajectory is dims + 1 points).
std::vector<std::vector<std::vector<double>>> effects_by_trajectory(const std::vector<std::vector<double>>& points,
                                                                    const std::vector<double>& y, std::size_t d) {
  std::vector<std::vector<std::vector<double>>> out;  // [trajectory][parameter] -> effects
  for (std::size_t start = 0; start < points.size(); start += d + 1) {
    auto& t = out.emplace_back(d);
    for (std::size_t k = start; k < start + d; ++k)
      for (std::size_t i = 0; i < d; ++i) {
        const double step = points[k + 1][i] - points[k][i];
        if (std::abs(step) < 1e-12) continue;
        if (std::isfinite(y[k]) && std::isfinite(y[k + 1])) t[i].push_back((y[k + 1] - y[k]) / step);
        break;
      }
  }
  return out;
}

void morris_stats(const std::vector<double>& e, double& mu, double& mu_star, double& sigma) {
  double sum = 0, sum_abs = 0;
  for (double x : e) sum += x, sum_abs += std::abs(x);
  const double n = static_cast<double>(e.size());
  mu = e.empty() ? kNaN : sum / n;
  mu_star = e.empty() ? kNaN : sum_abs / n;
  double ss = 0;
  for (double x : e) ss += (x - mu) * (x - mu);
  sigma = e.size() > 1 ? std::sqrt(ss / (n - 1)) : kNaN;
}

}  // namespace

MorrisWithCi morris_bootstrap(const std::vector<std::vector<double>>& points, const std::vector<double>& y, int dims,
                              int resamples, std::uint64_t seed) {
  MorrisWithCi out;
  out.point = morris_indices(points, y, dims);  // validates the layout
  const auto d = static_cast<std::size_t>(dims);
  const auto by_t = effects_by_trajectory(points, y, d);
  const std::size_t n = by_t.size();
  out.trajectories = static_cast<int>(n);
  std::vector<std::vector<double>> boot_mu(d), boot_star(d), boot_sigma(d);
  DesignRng rng(mix64(seed ^ 0x6d6f7272ULL));
  std::vector<double> e;
  for (int r = 0; r < resamples && n > 0; ++r) {
    std::vector<std::size_t> take(n);
    for (auto& j : take) j = rng.below(n);
    for (std::size_t i = 0; i < d; ++i) {
      e.clear();
      for (std::size_t j : take) e.insert(e.end(), by_t[j][i].begin(), by_t[j][i].end());
      double mu, star, sigma;
      morris_stats(e, mu, star, sigma);
      boot_mu[i].push_back(mu), boot_star[i].push_back(star), boot_sigma[i].push_back(sigma);
    }
  }
  for (std::size_t i = 0; i < d; ++i) {
    const auto ci = [&](double est, const std::vector<double>& b) {
      return Interval{est, quantile(b, 0.025), quantile(b, 0.975)};
    };
    out.mu.push_back(ci(out.point.mu[i], boot_mu[i]));
    out.mu_star.push_back(ci(out.point.mu_star[i], boot_star[i]));
    out.sigma.push_back(ci(out.point.sigma[i], boot_sigma[i]));
    int pos = 0, neg = 0;
    for (const auto& t : by_t)
      for (double x : t[i]) pos += x > 0, neg += x < 0;
    out.positive.push_back(pos);
    out.negative.push_back(neg);
    out.sign.push_back(pos && !neg ? 1 : neg && !pos ? -1 : 0);
  }
  return out;
}

namespace {

/// Standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9).
double normal_quantile(double p) {
  static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                             1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
  static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                             6.680131188771972e+01, -1.328068155288572e+01};
  static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                             -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
  static const double dd[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                              3.754408661907416e+00};
  if (p < 0.02425) {
    const double q = std::sqrt(-2 * std::log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((dd[0] * q + dd[1]) * q + dd[2]) * q + dd[3]) * q + 1);
  }
  if (p > 1 - 0.02425) return -normal_quantile(1 - p);
  const double q = p - 0.5, r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
         (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

}  // namespace

double student_t(double p, int df) {
  if (df < 1) return kNaN;
  // Exact 95th and 97.5th percentiles for small df, where the expansion is poor.
  static const double t95[] = {6.3138, 2.9200, 2.3534, 2.1318, 2.0150, 1.9432, 1.8946, 1.8595, 1.8331, 1.8125,
                               1.7959, 1.7823, 1.7709, 1.7613, 1.7531, 1.7459, 1.7396, 1.7341, 1.7291, 1.7247,
                               1.7207, 1.7171, 1.7139, 1.7109, 1.7081, 1.7056, 1.7033, 1.7011, 1.6991, 1.6973};
  static const double t975[] = {12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
                                2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
                                2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423};
  if (df <= 30 && std::abs(p - 0.95) < 1e-12) return t95[df - 1];
  if (df <= 30 && std::abs(p - 0.975) < 1e-12) return t975[df - 1];
  const double z = normal_quantile(p), n = df, z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z;
  return z + (z3 + z) / (4 * n) + (5 * z5 + 16 * z3 + 3 * z) / (96 * n * n) +
         (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * n * n * n);
}

Interval wilson(int k, int n, double level) {
  if (n <= 0) return {kNaN, kNaN, kNaN};
  const double z = normal_quantile(0.5 + level / 2), p = static_cast<double>(k) / n, nn = n;
  const double centre = (p + z * z / (2 * nn)) / (1 + z * z / nn);
  const double half = z / (1 + z * z / nn) * std::sqrt(p * (1 - p) / nn + z * z / (4 * nn * nn));
  return {p, std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

Interval grouped_bootstrap_probability(const std::vector<std::vector<bool>>& groups, double level, int resamples,
                                       std::uint64_t seed) {
  std::size_t hits = 0, total = 0;
  for (const auto& g : groups)
    for (bool b : g) hits += b, ++total;
  if (total == 0) return {kNaN, kNaN, kNaN};
  std::vector<std::size_t> nonempty;
  for (std::size_t i = 0; i < groups.size(); ++i)
    if (!groups[i].empty()) nonempty.push_back(i);
  DesignRng rng(mix64(seed ^ 0x64726177ULL));
  std::vector<double> boot;
  for (int r = 0; r < resamples; ++r) {
    std::size_t h = 0, t = 0;
    for (std::size_t k = 0; k < nonempty.size(); ++k) {
      const auto& g = groups[nonempty[rng.below(nonempty.size())]];
      for (std::size_t s = 0; s < g.size(); ++s) h += g[rng.below(g.size())], ++t;
    }
    boot.push_back(static_cast<double>(h) / static_cast<double>(t));
  }
  return {static_cast<double>(hits) / static_cast<double>(total), quantile(boot, 0.5 - level / 2),
          quantile(boot, 0.5 + level / 2)};
}

PairedDifference paired_difference(const std::vector<double>& y, const std::vector<double>& base, double level) {
  std::vector<double> a, b, d;
  for (std::size_t i = 0; i < std::min(y.size(), base.size()); ++i)
    if (std::isfinite(y[i]) && std::isfinite(base[i])) a.push_back(y[i]), b.push_back(base[i]), d.push_back(y[i] - base[i]);
  PairedDifference out;
  out.pairs = static_cast<int>(d.size());
  const double m = mean_of(d), vd = variance_of(d);
  out.sd = std::sqrt(vd);
  const double half = d.size() > 1 ? student_t(0.5 + level / 2, out.pairs - 1) * std::sqrt(vd / out.pairs) : kNaN;
  out.diff = {m, m - half, m + half};
  const double vu = variance_of(a) + variance_of(b);
  out.variance_reduction = vd > 0 ? vu / vd : kNaN;
  return out;
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
