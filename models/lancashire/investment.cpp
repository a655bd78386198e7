// Equity investment: investors look for deals with a home bias; each hub hands its offers to
// unfunded start-ups in a fixed random order.
#include <algorithm>
#include <cmath>

#include "models/lancashire/phases.hpp"
#include "sim/core/parallel.hpp"

namespace hubsim::model {

void deal_search(World& w, const core::PhaseContext& ctx) {
  join_angel_networks(w, ctx.month);
  const auto& p = w.params.investment;
  auto& ic = w.investors.columns();
  const bool networks_on = w.params.lever('F', ctx.month) > 0;
  // The Cyber Corridor's profile (M) draws VCs' attention away from their home market.
  const double home_market_x = std::max(0.0, 1 - w.params.lever('M', ctx.month));
  core::parallel_for(w.investors.size(), [&](std::size_t r) {
    ic.target[r] = kNoHub;
    const bool vc = ic.kind[r] == InvestorKind::venture_capital;
    if (ic.kind[r] == InvestorKind::angel_network && !networks_on) return;
    const bool network = ic.kind[r] == InvestorKind::angel_network;
    const double ticket = vc ? p.vc_ticket_k : network ? p.network_round_k : p.angel_ticket_k;
    if (ic.capital_k[r] < ticket) return;
    core::Rng rng = ctx.rng(w.investors.identity(r));
    // An angel network co-invests one round a year.
    if (!rng.bernoulli((vc ? p.vc_deals_per_year : network ? 1.0 : p.angel_deals_per_year) / 12.0)) return;
    // Interest in a hub: its start-ups, discounted by travel time from the investor's base. A VC
    // weighs the county against its own metro's market; choosing home means no Lancashire deal.
    const core::HubIndex home = ic.home[r];
    const double home_market = vc ? p.vc_home_market * home_market_x : 0.0;
    double total = home_market;
    for (auto h : w.county_hubs)
      total += std::exp(-w.graph.minutes(home, h) / p.distance_decay_minutes) * static_cast<double>(w.hub_startups[h]);
    if (total <= 0) return;
    double pick = rng.uniform() * total - home_market;
    if (pick < 0) return;
    for (auto h : w.county_hubs) {
      const double weight = std::exp(-w.graph.minutes(home, h) / p.distance_decay_minutes) *
                            static_cast<double>(w.hub_startups[h]);
      if (weight <= 0) continue;
      ic.target[r] = h;  // the last candidate also absorbs rounding at the top end
      pick -= weight;
      if (pick < 0) break;
    }
    ic.priority[r] = static_cast<std::uint32_t>(rng.next_u64());
  });
}

void deal_making(World& w, const core::PhaseContext& ctx) {
  const auto& p = w.params.investment;
  const std::size_t n = w.graph.size();
  auto& ic = w.investors.columns();
  auto& fc = w.firms.columns();
  // Offers and candidate start-ups by hub, in id order (one serial pass over each store).
  std::vector<std::vector<std::uint32_t>> offers(n), candidates(n);
  for (std::size_t r = 0; r < w.investors.size(); ++r)
    if (ic.target[r] != kNoHub) offers[ic.target[r]].push_back(static_cast<std::uint32_t>(r));
  for (std::size_t f = 0; f < w.firms.size(); ++f)
    if (w.firms.alive(f) && (fc.stage[f] == FirmStage::incubated || fc.stage[f] == FirmStage::startup || fc.stage[f] == FirmStage::scaleup) &&
        fc.runway[f] == 0)
      candidates[fc.hub[f]].push_back(static_cast<std::uint32_t>(f));
  std::vector<std::vector<Event>> deals(n);
  core::parallel_for(n, [&](std::size_t h) {
    auto& queue = offers[h];
    auto& pool = candidates[h];
    std::sort(queue.begin(), queue.end(), [&](std::uint32_t a, std::uint32_t b) {
      return ic.priority[a] != ic.priority[b] ? ic.priority[a] < ic.priority[b] : a < b;
    });
    core::Rng rng = ctx.rng(hub_identity(h));
    for (std::uint32_t r : queue) {
      if (pool.empty()) break;
      // Each offer funds one start-up not yet funded, drawn uniformly.
      const std::size_t i = rng.below(pool.size());
      const std::uint32_t f = pool[i];
      pool[i] = pool.back();
      pool.pop_back();
      const double ticket = ic.kind[r] == InvestorKind::venture_capital ? p.vc_ticket_k
                            : ic.kind[r] == InvestorKind::angel_network ? p.network_round_k
                                                                         : p.angel_ticket_k;
      ic.capital_k[r] -= ticket;
      ic.deals[r] += 1;
      fc.runway[f] = static_cast<std::uint16_t>(std::min<std::int64_t>(p.runway_months, 0xFFFF));
      fc.funding_k[f] += static_cast<float>(ticket);
      const auto pounds = std::llround(ticket * 1000.0);
      w.tally.flow(Flow::capital_pounds, ic.home[r], h, pounds);
      w.tally.add(Tally::invested_pounds, h, pounds);
      w.tally.add(Tally::deals, h);
      deals[h].push_back({static_cast<std::int32_t>(ctx.step), EventKind::deal, static_cast<core::HubIndex>(h),
                          w.firms.id(f), ticket});
    }
  }, 1);
  for (auto& d : deals) w.tally.events.insert(w.tally.events.end(), d.begin(), d.end());
}

}  // namespace hubsim::model
