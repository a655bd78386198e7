// Demand from outside the digital sector: anchors' procurement and the county's other sectors
// buy digital services from local firms, favouring near suppliers and (for anchors) a sector.
#include <cmath>

#include "models/lancashire/phases.hpp"
#include "sim/core/parallel.hpp"

namespace hubsim::model {
namespace {

/// A buyer of digital services this month.
struct Buyer {
  core::HubIndex hub;
  double spend_m;              ///< GBP m/year rate
  std::uint8_t sector = 0xFF;  ///< preferred sector, 0xFF for none
};

constexpr double kPreferredSectorWeight = 3.0;

double pull(std::int32_t staff) { return staff + 1.0; }

bool buys_from(FirmStage s) { return s != FirmStage::anchor; }

}  // namespace

void distribute_contracts(World& w, bool settle) {
  const auto& e = w.params.economy;
  const std::size_t n = w.graph.size(), sectors = w.params.sectors.size();
  auto& fc = w.firms.columns();
  std::vector<Buyer> buyers;
  for (const auto& a : w.anchors)
    if (a.procurement_m > 0) buyers.push_back({a.hub, a.procurement_m, a.preferred_sector});
  std::int64_t county_jobs = 0;
  for (auto h : w.county_hubs) county_jobs += w.hub_jobs[h];
  for (auto h : w.county_hubs)
    if (county_jobs > 0) buyers.push_back({h, w.other_sector_demand_m * static_cast<double>(w.hub_jobs[h]) / static_cast<double>(county_jobs)});

  // A supplier's pull on a buyer: (staff + 1) x distance decay x sector preference, so work is
  // shared in proportion to capacity (a firm's share of contracts grows as fast as it does, no
  // faster: no runaway). Totals by (hub, sector) make each buyer's normaliser cheap and the
  // per-firm shares exact.
  std::vector<double> size(n * sectors, 0);
  for (std::size_t r = 0; r < w.firms.size(); ++r)
    if (w.firms.alive(r) && buys_from(fc.stage[r])) size[fc.hub[r] * sectors + fc.sector[r]] += pull(fc.employees[r]);
  std::vector<double> decay(buyers.size() * n), norm(buyers.size(), 0);
  for (std::size_t b = 0; b < buyers.size(); ++b)
    for (std::size_t h = 0; h < n; ++h) {
      decay[b * n + h] = std::exp(-w.graph.minutes(buyers[b].hub, static_cast<core::HubIndex>(h)) / e.contract_distance_decay_minutes);
      for (std::size_t s = 0; s < sectors; ++s)
        norm[b] += decay[b * n + h] * size[h * sectors + s] * (s == buyers[b].sector ? kPreferredSectorWeight : 1.0);
    }
  auto weight = [&](std::size_t b, std::size_t h, std::size_t s) {
    return norm[b] > 0 ? decay[b * n + h] * (s == buyers[b].sector ? kPreferredSectorWeight : 1.0) / norm[b] : 0.0;
  };
  // Each buyer's spend and weight by (hub, sector), tabulated once a month: the per-firm loop
  // then multiplies the same doubles in the same order, without a division per buyer.
  std::vector<double> spend_k(buyers.size()), table(n * sectors * buyers.size());
  for (std::size_t b = 0; b < buyers.size(); ++b) spend_k[b] = buyers[b].spend_m * 1000.0;
  for (std::size_t h = 0; h < n; ++h)
    for (std::size_t s = 0; s < sectors; ++s)
      for (std::size_t b = 0; b < buyers.size(); ++b) table[(h * sectors + s) * buyers.size() + b] = weight(b, h, s);

  // Each firm's contract revenue, smoothed over about half a year (contracts are won and wound
  // down over months); firm_dynamics turns it into staff through revenue per job. `settle`
  // (before the first month) takes the revenue whole.
  const double smoothing = settle ? 1.0 : 1.0 / 6.0;
  core::parallel_for(w.firms.size(), [&](std::size_t r) {
    if (!w.firms.alive(r) || !buys_from(fc.stage[r])) return;
    const double* weights = &table[(fc.hub[r] * sectors + fc.sector[r]) * buyers.size()];
    const double firm_pull = pull(fc.employees[r]);
    double revenue_k = 0;
    for (std::size_t b = 0; b < buyers.size(); ++b) revenue_k += spend_k[b] * firm_pull * weights[b];
    fc.contract_k[r] += static_cast<float>((revenue_k - fc.contract_k[r]) * smoothing);
  });
  if (settle) return;
  for (std::size_t b = 0; b < buyers.size(); ++b)
    for (std::size_t h = 0; h < n; ++h) {
      double share = 0;
      for (std::size_t s = 0; s < sectors; ++s) share += size[h * sectors + s] * weight(b, h, s);
      w.tally.flow(Flow::contract_pounds, buyers[b].hub, h, std::llround(buyers[b].spend_m * 1e6 / 12.0 * share));
    }
}

void contracts(World& w, const core::PhaseContext&) { distribute_contracts(w, false); }

}  // namespace hubsim::model
