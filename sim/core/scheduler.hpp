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
  std::uint32_t step;    ///< 0 for the first simulated month
  std::uint64_t stream;  ///< stream_key(phase name)
  Month month;

  /// The entity's stream for this phase and month.
  Rng rng(Identity entity) const { return Rng(seed, step, stream, entity); }
  /// A second, independent stream of the same entity in this phase (e.g. a newborn's own draws).
  Rng rng(Identity entity, std::string_view substream) const {
    return Rng(seed, step, stream ^ stream_key(substream), entity);
  }
};

class Scheduler {
 public:
  using PhaseFn = std::function<void(const PhaseContext&)>;

  explicit Scheduler(std::uint64_t seed) : seed_(seed) {}

  /// Appends a phase; its random streams are keyed by `name`. Throws std::invalid_argument for a
  /// name used twice (two phases would share their draws).
  void add_phase(std::string name, PhaseFn fn);
  /// Inserts a phase before the one called `before` (tests: a phase added anywhere must change
  /// no other phase's draws). Throws std::invalid_argument if there is no such phase.
  void insert_phase(const std::string& before, std::string name, PhaseFn fn);
  /// Runs every phase in order for one month.
  void run_step(std::uint32_t step, Month month);

  const std::vector<std::string>& phase_names() const { return names_; }
  /// Wall seconds spent in each phase so far (for profiling; never part of the output).
  const std::vector<double>& phase_seconds() const { return seconds_; }
  std::uint64_t seed() const { return seed_; }

 private:
  std::uint64_t seed_;
  std::vector<std::string> names_;
  std::vector<std::uint64_t> keys_;
  std::vector<PhaseFn> phases_;
  std::vector<double> seconds_;
};

}  // namespace hubsim::core
