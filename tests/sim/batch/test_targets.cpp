// Targets in experiment files and --discover conditions: parsing and errors at file:line:col.
#include <doctest/doctest.h>

#include <cmath>

#include "sim/batch/experiment.hpp"
#include "sim/batch/targets.hpp"
#include "sim/io/config_error.hpp"
#include "tests/sim/batch/experiment_error.hpp"

using namespace hubsim;
using namespace hubsim::batch;
using hubsim::batch::test::error_of;

namespace {

const std::string kBase = R"(name: t
parameters:
  - {key: config, values: [a.yaml, b.yaml]}
design: {kind: grid}
replicates: 3
outcomes:
  - {name: jobs, variable: employment, hub: county, when: 2035-12}
  - {name: gva, variable: gva_m, when: "2035"}
)";

}  // namespace

TEST_CASE("targets: a mapping and a one-line condition, resolved to their outcomes") {
  const auto e = parse_experiment(kBase + R"(targets:
  - {name: jobs_50k, outcome: jobs, op: ">=", value: 50000}
  - "gva < 5000"
)", "exp.yaml");
  REQUIRE(e.targets.size() == 2);
  CHECK(e.targets[0].name == "jobs_50k");
  CHECK(e.targets[0].outcome == 0);
  CHECK(e.targets[0].condition.holds(50000));
  CHECK_FALSE(e.targets[0].condition.holds(49999.5));
  CHECK(e.targets[0].line == 10);
  CHECK(e.targets[1].name == "gva < 5000");
  CHECK(e.targets[1].outcome == 1);
  CHECK(e.targets[1].condition.holds(4999));
  CHECK_FALSE(e.targets[1].condition.holds(5000));
  CHECK_FALSE(e.targets[1].condition.holds(std::nan("")));
  CHECK(parse_experiment(kBase, "exp.yaml").targets.empty());
}

TEST_CASE("targets: errors name the file, line, column and key before any run") {
  CHECK(error_of(kBase + "targets:\n  - {outcome: jobz, op: \">=\", value: 1}\n") ==
        "exp.yaml:10:15: targets[0].outcome: no outcome named \"jobz\" (outcomes: jobs, gva)");
  CHECK(error_of(kBase + "targets:\n  - {outcome: jobs, op: \"=>\", value: 1}\n") ==
        "exp.yaml:10:25: targets[0].op: expected one of >=, >, <=, <, got \"=>\"");
  CHECK(error_of(kBase + "targets:\n  - {outcome: jobs, op: \">\", value: lots}\n").find(
            "exp.yaml:10:37: targets[0].value: expected a finite number") == 0);
  CHECK(error_of(kBase + "targets:\n  - {outcome: jobs, op: \">\"}\n").find("exp.yaml:10:5: targets[0]: a target needs") == 0);
  CHECK(error_of(kBase + "targets:\n  - {outcome: jobs, op: \">\", value: 1, when: 2035}\n").find(
            "exp.yaml:10:40: targets[0].when: unknown key") == 0);
  CHECK(error_of(kBase + "targets:\n  - \"jobs >= many\"\n").find("exp.yaml:10:5: targets[0]: expected a finite number") == 0);
  CHECK(error_of(kBase + "targets: []\n").find("exp.yaml:9:10: targets: expected a non-empty list") == 0);
  CHECK(error_of(kBase + "targets:\n  - \"jobs >= 1\"\n  - \"jobs >= 1\"\n").find("exp.yaml:11:5: targets[1]: duplicate target") == 0);
}

TEST_CASE("targets: --discover conditions parse with or without spaces") {
  std::string problem;
  const auto c = parse_condition("employment_2035>=50000", problem);
  REQUIRE(c);
  CHECK(c->outcome == "employment_2035");
  CHECK(c->op == CompareOp::ge);
  CHECK(c->value == 50000);
  CHECK(c->text() == "employment_2035 >= 50000");
  const auto lt = parse_condition("  gva < 1.5e3 ", problem);
  REQUIRE(lt);
  CHECK(lt->op == CompareOp::lt);
  CHECK(lt->value == 1500);
  CHECK_FALSE(parse_condition("employment_2035 = 5", problem));
  CHECK(problem.find("expected OUTCOME OP NUMBER") == 0);
  CHECK_FALSE(parse_condition(">= 5", problem));
  CHECK_FALSE(parse_condition("jobs => 5", problem));  // "jobs =" is no outcome name
  CHECK(problem.find("expected OUTCOME OP NUMBER with an outcome name") == 0);
  CHECK_FALSE(parse_condition("x >= ", problem));
}
