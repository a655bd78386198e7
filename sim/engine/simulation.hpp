#pragma once
/// One run of a model: its world, its scheduler, its seed, its schedule of dated changes and its
/// own threads. `hubsim run`, the viewer's live mode, `hubsim bench`, checkpoint restarts and
/// every sweep run step a model through this object and nothing else.
#include <memory>
#include <string>

#include "sim/core/parallel.hpp"
#include "sim/core/scheduler.hpp"
#include "sim/engine/config.hpp"

namespace hubsim::engine {

class Simulation {
 public:
  /// A new run: the world is built and its initial population drawn from the config's seed.
  /// `threads` 0 means all cores. Throws std::invalid_argument for a config the model refuses.
  Simulation(Config config, int threads);
  /// A run continued from a checkpoint of `config` saved after `months_done` months.
  /// Throws io::RunFileError if the checkpoint does not fit the config.
  Simulation(Config config, int threads, io::CheckpointReader& checkpoint, int months_done);
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  int total() const { return config_.run.steps(); }
  int done() const { return done_; }
  bool finished() const { return done_ >= total(); }
  /// The month step() simulates next.
  core::Month next_month() const { return config_.run.start + done_; }

  /// Applies the changes dated at the next month (rebuilding what the world derived from the
  /// parameters), then simulates that month on this run's threads.
  void step();
  /// Steps until `months` are done (or the run is finished); `after(done)` is called after each.
  template <class After>
  void run_until(int months, After&& after) {
    while (done_ < months && !finished()) {
      step();
      after(done_);
    }
  }

  /// Schedules "key=value" from the next month on (a live slider): checked now, as --change
  /// is, and recorded in config().run.changes so the run file can reproduce it. Throws
  /// io::ConfigError for a bad key or value, or for a parameter read only at the start.
  void change(const std::string& assignment);

  /// The config the run started from, with its whole schedule of changes (so far).
  const Config& config() const { return config_; }
  /// The parameters in force in the month simulated last.
  const Config& current() const { return current_; }
  const World& world() const { return *world_; }
  const core::Scheduler& scheduler() const { return scheduler_; }
  int threads() const { return arena_.threads(); }

  /// Outcomes so far, with the provenance that makes the run reproducible: title, scenario,
  /// resolved config (with its schedule), seed, period, hubsim version and commit.
  io::RunData results() const;
  /// Saves the world (between months); the caller records config and months done beside it.
  void save(io::CheckpointWriter& out) const { world_->save(out); }

 private:
  void schedule();

  Config config_;
  Config current_;
  core::ThreadArena arena_;
  core::Scheduler scheduler_;
  std::unique_ptr<World> world_;
  int done_ = 0;
};

}  // namespace hubsim::engine
