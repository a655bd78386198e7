#pragma once
/// Runs one of hubsim's embedded Python scripts (charts) with an argument vector: no shell ever
/// sees a path or any other user-controlled text. The interpreter is HUBSIM_PYTHON, else
/// /usr/bin/python3, else python3 on PATH; the script is fed on its stdin (python - ARGS...).
#include <string>
#include <string_view>
#include <vector>

namespace hubsim::app {

/// Empty when the script exited 0; otherwise why not, for the caller's note ("cannot start
/// /usr/bin/python3 (No such file or directory)", "/usr/bin/python3 exited 1"). A chart is an
/// extra: its absence is never an error, so callers print a note and go on.
std::string run_python_script(std::string_view script, const std::vector<std::string>& args);

}  // namespace hubsim::app
