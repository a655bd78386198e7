// The composition root of `hubsim-view`: the viewer, with the Lancashire model for --live.
#include "models/lancashire/model.hpp"
#include "viz/viewer.hpp"

int main(int argc, char** argv) { return hubsim::viz::run_viewer(argc, argv, hubsim::model::description()); }
