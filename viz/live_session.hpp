#pragma once
/// Live mode (hubsim-view --live): the changed run and its unchanged baseline, simulated in
/// background threads (app::LiveRun) in lockstep, paced by the view, and turned into the Scene
/// the panels draw. No ImGui: the sliders are in live_panel.cpp.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/app/live_run.hpp"
#include "viz/scene.hpp"
#include "viz/view_state.hpp"

namespace hubsim::viz {

/// A parameter with a slider; `value` is what the slider shows (the run's, once applied).
struct LiveParam {
  std::string key, label;
  double lo = 0, hi = 1;
  double value = 0;
  bool integer = false;
};

/// The value of parameter `key` ("labour.commute_minutes", "hubs.Preston.lat") in `config`,
/// or nothing if the config has no real or integer parameter of that name.
std::optional<double> parameter_value(app::Config& config, const std::string& key);

/// The sliders this config supports: the key parameters, then interventions A..N where the
/// config has them (keys the config does not accept are left out).
std::vector<LiveParam> live_params(app::Config& config);

class LiveSession {
 public:
  /// Builds both runs from `config`, simulates their first month, and starts their threads.
  /// Throws InputError for a config the model refuses.
  explicit LiveSession(const app::Config& config);

  /// Once a frame: asks both runs for the months the view is about to show, and when new
  /// months have come in, rebuilds `scene` (the changed run, and with `with_baseline` the
  /// baseline as run A). Returns true when the scene changed.
  bool update(Scene& scene, const ViewState& state);

  /// Changes parameter `index` of params() to `value` on the changed run, from the next month
  /// it simulates. Returns an error message, or "" if it was taken.
  std::string set(std::size_t index, double value);

  std::vector<LiveParam>& params() { return params_; }
  const app::LiveRun& run() const { return *run_; }
  /// The first month not simulated yet: where a change now takes effect.
  core::Month frontier() const;
  bool with_baseline = false;  ///< show the changed run against the unchanged one (on at the first change)
  bool changed() const { return !run_->applied().empty(); }
  std::string error() const;   ///< a failed step in either run

 private:
  app::Config config_;
  std::vector<LiveParam> params_;
  std::unique_ptr<app::LiveRun> run_, base_;
  std::uint64_t seen_ = 0, seen_base_ = 0;
  bool seen_baseline_flag_ = false;
};

}  // namespace hubsim::viz
