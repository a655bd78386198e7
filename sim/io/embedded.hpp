#pragma once
/// Files compiled into the binary.
#include <string_view>

namespace hubsim::io {

/// configs/lancashire.yaml as it was at build time.
std::string_view default_config_yaml();

}  // namespace hubsim::io
