#pragma once
/// The Lancashire model wired to the engine: build a world, register its phases, collect results.
#include <cstdint>
#include <memory>

#include "models/lancashire/params.hpp"
#include "sim/core/scheduler.hpp"
#include "sim/io/run_data.hpp"
#include "sim/io/run_settings.hpp"

namespace hubsim::io {
class CheckpointReader;
class CheckpointWriter;
}  // namespace hubsim::io

namespace hubsim::model {

struct World;

class LancashireModel {
 public:
  /// Builds the hub graph and the initial population. Throws std::invalid_argument for a hub
  /// graph that cannot be built (unknown hubs, unreachable hubs).
  LancashireModel(const Params& params, const io::RunSettings& run);
  /// Builds the hub graph and takes the population and everything recorded so far from a
  /// checkpoint of a run of the same config (no initial population is drawn). Throws
  /// io::RunFileError if the checkpoint does not fit the config.
  LancashireModel(const Params& params, const io::RunSettings& run, io::CheckpointReader& checkpoint);
  ~LancashireModel();

  /// Registers the step's phases, in order, on the scheduler.
  void schedule(core::Scheduler& scheduler);
  /// Outcomes by month and hub, plus the hub coordinates and kinds.
  io::RunData results() const;
  /// Writes the state between two months (call from the scheduler's after-step callback).
  void save(io::CheckpointWriter& checkpoint);
  const World& world() const { return *world_; }
  World& world() { return *world_; }

 private:
  std::unique_ptr<World> world_;
};

}  // namespace hubsim::model
