#pragma once
/// A second, tiny model that proves the engine knows no Lancashire: walkers on a ring of hubs,
/// each month moving to the next hub with a probability that can change during a run. It goes
/// through the same `hubsim` code paths (run, check, --change, sweep, checkpoint and restart) as
/// the Lancashire model, built as `hubsim-walkers` by its own composition root (main.cpp).
#include "sim/engine/model.hpp"

namespace hubsim::walkers {

/// The walkers model's description.
const engine::ModelDescription& description();

}  // namespace hubsim::walkers
