#include "models/lancashire/world.hpp"

#include <cmath>

#include "sim/core/rng.hpp"

namespace hubsim::model {

void MonthTally::clear() {
  for (auto* v : {&graduates, &reskilled, &hires, &births, &closures, &leavers, &retirements, &deals,
                  &invested_pounds, &talent_flow, &capital_flow_pounds})
    for (auto& x : *v) x.store(0, std::memory_order_relaxed);
  events.clear();
}

World::World(const Params& p, const io::RunSettings& r)
    : params(p), run(r), graph(build_graph(p)), hub_vacancies(graph.size()), hub_jobs(graph.size()),
      hub_startups(graph.size()), tally(graph.size()), metrics(graph.size(), static_cast<std::size_t>(r.steps())),
      records(graph.size(), static_cast<std::size_t>(r.steps()), p.sectors.size()) {
  const std::size_t n = graph.size();
  for (std::size_t h = 0; h < n; ++h)
    (graph.is_external(static_cast<core::HubIndex>(h)) ? external_hubs : county_hubs).push_back(static_cast<core::HubIndex>(h));
  search_weight.assign(n * n, 0);
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = 0; b < n; ++b) {
      const double t = graph.minutes(static_cast<core::HubIndex>(a), static_cast<core::HubIndex>(b));
      // Jobs in external metros are not part of the county's market: leaving is migration's job.
      if (t <= p.labour.commute_minutes && !graph.is_external(static_cast<core::HubIndex>(b)))
        search_weight[a * n + b] = std::exp(-t / p.labour.distance_decay_minutes);
    }
}

namespace {

/// Initial draws use a step number no simulated month can have.
constexpr std::uint32_t kInitStep = 0xFFFFFFFFu;

/// Firm sizes are discrete Pareto: floor(U^(-1/alpha)), capped.
std::int32_t draw_firm_size(core::Rng& rng, const PopulationParams& pop) {
  const double u = 1.0 - rng.uniform();  // (0, 1]
  const double size = std::floor(std::pow(u, -1.0 / pop.firm_size_alpha));
  return static_cast<std::int32_t>(std::min(size, pop.max_firm_size));
}

}  // namespace

std::uint8_t draw_sector(core::Rng& rng, const std::vector<SectorParams>& sectors) {
  double pick = rng.uniform();
  for (std::size_t s = 0; s < sectors.size(); ++s) {
    pick -= sectors[s].share;
    if (pick < 0) return static_cast<std::uint8_t>(s);
  }
  return static_cast<std::uint8_t>(sectors.size() - 1);  // rounding: shares sum to 1 within 1e-6
}

void populate(World& w, std::uint64_t seed) {
  const auto& p = w.params;
  auto& fc = w.firms.columns();
  auto& wc = w.workers.columns();
  for (core::HubIndex h : w.county_hubs) {
    core::Rng rng(seed, kInitStep, 0, core::entity_key(core::EntityKind::hub, h));
    const auto jobs = static_cast<std::int64_t>(std::llround(static_cast<double>(p.hubs[h].digital_jobs) * p.population.scale));
    std::int64_t placed = 0;
    while (placed < jobs) {
      const std::int32_t size = static_cast<std::int32_t>(std::min<std::int64_t>(draw_firm_size(rng, p.population), jobs - placed));
      const std::size_t f = w.firms.add();
      const auto age = static_cast<std::uint16_t>(rng.below(static_cast<std::uint64_t>(p.population.max_initial_age_months) + 1));
      fc.hub[f] = h;
      fc.age_months[f] = age;
      fc.stage[f] = age < p.firms.startup_months ? FirmStage::startup : FirmStage::established;
      fc.demand[f] = static_cast<float>(size);
      fc.employees[f] = size;
      fc.sector[f] = draw_sector(rng, p.sectors);
      const std::size_t first = w.workers.add_many(static_cast<std::size_t>(size));
      for (std::size_t r = first; r < first + static_cast<std::size_t>(size); ++r) {
        wc.home[r] = h;
        wc.applied[r] = kNoHub;
        wc.status[r] = WorkerStatus::employed;
        wc.employer[r] = static_cast<std::uint32_t>(f);
      }
      placed += size;
    }
    const auto seekers = static_cast<std::size_t>(std::llround(static_cast<double>(jobs) * p.population.seeker_share));
    const std::size_t first = w.workers.add_many(seekers);
    for (std::size_t r = first; r < first + seekers; ++r) {
      wc.home[r] = h;
      wc.applied[r] = kNoHub;
      wc.status[r] = WorkerStatus::seeking;
      wc.employer[r] = kNoFirm;
    }
  }
  // Investors: angels at county hubs, VC funds at the metros; their number is not scaled with
  // the population, since deal counts are calibrated in real deals.
  auto& ic = w.investors.columns();
  for (std::size_t h = 0; h < w.graph.size(); ++h) {
    const auto n = static_cast<std::size_t>(p.hubs[h].investors);
    const bool vc = w.graph.is_external(static_cast<core::HubIndex>(h));
    const std::size_t first = w.investors.add_many(n);
    for (std::size_t r = first; r < first + n; ++r) {
      ic.home[r] = static_cast<core::HubIndex>(h);
      ic.kind[r] = vc ? InvestorKind::venture_capital : InvestorKind::angel;
      ic.capital_k[r] = vc ? p.investment.vc_capital_k : p.investment.angel_capital_k;
      ic.target[r] = kNoHub;
    }
  }
}

}  // namespace hubsim::model
