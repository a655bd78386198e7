// Out-migration of talent to the external metros (Greater Manchester, London).
#include <algorithm>
#include <cmath>

#include "models/lancashire/phases.hpp"
#include "sim/core/parallel.hpp"

namespace hubsim::model {

void leave_county(World& w, std::size_t r, core::Rng& rng) {
  auto& wc = w.workers.columns();
  double total_pull = 0;
  for (auto h : w.external_hubs) total_pull += w.params.hubs[h].pull;
  if (w.external_hubs.empty() || total_pull <= 0) return;
  double pick = rng.uniform() * total_pull;
  core::HubIndex dest = w.external_hubs.back();
  for (auto h : w.external_hubs) {
    pick -= w.params.hubs[h].pull;
    if (pick < 0) {
      dest = h;
      break;
    }
  }
  w.tally.flow(Flow::talent, wc.home[r], dest);
  wc.status[r] = WorkerStatus::left_county;
  wc.employer[r] = kNoFirm;
  wc.home[r] = dest;
  wc.status_clock[r] = exp_clock(rng);  // for coming back
  w.tally.add(Tally::leavers, dest);
}

void migration(World& w, const core::PhaseContext& ctx) {
  const auto& m = w.params.migration;
  if (w.external_hubs.empty()) return;
  const auto come_back = static_cast<float>(hazard(monthly(std::min(1.0, m.return_rate_per_year * (1 + w.params.lever('N', ctx.month))))));
  std::int64_t open = 0, county_jobs = 0;
  for (auto h : w.county_hubs) open += w.hub_vacancies[h], county_jobs += w.hub_jobs[h];
  auto& wc = w.workers.columns();
  // Column pointers in locals (see workforce): stores to 1-byte columns would force reloads.
  WorkerStatus* const status = wc.status.data();
  core::HubIndex* const home = wc.home.data();
  std::uint16_t* const searching = wc.months_searching.data();
  float* const clock = wc.status_clock.data();
  core::parallel_for_ranges(w.workers.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t r = begin; r < end; ++r) {
      const WorkerStatus s = status[r];
      if (s == WorkerStatus::retired || !w.workers.alive(r)) continue;
      if (s == WorkerStatus::left_county) {
        // Return migration, while the county has open posts: home is drawn by where the jobs are.
        if (open <= 0 || county_jobs <= 0) continue;
        if ((clock[r] -= come_back) > 0) continue;
        core::Rng rng = ctx.rng(w.workers.identity(r));
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
      // Employees leave in separations (a competing risk of quitting); here, seekers who have
      // searched too long.
      if (s != WorkerStatus::seeking) continue;
      searching[r] = static_cast<std::uint16_t>(std::min<int>(searching[r] + 1, 0xFFFF));
      if (searching[r] <= m.patience_months) continue;
      core::Rng rng = ctx.rng(w.workers.identity(r));
      if (rng.bernoulli(m.unmatched_leave_rate_per_month)) leave_county(w, r, rng);
    }
  });
}

}  // namespace hubsim::model
