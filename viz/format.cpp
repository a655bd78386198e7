#include "viz/format.hpp"

#include <array>
#include <cmath>
#include <cstdio>

namespace hubsim::viz {
namespace {

constexpr std::array<const char*, 12> kMonthNames{"January", "February", "March",     "April",   "May",      "June",
                                                  "July",    "August",   "September", "October", "November", "December"};

// "1 month/s", "2.5 months/s", "3 years/s": one decimal only when it says something.
std::string per_second(double value, const char* unit) {
  const double v = std::round(value * 10) / 10;
  char buf[48];
  std::snprintf(buf, sizeof buf, v == std::round(v) ? "%.0f %s%s/s" : "%.1f %s%s/s", v, unit, v == 1.0 ? "" : "s");
  return buf;
}

}  // namespace

std::string format_count(double value) {
  const long long n = std::llround(value);
  std::string digits = std::to_string(n < 0 ? -n : n);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
  return (n < 0 ? "-" : "") + digits;
}

std::string format_change(double fraction) {
  const long long pct = std::llround(fraction * 100.0);
  return (pct > 0 ? "+" : "") + std::to_string(pct) + "%";
}

std::string long_date(core::Month month) {
  return std::string(kMonthNames[static_cast<std::size_t>(month.month() - 1)]) + " " + std::to_string(month.year());
}

std::string format_speed(double months_per_second) {
  return months_per_second < 11.95 ? per_second(months_per_second, "month") : per_second(months_per_second / 12, "year");
}

std::vector<double> nice_ticks(double lo, double hi, int max_ticks) {
  if (!(hi > lo) || max_ticks < 2) return {lo};
  const double raw = (hi - lo) / (max_ticks - 1);
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = 10 * mag;
  for (double m : {1.0, 2.0, 5.0})
    if (m * mag >= raw) {
      step = m * mag;
      break;
    }
  std::vector<double> out;
  for (double v = std::ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push_back(v);
  return out;
}

}  // namespace hubsim::viz
