// Firm life cycle: anchors' plans, pre-start to exit, demand for staff, and births.
#include <algorithm>
#include <cmath>

#include "models/lancashire/phases.hpp"
#include "sim/core/parallel.hpp"

namespace hubsim::model {
namespace {

/// An anchor's digital posts in `month`: flat, then a straight line from posts_from to posts_by.
double planned_posts(const AnchorParams& a, core::Month month) {
  if (month < a.posts_from) return static_cast<double>(a.digital_posts);
  if (!(month < a.posts_by) || a.posts_by == a.posts_from) return static_cast<double>(a.posts_target);
  const double f = static_cast<double>(month - a.posts_from) / static_cast<double>(a.posts_by - a.posts_from);
  return static_cast<double>(a.digital_posts) + f * static_cast<double>(a.posts_target - a.digital_posts);
}

/// Firms this large do not close outright (ONS business demography: closures of large enterprises are rare).
constexpr std::int32_t kLargeFirm = 250;

double years_since_start(const World& w, core::Month month) { return static_cast<double>(month - w.run.start) / 12.0; }

}  // namespace

void anchor_plans(World& w, const core::PhaseContext& ctx) {
  const auto& p = w.params;
  auto& fc = w.firms.columns();
  const double scale = p.population.scale;
  for (std::size_t a = 0; a < p.anchors.size(); ++a) {
    const auto& ap = p.anchors[a];
    auto& st = w.anchors[a];
    const double posts = planned_posts(ap, ctx.month);
    if (st.firm_row != kNoFirm) fc.demand[st.firm_row] = static_cast<float>(posts * scale);
    // A (supply-chain engagement) works on the enterprise hub's anchors; E on research anchors.
    double local = ap.local_share;
    if (p.hubs[st.hub].kind == HubKind::enterprise_hub) local = std::min(1.0, local + p.lever('A', ctx.month));
    double spend = posts * ap.procurement_k_per_post / 1000.0 + ap.base_procurement_m;
    if (ap.kind == AnchorKind::research) spend *= 1 + p.lever('E', ctx.month);
    st.procurement_m = spend * local * scale;
  }
  const auto& e = p.economy;
  w.other_sector_demand_m = e.other_sector_demand_m * std::pow(1 + e.other_sector_demand_growth_per_year, years_since_start(w, ctx.month)) *
                            (1 + p.lever('C', ctx.month)) * scale;
}

void firm_dynamics(World& w, const core::PhaseContext& ctx) {
  const auto& p = w.params;
  const auto& f = p.firms;
  const auto& inv = p.investment;
  auto& fc = w.firms.columns();
  const double pipeline = p.lever('G', ctx.month);
  const double close_startup = monthly(f.startup_closure_per_year) * std::max(0.0, 1 - pipeline / 2);
  const double close_established = monthly(f.established_closure_per_year);
  const double exit = monthly(f.exit_rate_per_year);
  const double convert = std::min(1.0, f.prestart_conversion * (1 + pipeline));
  const double g_startup = std::log1p(f.startup_growth_per_year) / 12.0;
  const double g_established = std::log1p(f.demand_growth_per_year) / 12.0;
  const double g_funded = std::log1p(inv.funded_growth_per_year) / 12.0;
  const double g_cyber = p.lever('M', ctx.month) / 10 / 12.0;  // the Cyber Corridor's pull on cyber firms
  const double g_productivity = std::log1p(p.economy.productivity_growth_per_year) / 12.0;
  const auto productivity_drift = static_cast<float>(std::exp(g_productivity));  // once, not per firm
  core::parallel_for(w.firms.size(), [&](std::size_t r) {
    if (!w.firms.alive(r)) return;
    fc.new_scaleup[r] = 0;
    fc.fate[r] = FirmFate::alive;
    if (fc.stage[r] == FirmStage::anchor) {
      fc.vacancies[r] = std::max(0, static_cast<std::int32_t>(std::lround(fc.demand[r])) - fc.employees[r]);
      fc.layoff_share[r] = 0;
      return;
    }
    core::Rng rng = ctx.rng(w.firms.identity(r));
    auto die = [&](FirmFate fate) {
      w.firms.remove(r);
      fc.fate[r] = fate;
      fc.vacancies[r] = 0;
      w.tally.add(Tally::closures, fc.hub[r]);
    };
    fc.age_months[r] = static_cast<std::uint16_t>(std::min<int>(fc.age_months[r] + 1, 0xFFFF));
    if (fc.stage[r] == FirmStage::prestart) {
      // A venture in incubation launches or gives up after prestart_months.
      fc.vacancies[r] = 0;
      if (fc.age_months[r] < f.prestart_months) return;
      if (!rng.bernoulli(convert)) return die(FirmFate::gave_up);
      fc.stage[r] = FirmStage::startup;
      fc.age_months[r] = 0;
      fc.demand[r] = static_cast<float>(f.startup_size);
    }
    const bool young = fc.stage[r] == FirmStage::startup || fc.stage[r] == FirmStage::scaleup;
    const bool funded = fc.runway[r] > 0;
    // Bigger firms close less often (the hazard falls with the square root of staff beyond 20),
    // and large ones (kLargeFirm+ staff) do not close outright: they shrink through their demand.
    const double size_factor = fc.employees[r] >= kLargeFirm ? 0.0 : 1.0 / std::sqrt(1.0 + fc.employees[r] / 20.0);
    const double hazard = (fc.stage[r] == FirmStage::startup ? close_startup : close_established) *
                          (funded ? inv.funded_closure_factor : 1.0) * size_factor;
    if (rng.bernoulli(hazard)) return die(FirmFate::closed);
    if ((fc.stage[r] == FirmStage::scaleup || funded) && rng.bernoulli(exit)) {
      // An acquisition: the firm carries on under its new owner (jobs stay), as an established firm.
      fc.fate[r] = FirmFate::exited;
      fc.stage[r] = FirmStage::established;
      fc.runway[r] = 0;
      w.tally.add(Tally::exits, fc.hub[r]);
    }
    if (funded) fc.runway[r] -= 1;
    // Scale-up test on each anniversary: 20%+ a year in jobs and in revenue.
    if (fc.age_months[r] % 12 == 0) {
      const double revenue = fc.employees[r] * fc.productivity_k[r];
      const bool grew = fc.employees[r] >= f.scaleup_min_staff &&
                        fc.employees[r] >= (1 + f.scaleup_growth) * fc.staff_year_ago[r] &&
                        revenue >= (1 + f.scaleup_growth) * fc.revenue_year_ago[r];
      if (grew && fc.stage[r] != FirmStage::scaleup) fc.new_scaleup[r] = 1, w.tally.add(Tally::scaleups_new, fc.hub[r]);
      if (grew) fc.stage[r] = FirmStage::scaleup;
      else if (fc.stage[r] == FirmStage::scaleup || fc.age_months[r] >= f.startup_months) fc.stage[r] = FirmStage::established;
      fc.staff_year_ago[r] = fc.employees[r];
      fc.revenue_year_ago[r] = static_cast<float>(revenue);
    }
    if (fc.stage[r] == FirmStage::startup && fc.age_months[r] >= f.startup_months) fc.stage[r] = FirmStage::established;
    fc.productivity_k[r] *= productivity_drift;
    // Demand follows a random walk with drift; with contract work it cannot run far ahead of the
    // staff the firm has managed to hire, which is how unfilled vacancies hold growth back.
    double drift = (young ? g_startup : g_established) + (funded ? g_funded : 0.0);
    if (fc.sector[r] == w.cyber_sector) drift += g_cyber;
    const double ceiling = fc.employees[r] * (1.0 + f.vacancy_cap) + f.startup_size;
    const double organic = std::min(fc.demand[r] * std::exp(drift + f.demand_volatility * rng.normal()), ceiling);
    fc.demand[r] = static_cast<float>(organic);
    const auto wanted = static_cast<std::int32_t>(std::lround(std::min(organic + fc.contract_staff[r], ceiling)));
    fc.vacancies[r] = std::max(0, wanted - fc.employees[r]);
    fc.layoff_share[r] = fc.employees[r] > wanted && fc.employees[r] > 0
                             ? static_cast<float>(fc.employees[r] - wanted) / static_cast<float>(fc.employees[r])
                             : 0.0f;
  });
  // Per-hub snapshots for the later phases (serial: a pass over firms, cheap next to the agents).
  std::fill(w.hub_vacancies.begin(), w.hub_vacancies.end(), 0);
  std::fill(w.hub_startups.begin(), w.hub_startups.end(), 0);
  std::fill(w.hub_firms.begin(), w.hub_firms.end(), 0);
  for (auto& rows : w.hub_firm_rows) rows.clear();
  for (std::size_t r = 0; r < w.firms.size(); ++r) {
    if (!w.firms.alive(r)) continue;
    const auto h = fc.hub[r];
    w.hub_vacancies[h] += fc.vacancies[r];
    w.hub_startups[h] += fc.stage[r] == FirmStage::startup || fc.stage[r] == FirmStage::prestart;
    if (fc.stage[r] != FirmStage::anchor && fc.stage[r] != FirmStage::prestart) {
      w.hub_firms[h] += 1;
      w.hub_firm_rows[h].push_back(static_cast<std::uint32_t>(r));
    }
  }
}

void firm_births(World& w, const core::PhaseContext& ctx) {
  const auto& p = w.params;
  auto& fc = w.firms.columns();
  // A newborn draws its own state from its own stream: one more birth at a hub changes nothing
  // about the others.
  auto add = [&](core::HubIndex h, FirmStage stage, int kene_bits, core::Identity who, EventKind kind) {
    const std::size_t r = w.firms.add(who);
    core::Rng rng = ctx.rng(who);
    const std::uint64_t kene = draw_kene(rng, kene_bits);
    fc.hub[r] = h;
    fc.stage[r] = stage;
    fc.demand[r] = stage == FirmStage::prestart ? 0.0f : static_cast<float>(p.firms.startup_size);
    fc.sector[r] = draw_sector(rng, p.sectors);
    fc.anchor[r] = kNoAnchor;
    fc.partner[r] = kNoFirm;
    fc.kene[r] = kene;
    const double sd = p.economy.productivity_dispersion;
    fc.productivity_k[r] = static_cast<float>(w.hub_productivity[h] * std::exp(sd * rng.normal() - 0.5 * sd * sd));
    w.tally.events.push_back({static_cast<std::int32_t>(ctx.step), kind, h, w.firms.id(r), p.firms.startup_size});
  };
  for (core::HubIndex h : w.county_hubs) {
    core::Rng rng = ctx.rng(hub_identity(h));
    const double space = incubation_space(w, h, ctx.month);
    const double room = space > 0 ? std::max(0.0, 1.0 - static_cast<double>(w.hub_startups[h]) / space) : 0.0;
    const double organic = p.firms.births_per_1000_jobs_per_year / 1000.0 / 12.0 * static_cast<double>(w.hub_jobs[h]);
    const double sparked = p.knowledge.births_per_collaboration * static_cast<double>(w.tally.get(Tally::collaborations, h));
    const std::int64_t births = rng.poisson((organic + sparked) * room);
    for (std::int64_t b = 0; b < births; ++b)
      add(h, FirmStage::prestart, 5, identity(Who::born_firm, h, ctx.step, static_cast<std::uint32_t>(b)), EventKind::firm_birth);
    w.tally.add(Tally::births, h, births);
  }
  // University and anchor spin-outs launch straight as start-ups with some of the anchor's capabilities.
  for (std::size_t a = 0; a < p.anchors.size(); ++a) {
    if (p.anchors[a].spinouts_per_year <= 0) continue;
    core::Rng rng = ctx.rng(anchor_identity(a));
    const auto h = w.anchors[a].hub;
    const std::int64_t n = rng.poisson(p.anchors[a].spinouts_per_year * p.population.scale / 12.0);
    for (std::int64_t i = 0; i < n; ++i)
      add(h, FirmStage::startup, 8, identity(Who::spinout, static_cast<std::uint32_t>(a), ctx.step, static_cast<std::uint32_t>(i)),
          EventKind::spinout);
    w.tally.add(Tally::spinouts, h, n);
    w.tally.add(Tally::births, h, n);
  }
}

}  // namespace hubsim::model
