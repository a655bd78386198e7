// Common random numbers: a random stream belongs to (seed, month, phase name, who draws), so a
// change to one part of a scenario leaves every draw of everything else as it was.
#include <doctest/doctest.h>

#include <cstring>
#include <map>

#include "models/lancashire/model.hpp"
#include "models/lancashire/phases.hpp"
#include "models/lancashire/world.hpp"
#include "sim/app/live_run.hpp"
#include "sim/engine/simulation.hpp"
#include "tests/models/same_results.hpp"

using namespace hubsim;

namespace {

engine::Config short_config(const std::vector<std::string>& sets = {}) {
  std::vector<std::string> all{"run.end=2024-12"};
  all.insert(all.end(), sets.begin(), sets.end());
  return engine::load_config(model::description(), std::nullopt, all);
}

/// Steps a model's world with its own scheduler (optionally with an extra phase), all months.
io::RunData run_world(const engine::Config& c, const std::string& extra_before = "",
                      const core::Scheduler::PhaseFn& extra = {}) {
  model::LancashireModel m(c.as<model::Params>(), c.run);
  core::Scheduler s(static_cast<std::uint64_t>(c.run.seed));
  m.schedule(s);
  if (extra) s.insert_phase(extra_before, "noise", extra);
  for (int step = 0; step < c.run.steps(); ++step) s.run_step(static_cast<std::uint32_t>(step), c.run.start + step);
  return m.results();
}

/// `run` up to (not including) month `months`: time series cut, events of later months dropped.
io::RunData before(const io::RunData& run, int months) {
  io::RunData out = app::first_months(run, months);
  const io::Variable* time = run.find("event_time");
  REQUIRE(time != nullptr);
  const double cutoff_days = static_cast<double>(core::days_since_epoch(run.months[static_cast<std::size_t>(months)]) -
                                                 core::days_since_epoch(run.months.front()));
  std::vector<bool> keep;
  for (double t : time->values) keep.push_back(t < cutoff_days);
  // graduate_destination is by cohort, not time: keep only the cohorts seen 24 months on before
  // the cutoff (graduating by July two years before it); later cells are filled after it.
  const int cutoff_year = run.months[static_cast<std::size_t>(months)].year();
  for (auto& v : out.variables) {
    if (v.name != "graduate_destination") continue;
    const auto* cohorts = run.find_dimension("cohort");
    REQUIRE(cohorts != nullptr);
    const std::size_t per_cohort = v.values.size() / cohorts->size();
    for (std::size_t c = 0; c < cohorts->size(); ++c)
      if (cohorts->values[c] + 2 >= cutoff_year)
        for (std::size_t i = c * per_cohort; i < (c + 1) * per_cohort; ++i) v.values[i] = 0;
  }
  // Firm cohorts and yearly scale-up counts: keep what was observed before the cutoff year (a
  // cohort's k-th anniversaries all fall in its launch year + k).
  for (auto& v : out.variables) {
    if (v.name == "firm_cohort_alive") {
      const auto* years = run.find_dimension("launch_year");
      REQUIRE(years != nullptr);
      const std::size_t k_max = v.values.size() / years->size();
      for (std::size_t y = 0; y < years->size(); ++y)
        for (std::size_t k = 1; k <= k_max; ++k)
          if (years->values[y] + static_cast<double>(k) >= cutoff_year) v.values[y * k_max + k - 1] = 0;
    } else if (v.name == "scaleups_oecd" || v.name == "firm_cohort_launched") {
      const auto* years = run.find_dimension(v.dims.front());
      REQUIRE(years != nullptr);
      for (std::size_t y = 0; y < years->size(); ++y)
        if (years->values[y] >= cutoff_year) v.values[y] = 0;
    }
  }
  for (auto& v : out.variables) {
    if (v.dims != std::vector<std::string>{"event"}) continue;
    std::vector<double> kept;
    for (std::size_t i = 0; i < v.values.size(); ++i)
      if (keep[i]) kept.push_back(v.values[i]);
    v.values = std::move(kept);
  }
  return out;
}

}  // namespace

