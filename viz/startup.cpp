#include "viz/startup.hpp"

#include <chrono>
#include <filesystem>
#include <thread>

#include "sim/io/config_error.hpp"

namespace hubsim::viz {
namespace {

std::string scenario_name(const Replay& r) { return r.scenario.empty() ? r.source : r.scenario; }

}  // namespace

void wait_for_live(LiveSession& live, Scene& scene, int months) {
  ViewState probe;
  probe.month = months - 1;
  for (;;) {
    live.update(scene, probe);
    if (!live.error().empty() || scene.month_count() >= std::min(months, live.run().total())) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

Startup start_up(const Options& options) {
  Startup s;
  try {
    if (options.live) {
      std::optional<std::string> file;
      if (!options.live_config.empty()) file = options.live_config;
      app::Config config = engine::load_config(*options.model, file, options.sets);
      s.live = std::make_unique<LiveSession>(config, options.sliders ? *options.sliders : SliderGroups{});
      if (!options.save_session.empty()) s.live->save_path = options.save_session;
      for (const std::string& change : options.live_changes) {
        const io::DatedChange c = engine::parse_change(change);
        s.live->script(c.month, c.set);
      }
      const int wanted = options.headless() ? config.run.steps() : 1;
      wait_for_live(*s.live, s.scene, wanted);
      if (const std::string e = s.live->error(); !e.empty()) throw InputError("the live run failed: " + e);
    } else {
      for (const auto& file : options.run_files) {
        s.scene.runs.push_back(load_replay(file));
        Replay& r = s.scene.runs.back();
        if (options.model != nullptr && !r.config_yaml.empty()) {  // a recorded session: its changes, captioned
          try {
            const app::Config config = engine::load_complete_config(*options.model, r.config_yaml, file);
            r.changes = change_markers(config, r.months.front(), options.sliders ? *options.sliders : SliderGroups{});
          } catch (const std::exception&) {
            // A run of another model or version: replayed without captions.
          }
        }
      }
      if (s.scene.comparing()) align(s.scene.runs.front(), s.scene.runs.back());
      for (const Replay& r : s.scene.runs) s.scene.names.push_back(scenario_name(r));
      if (s.scene.comparing() && s.scene.names.front() == s.scene.names.back())
        s.scene.names = {s.scene.runs.front().source, s.scene.runs.back().source};
    }
    s.state = initial_state(s.scene.lead(), options.at, options.hub, !options.screenshot.empty());
    if (!options.frames.empty()) {  // never splice a new sequence onto an old one's frames
      std::error_code ec;
      const bool used = std::filesystem::is_directory(options.frames, ec) &&
                        !std::filesystem::is_empty(options.frames, ec);
      if (used && !options.replace)
        throw InputError("--frames " + options.frames +
                         ": the directory is not empty; give a new one, or --replace to delete its frame-*.png files");
      if (std::filesystem::exists(options.frames, ec) && !std::filesystem::is_directory(options.frames, ec))
        throw InputError("--frames " + options.frames + ": not a directory");
    }
    if (options.exporting()) {  // the first month of the sequence, and its speed
      s.state = initial_state(s.scene.lead(), options.from, options.hub, false);
      s.state.speed = static_cast<float>(options.months_per_second);
      s.last_frame = static_cast<int>(s.scene.lead().month_count()) - 1;
      if (!options.to.empty()) {
        const auto to = core::Month::parse(options.to);
        if (!to) throw InputError("--to " + options.to + ": expected a month as YYYY-MM, e.g. 2035-12");
        try {
          s.last_frame = month_index(s.scene.lead(), *to);
        } catch (const InputError& e) {
          throw InputError(std::string("--to: ") + e.what());
        }
      }
      if (s.last_frame < s.state.month) throw InputError("--to " + options.to + " is before --from " + options.from);
      s.plan = plan_frames(s.state.month, s.last_frame, options.months_per_second, options.fps, options.seconds);
      if (options.seconds > 0) s.state.speed = static_cast<float>(s.plan.months_per_frame * options.fps);  // as shown
    }
    s.state.compare = options.difference ? CompareMode::difference : CompareMode::side_by_side;
    s.state.presentation = options.presentation;
  } catch (const InputError& e) {
    s.scene = Scene{};
    s.scene.error = e.what();
  } catch (const io::ConfigError& e) {
    s.scene = Scene{};
    s.scene.error = std::string("--live: ") + e.what();
  }
  return s;
}

}  // namespace hubsim::viz
