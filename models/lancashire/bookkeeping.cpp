// End of step: staff recount, compaction of dead agents, and the month's record.
#include <atomic>

#include "models/lancashire/phases.hpp"
#include "sim/core/parallel.hpp"

namespace hubsim::model {

void bookkeeping(World& w, const core::PhaseContext& ctx) {
  auto& wc = w.workers.columns();
  auto& fc = w.firms.columns();
  const std::size_t n = w.graph.size();

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

  const std::size_t step = ctx.step;
  auto& m = w.metrics;
  std::fill(w.hub_jobs.begin(), w.hub_jobs.end(), 0);
  for (std::size_t f = 0; f < w.firms.size(); ++f) {
    const auto h = fc.hub[f];
    w.hub_jobs[h] += fc.employees[f];
    m.at(Metric::firms, step, h) += 1;
    m.at(Metric::startups, step, h) += fc.stage[f] == FirmStage::startup;
    m.at(Metric::vacancies, step, h) += fc.vacancies[f];
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
  }
  w.tally.clear();
}

}  // namespace hubsim::model
