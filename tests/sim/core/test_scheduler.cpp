#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/core/scheduler.hpp"

using namespace hubsim::core;

namespace {

// Identities of a few entities of different kinds, origins and birth months.
const std::vector<Identity> kSome = {identity(1, 0, kBornAtStart, 0), identity(1, 0, kBornAtStart, 1),
                                     identity(2, 5, 3, 0), identity(3, 65535, 0, kMaxSerial)};

// Each phase's first draw for each of kSome, in each month: phase name -> draws.
using Draws = std::map<std::string, std::vector<std::uint64_t>>;

Scheduler::PhaseFn recorder(const std::string& name, Draws& draws) {
  return [name, &draws](const PhaseContext& c) {
    for (const Identity id : kSome) draws[name].push_back(c.rng(id).next_u64());
  };
}

void run_months(Scheduler& s, Month start, int months) {
  for (int m = 0; m < months; ++m) s.run_step(static_cast<std::uint32_t>(m), start + m);
}

}  // namespace

TEST_CASE("scheduler: phases run in the order they were added, every step, with their context") {
  Scheduler s(99);
  std::vector<std::string> log;
  s.add_phase("first", [&](const PhaseContext& c) {
    log.push_back("first@" + c.month.iso() + "#" + std::to_string(c.step));
    CHECK(c.seed == 99);
    CHECK(c.stream == stream_key("first"));
  });
  s.add_phase("second", [&](const PhaseContext& c) {
    log.push_back("second@" + c.month.iso() + "#" + std::to_string(c.step));
    CHECK(c.stream == stream_key("second"));
  });
  run_months(s, Month(2022, 11), 3);
  CHECK(log == std::vector<std::string>{"first@2022-11#0", "second@2022-11#0", "first@2022-12#1",
                                        "second@2022-12#1", "first@2023-01#2", "second@2023-01#2"});
  CHECK(s.phase_names() == std::vector<std::string>{"first", "second"});
  CHECK(s.phase_seconds().size() == 2);
  CHECK(s.seed() == 99);
}

TEST_CASE("scheduler: a phase name may be used once; insert_phase needs an existing phase") {
  Scheduler s(1);
  s.add_phase("a", [](const PhaseContext&) {});
  s.add_phase("b", [](const PhaseContext&) {});
  CHECK_THROWS_WITH_AS(s.add_phase("a", [](const PhaseContext&) {}), doctest::Contains("\"a\""), std::invalid_argument);
  CHECK_THROWS_AS(s.insert_phase("b", "a", [](const PhaseContext&) {}), std::invalid_argument);
  CHECK_THROWS_WITH_AS(s.insert_phase("zzz", "c", [](const PhaseContext&) {}), doctest::Contains("zzz"),
                       std::invalid_argument);
  CHECK(s.phase_names() == std::vector<std::string>{"a", "b"});  // nothing added by the failures
  CHECK(s.phase_seconds().size() == 2);
  s.insert_phase("b", "between", [](const PhaseContext&) {});
  s.insert_phase("a", "front", [](const PhaseContext&) {});
  CHECK(s.phase_names() == std::vector<std::string>{"front", "a", "between", "b"});
  CHECK(s.phase_seconds().size() == 4);
}

TEST_CASE("scheduler: phase contexts key distinct random streams by name and substream") {
  const PhaseContext a{1, 0, stream_key("a"), Month(2022, 1)}, b{1, 0, stream_key("b"), Month(2022, 1)};
  const Identity e = identity(1, 0, kBornAtStart, 5);
  CHECK(a.rng(e).next_u64() != b.rng(e).next_u64());
  CHECK(a.rng(e).next_u64() == a.rng(e).next_u64());
  CHECK(a.rng(e).next_u64() != a.rng(identity(1, 0, kBornAtStart, 6)).next_u64());
  // A substream is a second, reproducible stream of the same entity in the same phase.
  CHECK(a.rng(e, "newborn").next_u64() != a.rng(e).next_u64());
  CHECK(a.rng(e, "newborn").next_u64() == a.rng(e, "newborn").next_u64());
  CHECK(a.rng(e, "newborn").next_u64() != a.rng(e, "other").next_u64());
  CHECK(a.rng(e, "newborn").next_u64() != b.rng(e, "newborn").next_u64());
  // The month step takes part too.
  const PhaseContext a_later{1, 1, stream_key("a"), Month(2022, 2)};
  CHECK(a.rng(e).next_u64() != a_later.rng(e).next_u64());
}

