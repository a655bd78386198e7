#pragma once
/// The hub network: hubs as vertices of a Boost.Graph, road links as weighted edges, and the
/// all-pairs travel times and routes that commuting, partner search and flow routing use.
#include <boost/graph/adjacency_list.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hubsim::core {

using HubIndex = std::uint16_t;

/// A place agents live, work and meet at. What a hub *is* (a spoke, a metro) is the model's business.
struct HubNode {
  std::string name;
  double lat = 0;  ///< WGS84 degrees
  double lon = 0;
};

/// A road between two hubs.
struct HubLink {
  std::string from;
  std::string to;
  double minutes = 0;  ///< road travel time, one way
};

class HubGraph {
 public:
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, HubNode, HubLink>;

  /// Builds the graph; throws std::invalid_argument for unknown hub names, self-links,
  /// non-positive times, duplicate names or a hub that cannot be reached from the others.
  HubGraph(const std::vector<HubNode>& hubs, const std::vector<HubLink>& links);

  std::size_t size() const { return boost::num_vertices(graph_); }
  const HubNode& hub(HubIndex i) const { return graph_[i]; }
  std::optional<HubIndex> find(std::string_view name) const;

  /// Shortest road travel time in minutes (0 from a hub to itself).
  double minutes(HubIndex from, HubIndex to) const { return minutes_[from * size() + to]; }
  /// The hubs a shortest route passes through, from `from` to `to` inclusive.
  std::vector<HubIndex> route(HubIndex from, HubIndex to) const;

  const Graph& graph() const { return graph_; }

 private:
  Graph graph_;
  std::vector<double> minutes_;          // size() x size()
  std::vector<HubIndex> predecessor_;    // predecessor_[from * n + to]: hub before `to` on the route
};

}  // namespace hubsim::core
