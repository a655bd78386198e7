#pragma once
/// Outcomes: one number per run from its RunData, as an experiment's OutcomeSpec asks.
#include <stdexcept>

#include "sim/batch/experiment.hpp"
#include "sim/io/run_data.hpp"

namespace hubsim::batch {

/// Thrown when a run lacks what an outcome needs (variable, label, month); names the outcome.
class OutcomeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The variable summed over the selected labels of every non-time dimension (all labels where
/// nothing is selected), then reduced over the window's months by the spec's statistic.
double extract_outcome(const OutcomeSpec& spec, const io::RunData& run);

}  // namespace hubsim::batch
