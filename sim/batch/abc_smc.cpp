#include "sim/batch/abc_smc.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "sim/batch/design.hpp"

namespace hubsim::batch {
namespace {

using Matrix = std::vector<std::vector<double>>;

/// Lower-triangular L with L L^T = a (a symmetric positive definite; a tiny ridge makes a
/// degenerate population's covariance usable).
Matrix cholesky(Matrix a) {
  const std::size_t k = a.size();
  for (std::size_t i = 0; i < k; ++i) a[i][i] += 1e-12;
  Matrix l(k, std::vector<double>(k, 0.0));
  for (std::size_t i = 0; i < k; ++i)
    for (std::size_t j = 0; j <= i; ++j) {
      double s = a[i][j];
      for (std::size_t m = 0; m < j; ++m) s -= l[i][m] * l[j][m];
      if (i == j) l[i][i] = std::sqrt(std::max(s, 1e-18));
      else l[i][j] = s / l[j][j];
    }
  return l;
}

/// (x^T (L L^T)^-1 x) by forward substitution.
double mahalanobis2(const Matrix& l, const std::vector<double>& x) {
  std::vector<double> y(x.size());
  double q = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    double s = x[i];
    for (std::size_t m = 0; m < i; ++m) s -= l[i][m] * y[m];
    y[i] = s / l[i][i];
    q += y[i] * y[i];
  }
  return q;
}

/// Box-Muller on the portable generator (the standard distributions differ between libraries).
double normal(DesignRng& rng) {
  const double u1 = 1.0 - rng.uniform(), u2 = rng.uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

DesignRng round_rng(std::uint64_t seed, int generation, int round) {
  return DesignRng(mix64(mix64(seed) ^ mix64((static_cast<std::uint64_t>(generation) << 32) + static_cast<std::uint64_t>(round) + 1)));
}

double quantile_of(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  const double at = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(at));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (at - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

std::vector<std::vector<double>> values_of(const std::vector<Prior>& priors, const Matrix& zs) {
  Matrix out;
  for (const auto& z : zs) {
    std::vector<double> v;
    for (std::size_t i = 0; i < priors.size(); ++i) v.push_back(priors[i].value(z[i]));
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace

double Prior::value(double z) const {
  z = std::clamp(z, 0.0, 1.0);
  double v = log_uniform ? std::exp(std::log(lo) + z * (std::log(hi) - std::log(lo))) : lo + z * (hi - lo);
  v = std::clamp(v, lo, hi);
  return integer ? std::round(v) : v;
}

double effective_sample_size(const std::vector<double>& weights) {
  double s = 0, s2 = 0;
  for (double w : weights) s += w, s2 += w * w;
  return s2 > 0 ? s * s / s2 : 0;
}

Matrix weighted_covariance(const Matrix& points, const std::vector<double>& weights) {
  const std::size_t k = points.empty() ? 0 : points.front().size();
  std::vector<double> mean(k, 0.0);
  double total = 0;
  for (std::size_t i = 0; i < points.size(); ++i) {
    total += weights[i];
    for (std::size_t a = 0; a < k; ++a) mean[a] += weights[i] * points[i][a];
  }
  for (double& m : mean) m /= total;
  Matrix cov(k, std::vector<double>(k, 0.0));
  for (std::size_t i = 0; i < points.size(); ++i)
    for (std::size_t a = 0; a < k; ++a)
      for (std::size_t b = 0; b < k; ++b)
        cov[a][b] += weights[i] * (points[i][a] - mean[a]) * (points[i][b] - mean[b]) / total;
  return cov;
}

std::vector<Generation> abc_smc(const std::vector<Prior>& priors, const AbcSettings& s, const AbcSimulate& simulate,
                                const AbcReport& report) {
  const std::size_t k = priors.size(), n = static_cast<std::size_t>(s.particles);
  std::vector<Generation> out;
  std::size_t simulated = 0;
  const auto room = [&](std::size_t want) {
    return s.budget == 0 ? want : std::min(want, s.budget > simulated ? s.budget - simulated : std::size_t{0});
  };

  // Generation 0: the prior itself (tolerance infinite); proposals whose runs failed are replaced.
  Generation g0;
  for (int round = 0; g0.particles.size() < n && round < 10; ++round) {
    const std::size_t want = room(n - g0.particles.size());
    if (want == 0) break;
    DesignRng rng = round_rng(s.seed, 0, round);
    Matrix zs(want, std::vector<double>(k));
    for (auto& z : zs)
      for (auto& x : z) x = rng.uniform();
    const auto d = simulate(0, round, values_of(priors, zs));
    simulated += want;
    g0.proposed += want;
    g0.rounds = round + 1;
    for (std::size_t i = 0; i < want; ++i)
      if (std::isfinite(d[i])) g0.particles.push_back({0, round, i, zs[i], d[i]});
  }
  if (g0.particles.empty()) throw std::runtime_error("no parameter set drawn from the prior gave a finite distance");
  g0.acceptance = static_cast<double>(g0.particles.size()) / static_cast<double>(g0.proposed);
  g0.weight.assign(g0.particles.size(), 1.0 / static_cast<double>(g0.particles.size()));
  g0.ess = effective_sample_size(g0.weight);
  out.push_back(std::move(g0));
  if (report) report(out.back());

  double rate = 0.5;  // expected acceptance at the median of the previous distances
  for (int t = 1; t <= s.max_generations; ++t) {
    const Generation& prev = out.back();
    std::vector<double> distances;
    for (const auto& p : prev.particles) distances.push_back(p.distance);
    Generation g;
    g.index = t;
    g.tolerance = quantile_of(distances, s.quantile);
    Matrix zs_prev;
    for (const auto& p : prev.particles) zs_prev.push_back(p.z);
    Matrix sigma = weighted_covariance(zs_prev, prev.weight);
    for (auto& row : sigma)
      for (double& x : row) x *= 2;  // Beaumont et al. 2009: twice the weighted covariance
    const Matrix l = cholesky(sigma);
    std::vector<double> cdf(prev.weight.size());
    std::partial_sum(prev.weight.begin(), prev.weight.end(), cdf.begin());
    const auto max_proposals = static_cast<std::size_t>(std::ceil(static_cast<double>(n) / std::max(s.min_acceptance, 1e-6)));
    bool complete = true;
    for (int round = 0; g.particles.size() < n; ++round) {
      const std::size_t need = n - g.particles.size();
      std::size_t want = static_cast<std::size_t>(std::ceil(static_cast<double>(need) / std::max(rate, 0.05) * 1.2));
      want = std::clamp<std::size_t>(want, std::min<std::size_t>(need, 16), 5 * n);
      want = std::min(want, max_proposals > g.proposed ? max_proposals - g.proposed : std::size_t{0});
      want = room(want);
      if (want == 0) {
        complete = false;
        break;
      }
      DesignRng rng = round_rng(s.seed, t, round);
      Matrix zs;
      for (std::size_t i = 0; i < want; ++i) {
        std::vector<double> z(k);
        for (int attempt = 0;; ++attempt) {
          const double u = rng.uniform() * cdf.back();
          const auto parent = static_cast<std::size_t>(std::upper_bound(cdf.begin(), cdf.end(), u) - cdf.begin());
          const auto& base = prev.particles[std::min(parent, prev.particles.size() - 1)].z;
          std::vector<double> e(k);
          for (auto& x : e) x = normal(rng);
          bool inside = true;
          for (std::size_t a = 0; a < k; ++a) {
            double step = 0;
            for (std::size_t b = 0; b <= a; ++b) step += l[a][b] * e[b];
            z[a] = base[a] + step;
            inside = inside && z[a] >= 0 && z[a] <= 1;
          }
          if (inside) break;
          if (attempt == 10000)  // a kernel far wider than the cube: fall back to the prior
            for (auto& x : z) x = rng.uniform();
          if (attempt == 10000) break;
        }
        zs.push_back(std::move(z));
      }
      const auto d = simulate(t, round, values_of(priors, zs));
      simulated += want;
      g.proposed += want;
      g.rounds = round + 1;
      for (std::size_t i = 0; i < want && g.particles.size() < n; ++i)
        if (d[i] <= g.tolerance) g.particles.push_back({t, round, i, zs[i], d[i]});
      rate = static_cast<double>(g.particles.size()) / static_cast<double>(g.proposed);
    }
    if (!complete) break;  // out of budget, or below the acceptance floor: the last full generation stands
    // Importance weights: prior (uniform in z) over the mixture the proposals came from.
    for (const auto& p : g.particles) {
      double mix = 0;
      for (std::size_t j = 0; j < prev.particles.size(); ++j) {
        std::vector<double> diff(k);
        for (std::size_t a = 0; a < k; ++a) diff[a] = p.z[a] - prev.particles[j].z[a];
        mix += prev.weight[j] * std::exp(-0.5 * mahalanobis2(l, diff));
      }
      g.weight.push_back(1.0 / std::max(mix, 1e-300));
    }
    const double total = std::accumulate(g.weight.begin(), g.weight.end(), 0.0);
    for (double& w : g.weight) w /= total;
    g.ess = effective_sample_size(g.weight);
    g.acceptance = static_cast<double>(g.particles.size()) / static_cast<double>(g.proposed);
    out.push_back(std::move(g));
    if (report) report(out.back());
    if (out.back().acceptance < s.min_acceptance || out.back().tolerance <= s.stop_tolerance) break;
  }
  return out;
}

}  // namespace hubsim::batch
