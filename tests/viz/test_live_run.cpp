// app::LiveRun, the engine behind hubsim-view --live: stepping, mid-run changes, and that an
// unchanged live run equals a batch run exactly.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <thread>

#include "apps/hubsim_view_sliders.hpp"
#include "models/lancashire/model.hpp"
#include "models/lancashire/params.hpp"
#include "sim/app/live_run.hpp"
#include "sim/app/run_job.hpp"
#include "sim/engine/config.hpp"
#include "sim/io/config_error.hpp"
#include "sim/io/run_file.hpp"
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

TEST_CASE("live session: sliders generated from the description, only for parameters that can change") {
  app::Config config = short_config();
  CHECK(viz::parameter_value(config, "labour.commute_minutes") ==
        doctest::Approx(config.as<model::Params>().labour.commute_minutes));
  CHECK_FALSE(viz::parameter_value(config, "labour.nothing").has_value());
  const auto params = viz::live_params(config);
  REQUIRE(params.size() >= 40);
  auto find = [&](const std::string& key) {
    return std::find_if(params.begin(), params.end(), [&](const viz::LiveParam& p) { return p.key == key; });
  };
  // Generated, not listed: the commute, bootcamps, a hub's incubation space, every intervention.
  const auto commute = find("labour.commute_minutes");
  REQUIRE(commute != params.end());
  CHECK(commute->label == "Longest one-way commute a job seeker accepts");
  CHECK(commute->unit == "minutes");
  CHECK(commute->value == doctest::Approx(45));
  CHECK(commute->lo <= 45);
  CHECK(commute->hi >= 45);
  CHECK(find("talent.reskilled_per_year") != params.end());
  CHECK(find("hubs.Preston.incubation_space") != params.end());
  for (char c = 'A'; c <= 'N'; ++c) CHECK(find(std::string("interventions.") + c + ".intensity") != params.end());
  CHECK(find("interventions.F.intensity")->label == "F. Regional angel networks: Intensity");
  // Never what is read only when the world is built, nor what the description says has no effect.
  CHECK(find("population.scale") == params.end());
  CHECK(find("hubs.Preston.lat") == params.end());
  CHECK(find("interventions.A.budget_m") == params.end());
  CHECK(find("hubs.Preston.earnings_index") == params.end());
  for (const auto& p : params) {
    CAPTURE(p.key);
    CHECK(app::LiveRun::accepts(config, viz::assignment(p, p.value)));
    CHECK(p.lo <= p.value);
    CHECK(p.value <= p.hi);
    CHECK_FALSE(p.label.empty());
  }
}

TEST_CASE("live session: sliders sit under the groups the composition root gives, in its order") {
  app::Config config = short_config();
  const viz::SliderGroups groups{{"skills", "the rest"}, [](const std::string& key) -> std::string {
                                   if (key.rfind("labour.", 0) == 0 || key.rfind("talent.", 0) == 0) return "skills";
                                   if (key.rfind("investment.", 0) == 0) return "the rest";
                                   return "";
                                 }};
  const auto params = viz::live_params(config, groups);
  REQUIRE(!params.empty());
  CHECK(params.front().group == "skills");
  CHECK(params.back().group == "the rest");
  bool seen_rest = false;
  for (const auto& p : params) {
    CHECK((p.group == "skills" || p.group == "the rest"));
    if (p.group == "the rest") seen_rest = true;
    if (seen_rest) CHECK(p.group == "the rest");  // grouped: no skills slider after the first of the rest
  }
}

TEST_CASE("live session: a change described in words for its caption") {
  viz::LiveParam p;
  p.label = "Adults starting bootcamps and re-skilling";
  p.unit = "people/year";
  CHECK(viz::describe_change(p, 600, 1200) == "Adults starting bootcamps and re-skilling doubled (600 to 1,200 people/year)");
  CHECK(viz::describe_change(p, 600, 300) == "Adults starting bootcamps and re-skilling halved (600 to 300 people/year)");
  CHECK(viz::describe_change(p, 600, 700) == "Adults starting bootcamps and re-skilling raised from 600 to 700 people/year");
  CHECK(viz::describe_change(p, 600, 0) == "Adults starting bootcamps and re-skilling switched off (600 to 0 people/year)");
  app::Config config = short_config();
  config.run.changes.push_back({core::Month(2022, 4), "talent.reskilled_per_year=1200"});
  const auto markers = viz::change_markers(config, config.run.start);
  REQUIRE(markers.size() == 1);
  CHECK(markers[0].month == 3);
  CHECK(markers[0].caption ==
        "from April 2022: Adults starting bootcamps and re-skilling doubled (600 to 1,200 people/year)");
}

