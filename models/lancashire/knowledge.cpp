// Knowledge exchange in the spirit of SKIN (Gilbert, Pyka & Ahrweiler): firms carry a profile
// of capabilities (a 64-bit "kene"); partners are found across hubs with distance decay; a
// partner is attractive when profiles overlap but differ (SKIN's progressive rule), and then
// the firm learns one capability it lacked and gains productivity, which wears off over the
// following years (knowledge depreciation) unless new collaborations renew it.
#include <bit>
#include <cmath>

#include "models/lancashire/phases.hpp"
#include "sim/core/parallel.hpp"

namespace hubsim::model {
namespace {

constexpr int kMaxCapabilities = 16;  ///< a firm forgets one capability when it knows more

double progressive_attractiveness(std::uint64_t a, std::uint64_t b) {
  if (std::popcount(a & b) == 0) return 0;
  return static_cast<double>(std::popcount(a ^ b)) / static_cast<double>(std::popcount(a) + std::popcount(b));
}

/// Index of a random set bit of `bits` (which must not be 0).
int random_bit(std::uint64_t bits, core::Rng& rng) {
  auto k = rng.below(static_cast<std::uint64_t>(std::popcount(bits)));
  while (k--) bits &= bits - 1;
  return std::countr_zero(bits);
}

}  // namespace

void knowledge_search(World& w, const core::PhaseContext& ctx) {
  const auto& k = w.params.knowledge;
  // Peer networks (D) raise the collaboration rate of their participants (averaged over firms).
  const double rate = std::min(1.0, k.collaborations_per_firm_per_year * (1 + w.params.lever('D', ctx.month)) / 12.0);
  const double tau = k.distance_decay_minutes;
  const std::size_t n = w.graph.size();
  auto& fc = w.firms.columns();
  // Anchors that exchange knowledge, by hub.
  std::vector<double> anchor_weight(n, 0);
  for (std::size_t a = 0; a < w.anchors.size(); ++a) anchor_weight[w.anchors[a].hub] += w.params.anchors[a].knowledge_weight;
  // Distance decay between hubs, once a month rather than twice per hub per searching firm.
  std::vector<double> decays(n * n);
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = 0; b < n; ++b)
      decays[a * n + b] = std::exp(-w.graph.minutes(static_cast<core::HubIndex>(a), static_cast<core::HubIndex>(b)) / tau);
  core::parallel_for(w.firms.size(), [&](std::size_t r) {
    fc.partner[r] = kNoFirm;
    if (!w.firms.alive(r) || fc.stage[r] == FirmStage::anchor) return;
    core::Rng rng = ctx.rng(w.firms.identity(r));
    if (!rng.bernoulli(rate)) return;
    const auto from = fc.hub[r];
    double total = 0;
    const double* decay_from = &decays[from * n];
    for (std::size_t h = 0; h < n; ++h) total += decay_from[h] * (static_cast<double>(w.hub_firms[h]) + anchor_weight[h]);
    double pick = rng.uniform() * total;
    for (std::size_t h = 0; h < n; ++h) {
      const double decay = decay_from[h];
      const double firms = decay * static_cast<double>(w.hub_firms[h]), anchors = decay * anchor_weight[h];
      if (pick < firms) {
        const auto& rows = w.hub_firm_rows[h];
        const auto partner = rows[std::min<std::size_t>(static_cast<std::size_t>(pick / decay), rows.size() - 1)];
        if (partner != r) fc.partner[r] = partner;
        return;
      }
      pick -= firms;
      if (pick < anchors) {
        // Which of the hub's anchors: by their weights.
        double a_pick = pick / decay;
        for (std::size_t a = 0; a < w.anchors.size(); ++a) {
          if (w.anchors[a].hub != h) continue;
          a_pick -= w.params.anchors[a].knowledge_weight;
          if (a_pick < 0 || a + 1 == w.anchors.size()) {
            fc.partner[r] = kAnchorPartner + static_cast<std::uint32_t>(a);
            return;
          }
        }
        return;
      }
      pick -= anchors;
    }
  });
}

void knowledge_exchange(World& w, const core::PhaseContext& ctx) {
  const auto& k = w.params.knowledge;
  const double gain = k.productivity_gain;
  auto& fc = w.firms.columns();
  // Learning reads partners' profiles as they were before anyone learned this month: the loop
  // reads fc.kene and writes every row's new profile to a scratch column, swapped in afterwards
  // (no copy of the column, no allocation once the scratch has grown).
  auto& next = w.kene_scratch;
  next.resize(fc.kene.size());
  std::vector<std::uint64_t> anchor_kene(w.anchors.size());
  for (std::size_t a = 0; a < w.anchors.size(); ++a) {
    core::Rng rng = ctx.rng(anchor_identity(a));  // anchors' broad, shifting expertise
    anchor_kene[a] = draw_kene(rng, 24);
  }
  core::parallel_for(w.firms.size(), [&](std::size_t r) {
    const std::uint64_t mine = fc.kene[r];
    next[r] = mine;
    const std::uint32_t partner = fc.partner[r];
    if (partner == kNoFirm || !w.firms.alive(r)) return;
    const bool anchor = partner >= kAnchorPartner;
    const std::uint64_t theirs = anchor ? anchor_kene[partner - kAnchorPartner] : fc.kene[partner];
    if (progressive_attractiveness(mine, theirs) <= k.attractiveness_threshold) return;
    const std::uint64_t novel = theirs & ~mine;
    if (novel == 0) return;
    core::Rng rng = ctx.rng(w.firms.identity(r));
    std::uint64_t kene = mine | (std::uint64_t{1} << random_bit(novel, rng));
    if (std::popcount(kene) > kMaxCapabilities) kene &= ~(std::uint64_t{1} << random_bit(kene & mine, rng));
    next[r] = kene;
    // A temporary gain in log productivity: it wears off (firm_dynamics) unless renewed.
    fc.know_gain[r] += static_cast<float>(gain + (anchor ? k.anchor_partner_weight : 0.0));
    const auto from = anchor ? w.anchors[partner - kAnchorPartner].hub : fc.hub[partner];
    w.tally.add(Tally::collaborations, fc.hub[r]);
    w.tally.flow(Flow::knowledge, from, fc.hub[r]);
  });
  fc.kene.swap(next);
}

}  // namespace hubsim::model
