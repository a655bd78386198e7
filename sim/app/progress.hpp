#pragma once
/// Progress on stderr: a bar with ETA on a terminal, a plain line per simulated year otherwise.
#include <chrono>
#include <string>

namespace hubsim::app {

class Progress {
 public:
  explicit Progress(bool enabled);
  /// `done` of `total` steps finished; `label` names the step just done (e.g. "2027-03").
  void update(int done, int total, const std::string& label);
  void finish();

 private:
  bool enabled_;
  bool tty_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace hubsim::app
