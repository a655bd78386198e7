#include "sim/core/hub_graph.hpp"

#include <boost/graph/dijkstra_shortest_paths.hpp>

#include <limits>
#include <set>
#include <stdexcept>

namespace hubsim::core {

HubGraph::HubGraph(const std::vector<HubNode>& hubs, const std::vector<HubLink>& links)
    : graph_(hubs.size()) {
  if (hubs.empty()) throw std::invalid_argument("the hub graph needs at least one hub");
  if (hubs.size() > std::numeric_limits<HubIndex>::max())
    throw std::invalid_argument("too many hubs");
  std::set<std::string> names;
  for (std::size_t i = 0; i < hubs.size(); ++i) {
    if (!names.insert(hubs[i].name).second)
      throw std::invalid_argument("duplicate hub name \"" + hubs[i].name + "\"");
    graph_[i] = hubs[i];
  }
  for (const auto& link : links) {
    const auto a = find(link.from), b = find(link.to);
    if (!a) throw std::invalid_argument("link from unknown hub \"" + link.from + "\"");
    if (!b) throw std::invalid_argument("link to unknown hub \"" + link.to + "\"");
    if (*a == *b) throw std::invalid_argument("link from \"" + link.from + "\" to itself");
    if (!(link.minutes > 0)) throw std::invalid_argument("link " + link.from + "-" + link.to + " needs minutes > 0");
    boost::add_edge(*a, *b, link, graph_);
  }

  // All pairs by Dijkstra from every hub: the graph is tiny, and the predecessor maps give routes.
  const std::size_t n = size();
  minutes_.assign(n * n, 0);
  predecessor_.assign(n * n, 0);
  std::vector<double> dist(n);
  std::vector<Graph::vertex_descriptor> pred(n);
  for (std::size_t s = 0; s < n; ++s) {
    boost::dijkstra_shortest_paths(
        graph_, s,
        boost::weight_map(boost::get(&HubLink::minutes, graph_))
            .distance_map(boost::make_iterator_property_map(dist.begin(), boost::get(boost::vertex_index, graph_)))
            .predecessor_map(boost::make_iterator_property_map(pred.begin(), boost::get(boost::vertex_index, graph_))));
    for (std::size_t t = 0; t < n; ++t) {
      if (dist[t] == std::numeric_limits<double>::max())
        throw std::invalid_argument("hub \"" + hubs[t].name + "\" cannot be reached from \"" + hubs[s].name + "\"");
      minutes_[s * n + t] = dist[t];
      predecessor_[s * n + t] = static_cast<HubIndex>(pred[t]);
    }
  }
}

std::optional<HubIndex> HubGraph::find(std::string_view name) const {
  for (std::size_t i = 0; i < size(); ++i)
    if (graph_[i].name == name) return static_cast<HubIndex>(i);
  return std::nullopt;
}

std::vector<HubIndex> HubGraph::route(HubIndex from, HubIndex to) const {
  std::vector<HubIndex> path{to};
  while (path.back() != from) path.push_back(predecessor_[from * size() + path.back()]);
  return {path.rbegin(), path.rend()};
}

}  // namespace hubsim::core
