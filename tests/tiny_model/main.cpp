// The composition root of `hubsim-walkers`: the tiny test model behind the same CLI as hubsim.
#include "sim/app/cli.hpp"
#include "tests/tiny_model/walkers.hpp"

int main(int argc, char** argv) {
  return hubsim::app::run_cli(argc, argv, hubsim::walkers::description(), "hubsim-walkers: the engine's tiny test model");
}
