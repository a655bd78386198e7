#include "viz/map_projection.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace hubsim::viz {
namespace {

constexpr double kEarthRadiusKm = 6371.0;
constexpr double kDeg = std::numbers::pi / 180.0;

double haversine_km(double lat1, double lon1, double lat2, double lon2) {
  const double dlat = (lat2 - lat1) * kDeg, dlon = (lon2 - lon1) * kDeg;
  const double a = std::pow(std::sin(dlat / 2), 2) +
                   std::cos(lat1 * kDeg) * std::cos(lat2 * kDeg) * std::pow(std::sin(dlon / 2), 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(a)));
}

// Position along the border of `b`, clockwise from the top-left corner, and back. Off-map markers
// are spread out in this coordinate so that two metros in the same direction (Manchester and
// London both lie south-south-east of Preston) end up side by side instead of on top of each other.
double to_perimeter(const Box& b, Point p) {
  const double w = b.width(), h = b.height();
  if (p.y <= b.min.y + 1e-9) return p.x - b.min.x;
  if (p.x >= b.max.x - 1e-9) return w + (p.y - b.min.y);
  if (p.y >= b.max.y - 1e-9) return w + h + (b.max.x - p.x);
  return 2 * w + h + (b.max.y - p.y);
}

Point from_perimeter(const Box& b, double s) {
  const double w = b.width(), h = b.height(), total = 2 * (w + h);
  s = std::fmod(std::fmod(s, total) + total, total);
  if (s < w) return {b.min.x + s, b.min.y};
  if (s < w + h) return {b.max.x, b.min.y + (s - w)};
  if (s < 2 * w + h) return {b.max.x - (s - w - h), b.max.y};
  return {b.min.x, b.max.y - (s - 2 * w - h)};
}

// Direction of growing perimeter position on each side (top, right, bottom, left): clockwise.
constexpr Point kTangent[4] = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}};

// The side of `b` that perimeter position `s` lies on: 0 top, 1 right, 2 bottom, 3 left.
int side_of(const Box& b, double s) {
  const double w = b.width(), h = b.height();
  return s < w ? 0 : s < w + h ? 1 : s < 2 * w + h ? 2 : 3;
}

// That side as a perimeter range [start, end].
std::pair<double, double> side_range(const Box& b, double s) {
  const double w = b.width(), h = b.height();
  const double starts[5] = {0, w, w + h, 2 * w + h, 2 * w + 2 * h};
  const int side = side_of(b, s);
  return {starts[side], starts[side + 1]};
}

// Where the ray from `c` (inside `b`) along unit vector `d` leaves `b`.
Point ray_exit(const Box& b, Point c, Point d) {
  double t = 1e18;
  if (d.x > 1e-12) t = std::min(t, (b.max.x - c.x) / d.x);
  if (d.x < -1e-12) t = std::min(t, (b.min.x - c.x) / d.x);
  if (d.y > 1e-12) t = std::min(t, (b.max.y - c.y) / d.y);
  if (d.y < -1e-12) t = std::min(t, (b.min.y - c.y) / d.y);
  return {std::clamp(c.x + t * d.x, b.min.x, b.max.x), std::clamp(c.y + t * d.y, b.min.y, b.max.y)};
}

// The bounding box of the county's hubs, in degrees.
struct County {
  double lat_lo, lat_hi, lon_lo, lon_hi;
};

County county_extent(const std::vector<Hub>& hubs) {
  County c{90, -90, 180, -180};
  for (const auto& h : hubs) {
    if (h.external()) continue;
    c.lat_lo = std::min(c.lat_lo, h.lat), c.lat_hi = std::max(c.lat_hi, h.lat);
    c.lon_lo = std::min(c.lon_lo, h.lon), c.lon_hi = std::max(c.lon_hi, h.lon);
  }
  if (c.lat_lo > c.lat_hi) c = {0, 0, 0, 0};  // no county hubs at all
  return c;
}

}  // namespace

double distance_from_county_km(const std::vector<Hub>& hubs, const Hub& hub) {
  const County c = county_extent(hubs);
  return haversine_km((c.lat_lo + c.lat_hi) / 2, (c.lon_lo + c.lon_hi) / 2, hub.lat, hub.lon);
}

