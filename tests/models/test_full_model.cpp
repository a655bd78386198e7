// The full model's mechanisms on tiny hand-built worlds, and the scenario ladder end to end.
#include <doctest/doctest.h>

#include <bit>
#include <cmath>

#include "models/lancashire/model.hpp"
#include "models/lancashire/phases.hpp"
#include "models/lancashire/model.hpp"
#include "sim/engine/config.hpp"
#include "sim/app/run_job.hpp"
#include "tests/models/tiny_world.hpp"

using namespace hubsim;
using model::FirmStage;
using model::WorkerStatus;

namespace {

model::Params tiny() { return testing::tiny_params(); }

io::RunSettings year() { return {"test", 1, core::Month(2022, 1), core::Month(2022, 12), {}}; }
core::PhaseContext at(int month, std::string_view phase) {
  return {1, static_cast<std::uint32_t>(month), core::stream_key(phase), core::Month(2022, 1) + month};
}

std::size_t firm(model::World& w, core::HubIndex hub, std::int32_t staff, FirmStage stage = FirmStage::established) {
  const std::size_t f = w.firms.add(core::identity(250, hub, 0, static_cast<std::uint32_t>(w.firms.size())));
  auto& fc = w.firms.columns();
  fc.hub[f] = hub, fc.stage[f] = stage, fc.employees[f] = staff, fc.demand[f] = static_cast<float>(staff);
  fc.anchor[f] = model::kNoAnchor, fc.partner[f] = model::kNoFirm, fc.productivity_k[f] = 50;
  fc.staff_year_ago[f] = staff, fc.revenue_year_ago[f] = static_cast<float>(staff) * 50;
  fc.sales_k[f] = static_cast<float>(staff) * 50;
  fc.growth_factor[f] = 1;
  return f;
}

std::size_t people(model::World& w, core::HubIndex home, std::size_t n, model::Skill skill, WorkerStatus status) {
  const std::size_t first = w.workers.add_many(n, core::identity(251, home, 0, static_cast<std::uint32_t>(w.workers.size())));
  auto& wc = w.workers.columns();
  for (std::size_t r = first; r < first + n; ++r)
    wc.home[r] = home, wc.applied[r] = model::kNoHub, wc.status[r] = status, wc.employer[r] = model::kNoFirm,
    wc.skill[r] = skill, wc.age_months[r] = 30 * 12;
  return first;
}

std::size_t count(const model::World& w, WorkerStatus s) {
  std::size_t n = 0;
  for (std::size_t r = 0; r < w.workers.size(); ++r) n += w.workers.alive(r) && w.workers.columns().status[r] == s;
  return n;
}

double county_total(const io::RunData& run, const char* name, std::size_t step) {
  const auto* v = run.find(name);
  const auto* kind = run.find("hub_kind");
  double sum = 0;
  for (std::size_t h = 0; h < kind->values.size(); ++h)
    if (kind->values[h] != 3) sum += v->values[step * kind->values.size() + h];
  return sum;
}

}  // namespace

TEST_CASE("talent: a hub with no vacancies loses its graduates to the metros") {
  auto p = tiny();
  p.migration.patience_months = 3;
  p.migration.unmatched_leave_rate_per_month = 0.5;
  model::World w(p, year());
  people(w, 0, 200, model::Skill::graduate, WorkerStatus::seeking);
  for (int m = 0; m < 12; ++m) {
    model::job_search(w, at(m, "p8"));
    model::migration(w, at(m, "p11"));
  }
  CHECK(count(w, WorkerStatus::employed) == 0);
  CHECK(count(w, WorkerStatus::left_county) > 190);  // 1 - 0.5^9 of them
  CHECK(count(w, WorkerStatus::left_county) + count(w, WorkerStatus::seeking) == 200);
}

TEST_CASE("skills: firms turn down applicants whose skills are not enough") {
  auto p = tiny();
  p.skills.entry_accept = 0;
  p.skills.graduate_accept = 1;
  model::World w(p, year());
  const auto f = firm(w, 0, 0);
  w.firms.columns().vacancies[f] = 100;
  people(w, 0, 30, model::Skill::entry, WorkerStatus::seeking);
  people(w, 0, 20, model::Skill::graduate, WorkerStatus::seeking);
  w.hub_vacancies = {100, 0, 0, 0};
  model::job_search(w, at(0, "p8"));
  model::matching(w, at(0, "p9"));
  const auto& wc = w.workers.columns();
  for (std::size_t r = 0; r < 30; ++r) CHECK(wc.status[r] == WorkerStatus::seeking);
  for (std::size_t r = 30; r < 50; ++r) CHECK(wc.status[r] == WorkerStatus::employed);
}

