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
  // Column pointers in locals (see workforce): stores to 1-byte columns would force reloads.
  WorkerStatus* const status = wc.status.data();
  core::HubIndex* const home = wc.home.data();
  std::uint16_t* const searching = wc.months_searching.data();
  std::uint32_t* const employer = wc.employer.data();
  core::parallel_for_ranges(w.workers.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t r = begin; r < end; ++r) {
      const WorkerStatus s = status[r];
      if (s == WorkerStatus::retired || !w.workers.alive(r)) continue;
      if (s == WorkerStatus::left_county) {
        // Return migration, while the county has open posts: home is drawn by where the jobs are.
        if (open <= 0 || county_jobs <= 0) continue;
        core::Rng rng = ctx.rng(w.workers.identity(r));
        if (!rng.bernoulli(come_back)) continue;
        auto pick = static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(county_jobs)));
        core::HubIndex to = w.county_hubs.back();
        for (auto h : w.county_hubs)
          if ((pick -= w.hub_jobs[h]) < 0) { to = h; break; }
        w.tally.flow(Flow::talent, home[r], to);
        home[r] = to;
        status[r] = WorkerStatus::seeking;
        searching[r] = 0;
        w.tally.add(Tally::returners, to);
        continue;
      }
      if (s != WorkerStatus::seeking && s != WorkerStatus::employed) continue;
      core::Rng rng = ctx.rng(w.workers.identity(r));
      bool leaves = false;
      if (s == WorkerStatus::seeking) {
        searching[r] = static_cast<std::uint16_t>(std::min<int>(searching[r] + 1, 0xFFFF));
        leaves = searching[r] > m.patience_months && rng.bernoulli(m.unmatched_leave_rate_per_month);
      } else {
        leaves = rng.bernoulli(employed_leave);
      }
      if (!leaves || total_pull <= 0) continue;
      double pick = rng.uniform() * total_pull;
      core::HubIndex dest = w.external_hubs.back();
      for (auto h : w.external_hubs) {
        pick -= w.params.hubs[h].pull;
        if (pick < 0) { dest = h; break; }
      }
      w.tally.flow(Flow::talent, home[r], dest);
      status[r] = WorkerStatus::left_county;
      employer[r] = kNoFirm;
      home[r] = dest;
      w.tally.add(Tally::leavers, dest);
    }
  });
}

}  // namespace hubsim::model
