// The labour market with earnings and choices (issue 13): graduates choose where to look by a
// logit over expected earnings, employees take better-paid outside offers, leavers come back as
// county pay and posts allow, seekers take the best-paid of their offers; and the records.
#include <doctest/doctest.h>

#include <cmath>

#include "models/lancashire/destinations.hpp"
#include "models/lancashire/model.hpp"
#include "models/lancashire/phases.hpp"
#include "sim/engine/simulation.hpp"
#include "tests/models/tiny_world.hpp"

using namespace hubsim;
using model::Skill;
using model::WorkerStatus;

namespace {

io::RunSettings one_year() { return io::RunSettings{"test", 1, core::Month(2022, 1), core::Month(2022, 12), {}}; }

core::PhaseContext at(core::Month m, std::string_view phase, std::uint32_t step = 0) {
  return {1, step, core::stream_key(phase), m};
}

/// The tiny world (A, B 20 min apart; C out of reach; metro M 50 min from A) with no drift of
/// metro pay, no moving or living costs and no home ties unless a test sets them.
model::Params choice_params() {
  auto p = testing::tiny_params();
  p.economy.productivity_growth_per_year = 0;
  p.migration.moving_cost_k = 0;
  p.migration.home_tie_k = 0;
  p.migration.choice_scale_k = 10;
  p.migration.county_nest = 1;  // plain multinomial logit
  p.earnings.minimum_k = 0;     // pay is labour_share x productivity x skill pay, with no floor
  p.hubs[3].living_cost_k = 0;
  p.hubs[3].earnings_index = 1;
  p.hubs[3].offer_chance = 0.5;
  p.labour.quit_rate_per_year = 0;
  p.labour.retire_rate_per_year = 0;
  return p;
}

std::size_t add_firm(model::World& w, core::HubIndex hub, std::int32_t vacancies, float productivity_k) {
  const std::size_t f = w.firms.add(core::identity(250, hub, 0, static_cast<std::uint32_t>(w.firms.size())));
  auto& fc = w.firms.columns();
  fc.hub[f] = hub;
  fc.stage[f] = model::FirmStage::established;
  fc.vacancies[f] = vacancies;
  fc.demand[f] = static_cast<float>(vacancies);
  fc.productivity_k[f] = productivity_k;
  fc.anchor[f] = model::kNoAnchor;
  return f;
}

void add_people(model::World& w, core::HubIndex home, std::size_t n, WorkerStatus status, Skill skill,
                std::uint32_t employer = model::kNoFirm) {
  const std::size_t first = w.workers.add_many(n, core::identity(251, home, 0, static_cast<std::uint32_t>(w.workers.size())));
  auto& wc = w.workers.columns();
  for (std::size_t r = first; r < first + n; ++r) {
    wc.home[r] = home;
    wc.applied[r] = model::kNoHub;
    wc.status[r] = status;
    wc.employer[r] = employer;
    wc.skill[r] = skill;
    wc.university[r] = model::kNoHub;
    core::Rng rng(7, 0, 0, w.workers.identity(r));
    wc.status_clock[r] = model::exp_clock(rng);
  }
}

std::size_t count(const model::World& w, WorkerStatus s, core::HubIndex home = model::kNoHub) {
  std::size_t n = 0;
  const auto& wc = w.workers.columns();
  for (std::size_t r = 0; r < w.workers.size(); ++r)
    n += w.workers.alive(r) && wc.status[r] == s && (home == model::kNoHub || wc.home[r] == home);
  return n;
}

}  // namespace

