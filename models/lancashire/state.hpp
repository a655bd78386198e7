#pragma once
/// What carries a World from one month to the next, saved and restored for checkpoints
/// (`hubsim run --checkpoint-every`, `--restart`).
namespace hubsim::io {
class CheckpointWriter;
class CheckpointReader;
}  // namespace hubsim::io

namespace hubsim::model {

struct World;

/// Saves everything a later month reads of `w`: the agents, the hub arrays, the anchors' state and
/// the records so far. Call between months, when the month's tally has been cleared.
void save_state(World& w, io::CheckpointWriter& out);

/// Replaces the state of `w`, built from the same config, with a checkpoint's. Throws
/// io::RunFileError for arrays of the wrong type or length and for row or hub indexes out of range.
void load_state(World& w, io::CheckpointReader& in);

}  // namespace hubsim::model
