// Sweep definitions: parsing, errors with file:line:col, plans (values, seeds, run ids), outcomes.
#include <doctest/doctest.h>

#include <cmath>
#include <set>

#include "sim/batch/experiment.hpp"
#include "sim/batch/outcome.hpp"
#include "sim/batch/plan.hpp"
#include "sim/io/config_error.hpp"
#include "tests/sim/batch/experiment_error.hpp"

using namespace hubsim;
using namespace hubsim::batch;
using hubsim::batch::test::error_of;

namespace {

const char* kGrid = R"(name: demo
base: scenario.yaml
set:
  run.end: 2023-12
parameters:
  - key: labour.commute_minutes
    values: [30, 45, 60]
  - key: economy.market_growth_per_year
    range: [0.0, 0.08]
    levels: 2
design: {kind: grid}
replicates: 2
seed: 5
outcomes:
  - {name: jobs, variable: employment, hub: county, when: 2023-12}
  - {name: leavers_2023, variable: leavers, when: "2023", stat: sum}
)";

}  // namespace

TEST_CASE("experiment: a grid with lists and ranges expands to points x replicates") {
  const Experiment e = parse_experiment(kGrid, "dir/demo.yaml");
  CHECK(e.name == "demo");
  CHECK(e.resolve(*e.base) == std::filesystem::path("dir/scenario.yaml"));
  CHECK(e.sets == std::vector<std::string>{"run.end=2023-12"});
  REQUIRE(e.outcomes.size() == 2);
  CHECK(e.outcomes[1].stat == OutcomeSpec::Stat::sum);
  CHECK(e.outcomes[1].when.kind == Window::Kind::year);

  const Plan plan = make_plan(e);
  REQUIRE(plan.points() == 6);
  CHECK(plan.runs() == 12);
  CHECK(plan.values[0] == std::vector<std::string>{"30", "0.0"});
  CHECK(plan.values[1] == std::vector<std::string>{"30", "0.08"});
  CHECK(plan.values[5] == std::vector<std::string>{"60", "0.08"});
  CHECK(plan.run_id(11) == "0005_01");
  CHECK(plan.point_of(11) == 5);
  CHECK(plan.replicate_of(11) == 1);
  // Common random numbers: replicate r has one seed at every point; replicate 0 is the base seed.
  CHECK(plan.seed(0) == 5);
  CHECK(plan.seed(2) == 5);
  CHECK(plan.seed(1) == plan.seed(3));
  CHECK(plan.seed(1) != 5);
  CHECK(plan.seed(1) < (std::int64_t{1} << 53));
}

TEST_CASE("experiment: independent seeds differ across points; log-uniform and integer ranges") {
  const Experiment e = parse_experiment(R"(
parameters:
  - {key: a.b, range: [1, 100], distribution: log_uniform}
  - {key: hubs.Preston.incubation_space, range: [10, 90], integer: true}
design: {kind: lhs, samples: 20, seed: 3}
seeds: independent
outcomes: [{name: x, variable: employment}]
)", "e.yaml");
  const Plan plan = make_plan(e);
  REQUIRE(plan.runs() == 20);
  std::set<std::int64_t> seeds;
  for (std::size_t r = 0; r < plan.runs(); ++r) seeds.insert(plan.seed(r));
  CHECK(seeds.size() == 20);
  CHECK(std::stod(parameter_value(e.parameters[0], 0.5)) == doctest::Approx(10));
  CHECK(parameter_value(e.parameters[1], 0.5) == "50");
  CHECK(parameter_value(e.parameters[1], 0.01) == "11");
}

