#pragma once
// The one-line error an experiment's text gets from the parser ("" if it parses), for tests of
// messages: the file is named exp.yaml.
#include <string>

#include "sim/batch/experiment.hpp"
#include "sim/io/config_error.hpp"

namespace hubsim::batch::test {

inline std::string error_of(const std::string& text) {
  try {
    parse_experiment(text, "exp.yaml");
  } catch (const io::ConfigError& e) {
    return e.what();
  }
  return "";
}

}  // namespace hubsim::batch::test
