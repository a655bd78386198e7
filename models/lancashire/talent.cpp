// Talent pipeline and the workforce's life course: entry, training, skills, ageing, retirement.
#include <algorithm>
#include <cmath>

#include "models/lancashire/destinations.hpp"
#include "models/lancashire/phases.hpp"
#include "sim/core/parallel.hpp"

namespace hubsim::model {

double monthly(double per_year) { return 1.0 - std::pow(1.0 - std::min(per_year, 1.0), 1.0 / 12.0); }

namespace {

/// Appends `n` new entrants at `hub` (serial code only: births get ids in a fixed order). Each
/// draws its own traits from its own stream, keyed by who it is (the k-th of its kind at the hub
/// this month), so one more graduate changes no other entrant.
/// `origin_offset` keeps apart the identities of entrants of the same kind brought by a lever.
std::size_t enter(World& w, core::HubIndex hub, std::int64_t n, WorkerStatus status, Skill skill, Origin origin, Who who,
                  double age_years, double underrepresented_share, const core::PhaseContext& ctx,
                  std::uint32_t origin_offset = 0) {
  auto& wc = w.workers.columns();
  const std::size_t first = w.workers.add_many(static_cast<std::size_t>(n), identity(who, hub + origin_offset, ctx.step));
  for (std::size_t r = first; r < first + static_cast<std::size_t>(n); ++r) {
    core::Rng rng = ctx.rng(w.workers.identity(r));
    wc.home[r] = hub;
    wc.applied[r] = kNoHub;
    wc.status[r] = status;
    wc.employer[r] = kNoFirm;
    wc.skill[r] = skill;
    wc.origin[r] = origin;
    wc.underrepresented[r] = rng.bernoulli(underrepresented_share);
    wc.age_months[r] = static_cast<std::uint16_t>((age_years + rng.uniform()) * 12);
    wc.retire_clock[r] = exp_clock(rng);
    wc.entered_step[r] = static_cast<std::uint16_t>(ctx.step);
    wc.university[r] = origin == Origin::graduate ? hub : kNoHub;
  }
  return first;
}

/// Identities of entrants brought by levers L and N (origin: hub + this; origins have 16 bits,
/// hubs and anchors use the low ones).
constexpr std::uint32_t kLeverEntrants = 0x8000;

/// Where graduates of each university hub look for work: cumulative shares over the county hubs
/// within commuting reach and the external metros (options[u]), by a nested logit with values
///   county hub h: (P_h x W_h + home_tie) / scale - minutes(u, h) / labour.distance_decay_minutes
///   metro x:      (P_x x W_x - living_cost_x - moving_cost(u, x)) / scale
/// (P the chance of an offer, W a graduate's pay there: labour_outlook). The county's hubs form
/// a nest with parameter lambda (migration.county_nest): the county as a whole is worth
/// lambda log sum_h exp(V_h / lambda), and a hub within it is chosen by exp(V_h / lambda); with
/// lambda = 1 this is the plain multinomial logit, smaller lambda makes the hubs closer
/// substitutes, so that splitting the county into more hubs does not by itself keep more graduates.
struct GraduateChoice {
  std::vector<std::vector<core::HubIndex>> options;
  std::vector<std::vector<double>> cumulative;
};

GraduateChoice graduate_choice(const World& w, const Outlook& o) {
  const auto& p = w.params;
  const std::size_t n = w.graph.size();
  const double scale = std::max(p.migration.choice_scale_k, 1e-9);
  const double lambda = std::clamp(p.migration.county_nest, 0.01, 1.0);
  GraduateChoice c;
  c.options.resize(n);
  c.cumulative.resize(n);
  for (const auto u : w.county_hubs) {
    std::vector<double> value;
    std::vector<bool> county;
    for (std::size_t h = 0; h < n; ++h) {
      const auto hub = static_cast<core::HubIndex>(h);
      if (w.is_external(hub)) {
        value.push_back((o.offer_chance[h] * o.pay(h, Skill::graduate) - p.hubs[h].living_cost_k - moving_cost_k(w, u, hub)) / scale);
      } else if (w.search_weight[u * n + h] > 0) {
        value.push_back((o.offer_chance[h] * o.pay(h, Skill::graduate) + p.migration.home_tie_k) / scale -
                        w.graph.minutes(u, hub) / p.labour.distance_decay_minutes);
      } else {
        continue;
      }
      c.options[u].push_back(hub);
      county.push_back(!w.is_external(hub));
    }
    // Nest value, then shares: exp(I) x exp(V_h / lambda) / sum for county hubs, exp(V_x) for metros.
    double best = -1e300;
    for (std::size_t i = 0; i < value.size(); ++i) best = std::max(best, county[i] ? value[i] / lambda : value[i]);
    double within = 0;
    for (std::size_t i = 0; i < value.size(); ++i)
      if (county[i]) within += std::exp(value[i] / lambda - best);
    // exp(I - best') with I = lambda log(within x exp(best)), in a form that cannot overflow.
    const double nest = within > 0 ? lambda * (std::log(within) + best) : -1e300;
    double top = nest;
    for (std::size_t i = 0; i < value.size(); ++i)
      if (!county[i]) top = std::max(top, value[i]);
    const double county_weight = within > 0 ? std::exp(nest - top) : 0.0;
    std::vector<double> share(value.size());
    double total = county_weight;
    for (std::size_t i = 0; i < value.size(); ++i)
      if (!county[i]) total += share[i] = std::exp(value[i] - top);
    for (std::size_t i = 0; i < value.size(); ++i)
      if (county[i]) share[i] = county_weight * std::exp(value[i] / lambda - best) / within;
    double running = 0;
    for (auto& s : share) s = (running += s) / total;
    c.cumulative[u] = std::move(share);
  }
  return c;
}

}  // namespace

void talent_entry(World& w, const core::PhaseContext& ctx) {
  const auto& p = w.params;
  std::int64_t county_jobs = 0;
  for (auto h : w.county_hubs) county_jobs += w.hub_jobs[h];
  // Curriculum levers work through school leavers: H after 5 years, I after 8.
  const double curriculum_h = p.lever('H', ctx.month + (-60));
  const double curriculum_i = p.lever('I', ctx.month + (-96));
  const double graduates_x = (1 + curriculum_h) * (1 + curriculum_i);
  // J adds re-skilled entrants a year; L adds re-skilled entrants a year from under-represented
  // groups; N adds experienced in-migrants a year, who arrive as job seekers. All are spread over
  // the hubs by jobs, as the base flows are, and drawn from streams of their own (a lever
  // switched on moves no other draw).
  const double bootcamps_per_year = p.talent.reskilled_per_year + p.lever('J', ctx.month);
  const double inclusion_per_year = p.lever('L', ctx.month);
  const double in_migrants_per_year = p.lever('N', ctx.month);
  const double underrepresented = std::min(1.0, p.skills.underrepresented_share);
  // Entrants by hub first (each hub's stream draws its three counts), so that graduates choose
  // knowing how many graduate with them.
  const std::size_t n = w.graph.size();
  std::vector<std::int64_t> graduates(n, 0), apprentices(n, 0), bootcamp(n, 0), inclusion(n, 0), in_migrants(n, 0);
  for (core::HubIndex h : w.county_hubs) {
    core::Rng rng = ctx.rng(hub_identity(h));
    const double scale = p.population.scale;
    const double share = county_jobs > 0 ? static_cast<double>(w.hub_jobs[h]) / static_cast<double>(county_jobs)
                                         : 1.0 / static_cast<double>(w.county_hubs.size());
    if (ctx.month.month() == p.talent.graduation_month)
      graduates[h] = rng.poisson(static_cast<double>(p.hubs[h].graduates_per_year) * scale * graduates_x);
    apprentices[h] = rng.poisson(p.talent.apprentices_per_year * scale * share * (1 + curriculum_h) / 12.0);
    bootcamp[h] = rng.poisson(bootcamps_per_year * scale * share / 12.0);
    if (inclusion_per_year > 0) inclusion[h] = ctx.rng(hub_identity(h), "lever_L").poisson(inclusion_per_year * scale * share / 12.0);
    if (in_migrants_per_year > 0) in_migrants[h] = ctx.rng(hub_identity(h), "lever_N").poisson(in_migrants_per_year * scale * share / 12.0);
  }
  const bool graduation = std::any_of(graduates.begin(), graduates.end(), [](std::int64_t g) { return g > 0; });
  const GraduateChoice choice = graduation ? graduate_choice(w, labour_outlook(w, ctx.month, graduates)) : GraduateChoice{};
  auto& wc = w.workers.columns();
  for (core::HubIndex h : w.county_hubs) {
    const std::size_t first = w.workers.size();
    enter(w, h, graduates[h], WorkerStatus::seeking, Skill::graduate, Origin::graduate, Who::graduate, 21, underrepresented, ctx);
    // Each graduate chooses where to look, with a draw from their own stream: those choosing a
    // metro leave now; the others live at the county hub they chose.
    for (std::size_t r = first; r < first + static_cast<std::size_t>(graduates[h]); ++r) {
      core::Rng rng = ctx.rng(w.workers.identity(r), "destination");
      const auto& options = choice.options[h];
      const core::HubIndex to = options[pick(choice.cumulative[h].data(), options.size(), rng.uniform())];
      if (w.is_external(to)) leave_county(w, r, to, rng);
      else wc.home[r] = to;
    }
    enter(w, h, apprentices[h], WorkerStatus::seeking, Skill::entry, Origin::apprentice, Who::apprentice, 18, underrepresented, ctx);
    const WorkerStatus training = p.talent.bootcamp_months > 0 ? WorkerStatus::in_training : WorkerStatus::seeking;
    enter(w, h, bootcamp[h], training, Skill::entry, Origin::reskilled, Who::reskilled, 30, underrepresented, ctx);
    enter(w, h, inclusion[h], training, Skill::entry, Origin::reskilled, Who::reskilled, 30, 1.0, ctx, kLeverEntrants);
    const std::size_t movers = enter(w, h, in_migrants[h], WorkerStatus::seeking, Skill::experienced, Origin::in_migrant,
                                     Who::in_migrant, 25, underrepresented, ctx, kLeverEntrants);
    for (std::size_t r = movers; r < movers + static_cast<std::size_t>(in_migrants[h]); ++r) {
      core::Rng rng = ctx.rng(w.workers.identity(r), "from");
      w.tally.flow(Flow::talent, w.external_hubs.empty() ? h : w.external_hubs[rng.below(w.external_hubs.size())], h);
      wc.age_months[r] = static_cast<std::uint16_t>(wc.age_months[r] + rng.below(15 * 12));  // 25-40
    }
    w.tally.add(Tally::in_migrants, h, in_migrants[h]);
    w.tally.add(Tally::graduates, h, graduates[h]);
    w.tally.add(Tally::apprentices, h, apprentices[h]);
    w.tally.add(Tally::reskilled, h, bootcamp[h] + inclusion[h]);
  }
}

void workforce(World& w, const core::PhaseContext& ctx) {
  const auto& p = w.params;
  const auto retire = static_cast<float>(hazard(monthly(p.labour.retire_rate_per_year)));
  const auto retirement_months = static_cast<std::uint16_t>(p.talent.retirement_age * 12);
  constexpr std::uint16_t kRetirementHazardFrom = 55 * 12;
  // CPD (K) speeds up learning on the job.
  const double pace = 1 + p.lever('K', ctx.month);
  const auto to_graduate = static_cast<std::uint16_t>(std::max(1.0, static_cast<double>(p.skills.months_to_graduate_level) / pace));
  const auto to_experienced = static_cast<std::uint16_t>(std::max(1.0, static_cast<double>(p.skills.months_to_experienced) / pace));
  auto& wc = w.workers.columns();
  const std::size_t n = w.workers.size();
  // Raw column pointers, held in locals: a store through a 1-byte column (the alive flag) may
  // alias anything, so reading the vectors' data pointers inside the loop reloads them every row.
  WorkerStatus* const status = wc.status.data();
  std::uint16_t* const age = wc.age_months.data();
  std::uint16_t* const months = wc.months_employed.data();
  Skill* const skill = wc.skill.data();
  std::uint32_t* const employer = wc.employer.data();
  const core::HubIndex* const home = wc.home.data();
  float* const retire_clock = wc.retire_clock.data();
  core::parallel_for_ranges(n, [&](std::size_t begin, std::size_t end) {
    for (std::size_t r = begin; r < end; ++r) {
      const WorkerStatus s = status[r];
      if (s == WorkerStatus::left_county || s == WorkerStatus::retired || !w.workers.alive(r)) continue;
      const auto a = static_cast<std::uint16_t>(std::min<int>(age[r] + 1, 0xFFFF));
      age[r] = a;
      if (a >= kRetirementHazardFrom) retire_clock[r] -= retire;
      if (a >= retirement_months || retire_clock[r] <= 0) {
        status[r] = WorkerStatus::retired;
        employer[r] = kNoFirm;
        w.workers.remove(r);
        w.tally.add(Tally::retirements, home[r]);
        continue;
      }
      if (s == WorkerStatus::in_training) {
        // months_employed counts training months until the bootcamp ends.
        if (++months[r] >= p.talent.bootcamp_months) status[r] = WorkerStatus::seeking, months[r] = 0;
        continue;
      }
      if (s != WorkerStatus::employed) continue;
      const auto done = ++months[r];
      if (skill[r] == Skill::entry && done >= to_graduate) skill[r] = Skill::graduate, months[r] = 0;
      else if (skill[r] == Skill::graduate && done >= to_experienced) skill[r] = Skill::experienced, months[r] = 0;
    }
  });
}

}  // namespace hubsim::model
