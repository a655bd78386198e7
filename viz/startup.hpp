#pragma once
/// From the command line to what the first frame shows: the runs loaded (or a live session
/// started), time-locked when there are two, and the initial view state.
#include <memory>

#include "viz/live_session.hpp"
#include "viz/options.hpp"
#include "viz/scene.hpp"
#include "viz/video.hpp"
#include "viz/view_state.hpp"

namespace hubsim::viz {

struct Startup {
  Scene scene;  ///< scene.error is set, and nothing else, if the input was bad
  ViewState state;
  std::unique_ptr<LiveSession> live;
  int last_frame = -1;  ///< --frames/--video/--gif: index of the last month to play (--to, default the last)
  FramePlan plan;       ///< --frames/--video/--gif: the months of the frames
};

/// Never throws: bad input (missing, truncated or foreign files, runs that cannot be compared, a
/// bad --live config or --set, --at outside the run, unknown --hub, a --frames directory that
/// holds files already, without --replace) ends up in scene.error.
/// Live mode with --screenshot/--frames simulates up to the month needed before returning.
Startup start_up(const Options& options);

/// Pumps the live session until it has simulated `months` months (or failed).
void wait_for_live(LiveSession& live, Scene& scene, int months);

}  // namespace hubsim::viz
