#pragma once
/// Named groups of hubs a run declares (its `hub_groups` attribute, "name:hub,hub;name:hub"):
/// a model says which hubs make up its region ("county") or share a role, so that tools can
/// select them by name without knowing the model. The first group is the region headline
/// totals sum over.
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/io/run_data.hpp"

namespace hubsim::io {

/// The groups in the order declared; nothing if the run declares none.
std::vector<std::pair<std::string, std::vector<std::string>>> hub_groups(const RunData& run);

/// The indexes (into the hub dimension) of the hubs in group `name`; nothing if no such group.
std::optional<std::vector<std::size_t>> hub_group(const RunData& run, const std::string& name);

}  // namespace hubsim::io
