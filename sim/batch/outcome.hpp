#pragma once
/// Outcomes: one number per run from its RunData, as an experiment's OutcomeSpec asks.
#include <stdexcept>
#include <string>

#include "sim/batch/experiment.hpp"
#include "sim/io/run_data.hpp"

namespace hubsim::batch {

/// Thrown when a run lacks what an outcome needs (variable, label, month); names the outcome.
class OutcomeError : public std::runtime_error {
 public:
  /// what(): "outcome NAME: PROBLEM". `field` is the spec's field at fault: "variable", "hub",
  /// "where.<dimension>" or "when".
  OutcomeError(const std::string& name, std::string field, std::string problem)
      : std::runtime_error("outcome " + name + ": " + problem), field_(std::move(field)), problem_(std::move(problem)) {}
  const std::string& field() const { return field_; }
  const std::string& problem() const { return problem_; }

 private:
  std::string field_;
  std::string problem_;
};

/// The variable summed over the selected labels of every non-time dimension (all labels where
/// nothing is selected), then reduced over the window's months by the spec's statistic.
double extract_outcome(const OutcomeSpec& spec, const io::RunData& run);

/// Checks everything extract_outcome needs except the months: the variable exists and is a time
/// series, and every selected dimension and label exists. For checking an experiment against a
/// short probe run before a sweep starts. Throws OutcomeError.
void check_outcome(const OutcomeSpec& spec, const io::RunData& run);

/// Checks that the outcome's window lies inside the period first..last. Throws OutcomeError.
void check_window(const OutcomeSpec& spec, core::Month first, core::Month last);

}  // namespace hubsim::batch
