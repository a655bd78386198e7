#include <doctest/doctest.h>

#include "viz/drawn_nodes.hpp"

using namespace hubsim::viz;

TEST_CASE("drawn nodes: the JSON has the frame's size and each node's geometry and colours") {
  const std::vector<DrawnNode> nodes{
      {"", "Preston", "circle", 446.786, 550.5, 36.371, {135, 160, 154, 217}, {23, 28, 36, 255}},
      {"A \"quoted\" run", "Back\\slash\n", "arrow", 1, 2, 3, {170, 140, 230, 255}, {0, 0, 0, 255}}};
  const std::string json = drawn_nodes_json(nodes, 1600, 900);
  CHECK(json.rfind("{\"width\": 1600, \"height\": 900, \"nodes\": [\n", 0) == 0);
  CHECK(json.find("{\"map\": \"\", \"name\": \"Preston\", \"shape\": \"circle\", \"x\": 446.79, \"y\": 550.50, "
                  "\"radius\": 36.37, \"fill\": [135, 160, 154, 217], \"backdrop\": [23, 28, 36, 255]}") !=
        std::string::npos);
  // Names come from the user's config and file names: quotes, backslashes, control characters escaped.
  CHECK(json.find("\"map\": \"A \\\"quoted\\\" run\", \"name\": \"Back\\\\slash\\u000a\"") != std::string::npos);
}

TEST_CASE("drawn nodes: none is an empty list") {
  CHECK(drawn_nodes_json({}, 640, 360) == "{\"width\": 640, \"height\": 360, \"nodes\": [\n]}\n");
}
