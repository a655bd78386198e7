#pragma once
/// The state of one run of the Lancashire model: hub graph, agents, per-hub tallies, records.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <memory>
#include <vector>

#include "models/lancashire/agents.hpp"
#include "models/lancashire/demography.hpp"
#include "models/lancashire/identities.hpp"
#include "models/lancashire/metrics.hpp"
#include "models/lancashire/params.hpp"
#include "models/lancashire/records.hpp"
#include "sim/core/hub_graph.hpp"
#include "sim/core/rng.hpp"
#include "sim/io/run_settings.hpp"

namespace hubsim::model {

/// Counts of the current month, by hub. Integer atomics: any summation order gives the same total.
enum class Tally : std::size_t {
  graduates, reskilled, apprentices, hires, births, closures, exits, leavers, returners, retirements, deals,
  invested_pounds, in_migrants, anchor_local_hires, scaleups_new, relocations, collaborations, spinouts, count
};

/// Flow matrices of the current month; talent in people, capital and contracts in whole pounds.
enum class Flow : std::size_t { knowledge, talent, capital_pounds, contract_pounds, count };

struct MonthTally {
  explicit MonthTally(std::size_t hubs)
      : hubs_(hubs), by_hub_(static_cast<std::size_t>(Tally::count) * hubs),
        flows_(static_cast<std::size_t>(Flow::count) * hubs * hubs) {}
  std::atomic<std::int64_t>& operator()(Tally t, std::size_t hub) {
    return by_hub_[static_cast<std::size_t>(t) * hubs_ + hub];
  }
  std::int64_t get(Tally t, std::size_t hub) const { return by_hub_[static_cast<std::size_t>(t) * hubs_ + hub]; }
  void add(Tally t, std::size_t hub, std::int64_t n = 1) { (*this)(t, hub).fetch_add(n, std::memory_order_relaxed); }
  void flow(Flow f, std::size_t from, std::size_t to, std::int64_t n = 1) {
    flows_[(static_cast<std::size_t>(f) * hubs_ + from) * hubs_ + to].fetch_add(n, std::memory_order_relaxed);
  }
  std::int64_t flow_at(Flow f, std::size_t from, std::size_t to) const {
    return flows_[(static_cast<std::size_t>(f) * hubs_ + from) * hubs_ + to];
  }
  /// Events of the month, in any order; bookkeeping sorts them. Appended from serial code only.
  std::vector<Event> events;
  void clear();

 private:
  std::size_t hubs_;
  std::vector<std::atomic<std::int64_t>> by_hub_;
  std::vector<std::atomic<std::int64_t>> flows_;
};

/// An anchor's state during the run.
struct AnchorState {
  core::HubIndex hub = 0;
  std::uint32_t firm_row = kNoFirm;  ///< its row in the firm store if it employs digital staff, kept current
  core::AgentId firm_id = 0;
  double procurement_m = 0;          ///< this month's spend on Lancashire digital firms, GBP m/year rate
  std::uint8_t preferred_sector = 0xFF;
};

struct World {
  World(const Params& params, const io::RunSettings& run);

  /// The parameters in force this month: replaced whole between months by dated changes
  /// (replace_params), never edited in place.
  Params params;
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
  /// Angel networks that have joined (intervention F): they join as F's lever grows, and stay.
  std::size_t angel_networks = 0;

  bool is_external(core::HubIndex h) const { return params.hubs[h].kind == HubKind::external_metro; }

  /// Snapshots taken by firm_dynamics, read by later phases of the same step.
  std::vector<std::int64_t> hub_vacancies;
  std::vector<std::int64_t> hub_jobs;
  std::vector<std::int64_t> hub_startups;   ///< start-ups, incubated or not (investors look for them)
  std::vector<std::int64_t> hub_seekers;    ///< job seekers living at the hub, end of last month
  std::vector<std::int64_t> hub_firms;
  std::vector<std::vector<std::uint32_t>> hub_firm_rows;  ///< live firm rows by hub, for partner search

