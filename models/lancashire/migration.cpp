// Out-migration of talent to the external metros (Greater Manchester, London).
#include <algorithm>
#include <cmath>

#include "models/lancashire/phases.hpp"
#include "sim/core/parallel.hpp"

namespace hubsim::model {

void migration(World& w, const core::PhaseContext& ctx) {
  const auto& m = w.params.migration;
  if (w.external_hubs.empty()) return;
  const double employed_leave = monthly(m.employed_leave_rate_per_year) * std::max(0.0, 1 - w.params.lever('K', ctx.month) / 2);
  const double come_back = monthly(std::min(1.0, m.return_rate_per_year * (1 + w.params.lever('N', ctx.month))));
  std::int64_t open = 0, county_jobs = 0;
  for (auto h : w.county_hubs) open += w.hub_vacancies[h], county_jobs += w.hub_jobs[h];
  double total_pull = 0;
  for (auto h : w.external_hubs) total_pull += w.params.hubs[h].pull;
  auto& wc = w.workers.columns();
  core::parallel_for(w.workers.size(), [&](std::size_t r) {
    if (!w.workers.alive(r)) return;
    const WorkerStatus s = wc.status[r];
    if (s == WorkerStatus::left_county) {
      // Return migration, while the county has open posts: home is drawn by where the jobs are.
      if (open <= 0 || county_jobs <= 0) return;
      core::Rng rng = ctx.rng(core::EntityKind::worker, w.workers.id(r));
      if (!rng.bernoulli(come_back)) return;
      auto pick = static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(county_jobs)));
      core::HubIndex home = w.county_hubs.back();
      for (auto h : w.county_hubs)
        if ((pick -= w.hub_jobs[h]) < 0) { home = h; break; }
      w.tally.flow(Flow::talent, wc.home[r], home);
      wc.home[r] = home;
      wc.status[r] = WorkerStatus::seeking;
      wc.months_searching[r] = 0;
      w.tally.add(Tally::returners, home);
      return;
    }
    if (s != WorkerStatus::seeking && s != WorkerStatus::employed) return;
    core::Rng rng = ctx.rng(core::EntityKind::worker, w.workers.id(r));
    bool leaves = false;
    if (s == WorkerStatus::seeking) {
      wc.months_searching[r] = static_cast<std::uint16_t>(std::min<int>(wc.months_searching[r] + 1, 0xFFFF));
      leaves = wc.months_searching[r] > m.patience_months && rng.bernoulli(m.unmatched_leave_rate_per_month);
    } else {
      leaves = rng.bernoulli(employed_leave);
    }
    if (!leaves || total_pull <= 0) return;
    double pick = rng.uniform() * total_pull;
    core::HubIndex dest = w.external_hubs.back();
    for (auto h : w.external_hubs) {
      pick -= w.params.hubs[h].pull;
      if (pick < 0) { dest = h; break; }
    }
    w.tally.flow(Flow::talent, wc.home[r], dest);
    wc.status[r] = WorkerStatus::left_county;
    wc.employer[r] = kNoFirm;
    wc.home[r] = dest;
    w.tally.add(Tally::leavers, dest);
  });
}

}  // namespace hubsim::model
