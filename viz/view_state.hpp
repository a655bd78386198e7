#pragma once
/// The viewer's plain state: everything the UI shows is rebuilt each frame from this and the Replay.
#include <string>

#include "viz/replay.hpp"

namespace hubsim::viz {

/// Playback speed range in months per second: from one month to five years a second.
inline constexpr float kMinSpeed = 1.0f;
inline constexpr float kMaxSpeed = 60.0f;

struct ViewState {
  double month = 0.0;      ///< fractional index into Replay::months; fractions interpolate smoothly
  bool playing = false;
  float speed = 6.0f;      ///< months per second
  int selected_hub = -1;   ///< index into Replay::hubs, -1 for none
  bool fullscreen = false; ///< requested; the window follows it after the frame
};

/// The state at start-up: at month `at` ("YYYY-MM"; empty: the first month, or the last if
/// `default_to_end`), with hub `hub` selected (empty: none). Throws InputError naming the option.
ViewState initial_state(const Replay& replay, const std::string& at, const std::string& hub, bool default_to_end);

/// The whole month being shown (the floor of `state.month`), in 0..month_count-1.
int current_month(const ViewState& state, int month_count);

/// Moves playback on by `seconds` of wall time; stops at the last month.
void advance(ViewState& state, double seconds, int month_count);

/// Pauses and moves to the whole month `delta` months away, clamped to the run.
void step(ViewState& state, int delta, int month_count);

/// Play/pause; playing from the last month starts again from the first.
void toggle_play(ViewState& state, int month_count);

}  // namespace hubsim::viz
