#pragma once
/// Sweep progress on stderr: runs done/total, runs per second and ETA; a redrawn bar on a
/// terminal, a plain line every few seconds otherwise (logs of cluster jobs).
#include <chrono>
#include <cstddef>
#include <string>

namespace hubsim::batch {

class ProgressBar {
 public:
  /// `total` runs of which `already` were done before this process started (resumed sweeps).
  ProgressBar(std::size_t total, std::size_t already, bool enabled);
  void tick(bool failed);  ///< one more run finished here
  void finish();

 private:
  void draw(bool last);
  std::size_t total_, already_, done_ = 0, failed_ = 0;
  bool enabled_, tty_;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace hubsim::batch
