#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "sim/core/scheduler.hpp"

using namespace hubsim::core;

TEST_CASE("scheduler: phases run in the order they were added, every step, with their context") {
  Scheduler s(99);
  std::vector<std::string> log;
  s.add_phase("first", [&](const PhaseContext& c) {
    log.push_back("first@" + c.month.iso() + "#" + std::to_string(c.step) + "/" + std::to_string(c.phase));
    CHECK(c.seed == 99);
  });
  s.add_phase("second", [&](const PhaseContext& c) {
    log.push_back("second@" + c.month.iso() + "#" + std::to_string(c.step) + "/" + std::to_string(c.phase));
  });
  std::vector<int> progress;
  s.run(Month(2022, 11), 3, [&](int done, int total) {
    CHECK(total == 3);
    progress.push_back(done);
  });
  CHECK(log == std::vector<std::string>{"first@2022-11#0/0", "second@2022-11#0/1", "first@2022-12#1/0",
                                        "second@2022-12#1/1", "first@2023-01#2/0", "second@2023-01#2/1"});
  CHECK(progress == std::vector<int>{1, 2, 3});
  CHECK(s.phase_names() == std::vector<std::string>{"first", "second"});
  CHECK(s.phase_seconds().size() == 2);
}

TEST_CASE("scheduler: phase contexts key distinct random streams") {
  const PhaseContext a{1, 0, 0, Month(2022, 1)}, b{1, 0, 1, Month(2022, 1)};
  CHECK(a.rng(EntityKind::worker, 5).next_u64() != b.rng(EntityKind::worker, 5).next_u64());
  CHECK(a.rng(EntityKind::worker, 5).next_u64() == a.rng(EntityKind::worker, 5).next_u64());
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
