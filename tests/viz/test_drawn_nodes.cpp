#include <doctest/doctest.h>

#include "viz/drawn_nodes.hpp"

using namespace hubsim::viz;

TEST_CASE("drawn nodes: the JSON has the frame's size and each node's geometry and colours") {
  auto node = [](std::string map, std::string name, std::string shape, double x, double y, double r, Rgba fill,
                 Rgba backdrop) {
    DrawnNode n;
    n.map = std::move(map), n.name = std::move(name), n.shape = std::move(shape);
    n.x = x, n.y = y, n.radius = r, n.fill = fill, n.backdrop = backdrop;
    return n;
  };
  std::vector<DrawnNode> nodes{
      node("", "Preston", "circle", 446.786, 550.5, 36.371, {135, 160, 154, 217}, {23, 28, 36, 255}),
      node("A \"quoted\" run", "Back\\slash\n", "arrow", 1, 2, 3, {170, 140, 230, 255}, {0, 0, 0, 255})};
  nodes[0].label = {400.25, 590, 520.5, 640};
  nodes[0].leader = true;
  nodes[0].label_anchor = {446.786, 550.5, 40};
  nodes[0].panel = {10, 80, 950, 870};
  nodes[0].legends = {{20, 90, 300, 200}, {600, 90, 940, 240}};
  const std::string json = drawn_nodes_json(nodes, 1600, 900);
  CHECK(json.rfind("{\"width\": 1600, \"height\": 900, \"nodes\": [\n", 0) == 0);
  CHECK(json.find("{\"map\": \"\", \"name\": \"Preston\", \"shape\": \"circle\", \"x\": 446.79, \"y\": 550.50, "
                  "\"radius\": 36.37, \"fill\": [135, 160, 154, 217], \"backdrop\": [23, 28, 36, 255], "
                  "\"label\": [400.25, 590.00, 520.50, 640.00], \"leader\": true, \"label_anchor\": [446.79, 550.50, 40.00], "
                  "\"panel\": [10.00, 80.00, 950.00, 870.00], "
                  "\"legends\": [[20.00, 90.00, 300.00, 200.00], [600.00, 90.00, 940.00, 240.00]]}") != std::string::npos);
  CHECK(json.find("\"leader\": false, \"label_anchor\": [0.00, 0.00, 0.00], \"panel\": [0.00, 0.00, 0.00, 0.00], "
                  "\"legends\": []}") != std::string::npos);
  // Names come from the user's config and file names: quotes, backslashes, control characters escaped.
  CHECK(json.find("\"map\": \"A \\\"quoted\\\" run\", \"name\": \"Back\\\\slash\\u000a\"") != std::string::npos);
}

TEST_CASE("drawn nodes: none is an empty list") {
  CHECK(drawn_nodes_json({}, 640, 360) == "{\"width\": 640, \"height\": 360, \"nodes\": [\n]}\n");
}