TEST_CASE("crn: a phase that draws numbers, inserted anywhere, changes no other phase's draws") {
  const engine::Config c = short_config();
  const io::RunData plain = run_world(c);
  // The noise phase draws from every stream a real phase uses (each worker, firm, hub, anchor)
  // and changes nothing; streams are keyed by phase name, so nobody else's draws move.
  model::LancashireModel probe(c.as<model::Params>(), c.run);
  double sink = 0;
  auto noise = [&](const core::PhaseContext& ctx) {
    for (std::uint32_t h = 0; h < 10; ++h) sink += ctx.rng(model::hub_identity(h)).uniform();
    for (std::uint32_t a = 0; a < 10; ++a) sink += ctx.rng(model::anchor_identity(a)).normal();
    for (std::uint64_t k = 0; k < 5000; ++k)
      sink += ctx.rng(model::identity(model::Who::initial_employee, static_cast<std::uint32_t>(k % 7), core::kBornAtStart,
                                      static_cast<std::uint32_t>(k)))
                  .uniform();
  };
  for (const char* where : {"talent_entry", "matching", "bookkeeping"}) {
    CAPTURE(where);
    testing::check_same_results(plain, run_world(c, where, noise));
  }
  CHECK(sink > 0);  // the noise really drew
}

TEST_CASE("crn: a phase's draws depend on its name, not its position") {
  const core::PhaseContext a{7, 3, core::stream_key("matching"), core::Month(2022, 4)};
  const core::PhaseContext b{7, 3, core::stream_key("migration"), core::Month(2022, 4)};
  const auto who = model::identity(model::Who::graduate, 2, 5, 17);
  CHECK(a.rng(who).next_u64() != b.rng(who).next_u64());
  CHECK(a.rng(who).next_u64() == core::PhaseContext{7, 3, core::stream_key("matching"), core::Month(2022, 4)}.rng(who).next_u64());
}

TEST_CASE("crn: adding one firm at one hub changes no draw and no outcome of any other agent that month") {
  const engine::Config c = short_config();
  const auto& p = c.as<model::Params>();
  model::World with(p, c.run), without(p, c.run);
  model::populate(with, static_cast<std::uint64_t>(c.run.seed));
  model::populate(without, static_cast<std::uint64_t>(c.run.seed));
  // The extra firm is added first, at the front of hub 1's rows: every later row moves by one.
  auto& fc = with.firms.columns();
  const std::size_t extra = with.firms.add(model::identity(model::Who::born_firm, 1, 0, 999));
  fc.hub[extra] = 1, fc.stage[extra] = model::FirmStage::startup, fc.demand[extra] = 3, fc.employees[extra] = 3;
  fc.anchor[extra] = model::kNoAnchor, fc.partner[extra] = model::kNoFirm, fc.productivity_k[extra] = 40;
  // Firms interact through their sector's market and their hub's mean productivity: the extra
  // firm is given no sales and the hub's mean efficiency, so that only its draws could matter.
  double efficiency = 0, n = 0;
  for (std::size_t r = 0; r < without.firms.size(); ++r)
    if (without.firms.columns().hub[r] == 1 && without.firms.columns().stage[r] != model::FirmStage::anchor)
      efficiency += without.firms.columns().efficiency[r], n += 1;
  fc.efficiency[extra] = static_cast<float>(efficiency / n);
  fc.sales_k[extra] = 0, fc.growth_factor[extra] = 1;
  const core::PhaseContext ctx{static_cast<std::uint64_t>(c.run.seed), 0, core::stream_key("firm_dynamics"), c.run.start};
  model::firm_dynamics(with, ctx);
  model::firm_dynamics(without, ctx);
  // Firms are matched by identity: the same firm has the same fate, stage and vacancies, and the
  // same demand up to the rounding of a mean that now has one more term.
  std::map<core::Identity, std::size_t> row_of;
  for (std::size_t r = 0; r < with.firms.size(); ++r) row_of[with.firms.identity(r)] = r;
  const auto& a = without.firms.columns();
  std::size_t compared = 0, closed = 0;
  for (std::size_t r = 0; r < without.firms.size(); ++r) {
    const std::size_t s = row_of.at(without.firms.identity(r));
    CAPTURE(r);
    CHECK(without.firms.alive(r) == with.firms.alive(s));
    CHECK(a.demand[r] == doctest::Approx(fc.demand[s]).epsilon(1e-5));
    CHECK(a.vacancies[r] == fc.vacancies[s]);
    CHECK(a.stage[r] == fc.stage[s]);
    closed += !without.firms.alive(r);
    ++compared;
  }
  CHECK(compared > 1000);
  CHECK(closed > 0);  // the month had real draws: some firms closed
  // Workers keep their identities too: the first worker of every hub is the same person.
  for (std::size_t r = 0; r < without.workers.size(); ++r) REQUIRE(without.workers.identity(r) == with.workers.identity(r));
}

