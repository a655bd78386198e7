#pragma once
/// configs/lancashire.yaml as it was at build time: `hubsim run` needs no arguments.
#include <string_view>

namespace hubsim::model {

extern const std::string_view kDefaultConfig;

}  // namespace hubsim::model
