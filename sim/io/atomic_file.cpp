#include "sim/io/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <new>
#include <string>
#include <system_error>

#include "sim/io/run_file.hpp"

namespace hubsim::io {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void fail(const fs::path& path, const std::string& what) {
  throw RunFileError(path.string() + ": " + what);
}

const char* kind(fs::file_type t) {
  switch (t) {
    case fs::file_type::directory: return "a directory";
    case fs::file_type::fifo: return "a FIFO";
    case fs::file_type::character: return "a character device";
    case fs::file_type::block: return "a block device";
    case fs::file_type::socket: return "a socket";
    default: return "not a regular file";
  }
}

// rename() would put our file in place of a device or FIFO (as root, even /dev/null), and fails on a
// directory only after all the writing. status() follows symlinks: a link to /dev/null is refused too.
void require_replaceable(const fs::path& path) {
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (st.type() == fs::file_type::not_found) return;
  if (ec) fail(path, "cannot inspect (" + ec.message() + ")");
  if (st.type() != fs::file_type::regular)
    fail(path, std::string("is ") + kind(st.type()) + ", not a regular file; refusing to replace it");
}

// Data on disk before the rename makes it visible: after a power loss (not just a killed process)
// the final name holds the old file or the complete new one, never a torn one.
void sync_file(const fs::path& path, const fs::path& tmp) {
  const int fd = ::open(tmp.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    const int err = errno;
    if (fd >= 0) ::close(fd);
    fail(path, "cannot sync " + tmp.string() + " (" + std::strerror(err) + ")");
  }
  ::close(fd);
}

// Makes the rename itself durable. Best effort: some file systems refuse fsync on a directory, and
// the file has been replaced by then, so reporting a failure would misdescribe what happened.
void sync_directory(const fs::path& path) {
  const fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  [[maybe_unused]] const int ignored = ::fsync(fd);
  ::close(fd);
}

}  // namespace

AtomicReplacement::AtomicReplacement(fs::path path) : path_(std::move(path)) {
  require_replaceable(path_);
  tmp_ = path_;
  tmp_ += ".tmp-" + std::to_string(::getpid());  // the pid keeps concurrent processes apart
}

AtomicReplacement::~AtomicReplacement() {
  if (committed_) return;
  std::error_code ignored;
  fs::remove(tmp_, ignored);
}

void AtomicReplacement::commit() {
  require_replaceable(path_);
  sync_file(path_, tmp_);
  std::error_code ec;
  fs::rename(tmp_, path_, ec);
  if (ec) fail(path_, "cannot rename " + tmp_.string() + " over it (" + ec.message() + ")");
  committed_ = true;
  sync_directory(path_);
}

void atomic_replace(const fs::path& path, const std::function<void(const fs::path& tmp)>& write) {
  AtomicReplacement target(path);
  // `target` outlives the handlers: it removes the temporary as their exception unwinds.
  try {
    write(target.temporary());
  } catch (const std::bad_alloc&) {
    fail(path, "out of memory");
  } catch (const std::exception& e) {
    fail(path, e.what());
  }
  target.commit();
}

}  // namespace hubsim::io
