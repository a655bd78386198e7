// Firm demography and growth: anchors' plans; closures by age, size and productivity;
// acquisitions; organic sales in a competitive market; staff following revenue; births.
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

double years_since_start(const World& w, core::Month month) { return static_cast<double>(month - w.run.start) / 12.0; }

}  // namespace

void anchor_plans(World& w, const core::PhaseContext& ctx) { plan_anchors(w, ctx.month); }

void plan_anchors(World& w, core::Month month) {
  const auto& p = w.params;
  auto& fc = w.firms.columns();
  const double scale = p.population.scale;
  for (std::size_t a = 0; a < p.anchors.size(); ++a) {
    const auto& ap = p.anchors[a];
    auto& st = w.anchors[a];
    const double posts = planned_posts(ap, month);
    if (st.firm_row != kNoFirm) fc.demand[st.firm_row] = static_cast<float>(posts * scale);
    // A (supply-chain engagement) works on the enterprise hub's anchors; E on research anchors.
    double local = ap.local_share;
    if (p.hubs[st.hub].kind == HubKind::enterprise_hub) local = std::min(1.0, local + p.lever('A', month));
    double spend = posts * ap.procurement_k_per_post / 1000.0 + ap.base_procurement_m;
    st.procurement_m = spend * local * scale;
  }
  const auto& e = p.economy;
  w.other_sector_demand_m = (e.other_sector_demand_m * std::pow(1 + e.other_sector_demand_growth_per_year, years_since_start(w, month)) +
                             p.lever('C', month)) * scale;
}

void settle_initial_sales(World& w) {
  plan_anchors(w, w.run.start);
  distribute_contracts(w, true);
  // The initial firms' revenue is what their staff produce; what contracts pay for is not also
  // organic sales.
  auto& fc = w.firms.columns();
  std::fill(w.market_k.begin(), w.market_k.end(), 0.0);
  for (std::size_t r = 0; r < w.firms.size(); ++r) {
    if (!w.firms.alive(r) || fc.stage[r] == FirmStage::anchor) continue;
    fc.sales_k[r] = std::max(0.0f, fc.sales_k[r] - fc.contract_k[r]);
    w.market_k[fc.sector[r]] += fc.sales_k[r];
  }
}

namespace {

/// Annual closure hazard of a firm in its `year`-th year (0-based), from the ONS survival table.
double closure_by_age(const FirmParams& f, std::size_t year) {
  const double by_year[] = {f.closure_year1, f.closure_year2, f.closure_year3, f.closure_year4, f.closure_year5};
  return year < 5 ? by_year[year] : f.closure_older;
}

/// A Laplace (double exponential) draw with scale b: the shape of annual firm growth rates
/// (Stanley et al. 1996).
double laplace(core::Rng& rng, double b) {
  const double magnitude = rng.exponential(1.0) * b;
  return rng.uniform() < 0.5 ? -magnitude : magnitude;
}

}  // namespace

