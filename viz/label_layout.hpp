#pragma once
/// Placement of map labels next to their circles so that they overlap neither each other, nor the
/// circles, nor the legends, inside the panel. Pure geometry, tested without a window.
#include <vector>

#include "viz/map_projection.hpp"

namespace hubsim::viz {

/// Where a label would rather be, relative to its circle.
enum class Side { below, above, right, left };

struct LabelRequest {
  Point anchor;       ///< centre of the circle the label belongs to
  double radius = 0;  ///< of that circle
  double width = 0, height = 0;
  Side preferred = Side::below;  ///< costs nothing; other directions cost more the further they turn from it
};

struct LabelSpot {
  Point corner;         ///< top-left
  bool leader = false;  ///< stood off from its circle: draw a line from the circle to it
};

/// Where each label goes, in request order. Each label takes the cheapest free spot around its
/// circle: 24 directions, from touching it out to about six label heights (slid along the bounds
/// where it would leave them), preferring its `preferred` side and the nearest ring; a free spot is
/// inside `bounds` and on no circle, no box already `taken` (legends) and no label placed before
/// (with a gap). A spot further than 0.6 label heights, or nearer another circle than its own, gets
/// a leader line. Labels are placed in request order (put the most important first); if one finds
/// no free spot, the layout is tried again with it first, and the layout with the fewest misses
/// wins (a miss sits below its circle, clamped into the bounds).
std::vector<LabelSpot> layout_labels(const std::vector<LabelRequest>& requests, const Box& bounds, double gap,
                                     const std::vector<Box>& taken = {});

/// Area of the intersection of two boxes (0 if they do not meet).
double overlap_area(const Box& a, const Box& b);

}  // namespace hubsim::viz