TEST_CASE("labour choices: a graduate offered more in London and nothing locally leaves") {
  auto p = choice_params();
  p.hubs[0].graduates_per_year = 300;
  p.hubs[3].earnings_index = 2.0;  // a metro paying twice the UK median, offers sure
  p.hubs[3].offer_chance = 1.0;
  p.hubs[3].living_cost_k = 5;
  p.migration.moving_cost_k = 2;
  p.migration.home_tie_k = 3;
  p.migration.choice_scale_k = 2;
  model::World w(p, one_year());  // no firms: no posts in the county, so no chance of an offer
  model::talent_entry(w, at(core::Month(2022, 7), "talent_entry"));
  const auto graduates = w.tally.get(model::Tally::graduates, 0);
  REQUIRE(graduates > 200);
  // Metro: 2 x 38 x 0.8 - 5 - 2 x 50/60 = 54.1 against a home tie of 3, in units of 2: all go.
  CHECK(count(w, WorkerStatus::left_county, 3) == static_cast<std::size_t>(graduates));
  CHECK(w.tally.get(model::Tally::leavers, 3) == graduates);
  CHECK(w.tally.flow_at(model::Flow::talent, 0, 3) == graduates);
  for (std::size_t r = 0; r < w.workers.size(); ++r) CHECK(w.workers.columns().university[r] == 0);
  // The same graduates with local posts at a productive firm and a metro paying little all stay.
  auto q = p;
  q.hubs[3].earnings_index = 0.2;
  model::World v(q, one_year());
  add_firm(v, 0, 5000, 200);
  v.hub_vacancies = {5000, 0, 0, 0};
  model::talent_entry(v, at(core::Month(2022, 7), "talent_entry"));
  CHECK(count(v, WorkerStatus::left_county) == 0);
  CHECK(count(v, WorkerStatus::seeking) == static_cast<std::size_t>(v.tally.get(model::Tally::graduates, 0)));
}

TEST_CASE("labour choices: graduates' destination shares match the logit over expected earnings") {
  auto p = choice_params();
  p.hubs[0].graduates_per_year = 20000;
  model::World w(p, one_year());
  // No county posts: county options are worth their home tie (0) less distance; B is 20 minutes
  // from A (out of the way by -20/20), C out of reach; M: 0.5 x 38 x 0.8 = 15.2, over scale 10.
  model::talent_entry(w, at(core::Month(2022, 7), "talent_entry"));
  const double va = 0, vb = -20.0 / p.labour.distance_decay_minutes, vm = 0.5 * p.earnings.uk_median_k * p.skills.graduate_pay / 10;
  const double total = std::exp(va) + std::exp(vb) + std::exp(vm);
  const double n = static_cast<double>(w.tally.get(model::Tally::graduates, 0));
  REQUIRE(n > 19000);
  const double share_a = static_cast<double>(count(w, WorkerStatus::seeking, 0)) / n;
  const double share_b = static_cast<double>(count(w, WorkerStatus::seeking, 1)) / n;
  const double share_m = static_cast<double>(count(w, WorkerStatus::left_county, 3)) / n;
  CHECK(count(w, WorkerStatus::seeking, 2) == 0);  // C is beyond commuting reach
  auto within = [n](double share, double expected) {  // 4 standard errors
    return std::abs(share - expected) < 4 * std::sqrt(expected * (1 - expected) / n);
  };
  CHECK(within(share_a, std::exp(va) / total));
  CHECK(within(share_b, std::exp(vb) / total));
  CHECK(within(share_m, std::exp(vm) / total));
  // Nested: with the county's hubs a nest of parameter 0.5, the county is worth
  // 0.5 log(exp(va / 0.5) + exp(vb / 0.5)) and splits between A and B by exp(v / 0.5).
  auto nested = p;
  nested.migration.county_nest = 0.5;
  model::World x(nested, one_year());
  model::talent_entry(x, at(core::Month(2022, 7), "talent_entry"));
  const double within_county = std::exp(va / 0.5) + std::exp(vb / 0.5);
  const double county = std::exp(0.5 * std::log(within_county));
  const double nx = static_cast<double>(x.tally.get(model::Tally::graduates, 0));
  auto within_x = [nx](double share, double expected) { return std::abs(share - expected) < 4 * std::sqrt(expected * (1 - expected) / nx); };
  CHECK(within_x(static_cast<double>(count(x, WorkerStatus::left_county, 3)) / nx, std::exp(vm) / (county + std::exp(vm))));
  CHECK(within_x(static_cast<double>(count(x, WorkerStatus::seeking, 1)) / nx,
                 county / (county + std::exp(vm)) * std::exp(vb / 0.5) / within_county));
  // Equal pay, no distance: with B out of reach and the metro worth exactly the county's tie,
  // the shares are even.
  auto q = p;
  q.labour.commute_minutes = 15;
  q.migration.home_tie_k = 0.5 * p.earnings.uk_median_k * p.skills.graduate_pay;
  model::World v(q, one_year());
  model::talent_entry(v, at(core::Month(2022, 7), "talent_entry"));
  const double m = static_cast<double>(v.tally.get(model::Tally::graduates, 0));
  CHECK(within(static_cast<double>(count(v, WorkerStatus::left_county)) / m, 0.5));
}

