#pragma once
/// hubsim-view's main loop, over the model that --live simulates.
#include "sim/engine/model.hpp"
#include "viz/live_session.hpp"

namespace hubsim::viz {

/// Parses the arguments, opens the window (or renders headless) and runs until it is closed;
/// returns the exit code (0, 1 no display / OpenGL / output failure, 2 bad input). `sliders`
/// groups live mode's sliders under the model's own headings.
int run_viewer(int argc, char** argv, const engine::ModelDescription& model, const SliderGroups& sliders = {});

}  // namespace hubsim::viz
