// app::LiveRun, the engine behind hubsim-view --live: stepping, mid-run changes, and that an
// unchanged live run equals a batch run exactly.
#include <doctest/doctest.h>

#include <chrono>
#include <cstring>
#include <thread>

#include "models/lancashire/model.hpp"
#include "models/lancashire/params.hpp"
#include "sim/app/live_run.hpp"
#include "sim/app/run_job.hpp"
#include "sim/engine/config.hpp"
#include "sim/io/config_error.hpp"
#include "viz/live_session.hpp"

using namespace hubsim;

namespace {

// One year, a fifth of the population: quick, and enough months for a change to show.
app::Config short_config() {
  return engine::load_config(model::description(), std::nullopt, {"run.end=2022-12", "population.scale=0.2"});
}

const io::Variable& var(const io::RunData& run, const std::string& name) {
  const io::Variable* v = run.find(name);
  REQUIRE(v != nullptr);
  return *v;
}

// Values of a (time, ...) variable for months [from, to).
std::vector<double> months_of(const io::RunData& run, const std::string& name, int from, int to) {
  const auto& v = var(run, name);
  const std::size_t per = v.values.size() / run.months.size();
  return {v.values.begin() + static_cast<std::ptrdiff_t>(from * per), v.values.begin() + static_cast<std::ptrdiff_t>(to * per)};
}

io::RunData run_live(app::LiveRun& live) {
  while (live.step()) {}
  return *live.snapshot().data;
}

}  // namespace

TEST_CASE("live run: steps month by month and publishes the months so far") {
  app::LiveRun live(short_config());
  CHECK(live.total() == 12);
  CHECK(live.snapshot().data == nullptr);
  CHECK(live.step());
  CHECK(live.step());
  const auto snap = live.snapshot();
  CHECK(snap.done == 2);
  REQUIRE(snap.data);
  CHECK(snap.data->months.size() == 2);
  CHECK(var(*snap.data, "employment").values.size() == 2 * 9);
  CHECK(var(*snap.data, "hub_lat").values.size() == 9);  // not over time: whole
}

TEST_CASE("live run: with no change it is exactly the batch run") {
  app::Config config = short_config();
  const io::RunData batch = app::run_job(config, {});
  app::LiveRun live(short_config());
  const io::RunData streamed = run_live(live);
  CHECK(streamed.months == batch.months);
  REQUIRE(streamed.variables.size() == batch.variables.size());
  for (std::size_t i = 0; i < batch.variables.size(); ++i) {
    INFO(batch.variables[i].name);
    CHECK(streamed.variables[i].name == batch.variables[i].name);
    CHECK(streamed.variables[i].dims == batch.variables[i].dims);
    const auto& x = streamed.variables[i].values;
    const auto& y = batch.variables[i].values;
    REQUIRE(x.size() == y.size());
    CHECK(std::memcmp(x.data(), y.data(), x.size() * sizeof(double)) == 0);  // bit for bit (NaN too)
  }
}

TEST_CASE("live run: a change mid-run alters later months only; the baseline is untouched") {
  app::LiveRun changed(short_config()), baseline(short_config());
  for (int m = 0; m < 6; ++m) changed.step(), baseline.step();
  changed.set("firms.birth_rate_per_year=1.5");
  changed.set("talent.reskilled_per_year=20000");
  CHECK_THROWS(changed.set("no.such_key=1"));
  CHECK_THROWS(changed.set("labour.commute_minutes=-5"));
  const io::RunData a = run_live(baseline), b = run_live(changed);
  CHECK(months_of(a, "employment", 0, 6) == months_of(b, "employment", 0, 6));
  CHECK(months_of(a, "firms", 0, 6) == months_of(b, "firms", 0, 6));
  CHECK(months_of(a, "firm_births", 6, 12) != months_of(b, "firm_births", 6, 12));
  REQUIRE(changed.applied().size() == 2);
  CHECK(changed.applied()[0] == "2022-07 firms.birth_rate_per_year=1.5");
  app::Config fresh = short_config();
  const io::RunData batch = app::run_job(fresh, {});
  CHECK(var(a, "employment").values == var(batch, "employment").values);
}

