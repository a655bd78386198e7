// End of step: staff recount, compaction of dead agents, and the month's record.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <tuple>

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

/// County-level outcomes: GVA against the national trend and the county's output, inclusion,
/// graduate retention, spend on interventions.
void county_record(World& w, std::size_t step, core::Month month, double gva_m, std::int64_t jobs,
                   std::int64_t underrepresented_jobs) {
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
    if (iv.intensity > 0 && !(month < iv.start)) spend += iv.budget_m;
  }
  rec.county(C::intervention_spend_m, step) = spend;
  // Retention: graduates who entered a year ago and are still working or looking here.
  double retention = std::numeric_limits<double>::quiet_NaN();
  if (step >= 12) {
    std::int64_t cohort = 0;
    for (std::size_t h = 0; h < w.graph.size(); ++h) cohort += w.metrics.at(Metric::graduates, step - 12, h);
    if (cohort > 0) {
      const auto& wc = w.workers.columns();
      std::int64_t stayed = 0;
      for (std::size_t r = 0; r < w.workers.size(); ++r)
        stayed += wc.origin[r] == Origin::graduate && wc.entered_step[r] == step - 12 &&
                  (wc.status[r] == WorkerStatus::employed || wc.status[r] == WorkerStatus::seeking);
      retention = static_cast<double>(stayed) / static_cast<double>(cohort);
    }
  }
  rec.county(C::graduate_retention, step) = retention;
}

}  // namespace

void bookkeeping(World& w, const core::PhaseContext& ctx) {
  auto& wc = w.workers.columns();
  auto& fc = w.firms.columns();
  const std::size_t n = w.graph.size();
  const std::size_t step = ctx.step;
  firm_events(w, static_cast<std::int32_t>(step));

  // Employee counts from the workers themselves: separations and migration changed them.
  std::fill(fc.employees.begin(), fc.employees.end(), 0);
  std::atomic<std::int64_t> underrepresented_jobs{0};
  core::parallel_for(w.workers.size(), [&](std::size_t r) {
    if (w.workers.alive(r) && wc.status[r] == WorkerStatus::employed) {
      std::atomic_ref<std::int32_t>(fc.employees[wc.employer[r]]).fetch_add(1, std::memory_order_relaxed);
      if (wc.underrepresented[r]) underrepresented_jobs.fetch_add(1, std::memory_order_relaxed);
    }
  });

  // Compact firms first and re-point employers and anchors; then workers (no one refers to worker rows).
  const auto remap = w.firms.compact();
  core::parallel_for(w.workers.size(), [&](std::size_t r) {
    if (wc.employer[r] != kNoFirm) wc.employer[r] = static_cast<std::uint32_t>(remap[wc.employer[r]]);
  });
  for (auto& a : w.anchors)
    if (a.firm_row != kNoFirm) a.firm_row = static_cast<std::uint32_t>(remap[a.firm_row]);
  w.workers.compact();

  auto& m = w.metrics;
  auto& rec = w.records;
  std::fill(w.hub_jobs.begin(), w.hub_jobs.end(), 0);
  std::fill(w.hub_seekers.begin(), w.hub_seekers.end(), 0);
  std::vector<double> gva_k(n, 0);
  for (std::size_t f = 0; f < w.firms.size(); ++f) {
    const auto h = fc.hub[f];
    fc.unfilled_months[f] = fc.vacancies[f] > 0 ? static_cast<std::uint8_t>(std::min(fc.unfilled_months[f] + 1, 255)) : 0;
    w.hub_jobs[h] += fc.employees[f];
    gva_k[h] += fc.employees[f] * static_cast<double>(fc.productivity_k[f]);
    const auto stage = fc.stage[f];
    m.at(Metric::firms, step, h) += stage != FirmStage::anchor && stage != FirmStage::prestart;
    m.at(Metric::startups, step, h) += stage == FirmStage::startup || stage == FirmStage::prestart;
    m.at(Metric::scaleups, step, h) += stage == FirmStage::scaleup;
    m.at(Metric::vacancies, step, h) += fc.vacancies[f];
    if (stage == FirmStage::anchor) m.at(Metric::anchor_jobs, step, h) += fc.employees[f];
    rec.firms_by_stage(step, h, static_cast<std::size_t>(stage)) += 1;
    rec.jobs_by_sector(step, h, fc.sector[f]) += stage == FirmStage::anchor ? 0 : fc.employees[f];
  }
  for (std::size_t r = 0; r < w.workers.size(); ++r)
    if (wc.status[r] == WorkerStatus::seeking) {
      m.at(Metric::job_seekers, step, wc.home[r]) += 1;
      w.hub_seekers[wc.home[r]] += 1;
    }
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
  county_record(w, step, ctx.month, county_gva_m, county_jobs, underrepresented_jobs);

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
