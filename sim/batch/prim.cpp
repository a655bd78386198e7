// PRIM: peeling and pasting (Friedman and Fisher 1999), covering over the points left outside.
#include "sim/batch/prim.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace hubsim::batch {
namespace {

struct Data {
  const std::vector<std::vector<double>>& x;
  const std::vector<int>& y;
  std::size_t dims;
  double total_cases;  ///< of all points: coverage is always of the whole data
  double total_points;
};

/// Points of `pool` inside box.
std::vector<std::size_t> inside(const Data& d, const PrimBox& box, const std::vector<std::size_t>& pool) {
  std::vector<std::size_t> out;
  for (std::size_t i : pool)
    if (in_box(box, d.x[i])) out.push_back(i);
  return out;
}

void measure(const Data& d, PrimBox& box, const std::vector<std::size_t>& members) {
  double cases = 0;
  for (std::size_t i : members) cases += d.y[i];
  box.points = members.size();
  box.density = members.empty() ? 0 : cases / static_cast<double>(members.size());
  box.coverage = d.total_cases > 0 ? cases / d.total_cases : 0;
  box.support = static_cast<double>(members.size()) / d.total_points;
}

double mean_y(const Data& d, const std::vector<std::size_t>& members) {
  if (members.empty()) return -1;
  double s = 0;
  for (std::size_t i : members) s += d.y[i];
  return s / static_cast<double>(members.size());
}

/// The best single peel of the box: a new bound on one side of one input. False if none is left.
bool peel(const Data& d, const std::vector<std::size_t>& members, double alpha, PrimBox& box, std::vector<std::size_t>& kept) {
  double best = -1;
  PrimBox best_box;
  std::vector<std::size_t> best_kept;
  const std::size_t n = members.size();
  const std::size_t k = std::max<std::size_t>(1, static_cast<std::size_t>(std::floor(alpha * static_cast<double>(n))));
  std::vector<double> v(n);
  for (std::size_t j = 0; j < d.dims; ++j) {
    for (std::size_t m = 0; m < n; ++m) v[m] = d.x[members[m]][j];
    std::sort(v.begin(), v.end());
    for (int side = 0; side < 2; ++side) {
      // Low side: keep x >= v[k]; when ties make that remove nothing, peel the lowest value whole.
      double bound = side == 0 ? v[std::min(k, n - 1)] : v[n - 1 - std::min(k, n - 1)];
      const double edge = side == 0 ? v.front() : v.back();
      if (bound == edge) {
        const auto next = side == 0 ? std::upper_bound(v.begin(), v.end(), edge) : std::lower_bound(v.begin(), v.end(), edge);
        if (side == 0 && next == v.end()) continue;
        if (side == 1 && next == v.begin()) continue;
        bound = side == 0 ? *next : *(next - 1);
      }
      PrimBox b = box;
      (side == 0 ? b.low[j] : b.high[j]) = bound;
      std::vector<std::size_t> in = inside(d, b, members);
      if (in.empty() || in.size() == n) continue;
      const double m = mean_y(d, in);
      if (m > best) best = m, best_box = b, best_kept = std::move(in);
    }
  }
  if (best < 0) return false;
  box = best_box;
  kept = std::move(best_kept);
  return true;
}

/// Widens the box on one side of one input by about alpha of its points while that raises its density.
void paste(const Data& d, const std::vector<std::size_t>& pool, double alpha, PrimBox& box) {
  std::vector<std::size_t> members = inside(d, box, pool);
  for (;;) {
    const double current = mean_y(d, members);
    double best = current;
    PrimBox best_box;
    std::vector<std::size_t> best_members;
    const std::size_t k = std::max<std::size_t>(1, static_cast<std::size_t>(std::floor(alpha * static_cast<double>(members.size()))));
    for (std::size_t j = 0; j < d.dims; ++j) {
      for (int side = 0; side < 2; ++side) {
        // Candidates: points outside only on input j, on this side; the k nearest join.
        PrimBox open = box;
        (side == 0 ? open.low[j] : open.high[j]) = side == 0 ? -INFINITY : INFINITY;
        std::vector<double> outside;
        for (std::size_t i : pool) {
          const double xj = d.x[i][j];
          if ((side == 0 ? xj < box.low[j] : xj > box.high[j]) && in_box(open, d.x[i])) outside.push_back(xj);
        }
        if (outside.empty()) continue;
        std::sort(outside.begin(), outside.end());
        if (side == 1) std::reverse(outside.begin(), outside.end());
        PrimBox b = box;
        (side == 0 ? b.low[j] : b.high[j]) = outside[std::min(k, outside.size()) - 1];
        std::vector<std::size_t> in = inside(d, b, pool);
        const double m = mean_y(d, in);
        if (m > best) best = m, best_box = b, best_members = std::move(in);
      }
    }
    if (best <= current) return;
    box = best_box;
    members = std::move(best_members);
  }
}

}  // namespace

