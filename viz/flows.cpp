#include "viz/flows.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <queue>

namespace hubsim::viz {
namespace {

constexpr std::array<const char*, kFlowKinds> kNames{"knowledge", "talent", "capital", "contracts"};
constexpr std::array<const char*, kFlowKinds> kUnits{"collaborations", "people", "\u00a3k", "\u00a3k"};

std::size_t at(int hubs, int o, int d) { return static_cast<std::size_t>(o) * static_cast<std::size_t>(hubs) + static_cast<std::size_t>(d); }

}  // namespace

const char* flow_kind_name(int kind) { return kNames.at(static_cast<std::size_t>(kind)); }
const char* flow_kind_unit(int kind) { return kUnits.at(static_cast<std::size_t>(kind)); }

double Routes::minutes(int o, int d) const {
  if (o == d) return 0;
  const auto& route = legs[at(hubs, o, d)];
  if (route.empty()) return -1;
  double sum = 0;
  for (const Leg& leg : route) sum += links[static_cast<std::size_t>(leg.link)].minutes;
  return sum;
}

Routes compute_routes(int hubs, const std::vector<Link>& links) {
  Routes r;
  r.hubs = hubs;
  r.links = links;
  r.legs.assign(static_cast<std::size_t>(hubs) * static_cast<std::size_t>(hubs), {});
  const auto n = static_cast<std::size_t>(hubs);
  for (int source = 0; source < hubs; ++source) {
    std::vector<double> dist(n, std::numeric_limits<double>::infinity());
    std::vector<int> via(n, -1);  // link taken into each hub
    using Item = std::pair<double, int>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
    dist[static_cast<std::size_t>(source)] = 0;
    queue.push({0.0, source});
    while (!queue.empty()) {
      const auto [d, u] = queue.top();
      queue.pop();
      if (d > dist[static_cast<std::size_t>(u)]) continue;
      for (std::size_t l = 0; l < links.size(); ++l) {
        const Link& link = links[l];
        if (link.a != u && link.b != u) continue;
        const int v = link.a == u ? link.b : link.a;
        if (v < 0 || v >= hubs) continue;
        const double nd = d + link.minutes;
        auto& best = dist[static_cast<std::size_t>(v)];
        if (nd < best - 1e-9) {
          best = nd;
          via[static_cast<std::size_t>(v)] = static_cast<int>(l);
          queue.push({nd, v});
        }
      }
    }
    for (int target = 0; target < hubs; ++target) {
      if (target == source || via[static_cast<std::size_t>(target)] < 0) continue;
      std::vector<Routes::Leg> route;
      for (int h = target; h != source;) {
        const int l = via[static_cast<std::size_t>(h)];
        const Link& link = links[static_cast<std::size_t>(l)];
        const int prev = link.a == h ? link.b : link.a;
        route.push_back({l, link.b == h});  // entering h at b: travelled a -> b
        h = prev;
      }
      std::reverse(route.begin(), route.end());
      r.legs[at(hubs, source, target)] = std::move(route);
    }
  }
  return r;
}

LinkLoad route_flows(const Routes& routes, const std::vector<double>& od) {
  LinkLoad load(2 * routes.links.size(), 0.0);
  for (int o = 0; o < routes.hubs; ++o)
    for (int d = 0; d < routes.hubs; ++d) {
      const double v = od[at(routes.hubs, o, d)];
      if (o == d || !(v > 0)) continue;
      for (const auto& leg : routes.legs[at(routes.hubs, o, d)])
        load[2 * static_cast<std::size_t>(leg.link) + (leg.forward ? 0 : 1)] += v;
    }
  return load;
}

FlowData make_flow_data(const Routes& routes, const std::vector<std::string>& kind_labels,
                        const std::vector<double>& values, std::size_t months) {
  FlowData f;
  const std::size_t cell = static_cast<std::size_t>(routes.hubs) * static_cast<std::size_t>(routes.hubs);
  if (values.size() != months * kind_labels.size() * cell) return f;
  for (std::size_t k = 0; k < kind_labels.size(); ++k) {
    const auto kind = static_cast<std::size_t>(std::find(kNames.begin(), kNames.end(), kind_labels[k]) - kNames.begin());
    if (kind >= kNames.size()) continue;
    for (std::size_t t = 0; t < months; ++t) {
      const auto first = values.begin() + static_cast<std::ptrdiff_t>((t * kind_labels.size() + k) * cell);
      std::vector<double> od(first, first + static_cast<std::ptrdiff_t>(cell));
      for (int o = 0; o < routes.hubs; ++o)
        for (int d = 0; d < routes.hubs; ++d)
          if (o != d && od[at(routes.hubs, o, d)] > 0) f.total[kind] += od[at(routes.hubs, o, d)];
      LinkLoad load = route_flows(routes, od);
      for (double v : load) f.peak_load[kind] = std::max(f.peak_load[kind], v);
      f.od[kind].push_back(std::move(od));
      f.load[kind].push_back(std::move(load));
    }
  }
  return f;
}

LinkLoad sample_load(const std::vector<LinkLoad>& months, double t) {
  if (months.empty()) return {};
  t = std::clamp(t, 0.0, static_cast<double>(months.size() - 1));
  const auto i = static_cast<std::size_t>(std::floor(t));
  if (i + 1 >= months.size()) return months.back();
  const double f = t - static_cast<double>(i);
  LinkLoad out(months[i].size());
  for (std::size_t j = 0; j < out.size(); ++j) out[j] = months[i][j] + (months[i + 1][j] - months[i][j]) * f;
  return out;
}

double flow_thickness(double value, double peak) {
  if (!(value > 0) || !(peak > 0)) return 0;
  return std::sqrt(std::min(value / peak, 1.0));
}

double particle_rate(double value, double peak, double max_rate) {
  if (!(value > 0) || !(peak > 0)) return 0;
  return std::max(max_rate * std::min(value / peak, 1.0), 0.05 * max_rate);
}

int particle_count(double rate, double traverse_seconds, int cap) {
  if (!(rate > 0) || !(traverse_seconds > 0)) return 0;
  return std::clamp(static_cast<int>(std::lround(rate * traverse_seconds)), 1, std::max(cap, 1));
}

double particle_position(int i, double seconds, double traverse_seconds) {
  const double phase = static_cast<double>(i) * (std::numbers::phi - 1.0);
  const double p = phase + (traverse_seconds > 0 ? seconds / traverse_seconds : 0.0);
  return p - std::floor(p);
}

std::vector<Partner> top_partners(const FlowData& flows, int hubs, int hub, int from, int to,
                                  const std::array<bool, kFlowKinds>& enabled, std::size_t count) {
  std::vector<Partner> out;
  for (int k = 0; k < kFlowKinds; ++k) {
    const auto& months = flows.od[static_cast<std::size_t>(k)];
    if (!enabled[static_cast<std::size_t>(k)] || months.empty()) continue;
    const int last = std::min(to, static_cast<int>(months.size()) - 1);
    for (int p = 0; p < hubs; ++p) {
      if (p == hub) continue;
      Partner partner{p, k, 0, 0};
      for (int t = std::max(from, 0); t <= last; ++t) {
        partner.in += months[static_cast<std::size_t>(t)][at(hubs, p, hub)];
        partner.out += months[static_cast<std::size_t>(t)][at(hubs, hub, p)];
      }
      if (partner.in + partner.out > 0) out.push_back(partner);
    }
  }
  // Kinds have different units: rank each partner by its share of the hub's flows of that kind.
  std::array<double, kFlowKinds> sum{};
  for (const Partner& p : out) sum[static_cast<std::size_t>(p.kind)] += p.in + p.out;
  auto share = [&](const Partner& p) { return (p.in + p.out) / sum[static_cast<std::size_t>(p.kind)]; };
  std::stable_sort(out.begin(), out.end(), [&](const Partner& a, const Partner& b) { return share(a) > share(b); });
  if (out.size() > count) out.resize(count);
  return out;
}

}  // namespace hubsim::viz