TEST_CASE("live run: a parameter read only at the start cannot change mid-run") {
  app::LiveRun live(short_config());
  live.step();
  for (const std::string change : {"population.scale=0.5", "hubs.Preston.lat=53.8", "run.seed=3"}) {
    CAPTURE(change);
    try {
      live.set(change);
      FAIL("set accepted " << change);
    } catch (const io::ConfigError& e) {
      CHECK(std::string(e.what()).find("cannot change during a run") != std::string::npos);
      CHECK(e.key_path() == change.substr(0, change.find('=')));
    }
  }
  CHECK_THROWS_AS(live.set("labour.commute_minutes=-5"), io::ConfigError);
  CHECK_THROWS_AS(live.set("no.such_key=1"), io::ConfigError);
  // Nothing refused was queued or recorded; a parameter that may change still can.
  CHECK_NOTHROW(live.set("labour.commute_minutes=60"));
  live.step();
  REQUIRE(live.applied().size() == 1);
  CHECK(live.applied()[0] == "2022-02 labour.commute_minutes=60");
  REQUIRE(live.recorded_config().run.changes.size() == 1);
  CHECK(live.recorded_config().run.changes[0].set == "labour.commute_minutes=60");
}

TEST_CASE("live run: changes are recorded in the run's schedule, and the schedule reproduces the session") {
  app::LiveRun live(short_config());
  for (int m = 0; m < 3; ++m) live.step();
  live.set("firms.birth_rate_per_year=1.5");
  live.step();
  live.step();
  live.set("talent.reskilled_per_year=20000");
  live.set("labour.commute_minutes=60");
  CHECK(live.recorded_config().run.changes.size() == 1);  // queued changes are recorded when applied
  const io::RunData streamed = run_live(live);

  const app::Config& recorded = live.recorded_config();
  REQUIRE(recorded.run.changes.size() == 3);
  CHECK(recorded.run.changes[0].month == core::Month(2022, 4));
  CHECK(recorded.run.changes[0].set == "firms.birth_rate_per_year=1.5");
  CHECK(recorded.run.changes[1].month == core::Month(2022, 6));
  CHECK(recorded.run.changes[1].set == "talent.reskilled_per_year=20000");
  CHECK(recorded.run.changes[2].month == core::Month(2022, 6));
  CHECK(recorded.run.changes[2].set == "labour.commute_minutes=60");
  CHECK(live.initial_config().run.changes.empty());
  // The config it started from is unchanged; the schedule says what held when.
  const auto& start = recorded.as<model::Params>();
  CHECK(start.labour.commute_minutes == live.initial_config().as<model::Params>().labour.commute_minutes);
  CHECK(engine::config_at(recorded, core::Month(2022, 6)).as<model::Params>().labour.commute_minutes == 60.0);
  CHECK_NOTHROW(engine::check_changes(recorded, "recorded"));

  // A batch run of the recorded config (what `hubsim run` does with the session's run file) is
  // the live session, bit for bit; and it differs from the run without the changes.
  const io::RunData batch = app::run_job(recorded, {});
  REQUIRE(streamed.variables.size() == batch.variables.size());
  for (std::size_t i = 0; i < batch.variables.size(); ++i) {
    INFO(batch.variables[i].name);
    const auto& x = streamed.variables[i].values;
    const auto& y = batch.variables[i].values;
    REQUIRE(x.size() == y.size());
    CHECK(std::memcmp(x.data(), y.data(), x.size() * sizeof(double)) == 0);
  }
  const io::RunData plain = app::run_job(short_config(), {});
  CHECK(months_of(plain, "firm_births", 0, 3) == months_of(batch, "firm_births", 0, 3));
  CHECK(months_of(plain, "firm_births", 3, 12) != months_of(batch, "firm_births", 3, 12));
}

TEST_CASE("live run: the background thread simulates up to the target and stops cleanly") {
  app::LiveRun live(short_config());
  live.start();
  live.run_until(4);
  for (int i = 0; i < 2000 && live.snapshot().done < 4; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  CHECK(live.snapshot().done == 4);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  CHECK(live.done() == 4);  // no further than asked
  live.run_until(100);      // clamped to the period
  for (int i = 0; i < 2000 && live.snapshot().done < 12; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  CHECK(live.snapshot().done == 12);
  CHECK(live.error().empty());
  live.stop();
}

TEST_CASE("live session: sliders for the parameters the config has, with their current values") {
  app::Config config = short_config();
  CHECK(viz::parameter_value(config, "labour.commute_minutes") ==
        doctest::Approx(config.as<model::Params>().labour.commute_minutes));
  CHECK_FALSE(viz::parameter_value(config, "labour.nothing").has_value());
  const auto params = viz::live_params(config);
  REQUIRE(params.size() >= 4);
  CHECK(params[0].key == "labour.commute_minutes");
  for (const auto& p : params) CHECK(app::LiveRun::accepts(config, p.key + "=1"));
}
