// Firms relocating between hubs: those that cannot fill posts move towards talent. Serial, in row order: moves are rare and change the
// per-hub numbers the next mover looks at.
#include <cmath>

#include "models/lancashire/phases.hpp"

namespace hubsim::model {

void relocation(World& w, const core::PhaseContext& ctx) {
  const auto& p = w.params;
  const double rate = monthly(p.firms.relocation_rate_per_year);
  auto& fc = w.firms.columns();
  // Talent per open post around a hub: seekers living within reach of it over the posts open
  // within the same reach (those seekers' other options). A central hub reaches more seekers
  // but also competes with more posts, so no hub is a magnet by position alone.
  auto talent = [&](core::HubIndex h) {
    double seekers = 0, posts = 1;
    for (auto other : w.county_hubs)
      if (w.graph.minutes(other, h) <= p.labour.commute_minutes) {
        seekers += static_cast<double>(w.hub_seekers[other]);
        posts += static_cast<double>(w.hub_vacancies[other]);
      }
    return seekers / posts;
  };
  for (std::size_t r = 0; r < w.firms.size(); ++r) {
    if (!w.firms.alive(r) || fc.stage[r] == FirmStage::anchor) continue;
    const auto here = fc.hub[r];
    // Incubated start-ups stay in their incubator.
    if (fc.stage[r] == FirmStage::incubated || fc.unfilled_months[r] < p.firms.relocation_patience_months) continue;
    core::Rng rng = ctx.rng(w.firms.identity(r));
    if (!rng.bernoulli(rate)) continue;
    // The hub within commuting distance with the most seekers per open post.
    core::HubIndex best = here;
    double best_score = talent(here);
    for (auto h : w.county_hubs) {
      if (h == here || w.graph.minutes(here, h) > p.labour.commute_minutes) continue;
      const double score = talent(h);
      if (score > best_score) best = h, best_score = score;
    }
    if (best == here) continue;
    fc.hub[r] = best;
    fc.unfilled_months[r] = 0;
    if (fc.stage[r] == FirmStage::startup) --w.hub_startups[here], ++w.hub_startups[best];
    w.hub_vacancies[here] -= fc.vacancies[r];
    w.hub_vacancies[best] += fc.vacancies[r];
    w.tally.add(Tally::relocations, best);
    w.tally.events.push_back({static_cast<std::int32_t>(ctx.step), EventKind::relocation, best, w.firms.id(r),
                              static_cast<double>(here)});
  }
}

}  // namespace hubsim::model
