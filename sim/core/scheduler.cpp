#include "sim/core/scheduler.hpp"

namespace hubsim::core {

void Scheduler::add_phase(std::string name, PhaseFn fn) {
  names_.push_back(std::move(name));
  phases_.push_back(std::move(fn));
  seconds_.push_back(0);
}

void Scheduler::run_step(std::uint32_t step, Month month) {
  for (std::size_t p = 0; p < phases_.size(); ++p) {
    const auto t0 = std::chrono::steady_clock::now();
    phases_[p](PhaseContext{seed_, step, static_cast<std::uint32_t>(p), month});
    seconds_[p] += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }
}

void Scheduler::run(Month start, int steps, const std::function<void(int, int)>& on_step, int first) {
  for (int s = first; s < steps; ++s) {
    run_step(static_cast<std::uint32_t>(s), start + s);
    if (on_step) on_step(s + 1, steps);
  }
}

}  // namespace hubsim::core
