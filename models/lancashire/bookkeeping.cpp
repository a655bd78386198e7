// End of step: staff recount, compaction of dead agents, and the month's record.
#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

#include "models/lancashire/destinations.hpp"
#include "models/lancashire/phases.hpp"
#include "sim/core/parallel.hpp"

namespace hubsim::model {
namespace {

void take_snapshot(World& w, std::int32_t step) {
  Snapshot s;
  s.step = step;
  const auto& wc = w.workers.columns();
  const auto& fc = w.firms.columns();
  for (std::size_t r = 0; r < w.workers.size(); ++r) {
    s.worker_id.push_back(w.workers.id(r));
    s.worker_home.push_back(wc.home[r]);
    s.worker_status.push_back(static_cast<std::uint8_t>(wc.status[r]));
    s.worker_employer.push_back(wc.employer[r] == kNoFirm ? 0 : w.firms.id(wc.employer[r]));
  }
  for (std::size_t f = 0; f < w.firms.size(); ++f) {
    s.firm_id.push_back(w.firms.id(f));
    s.firm_hub.push_back(fc.hub[f]);
    s.firm_stage.push_back(static_cast<std::uint8_t>(fc.stage[f]));
    s.firm_sector.push_back(fc.sector[f]);
    s.firm_employees.push_back(fc.employees[f]);
    s.firm_funding_k.push_back(fc.funding_k[f]);
  }
  w.records.snapshots().push_back(std::move(s));
}

/// Deaths and new scale-ups become events while the rows are still there.
void firm_events(World& w, std::int32_t step) {
  const auto& fc = w.firms.columns();
  for (std::size_t f = 0; f < w.firms.size(); ++f) {
    const auto id = w.firms.id(f);
    const double staff = static_cast<double>(fc.employees[f]);
    if (!w.firms.alive(f)) w.tally.events.push_back({step, EventKind::firm_closure, fc.hub[f], id, staff});
    if (w.firms.alive(f) && fc.fate[f] == FirmFate::exited) w.tally.events.push_back({step, EventKind::firm_exit, fc.hub[f], id, staff});
    if (w.firms.alive(f) && fc.new_scaleup[f]) w.tally.events.push_back({step, EventKind::scale_up, fc.hub[f], id, staff});
  }
}

/// Graduates who entered the market 12 months before `step` (0 before there is such a month).
std::int64_t graduate_cohort(const World& w, std::size_t step) {
  std::int64_t cohort = 0;
  if (step >= 12)
    for (std::size_t h = 0; h < w.graph.size(); ++h) cohort += w.metrics.at(Metric::graduates, step - 12, h);
  return cohort;
}

/// What bookkeeping's one pass over the workers counts, per thread; summed afterwards (integer
/// sums: any split gives the same totals, without atomics on the hot path).
struct WorkerCounts {
  std::vector<std::int32_t> staff;    ///< employees by (old) firm row and skill
  std::vector<std::int64_t> seekers;  ///< by home hub
  std::int64_t underrepresented_jobs = 0;
  std::int64_t graduates_stayed = 0;  ///< of the cohort that entered 12 months ago
};

/// County-level outcomes: GVA against the national trend and the county's output, inclusion,
/// graduate retention, spend on interventions.
void county_record(World& w, std::size_t step, core::Month month, double gva_m, std::int64_t jobs,
                   std::int64_t underrepresented_jobs, std::int64_t graduates_stayed) {
  const auto& e = w.params.economy;
  auto& rec = w.records;
  using C = Records::County;
  const double years = static_cast<double>(month - w.run.start) / 12.0;
  const double national_k = e.national_productivity_k * std::pow(1 + e.productivity_growth_per_year, years);
  const double output_m = e.county_output_bn * 1000 * std::pow(1 + e.county_output_growth_per_year, years) *
                          w.params.population.scale;
  rec.county(C::gva_m, step) = gva_m;
  rec.county(C::productivity_ratio, step) = jobs > 0 ? gva_m * 1000 / static_cast<double>(jobs) / national_k : 0;
  rec.county(C::digital_share, step) = gva_m / output_m;
  rec.county(C::inclusion_share, step) = jobs > 0 ? static_cast<double>(underrepresented_jobs) / static_cast<double>(jobs) : 0;
  double spend = 0;
  for (std::size_t i = 0; i < kInterventions; ++i) {
    const auto& iv = w.params.interventions[i];
    spend += iv.budget_m * w.params.uptake(static_cast<char>('A' + i), month);  // spend follows intensity and ramp
  }
  rec.county(C::intervention_spend_m, step) = spend;
  // Retention: graduates who entered a year ago and are still working or looking here
  // (counted by bookkeeping's pass over the workers).
  double retention = std::numeric_limits<double>::quiet_NaN();
  if (const std::int64_t cohort = graduate_cohort(w, step); cohort > 0)
    retention = static_cast<double>(graduates_stayed) / static_cast<double>(cohort);
  rec.county(C::graduate_retention, step) = retention;
}

}  // namespace

void bookkeeping(World& w, const core::PhaseContext& ctx) {
  auto& wc = w.workers.columns();
  auto& fc = w.firms.columns();
  const std::size_t n = w.graph.size();
  const std::size_t step = ctx.step;
  firm_events(w, static_cast<std::int32_t>(step));

  // One parallel pass over the workers does what used to take four: staff recount (by the firms'
  // old rows), seekers by hub, the retention cohort, and re-pointing employers at the firms' rows
  // after compaction. Dead workers are retired: never employed, seeking or re-pointed.
  const auto remap = w.firms.compaction_map();
  const bool retention_due = graduate_cohort(w, step) > 0;
  const auto cohort_step = static_cast<std::uint16_t>(step >= 12 ? step - 12 : 0);
  core::PerThread<WorkerCounts> counts([&] {
    WorkerCounts c;
    c.staff.assign(w.firms.size() * kSkills, 0);
    c.seekers.assign(n, 0);
    return c;
  });
  core::parallel_for_ranges(w.workers.size(), [&](std::size_t begin, std::size_t end) {
    WorkerCounts& c = counts.local();
    for (std::size_t r = begin; r < end; ++r) {
      const std::uint32_t employer = wc.employer[r];
      if (w.workers.alive(r)) {
        const WorkerStatus s = wc.status[r];
        if (s == WorkerStatus::employed) {
          ++c.staff[employer * kSkills + static_cast<std::size_t>(wc.skill[r])];
          c.underrepresented_jobs += wc.underrepresented[r];
        } else if (s == WorkerStatus::seeking) {
          ++c.seekers[wc.home[r]];
        }
        if (retention_due && wc.origin[r] == Origin::graduate && wc.entered_step[r] == cohort_step &&
            (s == WorkerStatus::employed || s == WorkerStatus::seeking))
          ++c.graduates_stayed;
      }
      if (employer != kNoFirm) wc.employer[r] = static_cast<std::uint32_t>(remap[employer]);
    }
  });
  std::fill(fc.employees.begin(), fc.employees.end(), 0);
  std::fill(w.hub_seekers.begin(), w.hub_seekers.end(), 0);
  std::int64_t underrepresented_jobs = 0, graduates_stayed = 0;
  std::vector<std::int32_t> staff_by_skill(w.firms.size() * kSkills, 0);
  for (const WorkerCounts& c : counts) {
    for (std::size_t i = 0; i < c.staff.size(); ++i) staff_by_skill[i] += c.staff[i];
    for (std::size_t h = 0; h < n; ++h) w.hub_seekers[h] += c.seekers[h];
    underrepresented_jobs += c.underrepresented_jobs;
    graduates_stayed += c.graduates_stayed;
  }
  for (std::size_t f = 0; f < w.firms.size(); ++f)
    for (std::size_t s = 0; s < kSkills; ++s) fc.employees[f] += staff_by_skill[f * kSkills + s];
  // Earnings by the firms' rows before compaction (the staff were counted by them).
  record_earnings(w, step, staff_by_skill);

  // Compact firms (employers were re-pointed above) and anchors; then workers (no one refers to
  // worker rows).
  w.firms.drop_dead();
  for (auto& a : w.anchors)
    if (a.firm_row != kNoFirm) a.firm_row = static_cast<std::uint32_t>(remap[a.firm_row]);
  w.workers.drop_dead();

  auto& m = w.metrics;
  auto& rec = w.records;
  std::fill(w.hub_jobs.begin(), w.hub_jobs.end(), 0);
  std::vector<double> gva_k(n, 0), revenue_m(n, 0);
  for (std::size_t f = 0; f < w.firms.size(); ++f) {
    const auto h = fc.hub[f];
    fc.unfilled_months[f] = fc.vacancies[f] > 0 ? static_cast<std::uint8_t>(std::min(fc.unfilled_months[f] + 1, 255)) : 0;
    w.hub_jobs[h] += fc.employees[f];
    // Revenue is what the firm sells and its staff can produce; GVA is its share of revenue
    // (anchors: their posts at the benchmark's productivity).
    const double revenue_k = firm_revenue_k(w, f);
    revenue_m[h] += revenue_k / 1000.0;
    gva_k[h] += revenue_k * w.params.economy.gva_share_of_revenue;
    const auto stage = fc.stage[f];
    m.at(Metric::firms, step, h) += stage != FirmStage::anchor;
    m.at(Metric::startups, step, h) += stage == FirmStage::startup || stage == FirmStage::incubated;
    m.at(Metric::scaleups, step, h) += stage == FirmStage::scaleup;
    m.at(Metric::vacancies, step, h) += fc.vacancies[f];
    if (stage == FirmStage::anchor) m.at(Metric::anchor_jobs, step, h) += fc.employees[f];
    rec.firms_by_stage(step, h, static_cast<std::size_t>(stage)) += 1;
    rec.jobs_by_sector(step, h, fc.sector[f]) += stage == FirmStage::anchor ? 0 : fc.employees[f];
  }
  for (std::size_t h = 0; h < n; ++h) m.at(Metric::job_seekers, step, h) += w.hub_seekers[h];
  double county_gva_m = 0;
  std::int64_t county_jobs = 0;
  for (std::size_t h = 0; h < n; ++h) {
    m.at(Metric::employment, step, h) = w.hub_jobs[h];
    const std::pair<Metric, Tally> copies[] = {
        {Metric::graduates, Tally::graduates}, {Metric::apprentices, Tally::apprentices},
        {Metric::reskilled, Tally::reskilled}, {Metric::hires, Tally::hires}, {Metric::firm_births, Tally::births},
        {Metric::spinouts, Tally::spinouts}, {Metric::firm_closures, Tally::closures}, {Metric::firm_exits, Tally::exits},
        {Metric::new_scaleups, Tally::scaleups_new}, {Metric::relocations, Tally::relocations},
        {Metric::leavers, Tally::leavers}, {Metric::returners, Tally::returners}, {Metric::in_migrants, Tally::in_migrants},
        {Metric::retirements, Tally::retirements}, {Metric::deals, Tally::deals},
        {Metric::capital_invested, Tally::invested_pounds}, {Metric::collaborations, Tally::collaborations},
        {Metric::anchor_local_hires, Tally::anchor_local_hires}};
    for (const auto& [metric, tally] : copies) m.at(metric, step, h) = w.tally.get(tally, h);
    rec.gva_m(step, h) = gva_k[h] / 1000.0;
    county_gva_m += gva_k[h] / 1000.0;
    county_jobs += w.hub_jobs[h];
    if (w.hub_jobs[h] > 0) w.hub_productivity[h] = gva_k[h] / static_cast<double>(w.hub_jobs[h]);
    for (std::size_t to = 0; to < n; ++to) {
      rec.flow(step, FlowKind::knowledge, h, to) = static_cast<double>(w.tally.flow_at(Flow::knowledge, h, to));
      rec.flow(step, FlowKind::talent, h, to) = static_cast<double>(w.tally.flow_at(Flow::talent, h, to));
      rec.flow(step, FlowKind::capital, h, to) = static_cast<double>(w.tally.flow_at(Flow::capital_pounds, h, to)) / 1000.0;
      rec.flow(step, FlowKind::contracts, h, to) = static_cast<double>(w.tally.flow_at(Flow::contract_pounds, h, to)) / 1000.0;
    }
  }
  county_record(w, step, ctx.month, county_gva_m, county_jobs, underrepresented_jobs, graduates_stayed);
  w.demography.record(w, step, ctx.month, revenue_m);

  // Events in a fixed order whatever the threads did: by kind, hub, then firm id.
  auto& events = w.tally.events;
  std::sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    return std::tie(a.kind, a.hub, a.firm) < std::tie(b.kind, b.hub, b.firm);
  });
  rec.events().insert(rec.events().end(), events.begin(), events.end());
  const auto every = w.params.output.snapshot_every_months;
  if (every > 0 && (step + 1) % static_cast<std::size_t>(every) == 0) take_snapshot(w, static_cast<std::int32_t>(step));
  w.tally.clear();
}

}  // namespace hubsim::model