TEST_CASE("labour choices: an employee with a much better outside offer leaves at the configured hazard") {
  auto p = choice_params();
  p.migration.outside_offers_per_year = 0.3;
  p.migration.offer_dispersion = 0.2;
  p.hubs[3].earnings_index = 3;  // 3 x 38 x 1.3 = 148 against 0.7 x 10 x 1.3 = 9 here
  model::World w(p, one_year());
  const auto f = add_firm(w, 0, 0, 10);
  add_people(w, 0, 5000, WorkerStatus::employed, Skill::experienced, static_cast<std::uint32_t>(f));
  for (int m = 0; m < 12; ++m) model::separations(w, at(core::Month(2022, 1) + m, "separations", static_cast<std::uint32_t>(m)));
  const double left = static_cast<double>(count(w, WorkerStatus::left_county, 3)) / 5000;
  CHECK(left == doctest::Approx(0.3).epsilon(0.1));  // 0.3 a year, +-0.03 (4 standard errors: 0.026)
  CHECK(count(w, WorkerStatus::seeking) == 0);        // no quits
  // The same offers, but the metro pays far less than the job here (4% as much, a 6.6 sd
  // lognormal draw to beat it): all stay.
  auto q = p;
  q.hubs[3].earnings_index = 0.05;
  model::World v(q, one_year());
  const auto g = add_firm(v, 0, 0, 10);
  add_people(v, 0, 5000, WorkerStatus::employed, Skill::experienced, static_cast<std::uint32_t>(g));
  for (int m = 0; m < 12; ++m) model::separations(v, at(core::Month(2022, 1) + m, "separations", static_cast<std::uint32_t>(m)));
  CHECK(count(v, WorkerStatus::employed) == 5000);
  // And no offers at all (K at full CPD halves them; here the rate is 0): all stay.
  auto z = p;
  z.migration.outside_offers_per_year = 0;
  model::World u(z, one_year());
  const auto h = add_firm(u, 0, 0, 10);
  add_people(u, 0, 1000, WorkerStatus::employed, Skill::experienced, static_cast<std::uint32_t>(h));
  for (int m = 0; m < 12; ++m) model::separations(u, at(core::Month(2022, 1) + m, "separations", static_cast<std::uint32_t>(m)));
  CHECK(count(u, WorkerStatus::employed) == 1000);
}

TEST_CASE("labour choices: leavers come back when county pay and posts are high, not when they are zero") {
  auto p = choice_params();
  p.migration.return_rate_per_year = 0.2;
  p.migration.choice_scale_k = 2;
  auto leavers_back = [&](std::int32_t posts, float productivity_k) {
    model::World w(p, one_year());
    add_firm(w, 0, posts, productivity_k);
    add_people(w, 3, 4000, WorkerStatus::left_county, Skill::graduate);
    w.hub_vacancies = {posts, 0, 0, 0};
    w.hub_jobs = {100, 0, 0, 0};
    for (int m = 0; m < 12; ++m) model::migration(w, at(core::Month(2022, 1) + m, "migration", static_cast<std::uint32_t>(m)));
    return static_cast<double>(count(w, WorkerStatus::seeking, 0)) / 4000;
  };
  // Sure offers (1000 posts, no seekers) at pay far above the metro's: 2 x 0.2 = 0.4 a year.
  CHECK(leavers_back(1000, 300) == doctest::Approx(0.4).epsilon(0.1));
  CHECK(leavers_back(0, 300) == 0);          // no posts, no returns
  CHECK(leavers_back(1000, 0.01f) < 0.001);  // posts that pay nothing: 2 L(-15) ~ 0
}

