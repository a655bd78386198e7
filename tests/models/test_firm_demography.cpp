// Firm demography and money (issue 13): survival by age, growth bounded by demand, hiring and
// the market, decaying collaboration gains, acquisitions, and the initial population, each on a
// tiny hand-built world whose answer is known.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "models/lancashire/model.hpp"
#include "models/lancashire/phases.hpp"
#include "sim/app/run_job.hpp"
#include "sim/engine/config.hpp"
#include "tests/models/tiny_world.hpp"

using namespace hubsim;
using model::FirmStage;

namespace {

io::RunSettings years(int n) { return {"test", 1, core::Month(2022, 1), core::Month(2022 + n - 1, 12), {}}; }

core::PhaseContext at(int step) {
  return {7, static_cast<std::uint32_t>(step), core::stream_key("firm_dynamics"), core::Month(2022, 1) + step};
}

/// Parameters with every hazard and growth term off, so a test turns on only what it checks.
model::Params quiet() {
  auto p = testing::tiny_params();
  auto& f = p.firms;
  f.closure_year1 = f.closure_year2 = f.closure_year3 = f.closure_year4 = f.closure_year5 = f.closure_older = 0;
  f.closure_size_elasticity = f.closure_productivity_elasticity = 0;
  f.exit_rate_per_year = 0;
  f.young_growth_per_year = f.growth_scale = f.micro_growth_autocorrelation = 0;
  p.economy.market_adjustment_per_year = 0;
  p.economy.productivity_diffusion_per_year = p.economy.productivity_drift_per_year = p.economy.productivity_shock_sd = 0;
  return p;
}

/// A firm with `staff` employees whose sales pay for exactly them.
std::size_t firm(model::World& w, std::int32_t staff, std::uint16_t age = 100) {
  const std::size_t f = w.firms.add(core::identity(250, 0, 0, static_cast<std::uint32_t>(w.firms.size())));
  auto& fc = w.firms.columns();
  fc.hub[f] = 0, fc.stage[f] = FirmStage::established, fc.age_months[f] = age, fc.employees[f] = staff;
  fc.anchor[f] = model::kNoAnchor, fc.partner[f] = model::kNoFirm, fc.sector[f] = 0;
  fc.efficiency[f] = static_cast<float>(std::log(0.65));
  fc.productivity_k[f] = static_cast<float>(w.params.economy.national_productivity_k * 0.65);
  fc.sales_k[f] = static_cast<float>(staff * fc.productivity_k[f] / w.params.economy.gva_share_of_revenue);
  fc.staff_year_ago[f] = fc.staff_2y_ago[f] = fc.staff_3y_ago[f] = staff;
  fc.revenue_year_ago[f] = fc.sales_k[f];
  fc.growth_factor[f] = 1;  // no growth of its own unless a test sets it
  return f;
}

std::size_t alive(const model::World& w) {
  std::size_t n = 0;
  for (std::size_t r = 0; r < w.firms.size(); ++r) n += w.firms.alive(r);
  return n;
}

}  // namespace

TEST_CASE("firm demography: survival by age follows the configured hazards within sampling error") {
  auto p = quiet();
  p.firms.closure_year1 = 0.10, p.firms.closure_year2 = 0.20;
  model::World w(p, years(2));
  constexpr int kFirms = 20000;
  for (int i = 0; i < kFirms; ++i) firm(w, 1, 0);
  std::size_t alive_1 = 0;
  for (int m = 0; m < 24; ++m) {
    model::firm_dynamics(w, at(m));
    if (m == 11) alive_1 = alive(w);
  }
  // Alive at the first anniversary: 1 - 0.10; at the second: 0.9 x 0.8. Binomial sd ~0.002-0.003.
  const double s1 = static_cast<double>(alive_1) / kFirms, s2 = static_cast<double>(alive(w)) / kFirms;
  CHECK(s1 == doctest::Approx(0.90).epsilon(0.012));
  CHECK(s2 == doctest::Approx(0.72).epsilon(0.02));
  CHECK(w.tally.get(model::Tally::closures, 0) == kFirms - static_cast<std::int64_t>(alive(w)));
}

TEST_CASE("firm demography: larger firms close less often, and large ones can still close") {
  auto p = quiet();
  p.firms.closure_older = 0.2;
  p.firms.closure_size_elasticity = 0.5;
  model::World w(p, years(1));
  std::vector<std::size_t> small, large;
  for (int i = 0; i < 4000; ++i) small.push_back(firm(w, 5)), large.push_back(firm(w, 500));
  for (int m = 0; m < 12; ++m) model::firm_dynamics(w, at(m));
  auto survivors = [&](const std::vector<std::size_t>& rows) {
    return static_cast<double>(std::count_if(rows.begin(), rows.end(), [&](std::size_t r) { return w.firms.alive(r); })) / 4000.0;
  };
  // 5 staff: the base hazard (survival 0.8); 500 staff: hazard x (500/5)^-0.5 = x0.1.
  CHECK(survivors(small) == doctest::Approx(0.80).epsilon(0.03));
  const double large_survival = survivors(large);
  CHECK(large_survival == doctest::Approx(1 - 0.2 * 0.1).epsilon(0.01));
  CHECK(large_survival < 1.0);
}