TEST_CASE("experiment: errors name file, line, column and key") {
  CHECK(error_of("design: {kind: grid}\noutcomes: [{name: x, variable: y}]\nfoo: 1\n") ==
        "exp.yaml:3:1: foo: unknown key (expected one of: name, description, base, set, parameters, design, "
        "replicates, seed, seeds, outcomes, targets)");
  CHECK(error_of("design: {kind: sobol}\noutcomes: [{name: x, variable: y}]\n") ==
        "exp.yaml:1:16: design.kind: expected grid, lhs, saltelli, morris, points or posterior, got \"sobol\"");
  CHECK(error_of("parameters:\n  - {key: a, range: [2, 1]}\ndesign: {kind: grid}\noutcomes: [{name: x, variable: y}]\n") ==
        "exp.yaml:2:21: parameters[0].range: expected min < max");
  CHECK(error_of("design: {kind: morris, trajectories: 3, levels: 3}\nparameters: [{key: a, range: [0, 1]}]\n"
                 "outcomes: [{name: x, variable: y}]\n").find("exp.yaml:1:49: design.levels: morris needs an even") == 0);
  CHECK(error_of("design: {kind: grid}\noutcomes: [{name: x, variable: y, when: 2035-13}]\n") ==
        "exp.yaml:2:41: outcomes[0].when: expected a month as YYYY-MM (or a year \"2035\", a period A..B, last), got \"2035-13\"");
  CHECK(error_of("design: {kind: grid}\n").find("outcomes: expected a non-empty list") != std::string::npos);
  CHECK(error_of("design: [").find("exp.yaml:1:") == 0);
}

namespace {

io::RunData tiny_run() {
  io::RunData run;
  run.months = {core::Month(2023, 11), core::Month(2023, 12)};
  run.dimensions.push_back({"hub", "", "", {"A", "B", "Metro"}, {}});
  run.dimensions.push_back({"sector", "", "", {"s1", "s2"}, {}});
  // Groups the run declares (a model's region and roles): outcomes select them by name.
  run.text_attributes["hub_groups"] = "county:A,B;spoke:A;external_metro:Metro";
  run.variables.push_back({"employment", "", "", {"time", "hub"}, {1, 2, 0, 10, 20, 5}, true});
  run.variables.push_back({"by_sector", "", "", {"time", "hub", "sector"}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, true});
  return run;
}

OutcomeSpec spec(const std::string& yaml) {
  return parse_experiment("design: {kind: grid}\noutcomes: [" + yaml + "]\n", "o.yaml").outcomes.at(0);
}

}  // namespace

TEST_CASE("outcomes: sums over hubs, selections, windows and statistics") {
  const io::RunData run = tiny_run();
  CHECK(extract_outcome(spec("{name: o, variable: employment}"), run) == 35);  // last month, all hubs
  CHECK(extract_outcome(spec("{name: o, variable: employment, hub: county}"), run) == 30);
  CHECK_THROWS_WITH_AS(extract_outcome(spec("{name: o, variable: employment, hub: rest}"), run),
                       doctest::Contains("expected all, county, spoke, external_metro, A, B, Metro"), OutcomeError);
  CHECK(extract_outcome(spec("{name: o, variable: employment, hub: B, when: 2023-11}"), run) == 2);
  CHECK(extract_outcome(spec("{name: o, variable: employment, hub: spoke, when: 2023-11..2023-12}"), run) == 5.5);
  CHECK(extract_outcome(spec("{name: o, variable: employment, hub: A, when: 2023-11..2023-12, stat: sum}"), run) == 11);
  CHECK(extract_outcome(spec("{name: o, variable: employment, hub: A, when: 2023-11..2023-12, stat: value}"), run) == 10);
  CHECK_THROWS_AS(extract_outcome(spec("{name: o, variable: employment, when: \"2023\"}"), run), OutcomeError);
  CHECK(extract_outcome(spec("{name: o, variable: by_sector, where: {sector: s2}, when: 2023-11}"), run) == 2 + 4 + 6);
  CHECK(extract_outcome(spec("{name: o, variable: by_sector, hub: B, where: {sector: s1}}"), run) == 9);
  CHECK_THROWS_WITH_AS(extract_outcome(spec("{name: gva, variable: gva_m}"), run),
                       "outcome gva: the run has no variable gva_m (its time series: employment, by_sector)", OutcomeError);
  CHECK_THROWS_WITH_AS(extract_outcome(spec("{name: o, variable: employment, when: 2035-12}"), run),
                       "outcome o: 2035-12 is outside the run's period 2023-11..2023-12", OutcomeError);
  CHECK_THROWS_AS(extract_outcome(spec("{name: o, variable: employment, hub: Nowhere}"), run), OutcomeError);
  CHECK_THROWS_AS(extract_outcome(spec("{name: o, variable: employment, where: {sector: s1}}"), run), OutcomeError);
}

