#pragma once
/// Greedy placement of map labels next to their circles so that they overlap neither each other
/// nor the circles, as far as the panel allows. Pure geometry, tested without a window.
#include <vector>

#include "viz/map_projection.hpp"

namespace hubsim::viz {

/// Where a label would rather be, relative to its circle.
enum class Side { below, above, right, left };

struct LabelRequest {
  Point anchor;       ///< centre of the circle the label belongs to
  double radius = 0;  ///< of that circle
  double width = 0, height = 0;
  Side preferred = Side::below;  ///< tried first, then the opposite side, then the other two
};

struct LabelSpot {
  Point corner;         ///< top-left
  bool leader = false;  ///< stood off from its circle: draw a line from the circle to it
};

/// Where each label goes, in request order. Labels are placed in request order (put the
/// most important first); each takes the candidate spot (sides, then diagonals)
/// that overlaps least with the circles, the labels placed so far, the boxes already `taken`
/// (legends) and the outside of `bounds`, first next to the circle, then a little further away.
std::vector<LabelSpot> layout_labels(const std::vector<LabelRequest>& requests, const Box& bounds, double gap,
                                     const std::vector<Box>& taken = {});

/// Area of the intersection of two boxes (0 if they do not meet).
double overlap_area(const Box& a, const Box& b);

}  // namespace hubsim::viz
