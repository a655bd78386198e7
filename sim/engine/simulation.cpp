#include "sim/engine/simulation.hpp"

#include "sim/engine/version.hpp"

namespace hubsim::engine {

Simulation::Simulation(Config config, int threads)
    : config_(std::move(config)), current_(config_), arena_(threads),
      scheduler_(static_cast<std::uint64_t>(config_.run.seed)) {
  arena_.execute([&] { world_ = config_.model->create(*current_.params, current_.run); });
  schedule();
}

Simulation::Simulation(Config config, int threads, io::CheckpointReader& checkpoint, int months_done)
    : config_(std::move(config)), current_(config_at(config_, config_.run.start + (months_done - 1))),
      arena_(threads), scheduler_(static_cast<std::uint64_t>(config_.run.seed)), done_(months_done) {
  arena_.execute([&] { world_ = config_.model->restore(*current_.params, current_.run, checkpoint); });
  schedule();
}

void Simulation::schedule() { world_->schedule(scheduler_); }

void Simulation::step() {
  if (finished()) return;
  const core::Month month = next_month();
  bool changed = false;
  for (const auto& c : config_.run.changes)
    if (c.month == month) {
      io::apply_override(current_.describe(), c.set);
      changed = true;
    }
  if (changed) world_->replace_params(*current_.params);
  arena_.execute([&] { scheduler_.run_step(static_cast<std::uint32_t>(done_), month); });
  ++done_;
}

void Simulation::change(const std::string& assignment) {
  if (finished()) throw io::ConfigError("live change " + assignment, 0, 0, "", "the run is complete");
  Config next = config_;
  next.run.changes.push_back({next_month(), assignment});
  check_changes(next, "live change");
  config_ = std::move(next);
}

io::RunData Simulation::results() const {
  io::RunData out = world_->results();
  Config config = config_;  // describe() binds a non-const visitor
  out.text_attributes["title"] = config_.model->title;
  out.text_attributes["scenario"] = config_.run.scenario;
  out.text_attributes["config"] = io::to_yaml(config.describe());
  out.text_attributes["hubsim_version"] = kVersion;
  out.text_attributes["git_commit"] = kGitCommit;
  out.text_attributes["period"] = config_.run.start.iso() + "/" + config_.run.end.iso();
  out.int_attributes["seed"] = config_.run.seed;
  return out;
}

}  // namespace hubsim::engine
