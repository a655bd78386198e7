// Each mechanism of the model on a tiny hand-built world where the answer is known.
#include <doctest/doctest.h>

#include <algorithm>

#include "models/lancashire/model.hpp"
#include "models/lancashire/phases.hpp"
#include "sim/engine/simulation.hpp"
#include "tests/models/tiny_world.hpp"

using namespace hubsim;
using model::FirmStage;
using model::WorkerStatus;

namespace {

using testing::tiny_params;

io::RunSettings one_year() { return io::RunSettings{"test", 1, core::Month(2022, 1), core::Month(2022, 12), {}}; }

core::PhaseContext ctx_at(core::Month m, std::string_view phase = "test") { return {1, 0, core::stream_key(phase), m}; }

std::size_t add_firm(model::World& w, core::HubIndex hub, std::int32_t vacancies) {
  const std::size_t f = w.firms.add(core::identity(250, hub, 0, static_cast<std::uint32_t>(w.firms.size())));
  auto& fc = w.firms.columns();
  fc.hub[f] = hub;
  fc.stage[f] = FirmStage::established;
  fc.vacancies[f] = vacancies;
  fc.demand[f] = static_cast<float>(vacancies);
  fc.growth_factor[f] = 1;
  return f;
}

void add_seekers(model::World& w, core::HubIndex home, std::size_t n) {
  const std::size_t first = w.workers.add_many(n, core::identity(251, home, 0, static_cast<std::uint32_t>(w.workers.size())));
  auto& wc = w.workers.columns();
  for (std::size_t r = first; r < first + n; ++r) {
    wc.home[r] = home;
    wc.applied[r] = model::kNoHub;
    wc.status[r] = WorkerStatus::seeking;
    wc.employer[r] = model::kNoFirm;
    wc.skill[r] = model::Skill::experienced;  // every firm takes them: skills are tested separately
  }
}

std::size_t count_status(const model::World& w, WorkerStatus s) {
  std::size_t n = 0;
  for (std::size_t r = 0; r < w.workers.size(); ++r) n += w.workers.alive(r) && w.workers.columns().status[r] == s;
  return n;
}

/// The built-in model, with overrides, run over 2022-2023 with seed 3.
io::RunData run_two_years(const std::vector<std::string>& sets) {
  auto c = engine::load_config(model::description(), std::nullopt, sets);
  c.run = io::RunSettings{"test", 3, core::Month(2022, 1), core::Month(2023, 12), {}};
  engine::Simulation sim(c, 0);
  sim.run_until(sim.total(), [](int) {});
  return sim.results();
}

}  // namespace

TEST_CASE("labour market: a hub fills exactly its open posts and no more") {
  const auto p = tiny_params();
  model::World w(p, one_year());
  const auto f = add_firm(w, 0, 5);
  add_seekers(w, 0, 10);
  w.hub_vacancies = {5, 0, 0, 0};
  model::job_search(w, ctx_at(core::Month(2022, 1), "job_search"));
  for (std::size_t r = 0; r < 10; ++r) CHECK(w.workers.columns().applied[r] == 0);
  model::matching(w, ctx_at(core::Month(2022, 1), "matching"));
  CHECK(count_status(w, WorkerStatus::employed) == 5);
  CHECK(count_status(w, WorkerStatus::seeking) == 5);
  CHECK(w.firms.columns().vacancies[f] == 0);
  CHECK(w.firms.columns().employees[f] == 5);
  CHECK(w.tally.get(model::Tally::hires, 0) == 5);
}

