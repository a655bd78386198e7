#include <doctest/doctest.h>

#include <cmath>

#include "viz/flows.hpp"

using namespace hubsim::viz;

namespace {

// 0 - 1 - 2 in a line (10 + 10 minutes), and a slow direct 0 - 2 link (30), plus an island 3.
Routes line_graph() { return compute_routes(4, {{0, 1, 10}, {1, 2, 10}, {2, 0, 30}}); }

}  // namespace

TEST_CASE("routes: shortest paths over the links, in travel order, with their direction") {
  const Routes r = line_graph();
  const auto& route = r.legs[0 * 4 + 2];
  REQUIRE(route.size() == 2);  // via hub 1 (20 min), not the direct 30-minute link
  CHECK(route[0].link == 0);
  CHECK(route[0].forward);  // 0 -> 1 is the link's a -> b
  CHECK(route[1].link == 1);
  CHECK(route[1].forward);
  const auto& back = r.legs[2 * 4 + 0];
  REQUIRE(back.size() == 2);
  CHECK(back[0].link == 1);
  CHECK_FALSE(back[0].forward);
  CHECK(r.minutes(0, 2) == 20);
  CHECK(r.minutes(1, 1) == 0);
  CHECK(r.minutes(0, 3) == -1);  // unreachable
  CHECK(r.legs[0 * 4 + 3].empty());
}

TEST_CASE("routes: a cheaper direct link wins; no links, no routes") {
  const Routes r = compute_routes(3, {{0, 1, 10}, {1, 2, 10}, {0, 2, 15}});
  REQUIRE(r.legs[0 * 3 + 2].size() == 1);
  CHECK(r.legs[0 * 3 + 2][0].link == 2);
  const Routes none = compute_routes(2, {});
  CHECK(none.minutes(0, 1) == -1);
}

TEST_CASE("flows are loaded onto every link of their route, per direction; flows to self travel nowhere") {
  const Routes r = line_graph();
  std::vector<double> od(16, 0.0);
  od[0 * 4 + 2] = 5;  // 0 -> 2 via 1
  od[2 * 4 + 1] = 3;  // 2 -> 1: link 1 backwards
  od[1 * 4 + 1] = 100;
  const LinkLoad load = route_flows(r, od);
  REQUIRE(load.size() == 6);
  CHECK(load[0] == 5);  // link 0 forward
  CHECK(load[1] == 0);
  CHECK(load[2] == 5);  // link 1 forward
  CHECK(load[3] == 3);  // link 1 backward
  CHECK(load[4] == 0);
  CHECK(load[5] == 0);
}

TEST_CASE("flow data: kinds matched by name, totals and peaks, all-zero kinds have no data") {
  const Routes r = compute_routes(2, {{0, 1, 10}});
  // (time 2, kinds {talent, knowledge}, 2 x 2): talent 0 -> 1 is 4 then 6; knowledge all zero.
  const std::vector<double> v = {0, 4, 0, 7, /*knowledge*/ 0, 0, 0, 0, /*t1*/ 0, 6, 0, 0, 0, 0, 0, 0};
  const FlowData f = make_flow_data(r, {"talent", "knowledge"}, v, 2);
  CHECK(f.has(static_cast<int>(FlowKind::talent)));
  CHECK_FALSE(f.has(static_cast<int>(FlowKind::knowledge)));
  CHECK_FALSE(f.has(static_cast<int>(FlowKind::capital)));  // absent from the file
  CHECK(f.total[1] == 10);  // the 7 is hub 1 to itself
  CHECK(f.peak_load[1] == 6);
  CHECK(sample_load(f.load[1], 0.5)[0] == doctest::Approx(5));
  CHECK(make_flow_data(r, {"talent"}, {1, 2, 3}, 2).od[1].empty());  // wrong size: ignored, no crash
}

TEST_CASE("particles: thickness by the square root of size, rate proportional, a trickle for small flows") {
  CHECK(flow_thickness(0, 10) == 0);
  CHECK(flow_thickness(10, 10) == doctest::Approx(1));
  CHECK(flow_thickness(2.5, 10) == doctest::Approx(0.5));
  CHECK(flow_thickness(20, 10) == doctest::Approx(1));  // clamped
  CHECK(flow_thickness(5, 0) == 0);
  CHECK(particle_rate(10, 10, 8) == doctest::Approx(8));
  CHECK(particle_rate(5, 10, 8) == doctest::Approx(4));
  CHECK(particle_rate(0.001, 10, 8) == doctest::Approx(0.4));  // at least 5% of the peak rate
  CHECK(particle_rate(0, 10, 8) == 0);
  CHECK(particle_count(4, 2.0, 100) == 8);
  CHECK(particle_count(4, 2.0, 5) == 5);
  CHECK(particle_count(0.01, 1.0, 100) == 1);
  CHECK(particle_count(0, 1.0, 100) == 0);
}

TEST_CASE("particles: move forward at one link per traverse time, existing ones stay put as more are added") {
  const double p0 = particle_position(3, 0.0, 2.0), p1 = particle_position(3, 0.5, 2.0);
  CHECK(p0 >= 0);
  CHECK(p0 < 1);
  CHECK(std::fmod(p1 - p0 + 1.0, 1.0) == doctest::Approx(0.25));
  CHECK(particle_position(3, 2.0, 2.0) == doctest::Approx(p0));  // a full traverse later
  CHECK(particle_position(0, 0.0, 2.0) == 0);
  CHECK(particle_position(1, 0.0, 2.0) != doctest::Approx(particle_position(2, 0.0, 2.0)));
}

TEST_CASE("top partners: in and out over a window, ranked by share within each kind") {
  const Routes r = compute_routes(3, {{0, 1, 10}, {1, 2, 10}});
  std::vector<double> v(2 * 4 * 9, 0.0);
  auto at = [&](int t, int k, int o, int d) -> double& { return v[static_cast<std::size_t>(((t * 4 + k) * 3 + o) * 3 + d)]; };
  at(0, 1, 1, 0) = 10;   // talent 1 -> 0
  at(1, 1, 0, 1) = 5;    // talent 0 -> 1
  at(1, 1, 2, 0) = 5;    // talent 2 -> 0
  at(1, 2, 0, 2) = 900;  // capital 0 -> 2 (GBP k): all of hub 0's capital
  const FlowData f = make_flow_data(r, {"knowledge", "talent", "capital", "contracts"}, v, 2);
  const auto partners = top_partners(f, 3, 0, 0, 1, {true, true, true, true}, 5);
  REQUIRE(partners.size() == 3);
  CHECK(partners[0].kind == 2);  // 100% of its kind
  CHECK(partners[0].out == 900);
  CHECK(partners[1].hub == 1);   // 15 of 20 people
  CHECK(partners[1].in == 10);
  CHECK(partners[1].out == 5);
  CHECK(partners[2].hub == 2);
  CHECK(top_partners(f, 3, 0, 0, 1, {true, true, false, true}, 5).size() == 2);  // capital hidden
  CHECK(top_partners(f, 3, 0, 1, 1, {true, true, true, true}, 1).size() == 1);
}
