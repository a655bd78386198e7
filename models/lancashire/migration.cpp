// Out-migration of talent to the external metros (Greater Manchester, London).
#include <cmath>

#include "models/lancashire/phases.hpp"
#include "sim/core/parallel.hpp"

namespace hubsim::model {

void migration(World& w, const core::PhaseContext& ctx) {
  const auto& m = w.params.migration;
  if (w.external_hubs.empty()) return;
  const double employed_leave = 1.0 - std::pow(1.0 - m.employed_leave_rate_per_year, 1.0 / 12.0);
  double total_pull = 0;
  for (auto h : w.external_hubs) total_pull += w.params.hubs[h].pull;
  auto& wc = w.workers.columns();
  core::parallel_for(w.workers.size(), [&](std::size_t r) {
    if (!w.workers.alive(r)) return;
    const WorkerStatus s = wc.status[r];
    if (s != WorkerStatus::seeking && s != WorkerStatus::employed) return;
    core::Rng rng = ctx.rng(core::EntityKind::worker, w.workers.id(r));
    bool leaves = false;
    if (s == WorkerStatus::seeking) {
      wc.months_searching[r] = static_cast<std::uint16_t>(std::min<int>(wc.months_searching[r] + 1, 0xFFFF));
      leaves = wc.months_searching[r] > m.patience_months && rng.bernoulli(m.unmatched_leave_rate_per_month);
    } else {
      leaves = rng.bernoulli(employed_leave);
    }
    if (!leaves || total_pull <= 0) return;
    double pick = rng.uniform() * total_pull;
    core::HubIndex dest = w.external_hubs.back();
    for (auto h : w.external_hubs) {
      pick -= w.params.hubs[h].pull;
      if (pick < 0) { dest = h; break; }
    }
    w.tally.talent_flow[wc.home[r] * w.graph.size() + dest].fetch_add(1, std::memory_order_relaxed);
    wc.status[r] = WorkerStatus::left_county;
    wc.employer[r] = kNoFirm;
    wc.home[r] = dest;
    w.tally.leavers[dest] += 1;
  });
}

}  // namespace hubsim::model
