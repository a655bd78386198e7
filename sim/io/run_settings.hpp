#pragma once
/// Settings every run has, whatever the model: its name, seed and simulated period.
#include <cstdint>
#include <string>

#include "sim/core/calendar.hpp"
#include "sim/io/param_visitor.hpp"

namespace hubsim::io {

struct RunSettings {
  std::string scenario = "unnamed";
  std::int64_t seed = 1;
  core::Month start{2022, 1};
  core::Month end{2035, 12};
  /// Number of monthly steps, both ends included.
  int steps() const { return end - start + 1; }
};

inline void describe(ParamVisitor& v, RunSettings& s) {
  v.section("run", "What is simulated: the scenario's name, the random seed and the period.", [&] {
    v.text("scenario", s.scenario, "Name of the scenario, recorded in the run file");
    v.integer("seed", s.seed, {0, 9007199254740991.0}, "",
              "Seed of the counter-based random streams; same seed, config and version give identical output");
    v.month("start", s.start, "First simulated month");
    v.month("end", s.end, "Last simulated month (inclusive)");
    v.require(s.end >= s.start, "end", "run.end must not be before run.start");
    v.require(s.steps() <= 12 * 200, "end", "the period is limited to 200 years");
  });
}

}  // namespace hubsim::io
