#pragma once
/// Targets of an experiment (`targets:`): a condition on one of its outcomes, such as
/// employment_2035 >= 50000, whose probability `hubsim analyse` estimates per scenario. Parsed
/// here; the hook in experiment.cpp hands over the node once the outcomes are known, so that a
/// target naming an unknown outcome is an error at its line before any run.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace YAML {
class Node;
}

namespace hubsim::batch {

struct OutcomeSpec;  // experiment.hpp

enum class CompareOp { ge, gt, le, lt };

/// "outcome op value": what --discover takes and what a target holds.
struct Condition {
  std::string outcome;
  CompareOp op = CompareOp::ge;
  double value = 0;

  bool holds(double x) const;
  std::string text() const;  ///< "employment_2035 >= 50000"
};

struct TargetSpec {
  std::string name;       ///< shown in tables; default: the condition's text
  Condition condition;
  std::size_t outcome = 0;  ///< index into Experiment::outcomes
  int line = 0, column = 0;
};

const char* to_string(CompareOp op);

/// Parses a `targets:` list, `{name: jobs_50k, outcome: employment_2035, op: ">=", value: 50000}`
/// (name optional) or the same as one string, `"employment_2035 >= 50000"`. Throws
/// io::ConfigError naming source:line:col and the key.
std::vector<TargetSpec> parse_targets(const YAML::Node& node, const std::string& source,
                                      const std::vector<OutcomeSpec>& outcomes);

/// Parses "NAME OP NUMBER" (OP one of >= > <= <, spaces optional); nullopt and `problem` says why.
std::optional<Condition> parse_condition(std::string_view text, std::string& problem);

}  // namespace hubsim::batch