TEST_CASE("firm demography: a firm with no demand does not grow; sales cannot outrun its staff") {
  auto p = quiet();
  p.firms.young_growth_per_year = 2.0;  // a start-up's sales would grow e^2 a year
  model::World w(p, years(1));
  const auto idle = firm(w, 4), eager = firm(w, 10, 0);
  auto& fc = w.firms.columns();
  fc.sales_k[idle] = 0;
  fc.growth[eager] = 2.0, fc.growth_factor[eager] = static_cast<float>(std::exp(2.0 / 12));
  for (int m = 0; m < 24; ++m) model::firm_dynamics(w, at(m));
  // No sales, no contracts: it wants nobody, so its staff are let go and it posts nothing.
  CHECK(fc.demand[idle] == 0);
  CHECK(fc.vacancies[idle] == 0);
  CHECK(fc.layoff_share[idle] == doctest::Approx(1.0));
  // Nobody is hired, so sales stop at what 10 x (1 + vacancy_cap) + startup_size staff produce.
  const double ceiling = 10 * (1 + p.firms.vacancy_cap) + p.firms.startup_size;
  const double revenue_per_job = fc.productivity_k[eager] / p.economy.gva_share_of_revenue;
  CHECK(fc.sales_k[eager] == doctest::Approx(ceiling * revenue_per_job).epsilon(1e-4));
  CHECK(fc.vacancies[eager] == static_cast<int>(std::lround(ceiling)) - 10);
}

TEST_CASE("firm demography: a sector's sales are pulled back to its market") {
  auto p = quiet();
  p.economy.market_adjustment_per_year = 1.0;
  p.economy.market_growth_per_year = 0;
  model::World w(p, years(2));
  const auto f = firm(w, 10);
  w.market_k.assign(p.sectors.size(), 0.0);
  w.market_k[0] = w.firms.columns().sales_k[f] / 2.0;  // the market is half what the sector sells
  const double before = w.firms.columns().sales_k[f];
  for (int m = 0; m < 24; ++m) model::firm_dynamics(w, at(m));
  // The log gap ln 2 decays at 1 a year: after two years it is ln 2 x e^-2 (monthly steps: within 1%).
  const double gap = std::log(w.firms.columns().sales_k[f] / w.market_k[0]);
  CHECK(gap == doctest::Approx(std::log(2.0) * std::pow(1 - 1.0 / 12, 24)).epsilon(0.01));
  CHECK(w.firms.columns().sales_k[f] < before);
}

TEST_CASE("firm demography: collaboration gains decay, and productivity with them") {
  auto p = quiet();
  p.knowledge.gain_depreciation_per_year = 0.15;
  model::World w(p, years(1));
  const auto f = firm(w, 10);
  auto& fc = w.firms.columns();
  fc.know_gain[f] = 0.10f;
  for (int m = 0; m < 12; ++m) model::firm_dynamics(w, at(m));
  CHECK(fc.know_gain[f] == doctest::Approx(0.10 * std::exp(-0.15)).epsilon(1e-4));
  const double benchmark = model::national_productivity_k(w, core::Month(2022, 12));
  CHECK(fc.productivity_k[f] == doctest::Approx(benchmark * 0.65 * std::exp(0.10 * std::exp(-0.15))).epsilon(1e-4));
}

TEST_CASE("firm demography: an acquired funded firm loses its funding once and is not acquired again") {
  auto p = quiet();
  p.firms.exit_rate_per_year = 1.0;  // every funded firm or scale-up is acquired at once
  model::World w(p, years(1));
  const auto f = firm(w, 10);
  auto& fc = w.firms.columns();
  fc.runway[f] = 5;
  model::firm_dynamics(w, at(0));
  CHECK(fc.fate[f] == model::FirmFate::exited);
  CHECK(fc.runway[f] == 0);
  CHECK(fc.stage[f] == FirmStage::established);
  for (int m = 1; m < 12; ++m) {
    model::firm_dynamics(w, at(m));
    CHECK(fc.fate[f] == model::FirmFate::alive);
    CHECK(fc.runway[f] == 0);  // no wrap-around to 65535
  }
  CHECK(w.tally.get(model::Tally::exits, 0) == 1);
  CHECK(alive(w) == 1);  // the acquired firm carries on: no firm added or removed
}