TEST_CASE("anchors: posts local people cannot fill are filled from outside after the wait") {
  auto p = tiny();
  p.anchors = {model::AnchorParams{"NCF", "A", model::AnchorKind::employer, 0, 120, core::Month(2022, 1),
                                   core::Month(2022, 6), 2, 0.0, 2, 0, 0, 0, "any", 0, 0}};
  model::World w(p, year());
  model::populate(w, 1);
  REQUIRE(w.anchors[0].firm_row != model::kNoFirm);
  people(w, 0, 50, model::Skill::experienced, WorkerStatus::seeking);  // qualified, but never cleared (local_accept 0)
  for (int m = 0; m < 12; ++m) {
    const auto ctx = at(m, "p0");
    model::anchor_plans(w, ctx);
    model::firm_dynamics(w, ctx);
    model::job_search(w, ctx);
    model::matching(w, ctx);
    model::anchor_recruitment(w, ctx);
    model::bookkeeping(w, at(m, "bookkeeping"));
  }
  const auto& fc = w.firms.columns();
  const auto f = w.anchors[0].firm_row;
  CHECK(fc.employees[f] == 120);
  CHECK(w.metrics.at(model::Metric::anchor_local_hires, 11, 0) == 0);
  double in_migrants = 0;
  for (int m = 0; m < 12; ++m) in_migrants += static_cast<double>(w.metrics.at(model::Metric::in_migrants, static_cast<std::size_t>(m), 0));
  CHECK(in_migrants == 120);
  CHECK(count(w, WorkerStatus::seeking) == 50);
}

TEST_CASE("contracts: a buyer's spend goes mostly to near suppliers") {
  auto p = tiny();
  p.anchors = {model::AnchorParams{"Buyer", "A", model::AnchorKind::research, 0, 0, core::Month(2022, 1),
                                   core::Month(2022, 1), 0, 1, 6, 0, 10.0, 1.0, "any", 0, 0}};
  p.economy.other_sector_demand_m = 0;
  model::World w(p, year());
  const auto near = firm(w, 0, 10), far = firm(w, 1, 10);
  for (int m = 0; m < 24; ++m) {
    model::anchor_plans(w, at(m, "p2"));
    model::contracts(w, at(m, "p4"));
  }
  const auto& fc = w.firms.columns();
  // Decay exp(-20/30): the far firm gets about half of what the near one gets.
  CHECK(fc.contract_k[near] > 0);
  CHECK(fc.contract_k[far] / fc.contract_k[near] == doctest::Approx(std::exp(-20.0 / 30.0)).epsilon(0.01));
  // £10m a year (GBP 10,000 thousand) is shared by the two as revenue (after smoothing); both have
  // 10 staff, so only distance tells them apart.
  CHECK(fc.contract_k[near] + fc.contract_k[far] == doctest::Approx(10000).epsilon(0.02));
}

TEST_CASE("knowledge: an attractive partner teaches one capability and raises productivity") {
  auto p = tiny();
  p.knowledge.collaborations_per_firm_per_year = 12;  // searches every month
  p.knowledge.attractiveness_threshold = 0.4;
  model::World w(p, year());
  const auto learner = firm(w, 0, 5), teacher = firm(w, 0, 5);
  auto& fc = w.firms.columns();
  fc.kene[learner] = 0b0011;
  fc.kene[teacher] = 0b1101;  // overlap 1, attractiveness |xor| / (2 + 3) = 3/5
  w.hub_firms = {2, 0, 0, 0};
  w.hub_firm_rows = {{static_cast<std::uint32_t>(learner), static_cast<std::uint32_t>(teacher)}, {}, {}, {}};
  fc.partner[learner] = static_cast<std::uint32_t>(teacher);
  fc.partner[teacher] = model::kNoFirm;
  model::knowledge_exchange(w, at(0, "p6"));
  CHECK(std::popcount(fc.kene[learner]) == 3);
  CHECK((fc.kene[learner] & ~std::uint64_t{0b1111}) == 0);  // learned from the teacher's 0b1100
  // The gain is in log productivity, worn off later by firm_dynamics (test_firm_demography.cpp).
  CHECK(fc.know_gain[learner] == doctest::Approx(p.knowledge.productivity_gain));
  CHECK(fc.know_gain[teacher] == 0);
  CHECK(fc.kene[teacher] == 0b1101);
  CHECK(w.tally.get(model::Tally::collaborations, 0) == 1);
}

