#pragma once
/// The viewer's plain state: everything the UI shows is rebuilt each frame from this and the runs.
#include <array>
#include <string>

#include "viz/compare.hpp"
#include "viz/replay.hpp"

namespace hubsim::viz {

/// Playback speed range in months per second: from one month to five years a second.
inline constexpr float kMinSpeed = 1.0f;
inline constexpr float kMaxSpeed = 60.0f;

/// What the chart plots.
enum class ChartKind { jobs = 0, gva = 1, firms = 2 };

struct ViewState {
  double month = 0.0;      ///< fractional index into Replay::months; fractions interpolate smoothly
  bool playing = false;
  bool loop = false;       ///< at the last month, start again instead of stopping
  float speed = 6.0f;      ///< months per second
  int selected_hub = -1;   ///< index into Replay::hubs, -1 for none
  bool fullscreen = false; ///< requested; the window follows it after the frame
  bool presentation = false;  ///< large type, controls hidden
  std::array<bool, kFlowKinds> show_flow{};  ///< flow kinds drawn on the map
  ChartKind chart = ChartKind::jobs;
  CompareMode compare = CompareMode::side_by_side;  ///< with two runs
  double anim_seconds = 0;  ///< clock of the flow particles: runs on while paused
};

/// The state at start-up: at month `at` ("YYYY-MM"; empty: the first month, or the last if
/// `default_to_end`), with hub `hub` selected (empty: none), and the flow kinds that have data
/// switched on. Throws InputError naming the option.
ViewState initial_state(const Replay& replay, const std::string& at, const std::string& hub, bool default_to_end);

/// The whole month being shown (the floor of `state.month`), in 0..month_count-1.
int current_month(const ViewState& state, int month_count);

/// Moves playback on by `seconds` of wall time; stops at the last month, or loops to the first.
/// The particle clock runs on regardless. With `more_coming` (a live run still simulating),
/// playback waits at the last month instead of stopping.
void advance(ViewState& state, double seconds, int month_count, bool more_coming = false);

/// Pauses and moves to the whole month `delta` months away, clamped to the run.
void step(ViewState& state, int delta, int month_count);

/// Play/pause; playing from the last month starts again from the first.
void toggle_play(ViewState& state, int month_count);

/// Keyboard 1-4: flips flow kind `kind`.
void toggle_flow(ViewState& state, int kind);

}  // namespace hubsim::viz