TEST_CASE("firm demography: births are a rate of the hub's and sector's active stock, not held back by space") {
  auto p = quiet();
  p.firms.birth_rate_per_year = 0.12;
  p.knowledge.births_per_collaboration = 0;
  p.hubs[0].incubation_space = 10;
  p.hubs[1].incubation_space = 0;
  model::World w(p, years(1));
  for (int i = 0; i < 2000; ++i) firm(w, 3);
  for (int i = 0; i < 2000; ++i) w.firms.columns().hub[firm(w, 3)] = 1;
  for (int m = 0; m < 12; ++m) {
    model::firm_dynamics(w, at(m));
    model::firm_births(w, at(m));
  }
  // ~0.01 x 2000 a month at each hub (the stock grows slightly as births join it).
  const auto births_a = w.tally.get(model::Tally::births, 0), births_b = w.tally.get(model::Tally::births, 1);
  CHECK(static_cast<double>(births_a) == doctest::Approx(240 * 1.06).epsilon(0.15));
  CHECK(static_cast<double>(births_b) == doctest::Approx(240 * 1.06).epsilon(0.15));
  // Space decides who is incubated: 10 places at A, none at B.
  std::size_t incubated_a = 0, incubated_b = 0;
  const auto& fc = w.firms.columns();
  for (std::size_t r = 0; r < w.firms.size(); ++r)
    if (w.firms.alive(r) && fc.stage[r] == FirmStage::incubated) (fc.hub[r] == 0 ? incubated_a : incubated_b) += 1;
  CHECK(incubated_a == 10);
  CHECK(incubated_b == 0);
}

TEST_CASE("firm demography: the initial population has a fixed firm count per hub, exact jobs and the digital micro share") {
  auto count = [](int seed) {
    auto p = testing::tiny_params();
    p.hubs[0].digital_jobs = 20000;
    p.hubs[1].digital_jobs = 3000;
    model::World w(p, {"test", seed, core::Month(2022, 1), core::Month(2022, 12), {}});
    model::populate(w, static_cast<std::uint64_t>(seed));
    std::array<std::int64_t, 2> firms{}, jobs{};
    std::int64_t micro = 0, largest = 0;
    const auto& fc = w.firms.columns();
    for (std::size_t f = 0; f < w.firms.size(); ++f) {
      if (fc.stage[f] == FirmStage::anchor || fc.hub[f] > 1) continue;
      firms[fc.hub[f]] += 1, jobs[fc.hub[f]] += fc.employees[f];
      micro += fc.employees[f] <= 9;
      largest = std::max<std::int64_t>(largest, fc.employees[f]);
    }
    return std::tuple{firms, jobs, static_cast<double>(micro) / static_cast<double>(firms[0] + firms[1]), largest};
  };
  for (int seed : {1, 2, 3}) {
    const auto [firms, jobs, micro, largest] = count(seed);
    CAPTURE(seed);
    // Mean size sum_{k<=300} k^-1.09 = 5.046: round(20000 / 5.046) and round(3000 / 5.046).
    CHECK(firms[0] == 3964);
    CHECK(firms[1] == 595);
    CHECK(jobs[0] == 20000);
    CHECK(jobs[1] == 3000);
    CHECK(micro == doctest::Approx(0.919).epsilon(0.02));  // DSIT 2023: 91.9% of digital firms have 0-9 staff
    CHECK(largest == 300);  // the top stratum reaches the cap, and the remainder leaves it alone
  }
}

TEST_CASE("firm demography: revenue and GVA are consistent, and no firm holds more than a few percent of jobs") {
  app::Config c = engine::load_config(model::description(), std::nullopt, {"run.seed=5"});
  const auto out = app::run_job(c, {});
  const auto* revenue = out.find("revenue_m");
  const auto* gva = out.find("gva_m");
  REQUIRE(revenue != nullptr);
  REQUIRE(gva != nullptr);
  REQUIRE(revenue->values.size() == gva->values.size());
  double total_revenue = 0;
  for (std::size_t i = 0; i < gva->values.size(); ++i) {
    total_revenue += revenue->values[i];
    CHECK(gva->values[i] == doctest::Approx(revenue->values[i] * dynamic_cast<const model::Params&>(*c.params).economy.gva_share_of_revenue).epsilon(1e-9));
  }
  CHECK(total_revenue > 0);
  // Largest non-anchor firm against county jobs, every month.
  const auto* largest = out.find("largest_firm_staff");
  const auto* employment = out.find("employment");
  const auto* kind = out.find("hub_kind");
  const std::size_t hubs = kind->values.size();
  double worst = 0;
  for (std::size_t t = 0; t < out.months.size(); ++t) {
    double county = 0;
    for (std::size_t h = 0; h < hubs; ++h)
      if (kind->values[h] != 3) county += employment->values[t * hubs + h];
    worst = std::max(worst, largest->values[t] / county);
  }
  CHECK(worst > 0.005);
  CHECK(worst < 0.05);
  // Cohort survival is observed for the early cohorts and falls with age.
  const auto* alive = out.find("firm_cohort_alive");
  const auto* launched = out.find("firm_cohort_launched");
  REQUIRE(alive != nullptr);
  CHECK(launched->values[0] > 100);
  for (std::size_t k = 1; k < 5; ++k) CHECK(alive->values[k] < alive->values[k - 1]);
  CHECK(alive->values[0] < launched->values[0]);
}
