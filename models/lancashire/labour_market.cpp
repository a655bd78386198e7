// The labour market: separations, search within commuting reach, and matching by hub.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "models/lancashire/destinations.hpp"
#include "models/lancashire/phases.hpp"
#include "sim/core/fenwick.hpp"
#include "sim/core/parallel.hpp"

namespace hubsim::model {

void separations(World& w, const core::PhaseContext& ctx) {
  const auto& p = w.params;
  const auto& l = p.labour;
  const auto& m = p.migration;
  // Employees leave their jobs by quitting (to search again) or when an offer from a metro comes
  // and beats what they earn here: competing risks on one clock, so one draw serves both. An
  // offer turned down starts the clock again. CPD (K) keeps people in the county: outside
  // offers x (1 - K).
  const double keep = std::max(0.0, 1 - p.lever('K', ctx.month));
  const double quit = hazard(monthly(l.quit_rate_per_year));
  const double offers = w.external_hubs.empty() ? 0.0 : hazard(monthly(m.outside_offers_per_year) * keep);
  const auto wear = static_cast<float>(quit + offers);
  const double quit_share = quit + offers > 0 ? quit / (quit + offers) : 1.0;
  const std::size_t n = w.graph.size(), metros = w.external_hubs.size();
  // Offers come from the metros in proportion to their offer chances (equally if all are 0); an
  // offer is the metro's pay for the worker's skill x a lognormal draw with mean 1. The worker
  // takes it if, net of the metro's living cost and the move, it beats their pay here plus home ties.
  std::vector<double> offer_from(metros, 0);
  double weights = 0;
  for (std::size_t i = 0; i < metros; ++i) weights += p.hubs[w.external_hubs[i]].offer_chance;
  double running = 0;
  for (std::size_t i = 0; i < metros; ++i)
    offer_from[i] = running += weights > 0 ? p.hubs[w.external_hubs[i]].offer_chance / weights : 1.0 / static_cast<double>(metros);
  std::vector<double> metro_pay(metros * kSkills, 0), cost(n * metros, 0);
  for (std::size_t i = 0; i < metros; ++i) {
    const auto x = w.external_hubs[i];
    for (std::size_t s = 0; s < kSkills; ++s) metro_pay[i * kSkills + s] = metro_earnings_k(w, x, static_cast<Skill>(s), ctx.month);
    for (const auto h : w.county_hubs) cost[h * metros + i] = p.hubs[x].living_cost_k + moving_cost_k(w, h, x) + m.home_tie_k;
  }
  const double sd = m.offer_dispersion;
  auto& wc = w.workers.columns();
  const auto& fc = w.firms.columns();
  // Column pointers in locals (see workforce): stores to 1-byte columns would force reloads.
  WorkerStatus* const status = wc.status.data();
  std::uint32_t* const employer = wc.employer.data();
  std::uint16_t* const searching = wc.months_searching.data();
  std::uint16_t* const employed_months = wc.months_employed.data();
  const core::HubIndex* const home = wc.home.data();
  const Skill* const skill = wc.skill.data();
  const float* const layoff_share = fc.layoff_share.data();
  float* const clock = wc.status_clock.data();
  core::parallel_for_ranges(w.workers.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t r = begin; r < end; ++r) {
      if (status[r] != WorkerStatus::employed || !w.workers.alive(r)) continue;
      const std::uint32_t f = employer[r];
      clock[r] -= wear;
      // Random numbers only for those something may happen to: a shrinking firm's staff, and
      // those whose clock ran out.
      bool lost = !w.firms.alive(f);
      if (!lost && (layoff_share[f] > 0 || clock[r] <= 0)) {
        core::Rng rng = ctx.rng(w.workers.identity(r));
        lost = layoff_share[f] > 0 && rng.bernoulli(layoff_share[f]);
        if (!lost && clock[r] <= 0) {
          if (!rng.bernoulli(quit_share)) {
            const std::size_t i = pick(offer_from.data(), metros, rng.uniform());
            const auto s = static_cast<std::size_t>(skill[r]);
            const double offer = metro_pay[i * kSkills + s] * std::exp(sd * rng.normal() - 0.5 * sd * sd);
            const double here = firm_earnings_k(w, f, skill[r]);
            if (home[r] < n && offer - cost[home[r] * metros + i] > here) {
              leave_county(w, r, w.external_hubs[i], rng);
              continue;
            }
            clock[r] = exp_clock(rng);  // turned down: wait for the next offer
            continue;
          }
          lost = true;
        }
      }
      if (lost) {
        status[r] = WorkerStatus::seeking;
        employer[r] = kNoFirm;
        searching[r] = 0;
        employed_months[r] = 0;
      }
    }
  });
}