void firm_dynamics(World& w, const core::PhaseContext& ctx) {
  const auto& p = w.params;
  const auto& f = p.firms;
  const auto& e = p.economy;
  const auto& inv = p.investment;
  auto& fc = w.firms.columns();
  const std::size_t sectors = p.sectors.size();

  // Last month's organic sales by sector and mean efficiency by hub (serial; firms are few).
  std::fill(w.sector_sales_k.begin(), w.sector_sales_k.end(), 0.0);
  std::vector<double> efficiency_sum(w.graph.size(), 0), efficiency_n(w.graph.size(), 0);
  for (std::size_t r = 0; r < w.firms.size(); ++r) {
    if (!w.firms.alive(r) || fc.stage[r] == FirmStage::anchor) continue;
    w.sector_sales_k[fc.sector[r]] += fc.sales_k[r];
    efficiency_sum[fc.hub[r]] += fc.efficiency[r];
    efficiency_n[fc.hub[r]] += 1;
  }
  for (std::size_t h = 0; h < w.graph.size(); ++h)
    if (efficiency_n[h] > 0) w.hub_efficiency[h] = efficiency_sum[h] / efficiency_n[h];
  // Competition: each sector's sales are pulled towards its market, which grows at the market's
  // rate. The pull is a monthly log-change shared by the sector's firms: a firm growing faster
  // than its market takes share from the others, and a sector outgrowing its market slows.
  std::vector<double> pressure(sectors, 0);
  const double market_growth = std::pow(1 + e.market_growth_per_year, 1.0 / 12.0);
  for (std::size_t s = 0; s < sectors; ++s) {
    if (w.sector_sales_k[s] > 0 && w.market_k[s] > 0)
      pressure[s] = e.market_adjustment_per_year / 12.0 * std::log(w.market_k[s] / w.sector_sales_k[s]);
    w.market_k[s] *= market_growth;  // next month's market
  }

  double hazard_by_year[6];
  for (std::size_t y = 0; y < 6; ++y) hazard_by_year[y] = monthly(closure_by_age(f, y));
  const double exit = monthly(f.exit_rate_per_year);
  const double g_funded = std::log1p(inv.funded_growth_per_year);
  // Business support, averaged over the firms it reaches: G young firms, E firms of 10+ staff.
  const double g_pipeline = p.lever('G', ctx.month), close_pipeline = p.lever_closure('G', ctx.month);
  const double g_research = p.lever('E', ctx.month), close_research = p.lever_closure('E', ctx.month);
  const double g_cyber = p.lever('M', ctx.month) / 30;  // the Cyber Corridor's pull on cyber firms
  const double national_k = national_productivity_k(w, ctx.month);
  const auto knowledge_decay = static_cast<float>(std::exp(-p.knowledge.gain_depreciation_per_year / 12.0));
  // Monthly growth factors of the month (exp of a twelfth of each annual log rate).
  std::vector<double> market_factor(sectors);
  for (std::size_t s = 0; s < sectors; ++s) market_factor[s] = std::exp(pressure[s]);
  const double funded_factor = std::exp(g_funded / 12.0), pipeline_factor = std::exp(g_pipeline / 12.0);
  const double research_factor = std::exp(g_research / 12.0), cyber_factor = std::exp(g_cyber / 12.0);
  const double incubated_factor = std::exp(f.incubated_growth_per_year / 12.0);
  const double phi = e.gva_share_of_revenue;
  core::parallel_for(w.firms.size(), [&](std::size_t r) {
    if (!w.firms.alive(r)) return;
    fc.new_scaleup[r] = 0;
    fc.fate[r] = FirmFate::alive;
    if (fc.stage[r] == FirmStage::anchor) {
      fc.productivity_k[r] = static_cast<float>(national_k);
      fc.vacancies[r] = std::max(0, static_cast<std::int32_t>(std::lround(fc.demand[r])) - fc.employees[r]);
      fc.layoff_share[r] = 0;
      return;
    }
    core::Rng rng = ctx.rng(w.firms.identity(r));
    fc.age_months[r] = static_cast<std::uint16_t>(std::min<int>(fc.age_months[r] + 1, 0xFFFF));
    const std::int32_t staff = fc.employees[r];
    const bool funded = fc.runway[r] > 0;
    // Closure: the hazard of the firm's age (ONS survival), lower for larger and for more
    // productive firms than their hub's mean, lower while funded or incubated.
    const double size_factor = staff > 5 ? std::pow(staff / 5.0, -f.closure_size_elasticity) : 1.0;
    const double selection = std::exp(-f.closure_productivity_elasticity * (fc.efficiency[r] - w.hub_efficiency[fc.hub[r]]));
    // Months 1-12 of a firm's life are its first year (age has just been incremented).
    const double hazard = hazard_by_year[std::min<std::size_t>((fc.age_months[r] - 1u) / 12, 5)] * size_factor * selection *
                          (funded ? inv.funded_closure_factor : 1.0) *
                          (fc.stage[r] == FirmStage::incubated ? f.incubated_closure_factor : 1.0) *
                          (fc.age_months[r] < f.startup_months ? close_pipeline : 1.0) * (staff >= 10 ? close_research : 1.0);
    if (rng.bernoulli(hazard)) {
      w.firms.remove(r);
      fc.fate[r] = FirmFate::closed;
      fc.vacancies[r] = 0;
      w.tally.add(Tally::closures, fc.hub[r]);
      return;
    }
    if ((fc.stage[r] == FirmStage::scaleup || funded) && rng.bernoulli(exit)) {
      // An acquisition: the firm carries on under its new owner (its staff stay, no firm is
      // added), as an established firm whose funding has been bought out.
      fc.fate[r] = FirmFate::exited;
      fc.stage[r] = FirmStage::established;
      fc.runway[r] = 0;
      w.tally.add(Tally::exits, fc.hub[r]);
    } else if (funded) {
      fc.runway[r] -= 1;
    }
    if (fc.stage[r] == FirmStage::incubated && fc.age_months[r] >= f.incubation_months) fc.stage[r] = FirmStage::startup;
    if (fc.age_months[r] % 12 == 0) {
      // Anniversary: next year's growth rate and productivity; the scale-up label; staff history.
      const double b = f.growth_scale * std::pow(std::max(1, staff), -f.growth_size_exponent);
      const double young = fc.age_months[r] < f.startup_months ? f.young_growth_per_year : 0.0;
      const double carried = staff < 10 ? f.micro_growth_autocorrelation * fc.growth[r] : 0.0;
      // Growth falls with size (Evans 1987; Hall 1987): no firm grows without bound.
      const double size_drag = staff > 10 ? f.growth_size_drag * std::log(staff / 10.0) : 0.0;
      fc.growth[r] = static_cast<float>(young + carried - size_drag + laplace(rng, b));
      fc.growth_factor[r] = static_cast<float>(std::exp(fc.growth[r] / 12.0));
      fc.efficiency[r] += static_cast<float>(e.productivity_diffusion_per_year * (w.hub_efficiency[fc.hub[r]] - fc.efficiency[r]) +
                                             e.productivity_drift_per_year + e.productivity_shock_sd * rng.normal());
      const double revenue = fc.sales_k[r] + fc.contract_k[r];
      const bool grew = staff >= f.scaleup_min_staff && staff >= (1 + f.scaleup_growth) * fc.staff_year_ago[r] &&
                        revenue >= (1 + f.scaleup_growth) * fc.revenue_year_ago[r];
      if (grew && fc.stage[r] != FirmStage::scaleup) fc.new_scaleup[r] = 1, w.tally.add(Tally::scaleups_new, fc.hub[r]);
      if (grew) fc.stage[r] = FirmStage::scaleup;
      else if (fc.stage[r] == FirmStage::scaleup) fc.stage[r] = FirmStage::established;
      // OECD high-growth enterprise: 10+ staff three years ago, more than 20% a year since.
      fc.oecd_scaleup[r] = fc.staff_3y_ago[r] >= 10 && staff > 1.728 * fc.staff_3y_ago[r];
      fc.staff_3y_ago[r] = fc.staff_2y_ago[r];
      fc.staff_2y_ago[r] = fc.staff_year_ago[r];
      fc.staff_year_ago[r] = staff;
      fc.revenue_year_ago[r] = static_cast<float>(revenue);
    }
    if (fc.stage[r] == FirmStage::startup && fc.age_months[r] >= f.startup_months) fc.stage[r] = FirmStage::established;
    fc.know_gain[r] *= knowledge_decay;
    const double productivity = national_k * std::exp(static_cast<double>(fc.efficiency[r]) + fc.know_gain[r]);
    fc.productivity_k[r] = static_cast<float>(productivity);
    // Organic sales: this year's growth, the market's pull, and what the staff can produce. Sales
    // the firm cannot staff are lost: unfilled posts hold growth back.
    // The month's growth factor: the firm's own (exp(growth / 12), kept with growth) times the
    // factors of the month that apply to it, tabulated once (no exp per firm).
    const bool young = fc.age_months[r] < f.startup_months;
    double factor = fc.growth_factor[r] * market_factor[fc.sector[r]];
    if (funded) factor *= funded_factor;
    if (young) factor *= pipeline_factor;
    if (staff >= 10) factor *= research_factor;
    if (fc.stage[r] == FirmStage::incubated) factor *= incubated_factor;
    if (fc.sector[r] == w.cyber_sector) factor *= cyber_factor;
    const double revenue_per_job = productivity / phi;
    const double staff_ceiling = staff * (1.0 + f.vacancy_cap) + f.startup_size;
    const double sales = std::min(fc.sales_k[r] * factor, staff_ceiling * revenue_per_job);
    fc.sales_k[r] = static_cast<float>(sales);
    // Staff wanted: what sales and contracts pay for, at this productivity.
    const double wanted = std::min((sales + fc.contract_k[r]) / revenue_per_job, staff_ceiling);
    fc.demand[r] = static_cast<float>(wanted);
    const auto posts = static_cast<std::int32_t>(std::lround(wanted));
    fc.vacancies[r] = std::max(0, posts - staff);
    // Labour hoarding: a firm lets staff go only beyond layoff_tolerance too many; a smaller
    // excess goes through quits and retirements.
    const auto keep = static_cast<std::int32_t>(std::lround(wanted * (1 + f.layoff_tolerance)));
    fc.layoff_share[r] = staff > keep && staff > 0 ? static_cast<float>(staff - keep) / static_cast<float>(staff) : 0.0f;
  });
  // Per-hub snapshots for the later phases (serial: a pass over firms, cheap next to the agents).
  std::fill(w.hub_vacancies.begin(), w.hub_vacancies.end(), 0);
  std::fill(w.hub_startups.begin(), w.hub_startups.end(), 0);
  std::fill(w.hub_incubated.begin(), w.hub_incubated.end(), 0);
  std::fill(w.hub_firms.begin(), w.hub_firms.end(), 0);
  for (auto& rows : w.hub_firm_rows) rows.clear();
  for (std::size_t r = 0; r < w.firms.size(); ++r) {
    if (!w.firms.alive(r)) continue;
    const auto h = fc.hub[r];
    w.hub_vacancies[h] += fc.vacancies[r];
    w.hub_startups[h] += fc.stage[r] == FirmStage::startup || fc.stage[r] == FirmStage::incubated;
    w.hub_incubated[h] += fc.stage[r] == FirmStage::incubated;
    if (fc.stage[r] != FirmStage::anchor) {
      w.hub_firms[h] += 1;
      w.hub_firm_rows[h].push_back(static_cast<std::uint32_t>(r));
    }
  }
}

