#include "viz/label_layout.hpp"

#include <algorithm>
#include <array>

namespace hubsim::viz {

double overlap_area(const Box& a, const Box& b) {
  const double w = std::min(a.max.x, b.max.x) - std::max(a.min.x, b.min.x);
  const double h = std::min(a.max.y, b.max.y) - std::max(a.min.y, b.min.y);
  return w > 0 && h > 0 ? w * h : 0.0;
}

std::vector<LabelSpot> layout_labels(const std::vector<LabelRequest>& requests, const Box& bounds, double gap,
                                     const std::vector<Box>& taken) {
  // Circles count as squares a little inside their bounding box: cheap, and close enough.
  std::vector<Box> circles;
  for (const auto& r : requests) {
    const double s = r.radius * 0.9;
    circles.push_back({{r.anchor.x - s, r.anchor.y - s}, {r.anchor.x + s, r.anchor.y + s}});
  }
  std::vector<Box> placed = taken;  // a legend is as unreadable under a label as another label
  std::vector<LabelSpot> out;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const LabelRequest& r = requests[i];
    const double w = r.width, h = r.height, cx = r.anchor.x, cy = r.anchor.y;
    LabelSpot best;
    double best_cost = 1e300;
    // Ring 0 touches the circle; ring 1 stands off by about a label's height, joined by a leader
    // line, for crowded spots (Preston, Samlesbury and Blackburn are 10 km apart). It costs a
    // little so that it is only used when ring 0 really collides. Ring 2 stands off twice as far,
    // for the narrow side-by-side maps where both nearer rings cover a neighbour.
    for (int ring = 0; ring < 3; ++ring) {
      const double extra = ring * 1.1 * h, d = r.radius + gap + extra, diag = r.radius * 0.7 + gap + 0.7 * extra;
      const std::array<Point, 8> candidates{{{cx - w / 2, cy + d},
                                             {cx - w / 2, cy - d - h},
                                             {cx + d, cy - h / 2},
                                             {cx - d - w, cy - h / 2},
                                             {cx + diag, cy + diag},
                                             {cx + diag, cy - diag - h},
                                             {cx - diag - w, cy + diag},
                                             {cx - diag - w, cy - diag - h}}};
      // Candidates 0-3 are below, above, right, left, matching Side; a side's opposite is k ^ 1.
      const auto first = static_cast<std::size_t>(r.preferred);
      const auto other = first < 2 ? std::size_t{2} : std::size_t{0};
      const std::array<std::size_t, 8> order{first, first ^ 1, other, other ^ 1, 4, 5, 6, 7};
      for (std::size_t rank = 0; rank < order.size(); ++rank) {
        const Point c = candidates[order[rank]];
        const Box box{c, {c.x + w, c.y + h}};
        double cost = 1e-3 * static_cast<double>(rank) + ring * 0.15 * w * h;
        // Other labels must also keep a gap, or "Samlesbury" runs into "964 jobs" next to it.
        const Box padded{{box.min.x - gap, box.min.y - gap / 2}, {box.max.x + gap, box.max.y + gap / 2}};
        for (const auto& p : placed) cost += 3.0 * overlap_area(padded, p);  // text on text is unreadable
        for (std::size_t j = 0; j < circles.size(); ++j) cost += (j == i ? 4.0 : 3.0) * overlap_area(box, circles[j]);
        cost += 10.0 * (w * h - overlap_area(box, bounds));  // text cut off by the panel edge is worst
        if (cost < best_cost) best_cost = cost, best = {c, ring > 0};
      }
    }
    placed.push_back({best.corner, {best.corner.x + w, best.corner.y + h}});
    out.push_back(best);
  }
  return out;
}

}  // namespace hubsim::viz
