#pragma once
/// Reading a run file the user handed us (inspect, run --from) without ever crashing on it.
#include <filesystem>
#include <functional>
#include <stdexcept>

#include "sim/io/run_data.hpp"

namespace hubsim::app {

/// A file given as input (inspect, run --from, run --restart) that cannot be read: bad input,
/// exit 2, unlike failing to write a file, which is an I/O failure (exit 1).
class BadInputFile : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// io::read_run_file, first tried in a forked child process: HDF5 itself can crash or hang on
/// corrupted metadata (e.g. a damaged global heap), which no check of ours can prevent in-process.
/// If the child dies or times out, throws io::RunFileError naming `path`; otherwise reads the file
/// here (deterministically the same outcome) and returns it. Call before starting worker threads.
io::RunData read_untrusted_run_file(const std::filesystem::path& path);

/// Runs `attempt` (a read of the untrusted file `path`) in a forked child first; throws
/// io::RunFileError naming `path` if the child crashes or hangs, and the child's own
/// io::RunFileError if it throws one (the file is then not read again here). Other exceptions in
/// the child are ignored: the caller's own attempt afterwards throws the same one.
void try_in_child(const std::filesystem::path& path, const std::function<void()>& attempt);

}  // namespace hubsim::app
