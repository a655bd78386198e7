#pragma once
/// `hubsim inspect RUN.h5`: what a run file holds, for a person at a terminal.
#include <filesystem>
#include <string>

#include "sim/io/run_data.hpp"

namespace hubsim::app {

/// Scenario, period, seed, provenance, dimensions with sizes, variables with dims and units, and
/// headline outcomes (employment first and last month, firms, leavers, summed over the region the
/// run declares first in its hub_groups). Never indexes a
/// variable whose dims are not the ones it expects, so any file read_run_file accepts is safe.
std::string inspect_text(const std::filesystem::path& path, const io::RunData& run);

}  // namespace hubsim::app