TEST_CASE("experiment: read with the hardened YAML reader (documents, keys, tags, aliases, quotes, UTF-8)") {
  const std::string ok = "design: {kind: grid}\noutcomes: [{name: x, variable: y}]\n";
  CHECK(error_of(ok + "---\nname: second\n") == "exp.yaml:3:1: more than one YAML document; expected one");
  CHECK(error_of(ok + "design: {kind: lhs}\n") == "exp.yaml:3:1: design: duplicate key");
  CHECK(error_of("design: {kind: grid, kind: lhs}\noutcomes: [{name: x, variable: y}]\n") ==
        "exp.yaml:1:22: design.kind: duplicate key");
  CHECK(error_of("name: !!str x\n" + ok) == "exp.yaml:1:7: YAML tags are not supported (!!str); write the value without a tag");
  CHECK(error_of("name: &a x\n" + ok) == "exp.yaml:1:7: YAML anchors and aliases are not supported (&a); write the value out");
  CHECK(error_of("%TAG !e! tag:e.org:\n---\n" + ok) == "exp.yaml:1:1: YAML directives (%TAG) are not supported; remove the line");
  CHECK(error_of(ok + "name: \"open\n") == "exp.yaml:3:7: YAML syntax error: \" quote never closed");
  CHECK(error_of("name: caf\xc3(\n" + ok) == "exp.yaml:1:7: name: expected UTF-8 text, got \"caf\\xc3(\"");
  CHECK(error_of("name: \"a\\u202eb\"\n" + ok).find("exp.yaml:1:7: name: expected printable UTF-8 text") == 0);
  CHECK(error_of("") == "exp.yaml: the experiment is empty");
  CHECK(error_of("- a\n") == "exp.yaml:1:1: expected a mapping (name, parameters, design, outcomes, ...)");
}

TEST_CASE("experiment: sizes are checked before a plan is built") {
  std::string grid = "design: {kind: grid, levels: 1000}\noutcomes: [{name: x, variable: y}]\nparameters:\n";
  for (int i = 0; i < 13; ++i) grid += "  - {key: a.k" + std::to_string(i) + ", range: [0, 1]}\n";
  CHECK(error_of(grid).find("exp.yaml:4:3: parameters: the design has 1e+39 points, more than the limit of 1000000 runs") == 0);
  CHECK(error_of("design: {kind: lhs, samples: 1000000}\nparameters: [{key: a.b, range: [0, 1]}]\nreplicates: 3\n"
                 "outcomes: [{name: x, variable: y}]\n") ==
        "exp.yaml:3:13: replicates: 1000000 points x 3 replicates = 3000000 runs, more than the limit of 1000000");
  std::string wide = "design: {kind: saltelli, samples: 4}\noutcomes: [{name: x, variable: y}]\nparameters:\n";
  for (int i = 0; i < 21; ++i) wide += "  - {key: a.k" + std::to_string(i) + ", range: [0, 1]}\n";
  CHECK(error_of(wide).find("exp.yaml:4:3: parameters: a saltelli design takes at most 20 parameters") == 0);
  CHECK(design_points(parse_experiment("design: {kind: morris, trajectories: 10}\nparameters: [{key: a.b, range: [0, 1]}, "
                                       "{key: a.c, range: [0, 1]}]\noutcomes: [{name: x, variable: y}]\n", "e.yaml")) == 30);
}

TEST_CASE("outcomes: check_outcome names the field at fault, check_window the months") {
  const io::RunData run = tiny_run();
  auto field_of = [&](const std::string& yaml) {
    try {
      check_outcome(spec(yaml), run);
    } catch (const OutcomeError& e) {
      return e.field();
    }
    return std::string("none");
  };
  CHECK(field_of("{name: o, variable: employment, hub: county}") == "none");
  CHECK(field_of("{name: o, variable: employmnet}") == "variable");
  CHECK(field_of("{name: o, variable: employment, hub: Nowhere}") == "hub");
  CHECK(field_of("{name: o, variable: by_sector, where: {sector: s9}}") == "where.sector");
  CHECK(field_of("{name: o, variable: employment, where: {sector: s1}}") == "where.sector");
  CHECK_THROWS_WITH_AS(check_window(spec("{name: o, variable: employment, when: 2035-12}"), core::Month(2022, 1), core::Month(2030, 12)),
                       "outcome o: 2035-12 is outside the run's period 2022-01..2030-12", OutcomeError);
  CHECK_NOTHROW(check_window(spec("{name: o, variable: employment, when: \"2030\"}"), core::Month(2022, 1), core::Month(2030, 12)));
}
