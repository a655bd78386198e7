#pragma once
/// A monthly step as a fixed, ordered list of named phases.
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/core/calendar.hpp"
#include "sim/core/rng.hpp"

namespace hubsim::core {

/// What a phase knows about "now", and its random streams.
struct PhaseContext {
  std::uint64_t seed;
  std::uint32_t step;   ///< 0 for the first simulated month
  std::uint32_t phase;  ///< position of the phase in the step
  Month month;

  Rng rng(EntityKind kind, std::uint64_t id) const { return Rng(seed, step, phase, entity_key(kind, id)); }
};

class Scheduler {
 public:
  using PhaseFn = std::function<void(const PhaseContext&)>;

  explicit Scheduler(std::uint64_t seed) : seed_(seed) {}

  void add_phase(std::string name, PhaseFn fn);
  /// Runs every phase in order for one month.
  void run_step(std::uint32_t step, Month month);
  /// Runs months `first` .. `steps`-1 of a run of `steps` months from `start` (first > 0 continues
  /// a restored run); `on_step(done, total)` is called after each month.
  void run(Month start, int steps, const std::function<void(int, int)>& on_step = {}, int first = 0);

  const std::vector<std::string>& phase_names() const { return names_; }
  /// Wall seconds spent in each phase so far (for profiling; never part of the output).
  const std::vector<double>& phase_seconds() const { return seconds_; }

 private:
  std::uint64_t seed_;
  std::vector<std::string> names_;
  std::vector<PhaseFn> phases_;
  std::vector<double> seconds_;
};

}  // namespace hubsim::core