TEST_CASE("crn: a scenario that differs only from 2030 on is identical to the baseline up to 2029-12") {
  const std::vector<std::string> base{"run.end=2031-12"};
  // An intervention starting in 2030, and the NCF's posts growing only from 2030: neither may
  // touch anything before (angel networks used to be created at the start, anchor rows to
  // shift every later firm's id).
  const std::vector<std::vector<std::string>> variants{
      {"interventions.F.start=2030-01", "interventions.F.intensity=1", "interventions.F.effect=10"},
      {"anchors.National Cyber Force.posts_target=2000", "anchors.National Cyber Force.posts_from=2030-01",
       "anchors.National Cyber Force.posts_by=2031-12"},
  };
  auto run = [](std::vector<std::string> sets) {
    engine::Simulation sim(engine::load_config(model::description(), std::nullopt, sets), 0);
    sim.run_until(sim.total(), [](int) {});
    return sim.results();
  };
  const io::RunData baseline = run(base);
  const int months_before_2030 = core::Month(2030, 1) - core::Month(2022, 1);
  for (const auto& v : variants) {
    std::vector<std::string> sets = base;
    sets.insert(sets.end(), v.begin(), v.end());
    CAPTURE(v.front());
    const io::RunData variant = run(sets);
    io::RunData a = before(baseline, months_before_2030), b = before(variant, months_before_2030);
    a.text_attributes.clear(), b.text_attributes.clear();  // the configs differ, by design
    testing::check_same_results(a, b);
    // ... and the variant does differ afterwards.
    const auto* ea = baseline.find("employment");
    const auto* eb = variant.find("employment");
    CHECK(std::memcmp(ea->values.data(), eb->values.data(), ea->values.size() * sizeof(double)) != 0);
  }
}

TEST_CASE("dated changes: a change at month m gives the same run as the same change made live at m") {
  engine::Config c = short_config();
  const std::string change = "labour.commute_minutes=5";
  engine::Config dated = c;
  dated.run.changes.push_back({core::Month(2023, 3), change});
  engine::Simulation batch(dated, 0);
  batch.run_until(batch.total(), [](int) {});
  engine::Simulation live(c, 0);
  live.run_until(core::Month(2023, 3) - c.run.start, [](int) {});
  live.change(change);
  live.run_until(live.total(), [](int) {});
  testing::check_same_results(batch.results(), live.results());
  engine::Simulation unchanged(c, 0);
  unchanged.run_until(unchanged.total(), [](int) {});
  const io::RunData changed_run = batch.results(), unchanged_run = unchanged.results();
  const auto* a = changed_run.find("hires");
  const auto* b = unchanged_run.find("hires");
  CHECK(std::memcmp(a->values.data(), b->values.data(), a->values.size() * sizeof(double)) != 0);
}

TEST_CASE("dated changes: the commute limit reaches job search from its month (seekers' weights are rebuilt)") {
  engine::Config c = short_config();
  model::LancashireModel m(c.as<model::Params>(), c.run);
  const auto& w = m.world();
  const std::size_t n = w.graph.size();
  auto reachable = [&] {
    std::size_t k = 0;
    for (std::size_t i = 0; i < n * n; ++i) k += w.search_weight[i] > 0;
    return k;
  };
  const std::size_t before_change = reachable();
  model::Params shorter = c.as<model::Params>();
  shorter.labour.commute_minutes = 5;
  m.replace_params(shorter);
  CHECK(reachable() < before_change);
  CHECK(reachable() == w.county_hubs.size());  // only one's own hub within 5 minutes
}

TEST_CASE("dated changes: intervention F set live brings angel networks from that month") {
  engine::Config c = short_config({"interventions.F.start=2022-01", "interventions.F.effect=10", "interventions.F.ramp_months=0"});
  auto networks = [](const engine::Simulation& sim) {
    const auto& w = dynamic_cast<const model::LancashireModel&>(sim.world()).world();
    std::size_t k = 0;
    for (std::size_t r = 0; r < w.investors.size(); ++r) k += w.investors.columns().kind[r] == model::InvestorKind::angel_network;
    return k;
  };
  engine::Simulation sim(c, 0);
  sim.run_until(6, [](int) {});
  CHECK(networks(sim) == 0);  // intensity 0 in the built-in config
  sim.change("interventions.F.intensity=1");
  sim.run_until(7, [](int) {});
  CHECK(networks(sim) == 10);
}
