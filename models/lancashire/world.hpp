#pragma once
/// The state of one run of the Lancashire model: hub graph, agents, per-hub tallies, records.
#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "models/lancashire/agents.hpp"
#include "models/lancashire/metrics.hpp"
#include "models/lancashire/params.hpp"
#include "models/lancashire/records.hpp"
#include "sim/core/hub_graph.hpp"
#include "sim/core/rng.hpp"
#include "sim/io/run_settings.hpp"

namespace hubsim::model {

/// Event counts of the current month, by hub. Integer atomics: any summation order gives the same total.
struct MonthTally {
  explicit MonthTally(std::size_t hubs)
      : graduates(hubs), reskilled(hubs), hires(hubs), births(hubs), closures(hubs), leavers(hubs), retirements(hubs),
        deals(hubs), invested_pounds(hubs), talent_flow(hubs * hubs), capital_flow_pounds(hubs * hubs) {}
  std::vector<std::atomic<std::int64_t>> graduates, reskilled, hires, births, closures, leavers, retirements, deals,
      invested_pounds;
  /// [from * hubs + to]: people hired (home hub to work hub) or leaving (home hub to metro).
  std::vector<std::atomic<std::int64_t>> talent_flow;
  /// [from * hubs + to]: whole pounds invested by investors at `from` in firms at `to`.
  std::vector<std::atomic<std::int64_t>> capital_flow_pounds;
  /// Events of the month, in any order; bookkeeping sorts them.
  std::vector<Event> events;
  void clear();
};

struct World {
  World(const Params& params, const io::RunSettings& run);

  const Params& params;
  io::RunSettings run;
  core::HubGraph graph;
  Workers workers;
  Firms firms;
  Investors investors;

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
  Records records;
};

/// A sector index drawn by the configured shares.
std::uint8_t draw_sector(core::Rng& rng, const std::vector<SectorParams>& sectors);

/// Creates the initial firms, workers and investors (2022: the strategy's ~20,000 jobs in ~4,000 firms).
void populate(World& world, std::uint64_t seed);

}  // namespace hubsim::model
