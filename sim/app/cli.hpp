#pragma once
/// The `hubsim` command line (run, check, params, inspect, sweep, analyse, bench) over one model.
#include <string>

#include "sim/engine/model.hpp"

namespace hubsim::app {

/// Parses the arguments and runs the subcommand on `model`; returns the process exit code.
/// `about` heads --help.
int run_cli(int argc, char** argv, const engine::ModelDescription& model, const std::string& about);

}  // namespace hubsim::app
