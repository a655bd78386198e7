#include "models/lancashire/records.hpp"

namespace hubsim::model {
namespace {

io::Dimension labels(std::string name, std::string long_name, std::vector<std::string> values) {
  return io::Dimension{std::move(name), std::move(long_name), "", std::move(values), {}};
}

io::Dimension index(std::string name, std::string long_name, std::size_t n) {
  io::Dimension d{std::move(name), std::move(long_name), "", {}, {}, true};
  for (std::size_t i = 0; i < n; ++i) d.values.push_back(static_cast<double>(i));
  return d;
}

template <class T>
io::Variable column(std::string name, std::string long_name, std::string units, std::string dim,
                    const std::vector<T>& values, bool integer) {
  io::Variable v{std::move(name), std::move(long_name), std::move(units), {std::move(dim)}, {}, integer};
  v.values.assign(values.begin(), values.end());
  return v;
}

// CF cell methods of monthly series (FORMAT.md): a state at the month's end, a total over the
// month, or a monthly rate.
constexpr const char* kPoint = "time: point (end of month)";
constexpr const char* kSum = "time: sum";
constexpr const char* kMean = "time: mean";

io::Variable with_cell_methods(io::Variable v, const char* methods) {
  v.cell_methods = methods;
  return v;
}

// A coded column: CF flag_values 0..n-1 with these meanings.
io::Variable coded(io::Variable v, std::vector<std::string> meanings) {
  for (std::size_t i = 0; i < meanings.size(); ++i) v.flag_values.push_back(static_cast<std::int64_t>(i));
  v.flag_meanings = std::move(meanings);
  return v;
}

// A column of 0-based positions along a label dimension (hub, sector).
io::Variable indexing(io::Variable v, std::string dimension) {
  v.index_of = std::move(dimension);
  return v;
}

template <class T>
io::Variable numbers(std::string name, std::string long_name, std::string units, std::vector<std::string> dims,
                     const std::vector<T>& values, bool integer) {
  io::Variable v{std::move(name), std::move(long_name), std::move(units), std::move(dims), {}, integer};
  v.values.assign(values.begin(), values.end());
  return v;
}

}  // namespace

void Records::append_to(io::RunData& out, const std::vector<std::string>& hub_names,
                        const std::vector<std::string>& sector_names, const std::vector<core::Month>& months) const {
  const std::string time_units = months.empty() ? "days since 1970-01-01" : "days since " + months.front().iso() + "-01";
  auto days = [&](std::int32_t step) {
    return static_cast<double>(core::days_since_epoch(months.front() + step) - core::days_since_epoch(months.front()));
  };

  out.dimensions.push_back(labels("stage", "stage of a firm's life cycle",
                                  {"incubated", "startup", "scaleup", "established", "anchor"}));
  out.dimensions.push_back(labels("sector", "digital sector", sector_names));
  out.dimensions.push_back(labels("origin", "hub a flow leaves", hub_names));
  out.dimensions.push_back(labels("destination", "hub a flow reaches", hub_names));
  out.variables.push_back(with_cell_methods(numbers("firms_by_stage", "active firms at the hub by life-cycle stage, end of month", "firms",
                                  {"time", "hub", "stage"}, firms_by_stage_, true), kPoint));
  out.variables.push_back(with_cell_methods(numbers("gva_m", "gross value added of the hub's digital firms and anchors, annual rate",
                                  "GBP million/year", {"time", "hub"}, gva_m_, false), kMean));
  auto series = [&](County c, const char* name, const char* long_name, const char* units, const char* methods) {
    const auto* first = county_.data() + static_cast<std::size_t>(c) * steps_;
    out.variables.push_back(with_cell_methods(
        numbers(name, long_name, units, {"time"}, std::vector<double>(first, first + steps_), false), methods));
  };
  series(County::gva_m, "county_gva_m", "digital GVA of the county, annual rate", "GBP million/year", kMean);
  series(County::productivity_ratio, "productivity_ratio", "county digital GVA per job / UK digital GVA per job", "1", kMean);
  series(County::digital_share, "digital_share", "digital GVA / all of Lancashire's GVA", "1", kMean);
  series(County::inclusion_share, "inclusion_share", "share of digital jobs held by people from under-represented groups", "1",
         kPoint);
  series(County::graduate_retention, "graduate_retention",
         "share of the graduates who entered 12 months earlier still working or looking in the county (NaN in months without such a cohort)",
         "1", kPoint);
  series(County::intervention_spend_m, "intervention_spend_m", "spend on the strategy's interventions, annual rate",
         "GBP million/year", kMean);
  out.variables.push_back(with_cell_methods(numbers("employment_by_sector", "digital jobs at the hub's firms by sector, end of month",
                                  "jobs", {"time", "hub", "sector"}, jobs_by_sector_, true), kPoint));
  // One variable per kind of flow, each with its own unit (format 3; format 2 had one `flows`
  // variable over a flow_kind dimension).
  struct FlowOutput {
    FlowKind kind;
    const char* name;
    const char* long_name;
    const char* units;
  };
  static constexpr FlowOutput kFlows[] = {
      {FlowKind::knowledge, "flow_knowledge",
       "knowledge flows between hubs this month: collaborations (partner's hub to learner's hub)", "collaborations"},
      {FlowKind::talent, "flow_talent",
       "talent flows between hubs this month: hires (home hub to work hub), leavers (home hub to metro), returners and "
       "in-migrants (where they came from to their new home)",
       "people"},
      {FlowKind::capital, "flow_capital", "capital flows between hubs this month: equity (investor's hub to firm's hub)",
       "GBP thousand"},
      {FlowKind::contracts, "flow_contracts",
       "contract flows between hubs this month: contract value (buyer's hub to supplier's hub)", "GBP thousand"},
  };
  const std::size_t kinds = static_cast<std::size_t>(FlowKind::count), cell = hubs_ * hubs_;
  for (const auto& f : kFlows) {
    std::vector<double> values;
    values.reserve(steps_ * cell);
    for (std::size_t t = 0; t < steps_; ++t) {
      const auto first = flows_.begin() + static_cast<std::ptrdiff_t>((t * kinds + static_cast<std::size_t>(f.kind)) * cell);
      values.insert(values.end(), first, first + static_cast<std::ptrdiff_t>(cell));
    }
    out.variables.push_back(
        with_cell_methods(numbers(f.name, f.long_name, f.units, {"time", "origin", "destination"}, values, false), kSum));
  }

  // The event table, column-wise.
  out.dimensions.push_back(index("event", "event number, in time order", events_.size()));
  std::vector<double> time, kind, hub, firm, value;
  for (const auto& e : events_) {
    time.push_back(days(e.step));
    kind.push_back(static_cast<double>(e.kind));
    hub.push_back(e.hub);
    firm.push_back(static_cast<double>(e.firm));
    value.push_back(e.value);
  }
  out.variables.push_back(column("event_time", "first day of the month of the event", time_units, "event", time, false));
  out.variables.push_back(coded(column("event_kind", "kind of event: 0 firm birth, 1 firm closure, 2 equity deal, 3 scale-up, 4 relocation (value: hub moved from), 5 exit (acquisition), 6 spin-out",
                                 "", "event", kind, true),
                                {"firm_birth", "firm_closure", "equity_deal", "scale-up", "relocation", "exit", "spin-out"}));
  out.variables.push_back(indexing(column("event_hub", "hub of the event (index into hub)", "", "event", hub, true), "hub"));
  out.variables.push_back(column("event_firm", "stable id of the firm concerned", "", "event", firm, true));
  out.variables.push_back(column("event_value", "deal size for deals; staff for births and closures",
                                 "GBP thousand (deals) or jobs (births, closures)", "event", value, false));

  if (snapshots_.empty()) return;
  // Snapshots as contiguous ragged arrays: snapshot s owns the next *_count rows.
  Snapshot all;
  std::vector<double> when, worker_count, firm_count;
  for (const auto& s : snapshots_) {
    when.push_back(days(s.step));
    worker_count.push_back(static_cast<double>(s.worker_id.size()));
    firm_count.push_back(static_cast<double>(s.firm_id.size()));
    auto extend = [](auto& to, const auto& from) { to.insert(to.end(), from.begin(), from.end()); };
    extend(all.worker_id, s.worker_id), extend(all.worker_employer, s.worker_employer);
    extend(all.worker_home, s.worker_home), extend(all.worker_status, s.worker_status);
    extend(all.firm_id, s.firm_id), extend(all.firm_hub, s.firm_hub), extend(all.firm_stage, s.firm_stage);
    extend(all.firm_sector, s.firm_sector), extend(all.firm_employees, s.firm_employees);
    extend(all.firm_funding_k, s.firm_funding_k);
  }
  out.dimensions.push_back(index("snapshot", "agent snapshot number", snapshots_.size()));
  out.dimensions.push_back(index("snapshot_worker", "worker row across all snapshots", all.worker_id.size()));
  out.dimensions.push_back(index("snapshot_firm", "firm row across all snapshots", all.firm_id.size()));
  out.variables.push_back(column("snapshot_time", "first day of the snapshot's month (end-of-month state)", time_units,
                                 "snapshot", when, false));
  // CF contiguous ragged arrays: the count variables name their sample dimension.
  auto count = column("snapshot_worker_count", "workers in each snapshot (rows of snapshot_worker)", "", "snapshot",
                      worker_count, true);
  count.attributes["sample_dimension"] = "snapshot_worker";
  out.variables.push_back(std::move(count));
  count = column("snapshot_firm_count", "firms in each snapshot (rows of snapshot_firm)", "", "snapshot", firm_count, true);
  count.attributes["sample_dimension"] = "snapshot_firm";
  out.variables.push_back(std::move(count));
  out.variables.push_back(column("worker_id", "stable worker id", "", "snapshot_worker", all.worker_id, true));
  out.variables.push_back(indexing(column("worker_home", "hub the worker lives at (index into hub)", "", "snapshot_worker",
                                 all.worker_home, true), "hub"));
  out.variables.push_back(coded(column("worker_status", "status of the worker: 0 seeking, 1 employed, 2 left the county, 3 retired, 4 in training", "",
                                 "snapshot_worker", all.worker_status, true),
                                {"seeking", "employed", "left_the_county", "retired", "in_training"}));
  out.variables.push_back(column("worker_employer", "stable id of the employer, 0 if none", "", "snapshot_worker",
                                 all.worker_employer, true));
  out.variables.push_back(column("firm_id", "stable firm id", "", "snapshot_firm", all.firm_id, true));
  out.variables.push_back(indexing(column("firm_hub", "hub of the firm (index into hub)", "", "snapshot_firm", all.firm_hub, true), "hub"));
  out.variables.push_back(coded(column("firm_stage", "life-cycle stage of the firm: 0 incubated start-up, 1 start-up, 2 scale-up, 3 established, 4 anchor", "",
                                 "snapshot_firm", all.firm_stage, true),
                                {"incubated", "startup", "scaleup", "established", "anchor"}));
  out.variables.push_back(indexing(column("firm_sector", "sector of the firm (index into sector)", "", "snapshot_firm", all.firm_sector, true), "sector"));
  out.variables.push_back(column("firm_employees", "staff", "jobs", "snapshot_firm", all.firm_employees, true));
  out.variables.push_back(column("firm_funding_k", "equity raised so far", "GBP thousand", "snapshot_firm",
                                 all.firm_funding_k, false));
}

}  // namespace hubsim::model