TEST_CASE("labour market: seekers only apply within commuting reach") {
  const auto p = tiny_params();
  model::World w(p, one_year());
  add_firm(w, 0, 100);
  add_seekers(w, 1, 20);  // B: 20 minutes from A, within reach
  add_seekers(w, 2, 20);  // C: 100 minutes from A, out of reach
  w.hub_vacancies = {100, 0, 0, 0};
  model::job_search(w, ctx_at(core::Month(2022, 1), "job_search"));
  model::matching(w, ctx_at(core::Month(2022, 1), "matching"));
  const auto& wc = w.workers.columns();
  for (std::size_t r = 0; r < 20; ++r) CHECK(wc.status[r] == WorkerStatus::employed);
  for (std::size_t r = 20; r < 40; ++r) {
    CHECK(wc.status[r] == WorkerStatus::seeking);
    CHECK(wc.applied[r] == model::kNoHub);
  }
}

TEST_CASE("labour market: applicants spread over hubs in reach, nearer and bigger markets first") {
  const auto p = tiny_params();
  model::World w(p, one_year());
  add_firm(w, 0, 1000);
  add_firm(w, 1, 1000);
  add_seekers(w, 0, 4000);
  w.hub_vacancies = {1000, 1000, 0, 0};
  model::job_search(w, ctx_at(core::Month(2022, 1), "job_search"));
  std::size_t to_a = 0, to_b = 0;
  for (auto h : w.workers.columns().applied) (h == 0 ? to_a : to_b) += 1;
  // Weights exp(0) : exp(-20/20) = 1 : 0.368, so ~73% apply at home.
  CHECK(static_cast<double>(to_a) / 4000 == doctest::Approx(1 / (1 + std::exp(-1.0))).epsilon(0.04));
  CHECK(to_a + to_b == 4000);
}

TEST_CASE("firms: certain closure removes every firm and sends its staff back to searching") {
  auto p = tiny_params();
  p.firms.closure_year1 = p.firms.closure_older = 1.0;
  p.firms.closure_size_elasticity = 0;
  p.labour.retire_rate_per_year = 0;
  p.labour.quit_rate_per_year = 0;
  model::World w(p, one_year());
  const auto f = add_firm(w, 0, 0);
  add_seekers(w, 0, 3);
  auto& wc = w.workers.columns();
  for (std::size_t r = 0; r < 3; ++r) wc.status[r] = WorkerStatus::employed, wc.employer[r] = static_cast<std::uint32_t>(f);
  w.firms.columns().employees[f] = 3;
  model::firm_dynamics(w, ctx_at(core::Month(2022, 1), "firm_dynamics"));
  CHECK_FALSE(w.firms.alive(f));
  CHECK(w.tally.get(model::Tally::closures, 0) == 1);
  model::separations(w, ctx_at(core::Month(2022, 1), "separations"));
  CHECK(count_status(w, WorkerStatus::seeking) == 3);
  CHECK(count_status(w, WorkerStatus::employed) == 0);
}

TEST_CASE("migration: impatient seekers leave for the external metro, employees mostly stay") {
  auto p = tiny_params();
  p.migration.patience_months = 0;
  p.migration.unmatched_leave_rate_per_month = 1.0;
  p.migration.outside_offers_per_year = 0;
  model::World w(p, one_year());
  const auto f = add_firm(w, 0, 0);
  add_seekers(w, 0, 7);
  w.workers.columns().status[0] = WorkerStatus::employed;
  w.workers.columns().employer[0] = static_cast<std::uint32_t>(f);
  model::migration(w, ctx_at(core::Month(2022, 1), "migration"));
  CHECK(count_status(w, WorkerStatus::left_county) == 6);
  CHECK(count_status(w, WorkerStatus::employed) == 1);
  CHECK(w.tally.get(model::Tally::leavers, 3) == 6);
  for (std::size_t r = 1; r < 7; ++r) CHECK(w.workers.columns().home[r] == 3);
}

