#pragma once
/// PRIM, the Patient Rule Induction Method (Friedman and Fisher 1999), for scenario discovery:
/// boxes of the input space (one range per input) in which an outcome of interest (y = 1) is
/// concentrated. Peeling removes, at each step, the alpha share of the box's points at one end of
/// one input, choosing the peel that raises the box's mean of y most, until the box holds fewer
/// than min_support of the points; the box on the peeling trajectory with the largest density x
/// coverage is then pasted (widened wherever that raises its density). Covering repeats on the
/// points outside the boxes found. Pure functions; tests/sim/batch/test_prim.cpp plants a box.
#include <cstddef>
#include <vector>

namespace hubsim::batch {

struct PrimBox {
  std::vector<double> low, high;  ///< per input; the data's own range where unrestricted
  double coverage = 0;  ///< share of all the cases of interest (y = 1) that lie in the box
  double density = 0;   ///< share of the box's points that are cases of interest
  double support = 0;   ///< share of all points in the box
  std::size_t points = 0;
};

struct PrimResult {
  std::vector<PrimBox> trajectory;  ///< the full box first, then one box per peel
  std::size_t chosen = 0;           ///< index into trajectory of the box that was pasted
  PrimBox box;                      ///< the chosen box after pasting
};

struct PrimOptions {
  double alpha = 0.05;        ///< share of the box's points one peel (or paste) moves
  double min_support = 0.05;  ///< peeling stops below this share of all points
  int max_boxes = 3;          ///< covering: at most this many boxes
  double min_coverage = 0.1;  ///< covering: a later box must hold at least this share of the cases
};

/// x: one row per point (inputs); y: 1 for a case of interest, 0 otherwise. Covering stops early
/// when a later box would hold under min_coverage of the cases, or
/// be no denser than the points it was drawn from. Throws
/// std::invalid_argument when rows differ in length or y does not match x.
std::vector<PrimResult> prim(const std::vector<std::vector<double>>& x, const std::vector<int>& y,
                             const PrimOptions& options = {});

/// Whether point `row` lies inside `box` (bounds inclusive).
bool in_box(const PrimBox& box, const std::vector<double>& row);

}  // namespace hubsim::batch