std::vector<HubPlacement> place_hubs(const std::vector<Hub>& hubs, const Box& panel, const MapLayout& layout) {
  std::vector<HubPlacement> out(hubs.size());
  const auto [lat_lo, lat_hi, lon_lo, lon_hi] = county_extent(hubs);
  const double lat_c = (lat_lo + lat_hi) / 2, lon_c = (lon_lo + lon_hi) / 2;
  const double cos_lat = std::cos(lat_c * kDeg);
  // A single hub (or a line of them) still gets a sensible scale: at least 0.1 degree each way.
  const double span_x = std::max((lon_hi - lon_lo) * cos_lat, 0.1), span_y = std::max(lat_hi - lat_lo, 0.1);
  // Directions to the metros depend only on geography (x and y share one scale).
  auto direction = [&](const Hub& h) {
    const Point d{(h.lon - lon_c) * cos_lat, -(h.lat - lat_c)};
    const double len = std::hypot(d.x, d.y);
    return len > 1e-12 ? Point{d.x / len, d.y / len} : Point{0, 1};
  };
  const double inset = std::min({layout.edge_inset, panel.width() / 2, panel.height() / 2});
  const Box border{{panel.min.x + inset, panel.min.y + inset}, {panel.max.x - inset, panel.max.y - inset}};
  const Point panel_centre{(panel.min.x + panel.max.x) / 2, (panel.min.y + panel.max.y) / 2};

  // The county keeps clear of the borders where metros will be pinned, so they never sit on it.
  double margin[4] = {layout.margin, layout.margin, layout.margin, layout.margin};  // top right bottom left
  for (const auto& h : hubs)
    if (h.external()) {
      const int side = side_of(border, to_perimeter(border, ray_exit(border, panel_centre, direction(h))));
      margin[side] = std::max(margin[side], layout.edge_band);
    }
  auto inner_box = [&] {
    return Box{{panel.min.x + margin[3], panel.min.y + margin[0]}, {panel.max.x - margin[1], panel.max.y - margin[2]}};
  };
  auto scale_of = [&](const Box& b) {
    return std::min(std::max(b.width(), 1.0) / span_x, std::max(b.height(), 1.0) / span_y);
  };
  if (layout.top_band > 0) {
    // The county is centred in `inner`: moving the top margin down by `d` moves it by d / 2.
    const Box before = inner_box();
    const double spare = std::max(before.height() - scale_of(before) * span_y, 0.0);
    const double need = layout.top_band + layout.margin - (margin[0] + spare / 2);
    margin[0] += std::clamp(2 * need, 0.0, spare);
  }
  const Box inner = inner_box();
  const double scale = scale_of(inner);
  const Point centre{(inner.min.x + inner.max.x) / 2, (inner.min.y + inner.max.y) / 2};

  std::vector<std::pair<double, std::size_t>> edge;  // (perimeter position, hub)
  for (std::size_t i = 0; i < hubs.size(); ++i) {
    const Hub& h = hubs[i];
    out[i].pos = {centre.x + (h.lon - lon_c) * cos_lat * scale, centre.y - (h.lat - lat_c) * scale};
    if (!h.external()) continue;
    out[i].outward = direction(h);
    out[i].off_map = true;
    edge.emplace_back(to_perimeter(border, ray_exit(border, centre, out[i].outward)), i);
  }

  // Push neighbours apart to min_gap, re-centre the group on where it wanted to be, then slide it
  // so that every marker stays on the border it points through, with room for its label beside it.
  std::sort(edge.begin(), edge.end());
  std::vector<std::pair<double, double>> allowed;  // perimeter range for each marker
  double wanted = 0, got = 0;
  for (std::size_t k = 0; k < edge.size(); ++k) {
    const auto [start, end] = side_range(border, edge[k].first);
    // The label goes behind the arrow ("London (312 km) ->"), i.e. against the arrow's component
    // along the border; `tangent` is the direction in which perimeter positions grow on this side.
    const Point tangent = kTangent[side_of(border, edge[k].first)];
    HubPlacement& p = out[edge[k].second];
    const bool label_ahead = p.outward.x * tangent.x + p.outward.y * tangent.y <= 0;
    p.label_dir = label_ahead ? tangent : Point{-tangent.x, -tangent.y};
    allowed.emplace_back(start + (label_ahead ? 0 : layout.label_room), end - (label_ahead ? layout.label_room : 0));
    wanted += edge[k].first;
    if (k > 0) edge[k].first = std::max(edge[k].first, edge[k - 1].first + layout.min_gap);
    got += edge[k].first;
  }
  double shift = edge.empty() ? 0 : (wanted - got) / static_cast<double>(edge.size());
  double back = 0, forward = 0;
  for (std::size_t k = 0; k < edge.size(); ++k) {
    back = std::min(back, allowed[k].second - (edge[k].first + shift));
    forward = std::max(forward, allowed[k].first - (edge[k].first + shift));
  }
  shift += forward > 0 ? forward : back;  // both: the group is longer than the side; keep its start
  for (const auto& [s, i] : edge) out[i].pos = from_perimeter(border, s + shift);
  return out;
}

}  // namespace hubsim::viz