TEST_CASE("talent: graduates arrive only in the graduation month, about as many as configured") {
  auto p = tiny_params();
  p.hubs[0].graduates_per_year = 500;
  model::World w(p, one_year());
  model::talent_entry(w, ctx_at(core::Month(2022, 6)));
  CHECK(w.workers.size() == 0);
  model::talent_entry(w, ctx_at(core::Month(2022, 7)));
  CHECK(w.workers.size() == static_cast<std::size_t>(w.tally.get(model::Tally::graduates, 0)));
  CHECK(static_cast<double>(w.workers.size()) == doctest::Approx(500).epsilon(0.15));
  // Each looks for work in the county or leaves for the metro at once (test_labour_choices.cpp).
  CHECK(count_status(w, WorkerStatus::seeking) + count_status(w, WorkerStatus::left_county) == w.workers.size());
}

TEST_CASE("bookkeeping: staff are recounted from workers and dead rows are dropped with employers re-pointed") {
  const auto p = tiny_params();
  model::World w(p, one_year());
  const auto f0 = add_firm(w, 0, 0), f1 = add_firm(w, 1, 0);
  add_seekers(w, 0, 4);
  auto& wc = w.workers.columns();
  for (std::size_t r = 0; r < 4; ++r) wc.status[r] = WorkerStatus::employed, wc.employer[r] = static_cast<std::uint32_t>(f1);
  w.firms.remove(f0);  // firm row 0 dies: firm 1 becomes row 0
  w.workers.remove(3);
  model::bookkeeping(w, ctx_at(core::Month(2022, 1), "knowledge_exchange"));
  CHECK(w.firms.size() == 1);
  CHECK(w.workers.size() == 3);
  for (std::size_t r = 0; r < 3; ++r) CHECK(w.workers.columns().employer[r] == 0);
  CHECK(w.firms.columns().employees[0] == 3);
  CHECK(w.metrics.at(model::Metric::employment, 0, 1) == 3);
  CHECK(w.metrics.at(model::Metric::firms, 0, 1) == 1);
  CHECK(w.metrics.at(model::Metric::firms, 0, 0) == 0);
}

