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

// Built by appending: GCC 12's -Wrestrict misfires on std::string::insert and "lit" + string&&.
std::string format_count(double value) {
  const long long n = std::llround(value);
  const std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out = n < 0 ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string format_signed_count(double value) {
  std::string out = std::llround(value) >= 0 ? "+" : "";
  out.append(format_count(value));
  return out;
}

std::string format_change(double fraction) {
  const long long pct = std::llround(fraction * 100.0);
  std::string out = pct > 0 ? "+" : "";
  out.append(std::to_string(pct));
  out.push_back('%');
  return out;
}

std::string long_date(core::Month month) {
  return std::string(kMonthNames[static_cast<std::size_t>(month.month() - 1)]) + " " + std::to_string(month.year());
}

std::string format_speed(double months_per_second) {
  return months_per_second < 11.95 ? per_second(months_per_second, "month") : per_second(months_per_second / 12, "year");
}

std::vector<double> nice_ticks(double lo, double hi, int max_ticks) {
  if (!(hi > lo) || max_ticks < 2) return {lo};
  // The finest 1-2-5 step that gives no more than max_ticks: as many gridlines as fit. But two
  // lines are what make a small chart readable, so if that step leaves one, take the finer one.
  double mag = std::pow(10.0, std::floor(std::log10((hi - lo) / max_ticks)) - 1);
  std::vector<double> finer;
  for (;; mag *= 10)
    for (double m : {1.0, 2.0, 5.0}) {
      const double step = m * mag;
      std::vector<double> out;
      for (double k = std::ceil(lo / step - 1e-9); k <= std::floor(hi / step + 1e-9); ++k) out.push_back(k * step);
      if (static_cast<int>(out.size()) <= max_ticks) return out.size() < 2 && !finer.empty() ? finer : out;
      finer = std::move(out);
    }
}

}  // namespace hubsim::viz