void job_search(World& w, const core::PhaseContext& ctx) {
  const std::size_t n = w.graph.size();
  auto& wc = w.workers.columns();
  // Weight of each hub: its open posts, discounted by travel time; zero beyond reach. It depends
  // only on where the seeker lives, so each home's weights and total are computed once a month
  // (the same products, summed in the same order, as per seeker).
  std::vector<double> weight(n * n), total(n, 0);
  for (std::size_t home = 0; home < n; ++home)
    for (std::size_t h = 0; h < n; ++h) {
      weight[home * n + h] = w.search_weight[home * n + h] * static_cast<double>(w.hub_vacancies[h]);
      total[home] += weight[home * n + h];
    }
  // Column pointers in locals (see workforce): stores to 1-byte columns would force reloads.
  core::HubIndex* const applied = wc.applied.data();
  std::uint32_t* const priority = wc.priority.data();
  const WorkerStatus* const status = wc.status.data();
  const core::HubIndex* const homes = wc.home.data();
  core::parallel_for_ranges(w.workers.size(), [&](std::size_t begin, std::size_t end) {
    for (std::size_t r = begin; r < end; ++r) {
      applied[r] = kNoHub;
      if (status[r] != WorkerStatus::seeking || !w.workers.alive(r)) continue;
      const std::size_t home = homes[r];
      if (total[home] <= 0) continue;
      core::Rng rng = ctx.rng(w.workers.identity(r));
      double pick = rng.uniform() * total[home];
      std::size_t chosen = n;
      for (std::size_t h = 0; h < n && pick >= 0; ++h) {
        const double wh = weight[home * n + h];
        if (wh <= 0) continue;
        chosen = h;  // the last candidate also absorbs rounding at the top end
        pick -= wh;
      }
      applied[r] = static_cast<core::HubIndex>(chosen);
      priority[r] = static_cast<std::uint32_t>(rng.next_u64());
    }
  });
}