bool in_box(const PrimBox& box, const std::vector<double>& row) {
  for (std::size_t j = 0; j < row.size(); ++j)
    if (row[j] < box.low[j] || row[j] > box.high[j]) return false;
  return true;
}

std::vector<PrimResult> prim(const std::vector<std::vector<double>>& x, const std::vector<int>& y, const PrimOptions& o) {
  if (x.size() != y.size()) throw std::invalid_argument("prim: x and y differ in length");
  if (x.empty()) return {};
  const std::size_t dims = x[0].size();
  double cases = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (x[i].size() != dims) throw std::invalid_argument("prim: rows differ in length");
    cases += y[i] != 0;
  }
  const Data d{x, y, dims, cases, static_cast<double>(x.size())};
  std::vector<std::size_t> pool(x.size());
  for (std::size_t i = 0; i < pool.size(); ++i) pool[i] = i;
  std::vector<PrimResult> out;
  while (static_cast<int>(out.size()) < o.max_boxes && !pool.empty()) {
    PrimBox box;
    box.low.assign(dims, INFINITY);
    box.high.assign(dims, -INFINITY);
    for (std::size_t i : pool)
      for (std::size_t j = 0; j < dims; ++j) box.low[j] = std::min(box.low[j], x[i][j]), box.high[j] = std::max(box.high[j], x[i][j]);
    PrimResult r;
    std::vector<std::size_t> members = pool;
    measure(d, box, members);
    const double start_density = box.density;
    r.trajectory.push_back(box);
    std::vector<std::size_t> kept;
    while (static_cast<double>(members.size()) >= o.min_support * d.total_points && peel(d, members, o.alpha, box, kept)) {
      if (static_cast<double>(kept.size()) < o.min_support * d.total_points) break;
      members = std::move(kept);
      measure(d, box, members);
      r.trajectory.push_back(box);
    }
    for (std::size_t t = 1; t < r.trajectory.size(); ++t)
      if (r.trajectory[t].density * r.trajectory[t].coverage > r.trajectory[r.chosen].density * r.trajectory[r.chosen].coverage)
        r.chosen = t;
    r.box = r.trajectory[r.chosen];
    paste(d, pool, o.alpha, r.box);
    measure(d, r.box, inside(d, r.box, pool));
    const bool weak = !out.empty() && r.box.coverage < o.min_coverage;
    if (r.box.density <= start_density || r.box.points == pool.size() || weak) {
      if (out.empty()) out.push_back(std::move(r));  // the first box is reported even when nothing beats the whole space
      break;
    }
    std::vector<std::size_t> rest;
    for (std::size_t i : pool)
      if (!in_box(r.box, x[i])) rest.push_back(i);
    out.push_back(std::move(r));
    pool = std::move(rest);
    bool any = false;
    for (std::size_t i : pool) any |= y[i] != 0;
    if (!any) break;
  }
  return out;
}

}  // namespace hubsim::batch
