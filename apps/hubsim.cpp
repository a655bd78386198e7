// The composition root of `hubsim`: the Lancashire model registered with the engine's CLI. The
// only file of the command that names both.
#include "models/lancashire/model.hpp"
#include "sim/app/cli.hpp"

int main(int argc, char** argv) {
  return hubsim::app::run_cli(argc, argv, hubsim::model::description(),
                              "hubsim: agent-based simulation of Lancashire's distributed digital hub ecosystem");
}
