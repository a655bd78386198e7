#include <doctest/doctest.h>

#include <stdexcept>

#include "sim/core/hub_graph.hpp"

using namespace hubsim::core;

namespace {

// A --10-- B --5-- C, and a slow direct road A --20-- C; D hangs off C (7 min).
HubGraph small_world() {
  return HubGraph({{"A", 53.7, -2.5}, {"B", 53.8, -2.7}, {"C", 54.0, -2.8}, {"D", 51.5, -0.1}},
                  {{"A", "B", 10}, {"B", "C", 5}, {"A", "C", 20}, {"C", "D", 7}});
}

}  // namespace

TEST_CASE("hub graph: travel times are shortest paths over the links") {
  const HubGraph g = small_world();
  REQUIRE(g.size() == 4);
  CHECK(g.minutes(0, 0) == 0);
  CHECK(g.minutes(0, 1) == 10);
  CHECK(g.minutes(0, 2) == 15);  // via B beats the 20-minute direct road
  CHECK(g.minutes(2, 0) == 15);  // symmetric
  CHECK(g.minutes(0, 3) == 22);  // A-B-C-D
  CHECK(g.minutes(1, 3) == 12);
}

TEST_CASE("hub graph: routes follow the shortest path") {
  const HubGraph g = small_world();
  CHECK(g.route(0, 3) == std::vector<HubIndex>{0, 1, 2, 3});
  CHECK(g.route(3, 0) == std::vector<HubIndex>{3, 2, 1, 0});
  CHECK(g.route(1, 1) == std::vector<HubIndex>{1});
}

TEST_CASE("hub graph: names are found and unknown names are not") {
  const HubGraph g = small_world();
  CHECK(g.find("C") == HubIndex{2});
  CHECK_FALSE(g.find("Z").has_value());
  CHECK(g.hub(3).name == "D");
  // A hub keeps its position (what a hub *is* is the model's business, not the graph's).
  CHECK(g.hub(3).lat == 51.5);
  CHECK(g.hub(3).lon == -0.1);
  CHECK(g.hub(*g.find("B")).lat == 53.8);
}

TEST_CASE("hub graph: bad graphs are rejected with a reason") {
  CHECK_THROWS_WITH_AS(HubGraph({{"A"}, {"B"}}, {{"A", "X", 5}}), doctest::Contains("unknown hub \"X\""),
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(HubGraph({{"A"}, {"B"}}, {}), doctest::Contains("cannot be reached"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(HubGraph({{"A"}, {"A"}}, {}), doctest::Contains("duplicate hub name"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(HubGraph({{"A"}, {"B"}}, {{"A", "B", 0}}), doctest::Contains("minutes > 0"),
                       std::invalid_argument);
  CHECK_THROWS_AS(HubGraph({{"A"}}, {{"A", "A", 3}}), std::invalid_argument);
}
