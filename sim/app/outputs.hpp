#pragma once
/// Checks on the files a command will write and the files it reads, made before anything is
/// simulated, so that a bad output path costs a second, not a run (issue 17).
#include <filesystem>
#include <string>

namespace hubsim::app {

/// Throws io::ConfigError (exit 2) naming `path` (`what`: "-o", "--checkpoint") unless a file can
/// be written there: it is absent or a regular file (never a directory, device, FIFO or socket,
/// even through a symlink), no component of its name exceeds the file system's limit, and its
/// directory (or the nearest existing ancestor, which `hubsim` will create the rest under) takes
/// a new file — tried for real, by creating and removing the temporary the write will use.
void check_output_file(const std::filesystem::path& path, const std::string& what);

/// Throws io::ConfigError unless `path` names a regular file (or a symlink to one): FIFOs and
/// sockets would block a reader for ever, directories and devices are not inputs.
void check_input_file(const std::filesystem::path& path, const std::string& what);

/// Removes "<path>.tmp-<pid>" files next to `path` whose process no longer runs: what a killed
/// write left behind. Best effort; never throws.
void remove_stale_temporaries(const std::filesystem::path& path);

/// `text` with control bytes shown as \xNN and cut at 200 bytes: for paths read from files.
std::string printable_path(const std::string& text);

/// The memory a run, or a sweep's runs at once, may take: `max_memory_gib` if positive, else 75%
/// of physical memory (or of the cgroup's limit); `what` names which, for messages.
struct MemoryLimit {
  double bytes = 0;
  std::string what;
};
MemoryLimit memory_limit(double max_memory_gib);

/// "512 MiB", "3.2 GiB".
std::string memory_size(double bytes);

/// "a directory", "a FIFO (named pipe)", ... for messages; "" for a regular file or nothing.
std::string special_file_kind(const std::filesystem::path& path);

}  // namespace hubsim::app
