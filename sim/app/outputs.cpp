#include "sim/app/outputs.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <climits>
#include <cstring>
#include <fstream>
#include <algorithm>

#include "sim/io/config_error.hpp"

namespace hubsim::app {
namespace fs = std::filesystem;

std::string special_file_kind(const fs::path& path) {
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);  // follows symlinks
  if (ec || !fs::exists(st) || fs::is_regular_file(st)) return "";
  if (fs::is_directory(st)) return "a directory";
  if (fs::is_fifo(st)) return "a FIFO (named pipe)";
  if (fs::is_socket(st)) return "a socket";
  if (fs::is_character_file(st)) return "a character device";
  if (fs::is_block_file(st)) return "a block device";
  return "not a regular file";
}

MemoryLimit memory_limit(double max_memory_gib) {
  if (max_memory_gib > 0) return {max_memory_gib * (1 << 30), "--max-memory"};
  double physical = static_cast<double>(::sysconf(_SC_PHYS_PAGES)) * static_cast<double>(::sysconf(_SC_PAGE_SIZE));
  std::ifstream cgroup("/sys/fs/cgroup/memory.max");  // a container's limit ("max" if none)
  if (double bytes = 0; cgroup >> bytes && bytes > 0) physical = std::min(physical, bytes);
  return {0.75 * physical, "75% of this machine's memory; see --max-memory"};
}

std::string memory_size(double bytes) {
  char s[32];
  std::snprintf(s, sizeof s, bytes < (1 << 30) ? "%.0f MiB" : "%.1f GiB", bytes / (bytes < (1 << 30) ? 1 << 20 : 1 << 30));
  return s;
}

std::string printable_path(const std::string& text) {
  std::string out;
  for (const char c : text.substr(0, 200)) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", u);
      out += hex;
    } else {
      out += c;
    }
  }
  return text.size() > 200 ? out + "..." : out;
}

void check_output_file(const fs::path& path, const std::string& what) {
  auto fail = [&](const std::string& problem) {
    throw io::ConfigError(what, 0, 0, "", printable_path(path.string()) + ": " + problem);
  };
  if (path.empty()) fail("empty file name");
  if (!path.has_filename()) fail("names a directory, not a file");
  for (const auto& part : path)
    if (part.native().size() > NAME_MAX)
      fail("the name \"" + part.native().substr(0, 40) + "...\" is " + std::to_string(part.native().size()) +
           " bytes long; file names are limited to " + std::to_string(NAME_MAX));
  if (const std::string kind = special_file_kind(path); !kind.empty())
    fail("is " + kind + ", not a regular file; refusing to replace it");
  // The directory that must take the new file: the parent, or the nearest ancestor that exists
  // (the rest is created before writing).
  fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  std::error_code ec;
  for (int up = 0; up < 4096 && !fs::exists(dir, ec); ++up)  // bounded: "." may be gone too
    dir = dir.has_parent_path() && dir != dir.parent_path() ? dir.parent_path() : fs::path(".");
  if (!fs::is_directory(dir, ec)) fail(dir.string() + " is not a directory");
  if (fs::exists(path.parent_path(), ec) || !path.has_parent_path()) {
    // Try the temporary the write will use: permissions, read-only file systems, quotas.
    fs::path probe = path;
    probe += ".tmp-" + std::to_string(::getpid());
    const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) fail("cannot create a file in " + dir.string() + " (" + std::strerror(errno) + ")");
    ::close(fd);
    ::unlink(probe.c_str());
  } else if (::access(dir.c_str(), W_OK | X_OK) != 0) {
    fail("cannot create directories under " + dir.string() + " (" + std::strerror(errno) + ")");
  }
}

void check_input_file(const fs::path& path, const std::string& what) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw io::ConfigError(what, 0, 0, "", path.string() + ": no such file");
  if (const std::string kind = special_file_kind(path); !kind.empty())
    throw io::ConfigError(what, 0, 0, "", path.string() + ": is " + kind + ", not a regular file");
}

void remove_stale_temporaries(const fs::path& path) {
  std::error_code ec;
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  const std::string prefix = path.filename().string() + ".tmp-";
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string pid_text = name.substr(prefix.size());
    if (pid_text.empty() || pid_text.find_first_not_of("0123456789") != std::string::npos || pid_text.size() > 9) continue;
    const auto pid = static_cast<pid_t>(std::stol(pid_text));
    if (pid == ::getpid() || (::kill(pid, 0) == 0 || errno == EPERM)) continue;  // still running
    fs::remove(it->path(), ec);
  }
}

}  // namespace hubsim::app