TEST_CASE("scheduler: a phase's stream depends on its name, not its position") {
  Draws first_place, second_place;
  Scheduler s1(7), s2(7);
  s1.add_phase("labour", recorder("labour", first_place));
  s1.add_phase("firms", recorder("firms", first_place));
  s2.add_phase("firms", recorder("firms", second_place));
  s2.add_phase("labour", recorder("labour", second_place));
  run_months(s1, Month(2022, 1), 3);
  run_months(s2, Month(2022, 1), 3);
  REQUIRE(first_place["labour"].size() == 3 * kSome.size());
  CHECK(first_place["labour"] == second_place["labour"]);
  CHECK(first_place["firms"] == second_place["firms"]);
  CHECK(first_place["labour"] != first_place["firms"]);
  // and a renamed phase draws differently.
  Draws renamed;
  Scheduler s3(7);
  s3.add_phase("labour2", recorder("labour2", renamed));
  run_months(s3, Month(2022, 1), 3);
  CHECK(renamed["labour2"] != first_place["labour"]);
}

TEST_CASE("scheduler: inserting a phase that draws numbers leaves the other phases' draws unchanged") {
  Draws without, with;
  Scheduler plain(2024), extended(2024);
  for (auto* s : {&plain, &extended}) {
    Draws& d = s == &plain ? without : with;
    s->add_phase("births", recorder("births", d));
    s->add_phase("labour", recorder("labour", d));
    s->add_phase("migration", recorder("migration", d));
  }
  // The inserted phase draws heavily for the very same identities before "labour" runs.
  extended.insert_phase("labour", "training", [&with](const PhaseContext& c) {
    for (const Identity id : kSome) {
      Rng r = c.rng(id);
      for (int i = 0; i < 37; ++i) (void)r.next_u64();
      with["training"].push_back(r.next_u64());
    }
  });
  extended.insert_phase("births", "first_of_all", recorder("first_of_all", with));
  REQUIRE(extended.phase_names() ==
          std::vector<std::string>{"first_of_all", "births", "training", "labour", "migration"});
  run_months(plain, Month(2022, 1), 4);
  run_months(extended, Month(2022, 1), 4);
  for (const char* phase : {"births", "labour", "migration"}) {
    CAPTURE(phase);
    REQUIRE(without[phase].size() == 4 * kSome.size());
    CHECK(with[phase] == without[phase]);
  }
  CHECK(with["training"].size() == 4 * kSome.size());
  CHECK(with["first_of_all"] != with["births"]);
  CHECK(without.count("training") == 0);
}

TEST_CASE("calendar: months parse, print and count") {
  CHECK(Month::parse("2035-12")->iso() == "2035-12");
  CHECK(Month(2035, 12) - Month(2022, 1) == 167);
  CHECK((Month(2022, 12) + 1).iso() == "2023-01");
  CHECK_FALSE(Month::parse("2022-13"));
  CHECK_FALSE(Month::parse("2022-1"));
  CHECK_FALSE(Month::parse("22-01-01"));
  CHECK(days_since_epoch(Month(1970, 1)) == 0);
  CHECK(days_since_epoch(Month(2022, 1)) == 18993);
  CHECK(days_since_epoch(Month(2024, 3)) - days_since_epoch(Month(2024, 2)) == 29);  // leap year
}
