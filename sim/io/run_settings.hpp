#pragma once
/// Settings every run has, whatever the model: its name, seed, simulated period, and the
/// schedule of dated parameter changes.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/calendar.hpp"
#include "sim/io/param_visitor.hpp"

namespace hubsim::io {

/// From `month` on, the parameter assignment `set` ("key.path=value", as --set writes it) holds:
/// applied between the month before and `month`, after which every cache derived from it is rebuilt.
struct DatedChange {
  core::Month month{2022, 1};
  std::string set;
};

inline void describe_change(ParamVisitor& v, DatedChange& c) {
  v.month("month", c.month, "First month the change holds");
  v.text("set", c.set, "The change, as --set writes it: key.path=value (a parameter that can change during a run)");
}

struct RunSettings {
  std::string scenario = "unnamed";
  std::int64_t seed = 1;
  core::Month start{2022, 1};
  core::Month end{2035, 12};
  std::vector<DatedChange> changes;  ///< in the order given; several in one month apply in order
  /// Number of monthly steps, both ends included.
  int steps() const { return end - start + 1; }
};

inline void describe(ParamVisitor& v, RunSettings& s) {
  v.section("run", "What is simulated: the scenario's name, the random seed, the period, and dated changes.", [&] {
    v.at_start_only([&] {
      v.text("scenario", s.scenario, "Name of the scenario, recorded in the run file");
      v.integer("seed", s.seed, {0, 9007199254740991.0}, "",
                "Seed of the counter-based random streams; same seed, config and version give identical output");
      v.month("start", s.start, "First simulated month");
      v.month("end", s.end, "Last simulated month (inclusive)");
      v.require(s.end >= s.start, "end", "run.end must not be before run.start");
      v.require(s.steps() <= 12 * 200, "end", "the period is limited to 200 years");
      v.table("changes",
              "Dated parameter changes (`hubsim run --change YYYY-MM:key=value` adds one): from its month on, a "
              "parameter takes a new value; a live session's slider moves are recorded here.",
              [&] {
                auto t = table_of(s.changes, describe_change);
                t.may_be_empty = true;
                return t;
              }());
    });
  });
}

}  // namespace hubsim::io
