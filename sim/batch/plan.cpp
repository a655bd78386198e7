#include "sim/batch/plan.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "sim/io/config.hpp"

namespace hubsim::batch {
namespace {

int digits(std::size_t n) {
  int d = 1;
  while (n >= 10) n /= 10, ++d;
  return d;
}

}  // namespace

std::string Plan::run_id(std::size_t run) const {
  const int pw = std::max(4, digits(points() > 0 ? points() - 1 : 0));
  const int rw = std::max(2, digits(static_cast<std::size_t>(replicates - 1)));
  char buf[64];
  std::snprintf(buf, sizeof buf, "%0*zu_%0*d", pw, point_of(run), rw, replicate_of(run));
  return buf;
}

std::int64_t Plan::seed(std::size_t run) const {
  const auto rep = static_cast<std::uint64_t>(replicate_of(run));
  if (common_seeds && rep == 0) return base_seed;
  std::uint64_t key = mix64(static_cast<std::uint64_t>(base_seed)) ^ mix64(rep + 1);
  if (!common_seeds) key ^= mix64((static_cast<std::uint64_t>(point_of(run)) + 1) << 32);
  return static_cast<std::int64_t>(mix64(key) & ((1ULL << 53) - 1));  // run.seed allows up to 2^53 - 1
}

std::string parameter_value(const Parameter& p, double u) {
  u = std::clamp(u, 0.0, 1.0);
  if (!p.range) {
    const std::size_t n = p.values.size();
    return p.values[std::min(n - 1, static_cast<std::size_t>(u * static_cast<double>(n)))];
  }
  const auto [lo, hi] = *p.range;
  double v = p.log_uniform ? std::exp(std::log(lo) + u * (std::log(hi) - std::log(lo))) : lo + u * (hi - lo);
  if (p.integer) return std::to_string(std::llround(v));
  // 12 significant digits: readable values (0.07, not 0.06999999999999999); the value written is
  // exactly the value the run used, and far finer than any design's resolution.
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.12g", std::clamp(v, lo, hi));
  return io::format_real(std::strtod(buf, nullptr));
}

Plan make_plan(const Experiment& e) {
  Plan plan;
  const auto& ps = e.parameters;
  const int k = static_cast<int>(ps.size());
  switch (e.design.kind) {
    case DesignKind::grid: {
      std::vector<int> levels;
      for (const auto& p : ps) levels.push_back(p.range ? (p.levels ? p.levels : e.design.levels) : static_cast<int>(p.values.size()));
      plan.unit = full_grid(levels);
      break;
    }
    case DesignKind::lhs: plan.unit = latin_hypercube(e.design.samples, k, e.design.seed); break;
    case DesignKind::saltelli: plan.unit = saltelli(e.design.samples, k); break;
    case DesignKind::morris: plan.unit = morris(e.design.trajectories, k, e.design.levels, e.design.seed); break;
    case DesignKind::points: {
      // Point i is the i-th value of every list; its unit coordinate is its rank among the points.
      const std::size_t n = ps.empty() ? 0 : ps.front().values.size();
      for (std::size_t i = 0; i < n; ++i) {
        plan.unit.emplace_back(static_cast<std::size_t>(k), n > 1 ? static_cast<double>(i) / static_cast<double>(n - 1) : 0.0);
        std::vector<std::string> row;
        for (const auto& p : ps) row.push_back(p.values[i]);
        plan.values.push_back(std::move(row));
      }
      break;
    }
    case DesignKind::posterior: {
      // A grid of the listed parameters (outer), each point crossed with every draw (inner).
      std::vector<std::size_t> listed;
      std::vector<int> levels;
      for (std::size_t i = 0; i < ps.size(); ++i)
        if (!ps[i].from_posterior) {
          listed.push_back(i);
          levels.push_back(ps[i].range ? (ps[i].levels ? ps[i].levels : e.design.levels) : static_cast<int>(ps[i].values.size()));
        }
      const UnitPoints grid = listed.empty() ? UnitPoints{std::vector<double>{}} : full_grid(levels);
      const auto& draws = e.design.posterior_rows;
      for (const auto& g : grid)
        for (std::size_t d = 0; d < draws.size(); ++d) {
          std::vector<double> u(static_cast<std::size_t>(k), draws.size() > 1 ? static_cast<double>(d) / static_cast<double>(draws.size() - 1) : 0.0);
          std::vector<std::string> row;
          for (std::size_t j = 0; j < listed.size(); ++j) {
            u[listed[j]] = g[j];
            row.push_back(parameter_value(ps[listed[j]], g[j]));
          }
          row.insert(row.end(), draws[d].begin(), draws[d].end());
          plan.unit.push_back(std::move(u));
          plan.values.push_back(std::move(row));
        }
      break;
    }
  }
  // Points and posterior designs set their values above; the others map unit coordinates to values.
  if (e.design.kind != DesignKind::points && e.design.kind != DesignKind::posterior)
    for (const auto& u : plan.unit) {
      std::vector<std::string> row;
      for (int i = 0; i < k; ++i) row.push_back(parameter_value(ps[static_cast<std::size_t>(i)], u[static_cast<std::size_t>(i)]));
      plan.values.push_back(std::move(row));
    }
  plan.replicates = e.replicates;
  plan.base_seed = e.seed;
  plan.common_seeds = e.common_seeds;
  return plan;
}

}  // namespace hubsim::batch
