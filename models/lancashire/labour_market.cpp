// The labour market: separations, search within commuting reach, and matching by hub.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "models/lancashire/phases.hpp"
#include "sim/core/parallel.hpp"

namespace hubsim::model {
namespace {

double monthly(double per_year) { return 1.0 - std::pow(1.0 - per_year, 1.0 / 12.0); }

}  // namespace

void separations(World& w, const core::PhaseContext& ctx) {
  const auto& l = w.params.labour;
  const double quit = monthly(l.quit_rate_per_year);
  const double retire = monthly(l.retire_rate_per_year);
  auto& wc = w.workers.columns();
  const auto& fc = w.firms.columns();
  core::parallel_for(w.workers.size(), [&](std::size_t r) {
    const WorkerStatus s = wc.status[r];
    if (!w.workers.alive(r) || (s != WorkerStatus::employed && s != WorkerStatus::seeking)) return;
    core::Rng rng = ctx.rng(core::EntityKind::worker, w.workers.id(r));
    if (rng.bernoulli(retire)) {
      wc.status[r] = WorkerStatus::retired;
      wc.employer[r] = kNoFirm;
      w.workers.remove(r);
      w.tally.retirements[wc.home[r]] += 1;
      return;
    }
    if (s != WorkerStatus::employed) return;
    const std::uint32_t f = wc.employer[r];
    const bool lost = !w.firms.alive(f) || rng.bernoulli(fc.layoff_share[f]) || rng.bernoulli(quit);
    if (lost) {
      wc.status[r] = WorkerStatus::seeking;
      wc.employer[r] = kNoFirm;
      wc.months_searching[r] = 0;
    }
  });
}

void job_search(World& w, const core::PhaseContext& ctx) {
  const std::size_t n = w.graph.size();
  auto& wc = w.workers.columns();
  core::parallel_for(w.workers.size(), [&](std::size_t r) {
    wc.applied[r] = kNoHub;
    if (!w.workers.alive(r) || wc.status[r] != WorkerStatus::seeking) return;
    // Weight of each hub: its open posts, discounted by travel time; zero beyond reach.
    const double* weight = &w.search_weight[wc.home[r] * n];
    double total = 0;
    for (std::size_t h = 0; h < n; ++h) total += weight[h] * static_cast<double>(w.hub_vacancies[h]);
    if (total <= 0) return;
    core::Rng rng = ctx.rng(core::EntityKind::worker, w.workers.id(r));
    double pick = rng.uniform() * total;
    std::size_t chosen = n;
    for (std::size_t h = 0; h < n && pick >= 0; ++h) {
      const double wh = weight[h] * static_cast<double>(w.hub_vacancies[h]);
      if (wh <= 0) continue;
      chosen = h;  // the last candidate also absorbs rounding at the top end
      pick -= wh;
    }
    wc.applied[r] = static_cast<core::HubIndex>(chosen);
    wc.priority[r] = static_cast<std::uint32_t>(rng.next_u64());
  });
}

void matching(World& w, const core::PhaseContext& ctx) {
  const std::size_t n = w.graph.size();
  auto& wc = w.workers.columns();
  auto& fc = w.firms.columns();
  // Bucket applicants and vacancy-holding firms by hub, in row (= id) order: one serial pass.
  std::vector<std::vector<std::uint32_t>> applicants(n), openings(n);
  for (std::size_t r = 0; r < w.workers.size(); ++r)
    if (wc.applied[r] != kNoHub) applicants[wc.applied[r]].push_back(static_cast<std::uint32_t>(r));
  for (std::size_t f = 0; f < w.firms.size(); ++f)
    if (w.firms.alive(f) && fc.vacancies[f] > 0) openings[fc.hub[f]].push_back(static_cast<std::uint32_t>(f));
  // Hubs are matched in parallel: each writes only its own applicants and firms.
  core::parallel_for(n, [&](std::size_t h) {
    auto& queue = applicants[h];
    auto& firms = openings[h];
    std::sort(queue.begin(), queue.end(), [&](std::uint32_t a, std::uint32_t b) {
      return wc.priority[a] != wc.priority[b] ? wc.priority[a] < wc.priority[b] : a < b;
    });
    std::int64_t open = 0;
    for (auto f : firms) open += fc.vacancies[f];
    core::Rng rng = ctx.rng(core::EntityKind::hub, h);
    std::int64_t hires = 0;
    for (std::uint32_t r : queue) {
      if (open == 0) break;
      // The applicant lands at a firm chosen in proportion to its open posts.
      auto pick = static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(open)));
      std::size_t i = 0;
      while (pick >= fc.vacancies[firms[i]]) pick -= fc.vacancies[firms[i++]];
      const std::uint32_t f = firms[i];
      fc.vacancies[f] -= 1;
      fc.employees[f] += 1;
      --open;
      wc.status[r] = WorkerStatus::employed;
      wc.employer[r] = f;
      wc.months_searching[r] = 0;
      w.tally.talent_flow[wc.home[r] * n + h].fetch_add(1, std::memory_order_relaxed);
      ++hires;
    }
    w.tally.hires[h] += hires;
  }, 1);
}

}  // namespace hubsim::model
