// Migration between the county and the external metros (Greater Manchester, London): leaving
// after a failed search, and coming back as county pay and open posts allow. Graduates choose at
// graduation (talent.cpp); employees take better-paid offers outside (separations).
#include <algorithm>
#include <array>
#include <cmath>

#include "models/lancashire/destinations.hpp"
#include "models/lancashire/phases.hpp"
#include "sim/core/parallel.hpp"

namespace hubsim::model {

void leave_county(World& w, std::size_t r, core::HubIndex dest, core::Rng& rng) {
  auto& wc = w.workers.columns();
  if (dest >= w.graph.size() || !w.is_external(dest)) return;
  w.tally.flow(Flow::talent, wc.home[r], dest);
  wc.status[r] = WorkerStatus::left_county;
  wc.employer[r] = kNoFirm;
  wc.home[r] = dest;
  wc.months_searching[r] = 0;
  wc.status_clock[r] = exp_clock(rng);  // for coming back
  w.tally.add(Tally::leavers, dest);
}

void migration(World& w, const core::PhaseContext& ctx) {
  const auto& p = w.params;
  const auto& m = p.migration;
  if (w.external_hubs.empty()) {
    record_destinations(w, ctx);
    return;
  }
  const std::size_t n = w.graph.size(), metros = w.external_hubs.size();
  const Outlook o = labour_outlook(w, ctx.month);
  // Coming back: leavers in metro x with skill s return at
  //   return_rate x county offer chance x 2 L((county pay + home tie - (metro pay - living cost)) / scale),
  // L the logistic: zero while the county has no open posts, the base rate when posts are sure
  // and a county job is worth as much as staying, up to twice that when it is worth much more.
  // One table a month by (metro, skill): no exp per worker.
  const double scale = std::max(m.choice_scale_k, 1e-9);
  std::vector<float> come_back(n * kSkills, 0.0f);
  for (const auto x : w.external_hubs)
    for (std::size_t s = 0; s < kSkills; ++s) {
      const double gap = (o.county_pay_k[s] + m.home_tie_k - (o.pay(x, static_cast<Skill>(s)) - p.hubs[x].living_cost_k)) / scale;
      const double rate = m.return_rate_per_year * o.county_offer_chance * 2 / (1 + std::exp(-gap));
      come_back[x * kSkills + s] = static_cast<float>(hazard(monthly(std::min(1.0, rate))));
    }
  // Where an impatient seeker goes: cumulative logit shares over the metros by (home, skill).
  std::vector<double> leave_to(n * kSkills * metros, 0), one;
  for (const auto h : w.county_hubs)
    for (std::size_t s = 0; s < kSkills; ++s) {
      metro_choice(w, o, h, static_cast<Skill>(s), one);
      std::copy(one.begin(), one.end(), leave_to.begin() + static_cast<std::ptrdiff_t>((h * kSkills + s) * metros));
    }
  std::int64_t county_jobs = 0;
  for (auto h : w.county_hubs) county_jobs += w.hub_jobs[h];
  auto& wc = w.workers.columns();
  // Column pointers in locals (see workforce): stores to 1-byte columns would force reloads.
  WorkerStatus* const status = wc.status.data();
  core::HubIndex* const home = wc.home.data();
  const Skill* const skill = wc.skill.data();
  std::uint16_t* const searching = wc.months_searching.data();
  float* const clock = wc.status_clock.data();
  // Employees are left alone here: their earnings are counted in bookkeeping's pass.
  core::parallel_for_ranges(w.workers.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t r = begin; r < end; ++r) {
      const WorkerStatus s = status[r];
      if (s == WorkerStatus::retired || !w.workers.alive(r)) continue;
      if (s == WorkerStatus::employed) continue;
      if (s == WorkerStatus::left_county) {
        const float rate = home[r] < n ? come_back[home[r] * kSkills + static_cast<std::size_t>(skill[r])] : 0.0f;
        if (rate <= 0 || county_jobs <= 0) continue;
        if ((clock[r] -= rate) > 0) continue;
        // Home is drawn by where the jobs are.
        core::Rng rng = ctx.rng(w.workers.identity(r));
        auto pick_job = static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(county_jobs)));
        core::HubIndex to = w.county_hubs.back();
        for (auto h : w.county_hubs)
          if ((pick_job -= w.hub_jobs[h]) < 0) { to = h; break; }
        w.tally.flow(Flow::talent, home[r], to);
        home[r] = to;
        status[r] = WorkerStatus::seeking;
        searching[r] = 0;
        w.tally.add(Tally::returners, to);
        continue;
      }
      // A small exit at the end of a failed search (employees leave by choice in separations).
      if (s != WorkerStatus::seeking) continue;
      searching[r] = static_cast<std::uint16_t>(std::min<int>(searching[r] + 1, 0xFFFF));
      if (searching[r] <= m.patience_months) continue;
      core::Rng rng = ctx.rng(w.workers.identity(r));
      if (!rng.bernoulli(m.unmatched_leave_rate_per_month)) continue;
      const std::size_t cell = (static_cast<std::size_t>(home[r]) * kSkills + static_cast<std::size_t>(skill[r])) * metros;
      leave_county(w, r, w.external_hubs[pick(leave_to.data() + cell, metros, rng.uniform())], rng);
    }
  });
  record_destinations(w, ctx);
}

}  // namespace hubsim::model
