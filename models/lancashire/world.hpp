#pragma once
/// The state of one run of the Lancashire model: hub graph, agents, per-hub tallies, records.
#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "models/lancashire/agents.hpp"
#include "models/lancashire/metrics.hpp"
#include "models/lancashire/params.hpp"
#include "sim/core/hub_graph.hpp"
#include "sim/io/run_settings.hpp"

namespace hubsim::model {

/// Event counts of the current month, by hub. Integer atomics: any summation order gives the same total.
struct MonthTally {
  explicit MonthTally(std::size_t hubs)
      : graduates(hubs), reskilled(hubs), hires(hubs), births(hubs), closures(hubs), leavers(hubs), retirements(hubs) {}
  std::vector<std::atomic<std::int64_t>> graduates, reskilled, hires, births, closures, leavers, retirements;
  void clear();
};

struct World {
  World(const Params& params, const io::RunSettings& run);

  const Params& params;
  io::RunSettings run;
  core::HubGraph graph;
  Workers workers;
  Firms firms;

  std::vector<core::HubIndex> county_hubs;    ///< hubs inside Lancashire
  std::vector<core::HubIndex> external_hubs;  ///< Greater Manchester, London, ...
  /// search_weight[home * n + hub]: attraction of a job at `hub` to a seeker living at `home`
  /// (0 beyond commuting reach).
  std::vector<double> search_weight;

  /// Snapshots taken by firm_dynamics, read by later phases of the same step.
  std::vector<std::int64_t> hub_vacancies;
  std::vector<std::int64_t> hub_jobs;
  std::vector<std::int64_t> hub_startups;

  MonthTally tally;
  Metrics metrics;
};

/// Creates the initial firms and workers (2022: the strategy's ~20,000 jobs in ~4,000 firms).
void populate(World& world, std::uint64_t seed);

}  // namespace hubsim::model