void firm_births(World& w, const core::PhaseContext& ctx) {
  const auto& p = w.params;
  auto& fc = w.firms.columns();
  const std::size_t sectors = p.sectors.size();
  const double national_k = national_productivity_k(w, ctx.month);
  // A newborn draws its own state from its own stream: one more birth at a hub changes nothing
  // about the others. It takes a free incubation place at its hub if there is one.
  auto add = [&](core::HubIndex h, std::uint8_t sector, int kene_bits, double efficiency_bonus, core::Identity who,
                 EventKind kind) {
    const std::size_t r = w.firms.add(who);
    core::Rng rng = ctx.rng(who);
    const std::uint64_t kene = draw_kene(rng, kene_bits);
    const bool place = static_cast<double>(w.hub_incubated[h]) < incubation_space(w, h, ctx.month);
    w.hub_incubated[h] += place;
    w.hub_startups[h] += 1;
    fc.hub[r] = h;
    fc.stage[r] = place && p.firms.incubation_months > 0 ? FirmStage::incubated : FirmStage::startup;
    fc.launched[r] = static_cast<std::int16_t>(ctx.step);
    fc.sector[r] = sector == 0xFF ? draw_sector(rng, p.sectors) : sector;
    fc.anchor[r] = kNoAnchor;
    fc.partner[r] = kNoFirm;
    fc.kene[r] = kene;
    // Productivity: a draw around the hub's mean (mean-preserving lognormal spread).
    const double sd = p.economy.productivity_dispersion;
    fc.efficiency[r] = static_cast<float>(w.hub_efficiency[h] + efficiency_bonus + sd * rng.normal() - 0.5 * sd * sd);
    fc.productivity_k[r] = static_cast<float>(national_k * std::exp(static_cast<double>(fc.efficiency[r])));
    fc.sales_k[r] = static_cast<float>(p.firms.startup_size * fc.productivity_k[r] / p.economy.gva_share_of_revenue);
    fc.demand[r] = static_cast<float>(p.firms.startup_size);
    fc.growth[r] = static_cast<float>(p.firms.young_growth_per_year +
                                      laplace(rng, p.firms.growth_scale * std::pow(p.firms.startup_size, -p.firms.growth_size_exponent)));
    fc.growth_factor[r] = static_cast<float>(std::exp(fc.growth[r] / 12.0));
    w.tally.events.push_back({static_cast<std::int32_t>(ctx.step), kind, h, w.firms.id(r), p.firms.startup_size});
  };
  // Births by hub and sector: a rate of the active stock (ONS business demography), plus those
  // sparked by the month's collaborations. Counts come from the hub's stream, by sector.
  std::vector<std::int64_t> stock(w.graph.size() * sectors, 0);
  for (std::size_t r = 0; r < w.firms.size(); ++r)
    if (w.firms.alive(r) && fc.stage[r] != FirmStage::anchor) stock[fc.hub[r] * sectors + fc.sector[r]] += 1;
  const double rate = p.firms.birth_rate_per_year / 12.0;
  for (core::HubIndex h : w.county_hubs) {
    core::Rng rng = ctx.rng(hub_identity(h));
    std::int64_t births = 0;
    for (std::size_t s = 0; s < sectors; ++s) {
      const std::int64_t n = rng.poisson(rate * static_cast<double>(stock[h * sectors + s]));
      for (std::int64_t b = 0; b < n; ++b)
        add(h, static_cast<std::uint8_t>(s), 5, 0.0,
            identity(Who::born_firm, h, ctx.step, static_cast<std::uint32_t>(s << 16 | static_cast<std::size_t>(b))),
            EventKind::firm_birth);
      births += n;
    }
    const std::int64_t sparked = rng.poisson(p.knowledge.births_per_collaboration * static_cast<double>(w.tally.get(Tally::collaborations, h)));
    for (std::int64_t b = 0; b < sparked; ++b)
      add(h, 0xFF, 5, 0.0, identity(Who::born_firm, h, ctx.step, static_cast<std::uint32_t>(0xFF0000 | b)), EventKind::firm_birth);
    w.tally.add(Tally::births, h, births + sparked);
  }
  // University and anchor spin-outs, with some of the anchor's capabilities and productivity.
  for (std::size_t a = 0; a < p.anchors.size(); ++a) {
    if (p.anchors[a].spinouts_per_year <= 0) continue;
    core::Rng rng = ctx.rng(anchor_identity(a));
    const auto h = w.anchors[a].hub;
    const std::int64_t n = rng.poisson(p.anchors[a].spinouts_per_year * p.population.scale / 12.0);
    for (std::int64_t i = 0; i < n; ++i)
      add(h, 0xFF, 8, p.knowledge.anchor_partner_weight,
          identity(Who::spinout, static_cast<std::uint32_t>(a), ctx.step, static_cast<std::uint32_t>(i)), EventKind::spinout);
    w.tally.add(Tally::spinouts, h, n);
    w.tally.add(Tally::births, h, n);
  }
}

}  // namespace hubsim::model
