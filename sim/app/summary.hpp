#pragma once
/// The table printed at the end of `hubsim run`.
#include <string>

#include "sim/io/run_data.hpp"

namespace hubsim::app {

/// Employment by hub at the first and last month, firms, and talent that left the county.
std::string summary_table(const io::RunData& run);

}  // namespace hubsim::app
