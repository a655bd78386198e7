#pragma once
/// How a model describes itself to the engine (in the spirit of FLAME GPU 2's ModelDescription):
/// its parameters, how to build and restore its world, the phases of its monthly step, its
/// outputs and its checkpointable state. The engine, the `hubsim` CLI, the viewer and the
/// benchmarks know a model only through this; one composition root (apps/) names both.
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "sim/core/scheduler.hpp"
#include "sim/io/param_visitor.hpp"
#include "sim/io/run_data.hpp"
#include "sim/io/run_settings.hpp"

namespace hubsim::io {
class CheckpointReader;
class CheckpointWriter;
}  // namespace hubsim::io

namespace hubsim::engine {

/// A model's parameters: plain data it describes to visitors (reader, writer, reference, scope).
class ModelParams {
 public:
  virtual ~ModelParams() = default;
  virtual std::unique_ptr<ModelParams> clone() const = 0;
  /// Lists every parameter (sim/io/param_visitor.hpp).
  virtual void describe(io::ParamVisitor& v) = 0;
  /// Checks that per-key rules cannot express (e.g. every hub reachable); throws
  /// std::invalid_argument naming the problem; `key` gets the offending key path.
  virtual void check(std::string& key) const { (void)key; }
};

/// Peak memory a run will need, estimated from its config before anything is allocated.
struct MemoryEstimate {
  double agents = 0;  ///< agent rows at the peak (an upper bound)
  double bytes = 0;
};

/// One run's state: the model's agents, hubs and records. Built from params and run settings,
/// stepped by the engine's scheduler, asked for its outcomes at the end.
class World {
 public:
  virtual ~World() = default;
  /// Registers the monthly step's phases, in order; each phase's random streams are keyed by its name.
  virtual void schedule(core::Scheduler& scheduler) = 0;
  /// Dated changes (`--change`, live sliders): the world takes a new copy of its parameters
  /// between two months, and rebuilds everything it derived from them. `params` has the
  /// concrete type the model's make_params returns.
  virtual void replace_params(const ModelParams& params) = 0;
  /// Outcomes of the months simulated so far (dimensions, variables; no provenance).
  virtual io::RunData results() const = 0;
  /// Saves the full state between two months (checkpoints).
  virtual void save(io::CheckpointWriter& out) = 0;
  /// Agent rows alive now (benchmarks count agent-steps with it).
  virtual std::size_t agents() const = 0;
};

/// Everything the engine and the CLI need to know about one model.
struct ModelDescription {
  std::string name;   ///< short, for messages ("lancashire")
  std::string title;  ///< the run files' title attribute
  /// The complete default configuration (YAML) and how error messages name it.
  std::string_view default_config;
  std::string default_config_source;
  /// A blank parameter set, to be filled from YAML.
  std::function<std::unique_ptr<ModelParams>()> make_params;
  /// A new world: the initial population drawn from the run's seed. Throws std::invalid_argument
  /// for parameters that cannot make one.
  std::function<std::unique_ptr<World>(const ModelParams&, const io::RunSettings&)> create;
  /// The world a checkpoint saved (no initial population is drawn). Throws io::RunFileError if
  /// the checkpoint does not fit the config.
  std::function<std::unique_ptr<World>(const ModelParams&, const io::RunSettings&, io::CheckpointReader&)> restore;
  /// Peak memory of a run, from its config alone.
  std::function<MemoryEstimate(const ModelParams&, const io::RunSettings&)> estimate_memory;
  /// A short human summary of a finished run (`hubsim run` prints it); optional.
  std::function<std::string(const io::RunData&)> summary;
  /// The parameter that scales the population, as --set writes it ("population.scale"): the
  /// benchmarks vary it, and memory errors name it. Empty if the model has none.
  std::string scale_key;
};

/// Fills a description's make_params, create and restore from two types: `P`, the model's
/// ModelParams, and `W`, its World, constructible as W(const P&, const io::RunSettings&) (a new
/// world, initial population drawn) and W(const P&, const io::RunSettings&, io::CheckpointReader&).
template <class P, class W>
void bind_types(ModelDescription& d) {
  d.make_params = [] { return std::make_unique<P>(); };
  d.create = [](const ModelParams& p, const io::RunSettings& run) -> std::unique_ptr<World> {
    return std::make_unique<W>(dynamic_cast<const P&>(p), run);
  };
  d.restore = [](const ModelParams& p, const io::RunSettings& run, io::CheckpointReader& in) -> std::unique_ptr<World> {
    return std::make_unique<W>(dynamic_cast<const P&>(p), run, in);
  };
}

}  // namespace hubsim::engine
