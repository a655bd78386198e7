#include "sim/app/progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace hubsim::app {

Progress::Progress(bool enabled)
    : enabled_(enabled), tty_(isatty(STDERR_FILENO) != 0), start_(std::chrono::steady_clock::now()), last_draw_() {}

void Progress::update(int done, int total, const std::string& label) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double eta = done > 0 ? elapsed / done * (total - done) : 0.0;
  if (tty_) {
    // Redraw at most 20 times a second: drawing must not cost more than simulating.
    if (done < total && now - last_draw_ < std::chrono::milliseconds(50)) return;
    last_draw_ = now;
    constexpr int width = 30;
    const int filled = total > 0 ? done * width / total : width;
    std::fprintf(stderr, "\r  [%.*s%*s] %s  %d/%d months  %.1fs elapsed  ETA %.1fs ", filled,
                 "##############################", width - filled, "", label.c_str(), done, total, elapsed, eta);
    std::fflush(stderr);
  } else if (label.size() >= 7 && label.substr(5, 2) == "12") {
    std::fprintf(stderr, "  %s  %d/%d months  %.2fs elapsed\n", label.c_str(), done, total, elapsed);
  }
}

void Progress::finish() {
  if (enabled_ && tty_) std::fprintf(stderr, "\n");
}

}  // namespace hubsim::app
