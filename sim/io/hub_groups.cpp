#include "sim/io/hub_groups.hpp"

#include <algorithm>
#include <optional>
#include <sstream>

namespace hubsim::io {

std::vector<std::pair<std::string, std::vector<std::string>>> hub_groups(const RunData& run) {
  std::vector<std::pair<std::string, std::vector<std::string>>> out;
  const auto it = run.text_attributes.find("hub_groups");
  if (it == run.text_attributes.end()) return out;
  std::stringstream groups(it->second);
  for (std::string group; std::getline(groups, group, ';');) {
    const auto colon = group.find(':');
    if (colon == std::string::npos) continue;
    std::vector<std::string> hubs;
    std::stringstream names(group.substr(colon + 1));
    for (std::string name; std::getline(names, name, ',');)
      if (!name.empty()) hubs.push_back(name);
    out.emplace_back(group.substr(0, colon), std::move(hubs));
  }
  return out;
}

std::optional<std::vector<std::size_t>> hub_group(const RunData& run, const std::string& name) {
  const Dimension* hub = run.find_dimension("hub");
  for (const auto& [group, hubs] : hub_groups(run)) {
    if (group != name) continue;
    std::vector<std::size_t> out;
    if (hub == nullptr) return out;
    for (std::size_t i = 0; i < hub->labels.size(); ++i)
      if (std::find(hubs.begin(), hubs.end(), hub->labels[i]) != hubs.end()) out.push_back(i);
    return out;
  }
  return std::nullopt;
}

}  // namespace hubsim::io
