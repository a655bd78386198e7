#include "sim/batch/progress_bar.hpp"

#include <unistd.h>

#include <cstdio>

namespace hubsim::batch {

ProgressBar::ProgressBar(std::size_t total, std::size_t already, bool enabled)
    : total_(total), already_(already), enabled_(enabled), tty_(isatty(STDERR_FILENO) != 0),
      start_(std::chrono::steady_clock::now()), last_draw_(start_) {}

void ProgressBar::tick(bool failed) {
  ++done_;
  if (failed) ++failed_;
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  // A terminal redraws 10 times a second at most; logs get a line every 5 s.
  if (now - last_draw_ < (tty_ ? std::chrono::milliseconds(100) : std::chrono::milliseconds(5000))) return;
  last_draw_ = now;
  draw(false);
}

void ProgressBar::finish() {
  if (!enabled_) return;
  draw(true);
}

void ProgressBar::draw(bool last) {
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = elapsed > 0 ? static_cast<double>(done_) / elapsed : 0.0;
  const std::size_t finished = already_ + done_;
  const double eta = rate > 0 ? static_cast<double>(total_ - finished) / rate : 0.0;
  char failed[48] = "";
  if (failed_) std::snprintf(failed, sizeof failed, ", %zu failed", failed_);
  if (tty_) {
    constexpr int width = 30;
    const int filled = total_ ? static_cast<int>(finished * width / total_) : width;
    std::fprintf(stderr, "\r  [%.*s%*s] %zu/%zu runs%s  %.1f runs/s  ETA %.0fs ", filled,
                 "##############################", width - filled, "", finished, total_, failed, rate, eta);
    if (last) std::fprintf(stderr, "\n");
  } else {
    std::fprintf(stderr, "  %zu/%zu runs%s  %.1f runs/s  %s %.0fs\n", finished, total_, failed, rate,
                 last ? "elapsed" : "ETA", last ? elapsed : eta);
  }
  std::fflush(stderr);
}

}  // namespace hubsim::batch