  std::vector<std::uint64_t> kene_scratch;  ///< knowledge_exchange's next profiles (swapped with the column)

  std::vector<double> hub_productivity;     ///< mean GVA per job of the hub's firms, GBP thousand/year
  // firms and markets
  /// Each sector's market this month, GBP thousand/year: the sector's organic sales at the start
  /// (settle_initial_sales), grown each month at the economy.market_growth_per_year then in force,
  /// so a dated change to it acts from its month. Carried by checkpoints.
  std::vector<double> market_k;
  std::vector<double> sector_sales_k;       ///< organic sales by sector, last month (firm_dynamics)
  std::vector<double> hub_efficiency;       ///< mean log relative productivity of the hub's firms (firm_dynamics)
  std::vector<std::int64_t> hub_incubated;  ///< incubated start-ups by hub (firm_dynamics; births fill free places)
  std::uint8_t cyber_sector = 0xFF;         ///< index of "cyber_and_data_security", if configured

  std::vector<AnchorState> anchors;
  double other_sector_demand_m = 0;         ///< this month's rate, GBP m/year

  // labour market
  /// Mean annual earnings of employed workers by (step, work hub, skill), GBP thousand (NaN if none).
  std::vector<double> earnings_k;
  /// Graduates by (cohort year, university hub, months after graduation 6/12/24, destination:
  /// employed in the county, seeking in the county, then each external metro); NaN until observed.
  std::vector<double> graduate_destinations;
  std::size_t cohorts = 0;      ///< calendar years of the run (cohort dimension)
  std::size_t destinations = 0; ///< 2 + external metros

  MonthTally tally;
  Metrics metrics;
  Records records;
  Demography demography;
};

/// Takes new parameters between two months and rebuilds what was derived from them.
void replace_params(World& world, const Params& params);

/// Rebuilds the caches derived from the parameters (seekers' search weights).
void derive_from_params(World& world);

/// Angel networks join while intervention F's lever calls for more of them (F set live works
/// from the month it moves).
void join_angel_networks(World& world, core::Month month);

/// A fresh exponential clock (agents.hpp) from the worker's stream.
inline float exp_clock(core::Rng& rng) { return static_cast<float>(rng.exponential(1.0)); }

/// The hazard of an event with monthly probability p: a clock worn down by it runs out in a
/// month with probability p.
inline double hazard(double p) { return p >= 1 ? 1e30 : -std::log1p(-p); }

/// A capability profile: `bits` draws of one capability out of 64 (repeats merge).
std::uint64_t draw_kene(core::Rng& rng, int bits);

/// A sector index drawn by the configured shares.
std::uint8_t draw_sector(core::Rng& rng, const std::vector<SectorParams>& sectors);

/// The UK digital benchmark's GVA per job in `month`, GBP thousand/year.
double national_productivity_k(const World& w, core::Month month);

/// What firm row `f` sells this month, GBP thousand/year: its sales and contracts, up to what its
/// staff can produce (anchors: what their staff produce at the benchmark's productivity).
inline double firm_revenue_k(const World& w, std::size_t f) {
  const auto& fc = w.firms.columns();
  const double capacity = fc.employees[f] * static_cast<double>(fc.productivity_k[f]) / w.params.economy.gva_share_of_revenue;
  if (fc.stage[f] == FirmStage::anchor) return capacity;
  return std::min(static_cast<double>(fc.sales_k[f]) + fc.contract_k[f], capacity);
}

/// A hub's incubation space this month (B widens the spokes').
double incubation_space(const World& w, core::HubIndex hub, core::Month month);

/// Creates the initial firms, workers and investors (2022: the strategy's ~20,000 jobs in ~4,000 firms).
void populate(World& world, std::uint64_t seed);

/// The random stream populate() gives an entity (a month no simulated step has).
core::Rng initial_rng(std::uint64_t seed, core::Identity who);

}  // namespace hubsim::model
