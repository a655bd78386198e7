// The labour market: separations, search within commuting reach, and matching by hub.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "models/lancashire/phases.hpp"
#include "sim/core/parallel.hpp"

namespace hubsim::model {

void separations(World& w, const core::PhaseContext& ctx) {
  const auto& l = w.params.labour;
  // CPD (K) keeps people in their jobs.
  const double quit = monthly(l.quit_rate_per_year) * std::max(0.0, 1 - w.params.lever('K', ctx.month) / 2);
  auto& wc = w.workers.columns();
  const auto& fc = w.firms.columns();
  core::parallel_for(w.workers.size(), [&](std::size_t r) {
    if (!w.workers.alive(r) || wc.status[r] != WorkerStatus::employed) return;
    core::Rng rng = ctx.rng(core::EntityKind::worker, w.workers.id(r));
    const std::uint32_t f = wc.employer[r];
    const bool lost = !w.firms.alive(f) || rng.bernoulli(fc.layoff_share[f]) || rng.bernoulli(quit);
    if (lost) {
      wc.status[r] = WorkerStatus::seeking;
      wc.employer[r] = kNoFirm;
      wc.months_searching[r] = 0;
      wc.months_employed[r] = 0;
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
  const auto& sk = w.params.skills;
  const double accept_by_skill[3] = {sk.entry_accept, sk.graduate_accept, 1.0};
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
      // The applicant applies to a firm chosen in proportion to its open posts, which takes
      // them if their skills are enough: this is where skill shortages bite.
      auto pick = static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(open)));
      std::size_t i = 0;
      while (pick >= fc.vacancies[firms[i]]) pick -= fc.vacancies[firms[i++]];
      const std::uint32_t f = firms[i];
      const auto skill = static_cast<std::size_t>(wc.skill[r]);
      const bool anchor = fc.stage[f] == FirmStage::anchor;
      if (anchor && (static_cast<std::int64_t>(skill) < w.params.anchors[fc.anchor[f]].min_skill ||
                     !rng.bernoulli(w.params.anchors[fc.anchor[f]].local_accept)))
        continue;
      if (!anchor && !rng.bernoulli(accept_by_skill[skill])) continue;
      if (anchor) w.tally.add(Tally::anchor_local_hires, h);
      fc.vacancies[f] -= 1;
      fc.employees[f] += 1;
      --open;
      wc.status[r] = WorkerStatus::employed;
      wc.employer[r] = f;
      wc.months_searching[r] = 0;
      wc.months_employed[r] = 0;
      w.tally.flow(Flow::talent, wc.home[r], h);
      ++hires;
    }
    w.tally.add(Tally::hires, h, hires);
  }, 1);
}

void anchor_recruitment(World& w, const core::PhaseContext& ctx) {
  const auto& p = w.params;
  auto& fc = w.firms.columns();
  auto& wc = w.workers.columns();
  // Marketing (N) makes outside recruitment quicker.
  const double faster = 1 + p.lever('N', ctx.month);
  for (std::size_t a = 0; a < w.anchors.size(); ++a) {
    const std::uint32_t f = w.anchors[a].firm_row;
    if (f == kNoFirm || fc.vacancies[f] <= 0) continue;
    if (fc.unfilled_months[f] < static_cast<double>(p.anchors[a].recruit_outside_after_months) / faster) continue;
    // Posts open too long are filled by experienced people moving in, mostly via the metros.
    core::Rng rng = ctx.rng(core::EntityKind::global, a);
    const auto hub = w.anchors[a].hub;
    const auto n = static_cast<std::size_t>(fc.vacancies[f]);
    const std::size_t first = w.workers.add_many(n);
    for (std::size_t r = first; r < first + n; ++r) {
      wc.home[r] = hub;
      wc.applied[r] = kNoHub;
      wc.status[r] = WorkerStatus::employed;
      wc.employer[r] = f;
      wc.skill[r] = Skill::experienced;
      wc.origin[r] = Origin::in_migrant;
      wc.underrepresented[r] = rng.bernoulli(p.skills.underrepresented_share);
      wc.age_months[r] = static_cast<std::uint16_t>((25 + 15 * rng.uniform()) * 12);
      wc.entered_step[r] = static_cast<std::uint16_t>(ctx.step);
      const auto from = w.external_hubs.empty() ? hub : w.external_hubs[rng.below(w.external_hubs.size())];
      w.tally.flow(Flow::talent, from, hub);
    }
    fc.employees[f] += static_cast<std::int32_t>(n);
    fc.vacancies[f] = 0;
    w.tally.add(Tally::in_migrants, hub, static_cast<std::int64_t>(n));
  }
}

}  // namespace hubsim::model
