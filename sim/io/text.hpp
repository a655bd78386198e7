#pragma once
/// Small text helpers for the tables the CLI and models print.
#include <cstdio>
#include <string>

namespace hubsim::io {

/// 12345.4 -> "12,345"
std::string thousands(double value);

/// printf into a std::string (lines of tables; longer text is cut at 511 characters).
template <class... Args>
std::string format(const char* fmt, Args... args) {
  char buf[512];
  std::snprintf(buf, sizeof buf, fmt, args...);
  return buf;
}

}  // namespace hubsim::io
