#pragma once
/// Live mode (hubsim-view --live): the changed run and its unchanged baseline, simulated in
/// background threads (app::LiveRun) in lockstep, paced by the view, and turned into the Scene
/// the panels draw. No ImGui: the sliders are in live_panel.cpp.
#include <cstdint>
#include <functional>
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
  std::string key;    ///< "labour.commute_minutes", "hubs.Preston.incubation_space"
  std::string label;  ///< plain words from the description ("Longest one-way commute a job seeker accepts")
  std::string unit;   ///< "minutes", "people/year", or ""
  std::string group;  ///< the panel's heading it sits under
  double lo = 0, hi = 1;  ///< the slider's range: inside the parameter's bounds, around its value
  double value = 0;
  bool integer = false;
};

/// How the sliders are grouped: the headings in order, and each key's heading ("" leaves a
/// parameter without a slider). The model's composition root (apps/hubsim_view.cpp) says this;
/// without it every section of the description is its own group.
struct SliderGroups {
  std::vector<std::string> order;
  std::function<std::string(const std::string& key)> of;
};

/// The value of parameter `key` ("labour.commute_minutes", "hubs.Preston.lat") in `config`,
/// or nothing if the config has no real or integer parameter of that name.
std::optional<double> parameter_value(app::Config& config, const std::string& key);

/// The sliders this config supports, generated from its parameter description: every real or
/// integer parameter that can change during a run (never one read only when the world is built)
/// and whose description does not say it has no effect, grouped by `groups`, in the groups'
/// order and then the description's.
std::vector<LiveParam> live_params(app::Config& config, const SliderGroups& groups = {});

/// "key=value" for parameter `p` set to `value` (integers rounded), as --change takes it.
std::string assignment(const LiveParam& p, double value);

/// What a change did, in words for a caption: "Adults starting bootcamps and re-skilling doubled
/// (600 to 1,200 people/year)", "... raised from 45 to 60 minutes", "... switched off".
std::string describe_change(const LiveParam& p, double before, double after);

/// The captions of `config`'s schedule of dated changes ("from March 2026: ... doubled (...)"),
/// with the month index of each counted from `first`; labels from the sliders' plain names.
std::vector<ChangeMarker> change_markers(const app::Config& config, core::Month first, const SliderGroups& groups = {});

class LiveSession {
 public:
  /// Builds both runs from `config`, simulates their first month, and starts their threads.
  /// Throws InputError for a config the model refuses.
  explicit LiveSession(const app::Config& config, const SliderGroups& groups = {});

  /// Once a frame: asks both runs for the months the view is about to show, and when new
  /// months have come in, rebuilds `scene` (the changed run, and with `with_baseline` the
  /// baseline as run A). Returns true when the scene changed.
  bool update(Scene& scene, const ViewState& state);

  /// Changes parameter `index` of params() to `value` on the changed run, from the next month
  /// it simulates. Returns an error message, or "" if it was taken.
  std::string set(std::size_t index, double value);

  std::vector<LiveParam>& params() { return params_; }
  /// The changes applied so far, captioned in plain words (updated by update()).
  const std::vector<ChangeMarker>& markers() const { return markers_; }
  /// Schedules "key=value" to be set as a slider would be when the run reaches `month` (the live
  /// run pauses there for it). Throws InputError for a month outside the period or already past.
  void script(core::Month month, const std::string& assignment);
  /// Simulates the rest of the period (no further changes) and writes the session as a run file
  /// whose schedule holds every change made: `hubsim run --from path` reproduces it byte for byte.
  /// Throws InputError if the run failed, io errors if the file cannot be written.
  void save(const std::string& path);
  /// The message of the last save ("saved ... ", or why it failed), for the panel.
  std::string saved;
  std::string save_path = "session.h5";  ///< where the panel's Save button writes (--save-session)
  const app::LiveRun& run() const { return *run_; }
  /// The first month not simulated yet: where a change now takes effect.
  core::Month frontier() const;
  bool with_baseline = false;  ///< show the changed run against the unchanged one (on at the first change)
  bool changed() const { return !run_->applied().empty(); }
  std::string error() const;   ///< a failed step in either run

 private:
  app::Config config_;
  SliderGroups groups_;
  std::vector<LiveParam> params_;
  std::vector<ChangeMarker> markers_;  // of the changes applied so far
  std::size_t marked_ = 0;             // how many changes markers_ covers
  std::unique_ptr<app::LiveRun> run_, base_;
  std::vector<std::pair<int, std::string>> scripted_;  // (months done when it applies, key=value), in order
  std::uint64_t seen_ = 0, seen_base_ = 0;
  bool seen_baseline_flag_ = false;
};

}  // namespace hubsim::viz
