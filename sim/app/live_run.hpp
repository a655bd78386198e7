#pragma once
/// A run that is stepped month by month while someone watches (hubsim-view --live): it owns a
/// Simulation, can step it in a background thread up to a target month, publishes a thread-safe
/// snapshot of the outcomes so far, and takes dated parameter changes between steps (recorded in
/// the run's schedule, so the session can be re-run exactly).
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "sim/engine/simulation.hpp"
#include "sim/io/run_data.hpp"

namespace hubsim::app {

using engine::Config;

class LiveRun {
 public:
  /// Builds the world (as `hubsim run` does) from `config`, to step on `threads` threads (0: all
  /// cores; the viewer gives each of its two runs its own share). Throws what the model throws.
  explicit LiveRun(Config config, int threads = 0);
  ~LiveRun();  ///< stops and joins the background thread, if any
  LiveRun(const LiveRun&) = delete;
  LiveRun& operator=(const LiveRun&) = delete;

  /// Whether "key=value" is a valid change of `config` (tried on a copy; e.g. to hide sliders
  /// for parameters a config does not have). `why` gets the error message when it is not.
  static bool accepts(const Config& config, const std::string& assignment, std::string* why = nullptr);

  /// Queues "key=value" (io::apply_override syntax) to be applied before the next step, so it
  /// takes effect from the first month not yet simulated, exactly as `--change` would. Throws
  /// io::ConfigError at once if the key or value is bad, or if the parameter is read only while
  /// building the world (initial population, hubs, links).
  void set(const std::string& assignment);

  /// Synchronous use (tests, batch): applies queued changes, simulates the next month; false when
  /// the run is complete. Do not mix with start() on the same object.
  bool step();

  /// Background use: starts a thread that steps while fewer than `target` months are done.
  void start();
  /// Sets how many months the background thread should have simulated (clamped to the period).
  void run_until(int months);
  /// Stops the background thread after the step in progress.
  void stop();

  struct Snapshot {
    std::shared_ptr<const io::RunData> data;  ///< months simulated so far (null before the first)
    int done = 0;                              ///< months simulated
    std::uint64_t version = 0;                 ///< grows with every publication
  };
  /// The latest published outcomes; cheap (a shared pointer) and safe from any thread.
  Snapshot snapshot() const;

  int total() const { return total_; }
  int done() const;
  /// Changes applied so far, as "YYYY-MM key=value" (the month from which each applies).
  std::vector<std::string> applied() const;
  /// Non-empty if a step failed in the background thread (the run then stops).
  std::string error() const;
  const Config& initial_config() const { return initial_; }
  /// The config with every change applied so far in its schedule (run.changes): what `hubsim run`
  /// needs to reproduce the session. Call from the stepping thread or when it is stopped.
  const Config& recorded_config() const { return sim_->config(); }

 private:
  void thread_main();
  void apply_pending();  // on the stepping thread, between steps
  void publish();

  Config initial_;
  Config shadow_;  // the schedule plus the queued changes, to check new ones against; guarded by mutex_
  std::unique_ptr<engine::Simulation> sim_;  // stepped and changed on the stepping thread only
  int total_ = 0;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  int done_ = 0, target_ = 0;
  bool stopping_ = false;
  std::vector<std::string> pending_, applied_;
  std::string error_;
  Snapshot snapshot_;
  std::thread thread_;
};

/// `run` cut to its first `months` months (every variable over time, and the months).
io::RunData first_months(const io::RunData& run, int months);

}  // namespace hubsim::app
