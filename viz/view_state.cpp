#include "viz/view_state.hpp"

#include <algorithm>
#include <cmath>

namespace hubsim::viz {
namespace {

double last_month(int month_count) { return std::max(0, month_count - 1); }

}  // namespace

ViewState initial_state(const Replay& replay, const std::string& at, const std::string& hub, bool default_to_end) {
  ViewState state;
  const int n = static_cast<int>(replay.month_count());
  state.month = default_to_end ? last_month(n) : 0.0;
  if (!at.empty()) {
    const auto month = core::Month::parse(at);
    if (!month) throw InputError("--at " + at + ": expected a month as YYYY-MM, e.g. 2030-06");
    try {
      state.month = month_index(replay, *month);
    } catch (const InputError& e) {
      throw InputError(std::string("--at: ") + e.what());
    }
  }
  if (!hub.empty()) state.selected_hub = hub_index(replay, hub);
  // Knowledge and talent where the run has them (all four at once crowd the map), else whatever has data.
  for (int k : {0, 1}) state.show_flow[static_cast<std::size_t>(k)] = replay.flows.has(k);
  if (!state.show_flow[0] && !state.show_flow[1])
    for (int k = 0; k < kFlowKinds; ++k) state.show_flow[static_cast<std::size_t>(k)] = replay.flows.has(k);
  return state;
}

int current_month(const ViewState& state, int month_count) {
  const double t = std::clamp(state.month, 0.0, last_month(month_count));
  return static_cast<int>(std::floor(t));
}

void advance(ViewState& state, double seconds, int month_count, bool more_coming) {
  state.anim_seconds += seconds;
  if (!state.playing) return;
  const double speed = std::clamp(static_cast<double>(state.speed), double{kMinSpeed}, double{kMaxSpeed});
  const double last = last_month(month_count), next = state.month + seconds * speed;
  if (more_coming) {
    state.month = std::min(next, last);
    return;
  }
  if (state.loop && last > 0 && next > last) {
    state.month = std::fmod(next, last + 1);  // through the last month, then from the first again
    return;
  }
  state.month = std::min(next, last);
  if (state.month >= last) state.playing = false;
}

void toggle_flow(ViewState& state, int kind) {
  if (kind < 0 || kind >= kFlowKinds) return;
  auto& on = state.show_flow[static_cast<std::size_t>(kind)];
  on = !on;
}

void step(ViewState& state, int delta, int month_count) {
  state.playing = false;
  // From a fractional position, "back one" means the whole month being shown, not the one before.
  const double base = delta < 0 && state.month != std::floor(state.month) ? std::floor(state.month) + 1
                                                                            : std::floor(state.month);
  state.month = std::clamp(base + delta, 0.0, last_month(month_count));
}

void toggle_play(ViewState& state, int month_count) {
  if (state.playing) {
    state.playing = false;
    return;
  }
  if (state.month >= last_month(month_count)) state.month = 0.0;
  state.playing = month_count > 1;
}

}  // namespace hubsim::viz
