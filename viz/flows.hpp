#pragma once
/// Flows between hubs as the map animates them: the hub graph's links, shortest routes over them,
/// each month's origin-destination flows loaded onto the links they travel, and the particle
/// arithmetic. No ImGui, so it is unit-tested.
#include <array>
#include <string>
#include <vector>

namespace hubsim::viz {

/// The run file's flow kinds, in its order.
inline constexpr int kFlowKinds = 4;
enum class FlowKind { knowledge = 0, talent = 1, capital = 2, contracts = 3 };
const char* flow_kind_name(int kind);  ///< "knowledge", "talent", ...
const char* flow_kind_unit(int kind);  ///< "collaborations", "people", "£k", "£k"

/// An undirected road link between two hubs (indices into the run's hubs).
struct Link {
  int a = 0, b = 0;
  double minutes = 0;
};

/// Shortest routes between every pair of hubs, as the links they use (Dijkstra on link minutes;
/// ties go to the lower hub index, so routes are deterministic).
struct Routes {
  int hubs = 0;
  std::vector<Link> links;
  /// legs[o * hubs + d]: the route from o to d as (link index, forward?) in travel order;
  /// empty for o == d and for unreachable pairs.
  struct Leg {
    int link = 0;
    bool forward = true;  ///< travelled a -> b
  };
  std::vector<std::vector<Leg>> legs;
  double minutes(int o, int d) const;  ///< along the route; 0 for o == d, -1 if unreachable
};
Routes compute_routes(int hubs, const std::vector<Link>& links);

/// A month's flow of one kind on each link, per direction: load[2 * link + (forward ? 0 : 1)].
using LinkLoad = std::vector<double>;

/// Loads `od` (origin-major hubs x hubs matrix of one month and kind) onto the routes; flows
/// from a hub to itself travel no link and are left out.
LinkLoad route_flows(const Routes& routes, const std::vector<double>& od);

/// All the flows of a run: od[kind][month] (hubs x hubs) and their loads on the links.
struct FlowData {
  std::array<std::vector<std::vector<double>>, kFlowKinds> od;
  std::array<std::vector<LinkLoad>, kFlowKinds> load;
  std::array<double, kFlowKinds> peak_load{};  ///< largest directed link load in any month
  std::array<double, kFlowKinds> total{};      ///< sum over the run, between different hubs
  bool has(int kind) const { return total[static_cast<std::size_t>(kind)] > 0; }
};
/// `values` laid out (time, kind, origin, destination) with the file's kinds named by `kind_labels`
/// (unknown kinds are ignored, missing ones stay empty).
FlowData make_flow_data(const Routes& routes, const std::vector<std::string>& kind_labels,
                        const std::vector<double>& values, std::size_t months);

/// Link load interpolated at fractional month `t` (clamped).
LinkLoad sample_load(const std::vector<LinkLoad>& months, double t);

/// Particle scaling: thickness in 0..1 grows with the square root of the flow against the
/// kind's peak (area, not width, tells the size); the rate (particles a second passing a point)
/// is proportional to it, `max_rate` at the peak, and any non-zero flow shows at least a trickle.
double flow_thickness(double value, double peak);
double particle_rate(double value, double peak, double max_rate);
/// Particles on a link that takes `traverse_seconds` to cross at rate `rate`, at most `cap`.
int particle_count(double rate, double traverse_seconds, int cap);
/// Where particle `i` is along its link (0..1) at animation time `seconds`. Particle phases are
/// spread by the golden ratio, so adding particles leaves the ones already there in place.
double particle_position(int i, double seconds, double traverse_seconds);

/// A hub's largest partners in flows of the enabled kinds over months [from, to]: in is
/// towards the hub, out away from it; sorted by their share of the hub's flows of that kind
/// (kinds have different units), largest first, at most `count`.
struct Partner {
  int hub = 0;
  int kind = 0;
  double in = 0, out = 0;
};
std::vector<Partner> top_partners(const FlowData& flows, int hubs, int hub, int from, int to,
                                  const std::array<bool, kFlowKinds>& enabled, std::size_t count);

}  // namespace hubsim::viz
