#pragma once
/// What the viewer shows: one run, or two time-locked runs (compare, or live mode's changed run
/// against its baseline), plus a message to show instead when the input was bad.
#include <string>
#include <vector>

#include "viz/replay.hpp"

namespace hubsim::viz {

struct Scene {
  std::vector<Replay> runs;  ///< one, or two aligned runs: A (the reference) then B
  std::vector<std::string> names;  ///< how the panels call each run ("A: 1_trend", ...)
  std::string error;         ///< bad input: the window shows this and nothing else
  bool live = false;         ///< runs are being simulated: the axis spans more than the data
  bool growing = false;      ///< live and not finished: playback waits at the last month for more
  bool comparing() const { return runs.size() == 2; }
  /// The run whose months, hubs and figures lead: B when comparing (the changed run).
  const Replay& lead() const { return runs.back(); }
  int month_count() const { return runs.empty() ? 0 : static_cast<int>(lead().month_count()); }
};

}  // namespace hubsim::viz