void matching(World& w, const core::PhaseContext& ctx) {
  const std::size_t n = w.graph.size();
  const auto& sk = w.params.skills;
  const double accept_by_skill[3] = {sk.entry_accept, sk.graduate_accept, 1.0};
  const std::int64_t applications = std::max<std::int64_t>(1, w.params.labour.applications_per_month);
  auto& wc = w.workers.columns();
  auto& fc = w.firms.columns();
  // Applicants by hub as 64-bit keys (priority << 32 | row): sorting the keys gives the queue
  // order (priority, then row) without the comparator's indirect loads. Vacancy-holding firms by
  // hub, in row (= id) order.
  std::vector<std::vector<std::uint64_t>> applicants(n);
  std::vector<std::vector<std::uint32_t>> openings(n);
  const core::HubIndex* const applied = wc.applied.data();
  const std::uint32_t* const priority = wc.priority.data();
  // Applicants are gathered in parallel, per thread: the keys are unique and sorted below, so
  // how the workers were split between threads leaves no trace.
  core::PerThread<std::vector<std::vector<std::uint64_t>>> gathered([n] { return std::vector<std::vector<std::uint64_t>>(n); });
  core::parallel_for_ranges(w.workers.size(), [&](std::size_t begin, std::size_t end) {
    auto& mine = gathered.local();
    for (std::size_t r = begin; r < end; ++r)
      if (applied[r] != kNoHub) mine[applied[r]].push_back(std::uint64_t{priority[r]} << 32 | r);
  });
  for (auto& part : gathered)
    for (std::size_t h = 0; h < n; ++h) applicants[h].insert(applicants[h].end(), part[h].begin(), part[h].end());
  for (std::size_t f = 0; f < w.firms.size(); ++f)
    if (w.firms.alive(f) && fc.vacancies[f] > 0) openings[fc.hub[f]].push_back(static_cast<std::uint32_t>(f));
  // Hubs are matched in parallel: each writes only its own applicants and firms.
  core::parallel_for(n, [&](std::size_t h) {
    auto& queue = applicants[h];
    auto& firms = openings[h];
    std::sort(queue.begin(), queue.end());
    std::int64_t open = 0;
    std::vector<std::int32_t> posts(firms.size());
    for (std::size_t i = 0; i < firms.size(); ++i) open += posts[i] = fc.vacancies[firms[i]];
    core::Fenwick by_posts(posts);
    std::int64_t hires = 0;
    for (const std::uint64_t key : queue) {
      if (open == 0) break;
      const auto r = static_cast<std::uint32_t>(key);
      // The applicant applies to `applications` firms, each chosen in proportion to its open
      // posts; each takes them if their skills are enough (this is where skill shortages bite),
      // and they take the best-paid of the offers. The draws are the applicant's own, not the
      // hub's in queue order: one applicant more or less ahead in the queue then changes
      // nobody's choices but through the posts they took.
      core::Rng rng = ctx.rng(w.workers.identity(r));
      const auto skill = static_cast<std::size_t>(wc.skill[r]);
      std::size_t best = firms.size();
      float best_productivity = 0;
      for (std::int64_t a = 0; a < applications; ++a) {
        const auto pick = std::min<std::int64_t>(open - 1, static_cast<std::int64_t>(rng.uniform() * static_cast<double>(open)));
        const std::size_t i = by_posts.find(pick);
        const std::uint32_t f = firms[i];
        const bool at_anchor = fc.stage[f] == FirmStage::anchor;
        const bool offered = at_anchor ? static_cast<std::int64_t>(skill) >= w.params.anchors[fc.anchor[f]].min_skill &&
                                             rng.bernoulli(w.params.anchors[fc.anchor[f]].local_accept)
                                       : rng.bernoulli(accept_by_skill[skill]);
        // Pay is labour_share x productivity x the worker's skill pay: the best offer is the
        // most productive firm's.
        if (offered && (best == firms.size() || fc.productivity_k[f] > best_productivity))
          best = i, best_productivity = fc.productivity_k[f];
      }
      if (best == firms.size()) continue;
      const std::size_t i = best;
      const std::uint32_t f = firms[i];
      const bool anchor = fc.stage[f] == FirmStage::anchor;
      if (anchor) w.tally.add(Tally::anchor_local_hires, h);
      fc.vacancies[f] -= 1;
      by_posts.add(i, -1);
      fc.employees[f] += 1;
      --open;
      wc.status[r] = WorkerStatus::employed;
      wc.employer[r] = f;
      wc.months_searching[r] = 0;
      wc.months_employed[r] = 0;
      wc.status_clock[r] = exp_clock(rng);
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
  for (std::size_t a = 0; a < w.anchors.size(); ++a) {
    const std::uint32_t f = w.anchors[a].firm_row;
    if (f == kNoFirm || fc.vacancies[f] <= 0) continue;
    if (fc.unfilled_months[f] < p.anchors[a].recruit_outside_after_months) continue;
    // Posts open too long are filled by experienced people moving in, mostly via the metros.
    const auto hub = w.anchors[a].hub;
    const auto n = static_cast<std::size_t>(fc.vacancies[f]);
    const std::size_t first = w.workers.add_many(n, identity(Who::in_migrant, static_cast<std::uint32_t>(a), ctx.step));
    for (std::size_t r = first; r < first + n; ++r) {
      core::Rng rng = ctx.rng(w.workers.identity(r));
      wc.home[r] = hub;
      wc.applied[r] = kNoHub;
      wc.status[r] = WorkerStatus::employed;
      wc.employer[r] = f;
      wc.skill[r] = Skill::experienced;
      wc.origin[r] = Origin::in_migrant;
      wc.underrepresented[r] = rng.bernoulli(p.skills.underrepresented_share);
      wc.age_months[r] = static_cast<std::uint16_t>((25 + 15 * rng.uniform()) * 12);
      wc.retire_clock[r] = exp_clock(rng);
      wc.status_clock[r] = exp_clock(rng);
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
