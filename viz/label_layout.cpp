#include "viz/label_layout.hpp"

#include <algorithm>
#include <array>

namespace hubsim::viz {

double overlap_area(const Box& a, const Box& b) {
  const double w = std::min(a.max.x, b.max.x) - std::max(a.min.x, b.min.x);
  const double h = std::min(a.max.y, b.max.y) - std::max(a.min.y, b.min.y);
  return w > 0 && h > 0 ? w * h : 0.0;
}

std::vector<Point> layout_labels(const std::vector<LabelRequest>& requests, const Box& bounds, double gap) {
  // Circles count as their inscribed squares: cheap, and close enough to keep text off them.
  std::vector<Box> circles;
  for (const auto& r : requests) {
    const double s = r.radius * 0.8;
    circles.push_back({{r.anchor.x - s, r.anchor.y - s}, {r.anchor.x + s, r.anchor.y + s}});
  }
  std::vector<Box> placed;
  std::vector<Point> out;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const LabelRequest& r = requests[i];
    const double w = r.width, h = r.height, d = r.radius + gap, cx = r.anchor.x, cy = r.anchor.y;
    const double diag = r.radius * 0.7 + gap;
    // In order of preference: centred below reads most naturally, then above, then the sides.
    const std::array<Point, 8> candidates{{{cx - w / 2, cy + d},
                                           {cx - w / 2, cy - d - h},
                                           {cx + d, cy - h / 2},
                                           {cx - d - w, cy - h / 2},
                                           {cx + diag, cy + diag},
                                           {cx + diag, cy - diag - h},
                                           {cx - diag - w, cy + diag},
                                           {cx - diag - w, cy - diag - h}}};
    Point best = candidates[0];
    double best_cost = 1e300;
    for (std::size_t k = 0; k < candidates.size(); ++k) {
      const Box box{candidates[k], {candidates[k].x + w, candidates[k].y + h}};
      double cost = 1e-3 * static_cast<double>(k);  // ties go to the preferred spot
      for (const auto& p : placed) cost += overlap_area(box, p);
      for (std::size_t j = 0; j < circles.size(); ++j) cost += (j == i ? 4.0 : 1.0) * overlap_area(box, circles[j]);
      cost += 3.0 * (w * h - overlap_area(box, bounds));  // text cut off by the panel edge is worst
      if (cost < best_cost) best_cost = cost, best = candidates[k];
    }
    placed.push_back({best, {best.x + w, best.y + h}});
    out.push_back(best);
  }
  return out;
}

}  // namespace hubsim::viz
