#pragma once
/// What a run records beyond the (time, hub) metrics: firms by stage, jobs by sector, flows
/// between hubs by kind, the event table, and optional agent snapshots.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/agent_store.hpp"
#include "sim/core/hub_graph.hpp"
#include "sim/io/run_data.hpp"

namespace hubsim::model {

enum class FlowKind : std::uint8_t { knowledge, talent, capital, contracts, count };
enum class EventKind : std::uint8_t { firm_birth, firm_closure, deal, scale_up, relocation, firm_exit, spinout };

struct Event {
  std::int32_t step;
  EventKind kind;
  core::HubIndex hub;
  core::AgentId firm;
  double value;  ///< deal size in GBP thousand; staff for births/closures
};

/// One snapshot's agents, column-wise (CF "contiguous ragged array" once written).
struct Snapshot {
  std::int32_t step = 0;
  std::vector<core::AgentId> worker_id, worker_employer;
  std::vector<core::HubIndex> worker_home;
  std::vector<std::uint8_t> worker_status;
  std::vector<core::AgentId> firm_id;
  std::vector<core::HubIndex> firm_hub;
  std::vector<std::uint8_t> firm_stage, firm_sector;
  std::vector<std::int32_t> firm_employees;
  std::vector<float> firm_funding_k;
};

class Records {
 public:
  Records(std::size_t hubs, std::size_t steps, std::size_t sectors)
      : hubs_(hubs), steps_(steps), sectors_(sectors), firms_by_stage_(steps * hubs * kStages, 0),
        gva_m_(steps * hubs, 0), county_(static_cast<std::size_t>(County::count) * steps, 0),
        jobs_by_sector_(steps * hubs * sectors, 0),
        flows_(steps * static_cast<std::size_t>(FlowKind::count) * hubs * hubs, 0) {}

  static constexpr std::size_t kStages = 5;
  /// County-level series.
  enum class County : std::size_t {
    gva_m, productivity_ratio, digital_share, inclusion_share, graduate_retention, intervention_spend_m, count
  };

  std::int64_t& firms_by_stage(std::size_t step, std::size_t hub, std::size_t stage) {
    return firms_by_stage_[(step * hubs_ + hub) * kStages + stage];
  }
  double& gva_m(std::size_t step, std::size_t hub) { return gva_m_[step * hubs_ + hub]; }
  double& county(County c, std::size_t step) { return county_[static_cast<std::size_t>(c) * steps_ + step]; }
  std::int64_t& jobs_by_sector(std::size_t step, std::size_t hub, std::size_t sector) {
    return jobs_by_sector_[(step * hubs_ + hub) * sectors_ + sector];
  }
  double& flow(std::size_t step, FlowKind kind, std::size_t from, std::size_t to) {
    return flows_[((step * static_cast<std::size_t>(FlowKind::count) + static_cast<std::size_t>(kind)) * hubs_ + from) *
                      hubs_ + to];
  }
  std::vector<Event>& events() { return events_; }
  const std::vector<Event>& events() const { return events_; }
  std::vector<Snapshot>& snapshots() { return snapshots_; }

  /// Appends dimensions (stage, sector, origin, destination, event, ...) and variables (flows as
  /// one variable per kind, flow_<kind>).
  void append_to(io::RunData& out, const std::vector<std::string>& hub_names,
                 const std::vector<std::string>& sector_names, const std::vector<core::Month>& months) const;
  /// Saves or restores everything recorded so far through a checkpoint archive (state.cpp).
  template <class Archive>
  void transfer(Archive& ar);

 private:
  std::size_t hubs_, steps_, sectors_;
  std::vector<std::int64_t> firms_by_stage_;
  std::vector<double> gva_m_;
  std::vector<double> county_;
  std::vector<std::int64_t> jobs_by_sector_;
  std::vector<double> flows_;
  std::vector<Event> events_;
  std::vector<Snapshot> snapshots_;
};

}  // namespace hubsim::model
