// Talent pipeline: who enters the digital labour market each month.
#include <cmath>

#include "models/lancashire/phases.hpp"

namespace hubsim::model {

void talent_entry(World& w, const core::PhaseContext& ctx) {
  const auto& p = w.params;
  auto& wc = w.workers.columns();
  std::int64_t county_jobs = 0;
  for (auto h : w.county_hubs) county_jobs += w.hub_jobs[h];
  // Hub-level draws: a handful of hubs, done in hub order so births get ids deterministically.
  for (core::HubIndex h : w.county_hubs) {
    core::Rng rng = ctx.rng(core::EntityKind::hub, h);
    std::int64_t graduates = 0;
    if (ctx.month.month() == p.talent.graduation_month)
      graduates = rng.poisson(static_cast<double>(p.hubs[h].graduates_per_year) * p.population.scale);
    // Re-skilled adults live where the jobs are: spread by the hub's share of county jobs.
    const double share = county_jobs > 0 ? static_cast<double>(w.hub_jobs[h]) / static_cast<double>(county_jobs)
                                         : 1.0 / static_cast<double>(w.county_hubs.size());
    const std::int64_t reskilled = rng.poisson(p.talent.reskilled_per_year * p.population.scale * share / 12.0);
    const auto n = static_cast<std::size_t>(graduates + reskilled);
    const std::size_t first = w.workers.add_many(n);
    for (std::size_t r = first; r < first + n; ++r) {
      wc.home[r] = h;
      wc.applied[r] = kNoHub;
      wc.status[r] = WorkerStatus::seeking;
      wc.employer[r] = kNoFirm;
    }
    w.tally.graduates[h] += graduates;
    w.tally.reskilled[h] += reskilled;
  }
}

}  // namespace hubsim::model
