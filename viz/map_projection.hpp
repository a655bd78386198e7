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
  double label_room = 0;   ///< kept on the border beside an off-map marker, on its label's side
  /// Height of the legends along the top: the county keeps `margin` below it where the panel has
  /// height to spare (a narrow map), never at the cost of scale.
  double top_band = 0;
};

struct HubPlacement {
  Point pos;
  bool off_map = false;    ///< external metro: drawn at the border, not at its coordinates
  Point outward;           ///< unit vector towards the real location (off-map hubs)
  Point label_dir;         ///< off-map hubs: along the border, where the label goes (behind the arrow)
};

/// Great-circle distance from the centre of the county's hubs to `hub`, in km.
double distance_from_county_km(const std::vector<Hub>& hubs, const Hub& hub);

/// One placement per hub, in the order of `hubs`.
std::vector<HubPlacement> place_hubs(const std::vector<Hub>& hubs, const Box& panel, const MapLayout& layout);

}  // namespace hubsim::viz
