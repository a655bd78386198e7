#pragma once
/// Runs one of hubsim's embedded Python scripts (charts) with an argument vector: no shell ever
/// sees a path or any other user-controlled text. The interpreter is HUBSIM_PYTHON, else
/// /usr/bin/python3, else python3 on PATH; the script is fed on its stdin (python - ARGS...).
#include <string>
#include <string_view>
#include <vector>

namespace hubsim::app {

/// True when the script exited 0. Otherwise prints a note naming `what` (a chart is an extra:
/// its absence is never an error) and returns false.
bool run_python_script(std::string_view script, const std::vector<std::string>& args, const std::string& what);

}  // namespace hubsim::app
