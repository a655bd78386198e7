#pragma once
/// Where hubs go on the map panel: county hubs at their real coordinates (equirectangular,
/// x scaled by cos(latitude)), external metros pinned to the panel border in their direction.
/// Pure geometry in screen pixels (y down), so it is tested without a window.
#include <vector>

#include "viz/replay.hpp"

namespace hubsim::viz {

struct Point {
  double x = 0;
  double y = 0;
};

struct Box {
  Point min, max;
  double width() const { return max.x - min.x; }
  double height() const { return max.y - min.y; }
};

struct MapLayout {
  double margin = 80;      ///< kept free around the county hubs for circles and labels
  double edge_inset = 40;  ///< distance of off-map markers from the panel border
  double edge_band = 120;  ///< margin instead of `margin` on borders with off-map markers
  double min_gap = 220;    ///< least spacing of off-map markers along the border (their labels)
};

struct HubPlacement {
  Point pos;
  bool off_map = false;    ///< external metro: drawn at the border, not at its coordinates
  Point outward;           ///< unit vector towards the real location (off-map hubs)
  double distance_km = 0;  ///< great-circle distance from the centre of the county
};

/// One placement per hub, in the order of `hubs`.
std::vector<HubPlacement> place_hubs(const std::vector<Hub>& hubs, const Box& panel, const MapLayout& layout);

}  // namespace hubsim::viz