TEST_CASE("labour choices: a seeker applying to two firms takes the better-paid offer") {
  auto share_at_productive = [](std::int64_t applications) {
    auto p = choice_params();
    p.labour.applications_per_month = applications;
    model::World w(p, one_year());
    add_firm(w, 0, 5000, 20);
    const auto good = add_firm(w, 0, 5000, 80);
    add_people(w, 0, 1000, WorkerStatus::seeking, Skill::experienced);
    w.hub_vacancies = {10000, 0, 0, 0};
    model::job_search(w, at(core::Month(2022, 1), "job_search"));
    model::matching(w, at(core::Month(2022, 1), "matching"));
    REQUIRE(count(w, WorkerStatus::employed) == 1000);
    return static_cast<double>(w.firms.columns().employees[good]) / 1000;
  };
  CHECK(share_at_productive(1) == doctest::Approx(0.5).epsilon(0.1));   // by posts alone
  CHECK(share_at_productive(2) == doctest::Approx(0.75).epsilon(0.07)); // 1 - 0.5^2
}

TEST_CASE("labour choices: graduate_destination and earnings hold real, varying values in a default run") {
  auto c = engine::load_config(model::description(), std::nullopt, {});
  c.run = io::RunSettings{"test", 3, core::Month(2022, 1), core::Month(2024, 12), {}};
  engine::Simulation sim(c, 0);
  sim.run_until(sim.total(), [](int) {});
  const auto out = sim.results();
  const auto* earnings = out.find("earnings");
  REQUIRE(earnings != nullptr);
  const std::size_t hubs = out.find_dimension("hub")->size();
  REQUIRE(earnings->values.size() == 36 * hubs * 3);
  double lo = 1e9, hi = 0;
  std::size_t finite = 0;
  for (double v : earnings->values)
    if (std::isfinite(v)) ++finite, lo = std::min(lo, v), hi = std::max(hi, v);
  CHECK(finite > 36 * 7 * 2);
  CHECK(lo > 5);
  CHECK(hi < 200);
  CHECK(hi > 1.5 * lo);  // skills and hubs pay differently
  // Experienced workers out-earn graduates at Preston (hub 1) at the end.
  CHECK(earnings->values[(35 * hubs + 1) * 3 + 2] > earnings->values[(35 * hubs + 1) * 3 + 1]);
  CHECK(earnings->values[(35 * hubs + 1) * 3 + 2] != earnings->values[(0 * hubs + 1) * 3 + 2]);  // and pay moves

  const auto* dest = out.find("graduate_destination");
  REQUIRE(dest != nullptr);
  const std::size_t universities = out.find_dimension("university")->size(), kinds = out.find_dimension("destination_kind")->size();
  REQUIRE(out.find_dimension("cohort")->values.front() == 2022);
  REQUIRE(kinds == 4);
  auto cell = [&](std::size_t cohort, std::size_t u, std::size_t k, std::size_t d) {
    return dest->values[((cohort * universities + u) * 3 + k) * kinds + d];
  };
  // The 2022 cohort (graduating 2022-07) is seen 6, 12 and 24 months on; every one of them is
  // somewhere: employed, seeking, or in a metro.
  double graduates_2022 = 0;
  for (std::size_t h = 0; h < hubs; ++h) graduates_2022 += out.find("graduates")->values[6 * hubs + h];
  for (std::size_t k = 0; k < 3; ++k) {
    double all = 0, in_county = 0;
    for (std::size_t u = 0; u < universities; ++u)
      for (std::size_t d = 0; d < kinds; ++d) {
        REQUIRE(std::isfinite(cell(0, u, k, d)));
        all += cell(0, u, k, d);
        in_county += d < 2 ? cell(0, u, k, d) : 0;
      }
    CHECK(all == graduates_2022);
    CHECK(in_county > 0.2 * all);
    CHECK(in_county < 0.95 * all);
  }
  double to_manchester = 0, to_london = 0;
  for (std::size_t u = 0; u < universities; ++u) to_manchester += cell(0, u, 1, 2), to_london += cell(0, u, 1, 3);
  CHECK(to_manchester > 0);
  CHECK(to_london > 0);
  // The 2024 cohort's first count would be in 2025-01: after the run.
  CHECK(std::isnan(cell(2, 0, 0, 0)));
}
