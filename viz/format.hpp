#pragma once
/// Text and axis helpers for the panels; no ImGui, so they are unit-tested.
#include <string>
#include <vector>

#include "sim/core/calendar.hpp"

namespace hubsim::viz {

/// 2976.4 -> "2,976" (rounded, thousands separated: counts are read aloud from a projector).
std::string format_count(double value);

/// 1234 -> "+1,234", -5 -> "-5", 0 -> "+0": a difference between two runs.
std::string format_signed_count(double value);

/// +0.054 -> "+5%", -0.12 -> "-12%", 0 -> "0%".
std::string format_change(double fraction);

/// Month(2030, 6) -> "June 2030".
std::string long_date(core::Month month);

/// Months per second -> "6 months/s", "1 month/s", "2.5 years/s".
std::string format_speed(double months_per_second);

/// Round axis values covering [lo, hi] with at most `max_ticks` ticks (steps of 1, 2 or 5 x 10^k).
std::vector<double> nice_ticks(double lo, double hi, int max_ticks);

}  // namespace hubsim::viz
