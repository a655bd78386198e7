#include "models/lancashire/records.hpp"

namespace hubsim::model {
namespace {

io::Dimension labels(std::string name, std::string long_name, std::vector<std::string> values) {
  return io::Dimension{std::move(name), std::move(long_name), "", std::move(values), {}};
}

io::Dimension index(std::string name, std::string long_name, std::size_t n) {
  io::Dimension d{std::move(name), std::move(long_name), "", {}, {}};
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
                                  {"prestart", "startup", "scaleup", "established", "anchor"}));
  out.dimensions.push_back(labels("sector", "digital sector", sector_names));
  out.dimensions.push_back(labels("flow_kind", "kind of flow between hubs", {"knowledge", "talent", "capital", "contracts"}));
  out.dimensions.push_back(labels("origin", "hub a flow leaves", hub_names));
  out.dimensions.push_back(labels("destination", "hub a flow reaches", hub_names));
  out.variables.push_back(numbers("firms_by_stage", "active firms at the hub by life-cycle stage, end of month", "firms",
                                  {"time", "hub", "stage"}, firms_by_stage_, true));
  out.variables.push_back(numbers("gva_m", "gross value added of the hub's digital firms and anchors, annual rate",
                                  "GBP million/year", {"time", "hub"}, gva_m_, false));
  auto series = [&](County c, const char* name, const char* long_name, const char* units) {
    const auto* first = county_.data() + static_cast<std::size_t>(c) * steps_;
    out.variables.push_back(numbers(name, long_name, units, {"time"}, std::vector<double>(first, first + steps_), false));
  };
  series(County::gva_m, "county_gva_m", "digital GVA of the county, annual rate", "GBP million/year");
  series(County::productivity_ratio, "productivity_ratio", "county digital GVA per job / UK digital GVA per job", "1");
  series(County::digital_share, "digital_share", "digital GVA / all of Lancashire's GVA", "1");
  series(County::inclusion_share, "inclusion_share", "share of digital jobs held by people from under-represented groups", "1");
  series(County::graduate_retention, "graduate_retention",
         "share of the graduates who entered 12 months earlier still working or looking in the county (NaN in months without such a cohort)",
         "1");
  series(County::intervention_spend_m, "intervention_spend_m", "spend on the strategy's interventions, annual rate",
         "GBP million/year");
  out.variables.push_back(numbers("employment_by_sector", "digital jobs at the hub's firms by sector, end of month",
                                  "jobs", {"time", "hub", "sector"}, jobs_by_sector_, true));
  out.variables.push_back(numbers("flows",
                                  "flows between hubs this month by kind: talent = hires (home hub to work hub) and "
                                  "leavers (home hub to metro); capital = equity (investor's hub to firm's hub); "
                                  "knowledge = collaborations (partner's hub to learner's hub); contracts = GBP thousand "
                                  "(buyer's hub to supplier's hub)",
                                  "by flow_kind: knowledge collaborations; talent people; capital GBP thousand; contracts GBP thousand", {"time", "flow_kind", "origin", "destination"}, flows_, false));

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
  out.variables.push_back(column("event_kind", "0 firm birth, 1 firm closure, 2 equity deal, 3 scale-up, 4 relocation (value: hub moved from), 5 exit (acquisition), 6 spin-out",
                                 "", "event", kind, true));
  out.variables.push_back(column("event_hub", "hub of the event (index into hub)", "", "event", hub, true));
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
  out.variables.push_back(column("snapshot_worker_count", "workers in each snapshot (rows of snapshot_worker)", "",
                                 "snapshot", worker_count, true));
  out.variables.push_back(column("snapshot_firm_count", "firms in each snapshot (rows of snapshot_firm)", "", "snapshot",
                                 firm_count, true));
  out.variables.push_back(column("worker_id", "stable worker id", "", "snapshot_worker", all.worker_id, true));
  out.variables.push_back(column("worker_home", "hub the worker lives at (index into hub)", "", "snapshot_worker",
                                 all.worker_home, true));
  out.variables.push_back(column("worker_status", "0 seeking, 1 employed, 2 left the county, 3 retired, 4 in training", "",
                                 "snapshot_worker", all.worker_status, true));
  out.variables.push_back(column("worker_employer", "stable id of the employer, 0 if none", "", "snapshot_worker",
                                 all.worker_employer, true));
  out.variables.push_back(column("firm_id", "stable firm id", "", "snapshot_firm", all.firm_id, true));
  out.variables.push_back(column("firm_hub", "hub of the firm (index into hub)", "", "snapshot_firm", all.firm_hub, true));
  out.variables.push_back(column("firm_stage", "0 pre-start, 1 start-up, 2 scale-up, 3 established, 4 anchor", "",
                                 "snapshot_firm", all.firm_stage, true));
  out.variables.push_back(column("firm_sector", "index into sector", "", "snapshot_firm", all.firm_sector, true));
  out.variables.push_back(column("firm_employees", "staff", "jobs", "snapshot_firm", all.firm_employees, true));
  out.variables.push_back(column("firm_funding_k", "equity raised so far", "GBP thousand", "snapshot_firm",
                                 all.firm_funding_k, false));
}

}  // namespace hubsim::model