TEST_CASE("investment: an angel funds a start-up at the nearest hub with start-ups, once") {
  auto p = tiny_params();
  p.hubs[0].investors = 1;  // one angel at A
  p.investment.angel_deals_per_year = 12;  // looks every month
  p.investment.angel_capital_k = 100;
  p.investment.angel_ticket_k = 50;
  p.investment.distance_decay_minutes = 1;  // B (20 min away) is all but invisible
  model::World w(p, one_year());
  model::populate(w, 1);
  REQUIRE(w.investors.size() == 1);
  const auto a = add_firm(w, 0, 0), b = add_firm(w, 1, 0);
  w.firms.columns().stage[a] = w.firms.columns().stage[b] = FirmStage::startup;
  w.hub_startups = {1, 1, 0, 0};
  model::deal_search(w, ctx_at(core::Month(2022, 1), "knowledge_search"));
  CHECK(w.investors.columns().target[0] == 0);
  model::deal_making(w, ctx_at(core::Month(2022, 1), "knowledge_exchange"));
  CHECK(w.firms.columns().runway[a] == p.investment.runway_months);
  CHECK(w.firms.columns().funding_k[a] == 50.0f);
  CHECK(w.firms.columns().runway[b] == 0);
  CHECK(w.investors.columns().capital_k[0] == 50.0);
  CHECK(w.tally.get(model::Tally::deals, 0) == 1);
  CHECK(w.tally.flow_at(model::Flow::capital_pounds, 0, 0) == 50'000);
  REQUIRE(w.tally.events.size() == 1);
  CHECK(w.tally.events[0].kind == model::EventKind::deal);
  CHECK(w.tally.events[0].firm == w.firms.id(a));
  // Next month the only start-up in sight is funded already: the offer finds nothing.
  model::deal_search(w, ctx_at(core::Month(2022, 2), "deal_search"));
  model::deal_making(w, ctx_at(core::Month(2022, 2), "deal_making"));
  CHECK(w.tally.get(model::Tally::deals, 0) == 1);
}

TEST_CASE("investment: a VC splits its deals between its home market and the county by weight") {
  auto p = tiny_params();
  p.hubs[3].investors = 2000;  // VCs at M, 50 minutes from A
  p.investment.vc_deals_per_year = 12;
  p.investment.vc_capital_k = 1e6;
  p.investment.vc_home_market = 10;
  p.investment.distance_decay_minutes = 50;
  model::World w(p, one_year());
  model::populate(w, 1);
  w.hub_startups = {100, 0, 0, 0};
  model::deal_search(w, ctx_at(core::Month(2022, 1), "knowledge_search"));
  std::size_t to_county = 0;
  for (auto t : w.investors.columns().target) to_county += t != model::kNoHub;
  // Weight of A: exp(-50/50) x 100 = 36.8 against a home market of 10.
  const double expected = 36.79 / (36.79 + 10);
  CHECK(static_cast<double>(to_county) / 2000 == doctest::Approx(expected).epsilon(0.05));
}

TEST_CASE("records: talent flows add up to hires and leavers, and events come sorted") {
  const auto out = run_two_years({});
  const auto* flows = out.find("flow_talent");
  const auto* hires = out.find("hires");
  const auto* leavers = out.find("leavers");
  const auto* returners = out.find("returners");
  const auto* in_migrants = out.find("in_migrants");
  const std::size_t n = 9;
  double talent = 0, hired = 0, left = 0, moved_in = 0;
  for (std::size_t t = 0; t < 24; ++t)
    for (std::size_t o = 0; o < n; ++o)
      for (std::size_t d = 0; d < n; ++d) talent += flows->values[(t * n + o) * n + d];
  for (double v : hires->values) hired += v;
  for (double v : leavers->values) left += v;
  for (double v : returners->values) moved_in += v;
  for (double v : in_migrants->values) moved_in += v;
  CHECK(hired > 1000);
  CHECK(left > 0);
  CHECK(talent == hired + left + moved_in);
  const auto* kind = out.find("event_kind");
  const auto* time = out.find("event_time");
  REQUIRE(kind->values.size() > 100);
  for (std::size_t i = 1; i < kind->values.size(); ++i) {
    CHECK(time->values[i] >= time->values[i - 1]);
    if (time->values[i] == time->values[i - 1]) CHECK(kind->values[i] >= kind->values[i - 1]);
  }
  double births = 0;
  for (double v : out.find("firm_births")->values) births += v;
  const auto births_and_spinouts = std::count(kind->values.begin(), kind->values.end(), 0.0) +
                                   std::count(kind->values.begin(), kind->values.end(), 6.0);
  CHECK(births_and_spinouts == static_cast<long>(births));
}

TEST_CASE("records: snapshots every 6 months hold every agent of that month") {
  const auto out = run_two_years({"output.snapshot_every_months=6"});
  const auto* when = out.find("snapshot_time");
  REQUIRE(when != nullptr);
  CHECK(when->values == std::vector<double>{151, 334, 516, 699});  // 2022-06-01 ... 2023-12-01, days since 2022-01-01
  const auto* firm_count = out.find("snapshot_firm_count");
  const auto* by_stage = out.find("firms_by_stage");
  // The last snapshot is the end of the run: its firms are the last month's firms of every stage.
  double last_month_firms = 0;
  for (std::size_t i = 0; i < 9 * 5; ++i) last_month_firms += by_stage->values[23 * 9 * 5 + i];
  CHECK(firm_count->values.back() == last_month_firms);
  const auto* employees = out.find("firm_employees");
  double staff = 0;
  for (std::size_t i = employees->values.size() - static_cast<std::size_t>(firm_count->values.back()); i < employees->values.size(); ++i)
    staff += employees->values[i];
  double jobs = 0;
  for (std::size_t h = 0; h < 9; ++h) jobs += out.find("employment")->values[23 * 9 + h];
  CHECK(staff == jobs);
}
