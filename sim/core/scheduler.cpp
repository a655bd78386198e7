#include "sim/core/scheduler.hpp"

#include <algorithm>
#include <stdexcept>

namespace hubsim::core {

void Scheduler::add_phase(std::string name, PhaseFn fn) { insert_phase({}, std::move(name), std::move(fn)); }

void Scheduler::insert_phase(const std::string& before, std::string name, PhaseFn fn) {
  if (std::find(names_.begin(), names_.end(), name) != names_.end())
    throw std::invalid_argument("phase \"" + name + "\" is scheduled twice");
  auto at = before.empty() ? names_.end() : std::find(names_.begin(), names_.end(), before);
  if (!before.empty() && at == names_.end()) throw std::invalid_argument("no phase \"" + before + "\"");
  const auto i = at - names_.begin();
  keys_.insert(keys_.begin() + i, stream_key(name));
  names_.insert(at, std::move(name));
  phases_.insert(phases_.begin() + i, std::move(fn));
  seconds_.insert(seconds_.begin() + i, 0.0);
}

void Scheduler::run_step(std::uint32_t step, Month month) {
  for (std::size_t p = 0; p < phases_.size(); ++p) {
    const auto t0 = std::chrono::steady_clock::now();
    phases_[p](PhaseContext{seed_, step, keys_[p], month});
    seconds_[p] += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }
}

}  // namespace hubsim::core
