#include "viz/label_layout.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace hubsim::viz {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr int kAngles = 24;  // every 15 degrees around the circle

// Whether the disc and the box share any area.
bool disc_hits(Point c, double r, const Box& b) {
  const double nx = std::clamp(c.x, b.min.x, b.max.x), ny = std::clamp(c.y, b.min.y, b.max.y);
  return (nx - c.x) * (nx - c.x) + (ny - c.y) * (ny - c.y) < r * r;
}

// Distance from the box to the circle's edge (0 if they meet).
double gap_to(Point c, double r, const Box& b) {
  const double nx = std::clamp(c.x, b.min.x, b.max.x), ny = std::clamp(c.y, b.min.y, b.max.y);
  return std::max(0.0, std::hypot(nx - c.x, ny - c.y) - r);
}

bool inside(const Box& in, const Box& out) {
  return in.min.x >= out.min.x && in.min.y >= out.min.y && in.max.x <= out.max.x && in.max.y <= out.max.y;
}

struct Candidate {
  Box box;
  double cost = 0;
  bool leader = false;
};

// Every spot around request `i`: 24 directions, from touching its circle out to about six label
// heights (a leader line joins the far ones), cheapest first. Spots that leave the bounds, cover
// a circle or a taken box are dropped here; labels placed later are checked when placing.
std::vector<Candidate> candidates(const std::vector<LabelRequest>& requests, std::size_t i, const Box& bounds,
                                  double gap, const std::vector<Box>& taken) {
  const LabelRequest& r = requests[i];
  const double w = r.width, h = r.height;
  const double preferred[] = {kPi / 2, -kPi / 2, 0, kPi};  // Side: below, above, right, left (y down)
  const double want = preferred[static_cast<int>(r.preferred)];
  std::vector<Candidate> out;
  for (int ring = 0; ring <= 12; ++ring) {
    const double d = gap + ring * 0.5 * h;
    for (int a = 0; a < kAngles; ++a) {
      const double theta = 2 * kPi * a / kAngles, cx = std::cos(theta), cy = std::sin(theta);
      const Point p{r.anchor.x + (r.radius + d) * cx, r.anchor.y + (r.radius + d) * cy};
      // The box's side facing the circle touches p: centred on it along the circle's tangent.
      const double x0 = p.x - w / 2 + w / 2 * std::clamp(cx / 0.7, -1.0, 1.0);
      const double y0 = p.y - h / 2 + h / 2 * std::clamp(cy / 0.7, -1.0, 1.0);
      // Slid along the border where the spot would leave the bounds (a metro's arrow in a corner).
      const double sx = std::clamp(x0, bounds.min.x, std::max(bounds.min.x, bounds.max.x - w));
      const double sy = std::clamp(y0, bounds.min.y, std::max(bounds.min.y, bounds.max.y - h));
      const Box box{{sx, sy}, {sx + w, sy + h}};
      if (!inside(box, bounds)) continue;
      bool free = true;
      for (std::size_t j = 0; j < requests.size() && free; ++j)
        free = !disc_hits(requests[j].anchor, requests[j].radius + gap / 2, box);
      for (const Box& t : taken)
        if (free) free = overlap_area(box, t) == 0;
      if (!free) continue;
      const double turn = std::abs(std::remainder(theta - want, 2 * kPi)) / kPi;  // 0 .. 1
      const double own = gap_to(r.anchor, r.radius, box);
      Candidate c{box, own + 0.6 * h * turn, own > 0.6 * h};
      // A label nearer another circle than its own would be read as that hub's: it needs a leader.
      for (std::size_t j = 0; j < requests.size(); ++j)
        if (j != i && gap_to(requests[j].anchor, requests[j].radius, box) < own) c.leader = true;
      if (c.leader) c.cost += 1.5 * h;
      out.push_back(c);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) { return a.cost < b.cost; });
  return out;
}

struct Attempt {
  std::vector<LabelSpot> spots;
  std::vector<Box> boxes;
  int misses = 0;  // labels that found no free spot (placed at their least bad one)
  std::vector<std::size_t> missed;
  double cost = 0;
};

Attempt place(const std::vector<LabelRequest>& requests, const std::vector<std::size_t>& order,
              const std::vector<std::vector<Candidate>>& spots_of, const Box& bounds, double gap,
              const std::vector<Box>& taken) {
  Attempt a;
  a.spots.resize(requests.size());
  a.boxes.resize(requests.size());
  std::vector<Box> placed;
  for (std::size_t i : order) {
    const LabelRequest& r = requests[i];
    bool done = false;
    for (const Candidate& c : spots_of[i]) {
      // Labels keep a gap between them, or "Samlesbury" runs into "964 jobs" next to it.
      const Box padded{{c.box.min.x - gap, c.box.min.y - gap / 2}, {c.box.max.x + gap, c.box.max.y + gap / 2}};
      if (std::any_of(placed.begin(), placed.end(), [&](const Box& p) { return overlap_area(padded, p) > 0; })) continue;
      a.spots[i] = {c.box.min, c.leader};
      a.boxes[i] = c.box;
      a.cost += c.cost;
      done = true;
      break;
    }
    if (!done) {  // nowhere free: the spot below, touching its circle, clamped into the bounds
      ++a.misses;
      a.missed.push_back(i);
      double x = std::clamp(r.anchor.x - r.width / 2, bounds.min.x, std::max(bounds.min.x, bounds.max.x - r.width));
      double y = std::clamp(r.anchor.y + r.radius + gap, bounds.min.y, std::max(bounds.min.y, bounds.max.y - r.height));
      a.spots[i] = {{x, y}, false};
      a.boxes[i] = {{x, y}, {x + r.width, y + r.height}};
      a.cost += 1e6;
    }
    placed.push_back(a.boxes[i]);
  }
  (void)taken;
  return a;
}

}  // namespace

double overlap_area(const Box& a, const Box& b) {
  const double w = std::min(a.max.x, b.max.x) - std::max(a.min.x, b.min.x);
  const double h = std::min(a.max.y, b.max.y) - std::max(a.min.y, b.min.y);
  return w > 0 && h > 0 ? w * h : 0.0;
}

std::vector<LabelSpot> layout_labels(const std::vector<LabelRequest>& requests, const Box& bounds, double gap,
                                     const std::vector<Box>& taken) {
  std::vector<std::vector<Candidate>> spots_of;
  for (std::size_t i = 0; i < requests.size(); ++i) spots_of.push_back(candidates(requests, i, bounds, gap, taken));
  std::vector<std::size_t> order(requests.size());
  std::iota(order.begin(), order.end(), 0);
  Attempt best = place(requests, order, spots_of, bounds, gap, taken);
  // Greedy in the requested order; if some label found no room, again with it moved to the
  // front (a crowded hub then gets its spot before its neighbours take it), a few times.
  for (int retry = 0; retry < 2 * static_cast<int>(requests.size()) && best.misses > 0; ++retry) {
    const std::size_t first = best.missed[static_cast<std::size_t>(retry) % best.missed.size()];
    std::vector<std::size_t> next{first};
    for (std::size_t i : order)
      if (i != first) next.push_back(i);
    Attempt a = place(requests, next, spots_of, bounds, gap, taken);
    if (a.misses < best.misses || (a.misses == best.misses && a.cost < best.cost)) {
      best = std::move(a);
      order = next;
    }
  }
  return best.spots;
}

}  // namespace hubsim::viz
