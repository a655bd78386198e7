#pragma once
/// Replacing a file all at once, so that readers and a crash see the old file or the new one, never
/// a torn one. The only implementation of "write <path>.tmp-<pid>, fsync, rename over <path>":
/// run files, checkpoints, sweep summaries and text outputs all go through it.
#include <filesystem>
#include <functional>

namespace hubsim::io {

/// Calls `write(tmp)` to create and fill "<path>.tmp-<pid>" (same directory, so the rename is
/// atomic), then fsyncs it, renames it over `path` and fsyncs the directory.
/// Refuses, before calling `write`, to replace anything but a regular file (or nothing): a directory,
/// FIFO or device at `path`, or a symlink to one (`hubsim run -o /dev/null` as root must not
/// replace /dev/null). On any failure the temporary is removed, `path` is untouched and
/// RunFileError("<path>: <what>") is thrown; `write` should therefore not name `path` itself.
void atomic_replace(const std::filesystem::path& path,
                    const std::function<void(const std::filesystem::path& tmp)>& write);

/// atomic_replace in steps, for a writer that fills the temporary over many calls (checkpoints):
/// construct (checks `path`), write temporary() and close it, commit(). Destroying it uncommitted,
/// e.g. while unwinding, removes the temporary. Throws RunFileError("<path>: <what>").
class AtomicReplacement {
 public:
  explicit AtomicReplacement(std::filesystem::path path);
  ~AtomicReplacement();
  AtomicReplacement(const AtomicReplacement&) = delete;
  AtomicReplacement& operator=(const AtomicReplacement&) = delete;

  const std::filesystem::path& path() const { return path_; }
  const std::filesystem::path& temporary() const { return tmp_; }
  /// Syncs the (closed) temporary and renames it over path(); checks path() again first, as a
  /// long-lived writer's target may have changed since construction.
  void commit();

 private:
  std::filesystem::path path_, tmp_;
  bool committed_ = false;
};

}  // namespace hubsim::io