TEST_CASE("firms: 20% growth in a year in jobs and revenue makes a scale-up at the anniversary") {
  auto p = tiny();
  p.firms.closure_year1 = p.firms.closure_year2 = p.firms.closure_older = p.firms.exit_rate_per_year = 0;
  model::World w(p, year());
  const auto grower = firm(w, 0, 13, FirmStage::startup), flat = firm(w, 0, 13, FirmStage::startup);
  auto& fc = w.firms.columns();
  fc.staff_year_ago[grower] = fc.staff_year_ago[flat] = 10;
  fc.revenue_year_ago[grower] = fc.revenue_year_ago[flat] = 10 * 50;
  fc.employees[flat] = 11;
  fc.age_months[grower] = fc.age_months[flat] = 11;  // the next month is the first anniversary
  model::firm_dynamics(w, at(0, "p3"));
  CHECK(fc.stage[grower] == FirmStage::scaleup);
  CHECK(fc.new_scaleup[grower] == 1);
  CHECK(fc.stage[flat] == FirmStage::startup);
  CHECK(w.tally.get(model::Tally::scaleups_new, 0) == 1);
}

TEST_CASE("migration: leavers come back while the county has open posts") {
  auto p = tiny();
  p.migration.return_rate_per_year = 1.0;
  model::World w(p, year());
  people(w, 3, 100, model::Skill::graduate, WorkerStatus::left_county);
  w.hub_vacancies = {0, 0, 0, 0};
  w.hub_jobs = {100, 0, 0, 0};
  model::migration(w, at(0, "p11"));
  CHECK(count(w, WorkerStatus::seeking) == 0);  // no open posts, no return
  w.hub_vacancies = {10, 0, 0, 0};
  for (int m = 0; m < 24; ++m) model::migration(w, at(m, "p11"));
  CHECK(count(w, WorkerStatus::seeking) > 80);
  for (std::size_t r = 0; r < 100; ++r)
    if (w.workers.columns().status[r] == WorkerStatus::seeking) CHECK(w.workers.columns().home[r] == 0);
}

TEST_CASE("interventions: zero intensity changes nothing; full intensity changes the run") {
  const std::vector<std::string> two_years = {"run.end=2023-12"};
  auto run = [&](std::vector<std::string> sets) {
    sets.insert(sets.end(), two_years.begin(), two_years.end());
    app::Config c = engine::load_config(model::description(), std::nullopt, sets);
    return app::run_job(c, {});
  };
  const auto base = run({});
  const auto zero = run({"interventions.C.effect=9", "interventions.C.start=2022-01", "interventions.C.intensity=0"});
  const auto full = run({"interventions.C.effect=9", "interventions.C.start=2022-01", "interventions.C.intensity=1"});
  CHECK(base.find("employment")->values == zero.find("employment")->values);
  CHECK(base.find("employment")->values != full.find("employment")->values);
  CHECK(county_total(full, "employment", 23) > county_total(base, "employment", 23));
}

TEST_CASE("scenarios: the ladder is ordered, trend < NCF < supply chain < strategy, over replicates") {
  // Common seeds: the rungs share their draws wherever they share state, so the ordering is
  // judged on paired differences, seed by seed.
  const char* scenarios[] = {"1_trend", "2_ncf", "3_supply_chain", "4_strategy"};
  const int seeds[] = {1, 2, 3};
  double jobs[4][3];
  for (std::size_t s = 0; s < 4; ++s)
    for (std::size_t k = 0; k < 3; ++k) {
      app::Config c = engine::load_config(model::description(), std::string(HUBSIM_SOURCE_DIR) + "/configs/scenarios/" + scenarios[s] + ".yaml",
                                          {"run.seed=" + std::to_string(seeds[k])});
      const auto out = app::run_job(c, {});
      jobs[s][k] = county_total(out, "employment", out.months.size() - 1);
    }
  for (std::size_t s = 1; s < 4; ++s) {
    double added = 0;
    for (std::size_t k = 0; k < 3; ++k) added += (jobs[s][k] - jobs[s - 1][k]) / 3;
    INFO(scenarios[s], " adds ", added, " jobs in 2035 over ", scenarios[s - 1]);
    CHECK(added > 0);
  }
  // The NCF's own 2,000 posts: most are filled, locally or from outside, in every seed.
  for (std::size_t k = 0; k < 3; ++k) CHECK(jobs[1][k] - jobs[0][k] > 1000);
  for (std::size_t k = 0; k < 3; ++k) CHECK(jobs[0][k] > 15000);
}
