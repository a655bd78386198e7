// End of step: staff recount, compaction of dead agents, and the month's record.
#include <algorithm>
#include <atomic>
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

}  // namespace

void bookkeeping(World& w, const core::PhaseContext& ctx) {
  auto& wc = w.workers.columns();
  auto& fc = w.firms.columns();
  const std::size_t n = w.graph.size();

  const std::size_t step = ctx.step;
  // Closures, while the dead rows are still there (their staff count is last month's).
  for (std::size_t f = 0; f < w.firms.size(); ++f)
    if (!w.firms.alive(f))
      w.tally.events.push_back({static_cast<std::int32_t>(step), EventKind::firm_closure, fc.hub[f], w.firms.id(f),
                                static_cast<double>(fc.employees[f])});

  // Employee counts from the workers themselves: separations and migration changed them.
  std::fill(fc.employees.begin(), fc.employees.end(), 0);
  core::parallel_for(w.workers.size(), [&](std::size_t r) {
    if (w.workers.alive(r) && wc.status[r] == WorkerStatus::employed)
      std::atomic_ref<std::int32_t>(fc.employees[wc.employer[r]]).fetch_add(1, std::memory_order_relaxed);
  });

  // Compact firms first and re-point employers; then workers (no one refers to worker rows).
  const auto remap = w.firms.compact();
  core::parallel_for(w.workers.size(), [&](std::size_t r) {
    if (wc.employer[r] != kNoFirm) wc.employer[r] = static_cast<std::uint32_t>(remap[wc.employer[r]]);
  });
  w.workers.compact();

  auto& m = w.metrics;
  auto& rec = w.records;
  std::fill(w.hub_jobs.begin(), w.hub_jobs.end(), 0);
  for (std::size_t f = 0; f < w.firms.size(); ++f) {
    const auto h = fc.hub[f];
    w.hub_jobs[h] += fc.employees[f];
    m.at(Metric::firms, step, h) += 1;
    m.at(Metric::startups, step, h) += fc.stage[f] == FirmStage::startup;
    m.at(Metric::vacancies, step, h) += fc.vacancies[f];
    rec.firms_by_stage(step, h, static_cast<std::size_t>(fc.stage[f])) += 1;
    rec.jobs_by_sector(step, h, fc.sector[f]) += fc.employees[f];
  }
  for (std::size_t r = 0; r < w.workers.size(); ++r)
    m.at(Metric::job_seekers, step, wc.home[r]) += wc.status[r] == WorkerStatus::seeking;
  for (std::size_t h = 0; h < n; ++h) {
    m.at(Metric::employment, step, h) = w.hub_jobs[h];
    m.at(Metric::graduates, step, h) = w.tally.graduates[h];
    m.at(Metric::reskilled, step, h) = w.tally.reskilled[h];
    m.at(Metric::hires, step, h) = w.tally.hires[h];
    m.at(Metric::firm_births, step, h) = w.tally.births[h];
    m.at(Metric::firm_closures, step, h) = w.tally.closures[h];
    m.at(Metric::leavers, step, h) = w.tally.leavers[h];
    m.at(Metric::retirements, step, h) = w.tally.retirements[h];
    m.at(Metric::deals, step, h) = w.tally.deals[h];
    m.at(Metric::capital_invested, step, h) = w.tally.invested_pounds[h];
    for (std::size_t to = 0; to < n; ++to) {
      rec.flow(step, FlowKind::talent, h, to) = static_cast<double>(w.tally.talent_flow[h * n + to]);
      rec.flow(step, FlowKind::capital, h, to) = static_cast<double>(w.tally.capital_flow_pounds[h * n + to]) / 1000.0;
    }
  }
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
