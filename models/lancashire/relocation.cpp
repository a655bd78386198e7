// Firms relocating between hubs: those that cannot fill posts move towards talent, start-ups in
// a full incubator move towards space. Serial, in row order: moves are rare and change the
// per-hub numbers the next mover looks at.
#include <cmath>

#include "models/lancashire/phases.hpp"

namespace hubsim::model {

void relocation(World& w, const core::PhaseContext& ctx) {
  const auto& p = w.params;
  const double rate = monthly(p.firms.relocation_rate_per_year);
  auto& fc = w.firms.columns();
  std::vector<double> space(w.graph.size(), 0);
  for (auto h : w.county_hubs) space[h] = incubation_space(w, h, ctx.month);
  // Talent per open post: seekers living within reach of the hub.
  auto talent = [&](core::HubIndex h) {
    double seekers = 0;
    for (auto home : w.county_hubs)
      if (w.graph.minutes(home, h) <= p.labour.commute_minutes) seekers += static_cast<double>(w.hub_seekers[home]);
    return seekers / (static_cast<double>(w.hub_vacancies[h]) + 1);
  };
  for (std::size_t r = 0; r < w.firms.size(); ++r) {
    if (!w.firms.alive(r) || fc.stage[r] == FirmStage::anchor) continue;
    const auto here = fc.hub[r];
    const bool short_of_talent = fc.unfilled_months[r] >= p.firms.relocation_patience_months;
    const bool short_of_space = (fc.stage[r] == FirmStage::startup || fc.stage[r] == FirmStage::prestart) &&
                                static_cast<double>(w.hub_startups[here]) > space[here];
    if (!short_of_talent && !short_of_space) continue;
    core::Rng rng = ctx.rng(w.firms.identity(r));
    if (!rng.bernoulli(rate)) continue;
    // The best hub within commuting distance, by what the firm lacks.
    core::HubIndex best = here;
    double best_score = short_of_talent ? talent(here) : space[here] - static_cast<double>(w.hub_startups[here]);
    for (auto h : w.county_hubs) {
      if (h == here || w.graph.minutes(here, h) > p.labour.commute_minutes) continue;
      const double score = short_of_talent ? talent(h) : space[h] - static_cast<double>(w.hub_startups[h]);
      if (score > best_score) best = h, best_score = score;
    }
    if (best == here) continue;
    fc.hub[r] = best;
    fc.unfilled_months[r] = 0;
    if (fc.stage[r] == FirmStage::startup || fc.stage[r] == FirmStage::prestart) --w.hub_startups[here], ++w.hub_startups[best];
    w.hub_vacancies[here] -= fc.vacancies[r];
    w.hub_vacancies[best] += fc.vacancies[r];
    w.tally.add(Tally::relocations, best);
    w.tally.events.push_back({static_cast<std::int32_t>(ctx.step), EventKind::relocation, best, w.firms.id(r),
                              static_cast<double>(here)});
  }
}

}  // namespace hubsim::model
