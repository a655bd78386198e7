#pragma once
/// What the map panels drew for each hub in a frame, in framebuffer pixels: written next to a
/// screenshot (--layout-json) so that a test can look up the PNG's pixels where each hub was
/// drawn. Recorded by the code that draws the hubs, so it cannot drift from the picture.
/// No ImGui here, so the JSON is unit-tested.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace hubsim::viz {

using Rgba = std::array<std::uint8_t, 4>;

struct DrawnNode {
  std::string map;   ///< the map panel's title ("" for a single map, "A 1_trend", "B - A", ...)
  std::string name;  ///< the hub
  /// "circle": a county hub, filled to `radius`. "arrow": an off-map metro's arrowhead; `radius`
  /// is then its inscribed circle's, so the disc of `radius` around (x, y) is inside the fill.
  std::string shape;
  double x = 0, y = 0;  ///< centre, framebuffer pixels from the top left (as in the PNG)
  double radius = 0;    ///< framebuffer pixels
  Rgba fill{};          ///< as drawn; alpha < 255 means blended over what was drawn before
  Rgba backdrop{};      ///< the panel's background, which a translucent fill is blended over
  /// The box its label's text was drawn in (left, top, right, bottom, framebuffer pixels), and
  /// whether a leader line joins it to the circle.
  std::array<double, 4> label{};
  bool leader = false;
  /// The circle the label was laid out around (x, y, radius): the hub's largest size in the run,
  /// or for an arrow the spot on the border it marks.
  std::array<double, 3> label_anchor{};
  /// The map panel it is drawn in, and the legends and captions there (labels keep clear of them).
  std::array<double, 4> panel{};
  std::vector<std::array<double, 4>> legends;
};

/// The nodes as a JSON document: {"width": .., "height": .., "nodes": [{"map": .., ...}, ...]}.
std::string drawn_nodes_json(const std::vector<DrawnNode>& nodes, int width, int height);

}  // namespace hubsim::viz
