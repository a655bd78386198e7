#include "sim/core/calendar.hpp"

#include <charconv>
#include <cstdio>

namespace hubsim::core {

std::string Month::iso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year(), month());
  return buf;
}

std::optional<Month> Month::parse(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  int y = 0, m = 0;
  auto ry = std::from_chars(text.data(), text.data() + 4, y);
  auto rm = std::from_chars(text.data() + 5, text.data() + 7, m);
  if (ry.ec != std::errc{} || ry.ptr != text.data() + 4) return std::nullopt;
  if (rm.ec != std::errc{} || rm.ptr != text.data() + 7) return std::nullopt;
  if (y < 1900 || y > 2200 || m < 1 || m > 12) return std::nullopt;
  return Month(y, m);
}

long days_since_epoch(Month m) {
  // Howard Hinnant's days_from_civil, day 1 of the month.
  long y = m.year();
  const unsigned mo = static_cast<unsigned>(m.month());
  y -= mo <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

}  // namespace hubsim::core
