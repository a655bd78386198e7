#pragma once
/// The Lancashire model as the engine sees it: a World built from Params, its phases, its
/// outcomes and its checkpointable state, all reached through description().
#include <cstdint>
#include <memory>

#include "models/lancashire/params.hpp"
#include "sim/engine/model.hpp"
#include "sim/io/run_data.hpp"
#include "sim/io/run_settings.hpp"

namespace hubsim::model {

struct World;

class LancashireModel final : public engine::World {
 public:
  /// Builds the hub graph and the initial population. Throws std::invalid_argument for a hub
  /// graph that cannot be built (unknown hubs, unreachable hubs).
  LancashireModel(const Params& params, const io::RunSettings& run);
  /// Builds the hub graph and takes the population and everything recorded so far from a
  /// checkpoint of a run of the same config (no initial population is drawn). Throws
  /// io::RunFileError if the checkpoint does not fit the config.
  LancashireModel(const Params& params, const io::RunSettings& run, io::CheckpointReader& checkpoint);
  ~LancashireModel() override;

  void schedule(core::Scheduler& scheduler) override;
  void replace_params(const engine::ModelParams& params) override;
  io::RunData results() const override;
  void save(io::CheckpointWriter& checkpoint) override;
  std::size_t agents() const override;

  const model::World& world() const { return *world_; }
  model::World& world() { return *world_; }

 private:
  std::unique_ptr<model::World> world_;
};

/// The Lancashire model's description: what `hubsim` and `hubsim-view` are built around.
const engine::ModelDescription& description();

/// The summary `hubsim run` prints: jobs by hub, leavers, deals, graduates.
std::string summary_table(const io::RunData& run);

}  // namespace hubsim::model
