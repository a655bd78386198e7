#pragma once
/// Two runs at once (`hubsim-view A.h5 B.h5`, or live mode's changed run against its baseline):
/// time-locked on the calendar, shown side by side or as the difference B - A. No ImGui.
#include <vector>

#include "viz/replay.hpp"

namespace hubsim::viz {

enum class CompareMode { side_by_side, difference };

/// Trims both runs to the months they share, so that index i is the same month in both (the
/// time lock). Throws InputError naming both files if their hubs differ or no month is shared.
void align(Replay& a, Replay& b);

/// b - a month by month, over the shorter of the two.
std::vector<double> difference(const std::vector<double>& a, const std::vector<double>& b);

/// (b - a) / a, or 0 where a is not positive: the colour of a hub in the difference view.
double relative_difference(double a, double b);

}  // namespace hubsim::viz
