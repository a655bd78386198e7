// Firm life cycle: ageing, closure, demand for staff, vacancies, and births.
#include <cmath>

#include "models/lancashire/phases.hpp"
#include "sim/core/parallel.hpp"

namespace hubsim::model {
namespace {

/// Monthly probability equivalent to an annual one.
double monthly(double per_year) { return 1.0 - std::pow(1.0 - per_year, 1.0 / 12.0); }

}  // namespace

void firm_dynamics(World& w, const core::PhaseContext& ctx) {
  const auto& f = w.params.firms;
  const auto& inv = w.params.investment;
  auto& fc = w.firms.columns();
  const double close_startup = monthly(f.startup_closure_per_year);
  const double close_established = monthly(f.established_closure_per_year);
  const double g_startup = std::log1p(f.startup_growth_per_year) / 12.0;
  const double g_established = std::log1p(f.demand_growth_per_year) / 12.0;
  const double g_funded = std::log1p(inv.funded_growth_per_year) / 12.0;
  core::parallel_for(w.firms.size(), [&](std::size_t r) {
    if (!w.firms.alive(r)) return;
    core::Rng rng = ctx.rng(core::EntityKind::firm, w.firms.id(r));
    const bool startup = fc.stage[r] == FirmStage::startup;
    // Equity buys runway: a funded firm is less likely to close and grows faster.
    const bool funded = fc.runway[r] > 0;
    const double hazard = (startup ? close_startup : close_established) * (funded ? inv.funded_closure_factor : 1.0);
    if (rng.bernoulli(hazard)) {
      w.firms.remove(r);
      w.tally.closures[fc.hub[r]] += 1;
      fc.vacancies[r] = 0;
      return;
    }
    fc.age_months[r] = static_cast<std::uint16_t>(std::min<int>(fc.age_months[r] + 1, 0xFFFF));
    if (startup && fc.age_months[r] >= f.startup_months) fc.stage[r] = FirmStage::established;
    // Demand follows a random walk with drift; it cannot run far ahead of the staff the firm
    // has managed to hire, which is how unfilled vacancies hold growth back.
    if (funded) fc.runway[r] -= 1;
    const double drift = (startup ? g_startup : g_established) + (funded ? g_funded : 0.0);
    double demand = fc.demand[r] * std::exp(drift + f.demand_volatility * rng.normal());
    const double ceiling = fc.employees[r] * (1.0 + f.vacancy_cap) + f.startup_size;
    demand = std::min(demand, ceiling);
    fc.demand[r] = static_cast<float>(demand);
    const auto wanted = static_cast<std::int32_t>(std::lround(demand));
    fc.vacancies[r] = std::max(0, wanted - fc.employees[r]);
    fc.layoff_share[r] = fc.employees[r] > wanted && fc.employees[r] > 0
                             ? static_cast<float>(fc.employees[r] - wanted) / static_cast<float>(fc.employees[r])
                             : 0.0f;
  });
  // Per-hub snapshots for the search, matching and birth phases (serial: firms are few).
  std::fill(w.hub_vacancies.begin(), w.hub_vacancies.end(), 0);
  std::fill(w.hub_startups.begin(), w.hub_startups.end(), 0);
  for (std::size_t r = 0; r < w.firms.size(); ++r) {
    if (!w.firms.alive(r)) continue;
    w.hub_vacancies[fc.hub[r]] += fc.vacancies[r];
    w.hub_startups[fc.hub[r]] += fc.stage[r] == FirmStage::startup;
  }
}

void firm_births(World& w, const core::PhaseContext& ctx) {
  const auto& p = w.params;
  auto& fc = w.firms.columns();
  for (core::HubIndex h : w.county_hubs) {
    core::Rng rng = ctx.rng(core::EntityKind::hub, h);
    const double space = static_cast<double>(p.hubs[h].incubation_space) * p.population.scale;
    const double room = space > 0 ? std::max(0.0, 1.0 - static_cast<double>(w.hub_startups[h]) / space) : 0.0;
    const double rate = p.firms.births_per_1000_jobs_per_year / 1000.0 / 12.0 * static_cast<double>(w.hub_jobs[h]);
    const std::int64_t births = rng.poisson(rate * room);
    for (std::int64_t b = 0; b < births; ++b) {
      const std::size_t r = w.firms.add();
      fc.hub[r] = h;
      fc.stage[r] = FirmStage::startup;
      fc.demand[r] = static_cast<float>(p.firms.startup_size);
      fc.sector[r] = draw_sector(rng, p.sectors);
      w.tally.events.push_back({static_cast<std::int32_t>(ctx.step), EventKind::firm_birth, h, w.firms.id(r),
                                p.firms.startup_size});
    }
    w.tally.births[h] += births;
  }
}

}  // namespace hubsim::model