TEST_CASE("live session: hubsim-view's sliders fill its five groups, in order") {
  app::Config config =
      engine::load_config(model::description(), std::string(HUBSIM_SOURCE_DIR "/configs/scenarios/4_strategy.yaml"), {});
  const auto params = viz::live_params(config, apps::slider_groups());
  const std::vector<std::string> order = apps::slider_groups().order;
  std::vector<int> count(order.size());
  std::size_t at = 0;
  for (const auto& p : params) {
    while (at < order.size() && order[at] != p.group) ++at;
    REQUIRE(at < order.size());  // every slider in one of the five, and the groups in order
    ++count[at];
  }
  std::string summary;
  for (std::size_t g = 0; g < order.size(); ++g) {
    CAPTURE(order[g]);
    CHECK(count[g] > 0);
    summary += order[g] + " " + std::to_string(count[g]) + ", ";
  }
  MESSAGE(params.size() << " sliders: " << summary);
  const auto has = [&](const std::string& key, const std::string& group) {
    return std::any_of(params.begin(), params.end(), [&](const viz::LiveParam& p) { return p.key == key && p.group == group; });
  };
  CHECK(has("labour.commute_minutes", "skills and talent"));
  CHECK(has("interventions.J.intensity", "skills and talent"));
  CHECK(has("interventions.F.intensity", "investment"));
  CHECK(has("hubs.Preston.incubation_space", "hubs and space"));
  CHECK(has("anchors.National Cyber Force.posts_target", "the NCF"));
  CHECK_FALSE(has("anchors.BAE Systems.posts_target", ""));
}

namespace {

// Values the slider can reach on either side of the current one (where there is room): twice the
// value (or the top of its range), half of it, and the bottom of its range.
std::vector<double> moves(const viz::LiveParam& p) {
  std::vector<double> out;
  for (double v : {std::min(p.hi, p.value != 0 ? 2 * p.value : p.hi), std::max(p.lo, p.value / 2), p.lo}) {
    if (p.integer) v = std::round(v);
    if (v != p.value && v >= p.lo && v <= p.hi && std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
  }
  return out;
}

io::RunData without_timing(io::RunData run) {
  app::drop_timing_attributes(run);
  return run;
}

}  // namespace

// The acceptance test of the sliders (issue 16): for every slider hubsim-view offers on the
// strategy scenario, moving it live at month m gives exactly the run file of a batch run with
// `--change m:key=value`, and (in at least one direction) outcomes that differ from the run
// without the change.
TEST_CASE("live session: every slider acts from the month it moves, exactly as --change") {
  const std::string scenario = HUBSIM_SOURCE_DIR "/configs/scenarios/4_strategy.yaml";
  const std::vector<std::string> sets = {"population.scale=0.2"};
  app::Config config = engine::load_config(model::description(), scenario, sets);
  const auto params = viz::live_params(config, apps::slider_groups());
  REQUIRE(params.size() >= 40);
  const io::RunData plain = without_timing(app::run_job(config, {}));
  const std::string plain_bytes = io::run_file_image(plain);
  const int m = 24;  // 2024-01: most interventions are ramping up, and twelve years follow
  const core::Month month = config.run.start + m;
  std::vector<std::string> idle;
  for (const viz::LiveParam& p : params) {
    bool acts = false;
    for (const double v : moves(p)) {
      const std::string change = viz::assignment(p, v);
      CAPTURE(change);
      app::LiveRun live(config, 1);
      for (int k = 0; k < m; ++k) live.step();
      live.set(change);
      while (live.step()) {
      }
      const io::RunData streamed = without_timing(*live.snapshot().data);
      const io::RunData batch = without_timing(
          app::run_job(engine::load_config(model::description(), scenario, sets, {month.iso() + ":" + change}), {}));
      CHECK(io::run_file_image(streamed) == io::run_file_image(batch));  // byte for byte, schedule included
      io::RunData outcomes = batch;  // the outcomes, not only the recorded schedule, differ
      outcomes.text_attributes = plain.text_attributes;
      if (io::run_file_image(outcomes) != plain_bytes) acts = true;
      if (acts) break;
    }
    if (!acts) idle.push_back(p.key);
  }
  std::string list;
  for (const auto& k : idle) list += k + " ";
  INFO("sliders that changed nothing: " << list);
  CHECK(idle.empty());
}
