#include "models/lancashire/state.hpp"

#include <cmath>

#include <string>

#include "models/lancashire/world.hpp"
#include "sim/io/checkpoint_file.hpp"

namespace hubsim::model {

// Everything derived from the config alone (graph, search weights, anchor hubs and sectors) is
// rebuilt by World's constructor and not stored. Not stored either: the month's tally (cleared at
// the end of bookkeeping), the per-hub firm lists (rebuilt by firm_dynamics before any use) and
// knowledge_exchange's scratch column (overwritten in full every month).

template <class Archive>
void Metrics::transfer(Archive& ar) {
  ar.fixed("metrics/values", data_);
}

template <class Archive>
void Demography::transfer(Archive& ar) {
  ar.fixed("demography/launched", launched_);
  ar.fixed("demography/alive", alive_);
  ar.fixed("demography/size_band", size_band_);
  ar.fixed("demography/largest", largest_);
  ar.fixed("demography/scaleups", scaleups_);
  ar.fixed("demography/revenue_m", revenue_m_);
}

template <class Archive>
void Records::transfer(Archive& ar) {
  ar.fixed("records/firms_by_stage", firms_by_stage_);
  ar.fixed("records/gva_m", gva_m_);
  ar.fixed("records/county", county_);
  ar.fixed("records/jobs_by_sector", jobs_by_sector_);
  ar.fixed("records/flows", flows_);

  // Events as columns.
  std::vector<std::int32_t> step;
  std::vector<EventKind> kind;
  std::vector<core::HubIndex> hub;
  std::vector<core::AgentId> firm;
  std::vector<double> value;
  for (const Event& e : events_) {
    step.push_back(e.step), kind.push_back(e.kind), hub.push_back(e.hub), firm.push_back(e.firm);
    value.push_back(e.value);
  }
  ar.array("records/events/step", step);
  ar.fixed_as("records/events/kind", kind, step.size());
  ar.fixed_as("records/events/hub", hub, step.size());
  ar.fixed_as("records/events/firm", firm, step.size());
  ar.fixed_as("records/events/value", value, step.size());
  if constexpr (Archive::reading) {
    events_.clear();
    for (std::size_t i = 0; i < step.size(); ++i) events_.push_back({step[i], kind[i], hub[i], firm[i], value[i]});
  }

  std::uint64_t snapshots = snapshots_.size();
  ar.value("records/snapshot_count", snapshots);
  if constexpr (Archive::reading) {
    if (snapshots > steps_ + 1) ar.fail("/records/snapshot_count is larger than the run has months");
    snapshots_.assign(snapshots, Snapshot{});
  }
  for (std::size_t i = 0; i < snapshots_.size(); ++i) {
    Snapshot& s = snapshots_[i];
    const std::string at = "records/snapshots/" + std::to_string(i) + "/";
    ar.value(at + "step", s.step);
    ar.array(at + "worker_id", s.worker_id);
    const std::size_t workers = s.worker_id.size();
    ar.fixed_as(at + "worker_employer", s.worker_employer, workers);
    ar.fixed_as(at + "worker_home", s.worker_home, workers);
    ar.fixed_as(at + "worker_status", s.worker_status, workers);
    ar.array(at + "firm_id", s.firm_id);
    const std::size_t firms = s.firm_id.size();
    ar.fixed_as(at + "firm_hub", s.firm_hub, firms);
    ar.fixed_as(at + "firm_stage", s.firm_stage, firms);
    ar.fixed_as(at + "firm_sector", s.firm_sector, firms);
    ar.fixed_as(at + "firm_employees", s.firm_employees, firms);
    ar.fixed_as(at + "firm_funding_k", s.firm_funding_k, firms);
  }
}

namespace {

template <class Archive>
void transfer_world(World& w, Archive& ar) {
  w.workers.transfer(ar, "workers");
  w.firms.transfer(ar, "firms");
  w.investors.transfer(ar, "investors");
  ar.fixed("hubs/vacancies", w.hub_vacancies);
  ar.fixed("hubs/jobs", w.hub_jobs);
  ar.fixed("hubs/startups", w.hub_startups);
  ar.fixed("hubs/seekers", w.hub_seekers);
  ar.fixed("hubs/firms", w.hub_firms);
  ar.fixed("hubs/productivity", w.hub_productivity);
  ar.fixed("economy/market_k", w.market_k);
  std::uint64_t networks = w.angel_networks;
  ar.value("investors/angel_networks", networks);
  w.angel_networks = static_cast<std::size_t>(networks);

  std::vector<std::uint32_t> firm_row;
  std::vector<core::AgentId> firm_id;
  std::vector<double> procurement_m;
  for (const AnchorState& a : w.anchors)
    firm_row.push_back(a.firm_row), firm_id.push_back(a.firm_id), procurement_m.push_back(a.procurement_m);
  ar.fixed("anchors/firm_row", firm_row);
  ar.fixed("anchors/firm_id", firm_id);
  ar.fixed("anchors/procurement_m", procurement_m);
  if constexpr (Archive::reading) {
    for (std::size_t a = 0; a < w.anchors.size(); ++a) {
      w.anchors[a].firm_row = firm_row[a];
      w.anchors[a].firm_id = firm_id[a];
      w.anchors[a].procurement_m = procurement_m[a];
    }
  }
  ar.value("economy/other_sector_demand_m", w.other_sector_demand_m);
  // labour market
  ar.fixed("labour/earnings_k", w.earnings_k);
  ar.fixed("labour/graduate_destinations", w.graduate_destinations);

  w.metrics.transfer(ar);
  w.records.transfer(ar);
  w.demography.transfer(ar);
}

// A restored index is used to subscript other arrays: one out of range would be a wild read, so
// each is checked against what it points into ("or none" values allowed).
template <class T, class Ok>
void check_column(const io::CheckpointReader& in, const std::vector<T>& column, const char* name, Ok ok) {
  for (std::size_t row = 0; row < column.size(); ++row)
    if (!ok(column[row]))
      in.fail(std::string(name) + " row " + std::to_string(row) + " holds an index or code out of range");
}

void check_indexes(const World& w, const io::CheckpointReader& in) {
  const std::size_t hubs = w.graph.size(), firms = w.firms.size(), anchors = w.anchors.size();
  const std::size_t sectors = w.params.sectors.size();
  auto hub = [&](core::HubIndex h) { return h < hubs; };
  auto hub_or_none = [&](core::HubIndex h) { return h < hubs || h == kNoHub; };
  auto firm_or_none = [&](std::uint32_t f) { return f < firms || f == kNoFirm; };
  const auto& wc = w.workers.columns();
  check_column(in, wc.home, "/workers home", hub);
  check_column(in, wc.applied, "/workers applied", hub_or_none);
  check_column(in, wc.employer, "/workers employer", firm_or_none);
  check_column(in, wc.university, "/workers university", hub_or_none);
  check_column(in, wc.status, "/workers status", [](WorkerStatus s) { return s <= WorkerStatus::in_training; });
  check_column(in, wc.skill, "/workers skill", [](Skill s) { return s <= Skill::experienced; });
  check_column(in, wc.origin, "/workers origin", [](Origin o) { return o <= Origin::in_migrant; });
  const auto& fc = w.firms.columns();
  check_column(in, fc.hub, "/firms hub", hub);
  check_column(in, fc.stage, "/firms stage", [](FirmStage s) { return s <= FirmStage::anchor; });
  check_column(in, fc.sector, "/firms sector", [&](std::uint8_t s) { return s < sectors; });
  check_column(in, fc.anchor, "/firms anchor", [&](std::uint8_t a) { return a < anchors || a == kNoAnchor; });
  // Not checked: fc.partner, last month's partner rows (not remapped when firms compact), which
  // knowledge_search resets before anything reads them.
  check_column(in, fc.fate, "/firms fate", [](FirmFate f) { return f <= FirmFate::exited; });
  const auto& ic = w.investors.columns();
  check_column(in, ic.home, "/investors home", hub);
  check_column(in, ic.target, "/investors target", hub_or_none);
  check_column(in, ic.kind, "/investors kind", [](InvestorKind k) { return k <= InvestorKind::public_capital; });
  for (const AnchorState& a : w.anchors)
    if (!firm_or_none(a.firm_row)) in.fail("/anchors/firm_row holds a firm row out of range");
  // Real-valued state must be finite: a NaN planted in a column would spread silently.
  auto finite = [](auto x) { return std::isfinite(static_cast<double>(x)); };
  auto check_real = [&](const auto& column, const char* name) {
    for (std::size_t row = 0; row < column.size(); ++row)
      if (!finite(column[row])) in.fail(std::string(name) + " row " + std::to_string(row) + " is not a finite number");
  };
  check_real(wc.status_clock, "/workers status_clock");
  check_real(wc.retire_clock, "/workers retire_clock");
  for (const auto* c : {&fc.demand, &fc.layoff_share, &fc.funding_k, &fc.productivity_k, &fc.revenue_year_ago,
                        &fc.contract_k, &fc.sales_k, &fc.growth, &fc.growth_factor, &fc.efficiency, &fc.know_gain})
    check_real(*c, "/firms real-valued column");
  check_real(ic.capital_k, "/investors capital_k");
  check_real(w.hub_productivity, "/hubs productivity");
  check_real(w.market_k, "/economy/market_k");
  if (!finite(w.other_sector_demand_m)) in.fail("/economy/other_sector_demand_m is not a finite number");
}

}  // namespace

void save_state(World& w, io::CheckpointWriter& out) { transfer_world(w, out); }

void load_state(World& w, io::CheckpointReader& in) {
  transfer_world(w, in);
  check_indexes(w, in);
}

}  // namespace hubsim::model
