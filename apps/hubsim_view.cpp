// The composition root of `hubsim-view`: the viewer, with the Lancashire model for --live, and the
// headings its live sliders sit under (the sliders themselves come from the model's description).
#include "apps/hubsim_view_sliders.hpp"
#include "models/lancashire/model.hpp"
#include "viz/viewer.hpp"

int main(int argc, char** argv) {
  return hubsim::viz::run_viewer(argc, argv, hubsim::model::description(), hubsim::apps::slider_groups());
}
