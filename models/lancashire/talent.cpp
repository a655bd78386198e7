// Talent pipeline and the workforce's life course: entry, training, skills, ageing, retirement.
#include <cmath>

#include "models/lancashire/phases.hpp"
#include "sim/core/parallel.hpp"

namespace hubsim::model {

double monthly(double per_year) { return 1.0 - std::pow(1.0 - std::min(per_year, 1.0), 1.0 / 12.0); }

namespace {

/// Appends `n` new entrants at `hub` (serial code only: births get ids in a fixed order). Each
/// draws its own traits from its own stream, keyed by who it is (the k-th of its kind at the hub
/// this month), so one more graduate changes no other entrant.
void enter(World& w, core::HubIndex hub, std::int64_t n, WorkerStatus status, Skill skill, Origin origin, Who who,
           double age_years, double underrepresented_share, const core::PhaseContext& ctx) {
  auto& wc = w.workers.columns();
  const std::size_t first = w.workers.add_many(static_cast<std::size_t>(n), identity(who, hub, ctx.step));
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
  }
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
  const double bootcamps_x = (1 + p.lever('J', ctx.month)) * (1 + p.lever('L', ctx.month) / 2);
  const double underrepresented = std::min(1.0, p.skills.underrepresented_share * (1 + p.lever('L', ctx.month)));
  for (core::HubIndex h : w.county_hubs) {
    core::Rng rng = ctx.rng(hub_identity(h));
    const double scale = p.population.scale;
    const double share = county_jobs > 0 ? static_cast<double>(w.hub_jobs[h]) / static_cast<double>(county_jobs)
                                         : 1.0 / static_cast<double>(w.county_hubs.size());
    std::int64_t graduates = 0;
    if (ctx.month.month() == p.talent.graduation_month)
      graduates = rng.poisson(static_cast<double>(p.hubs[h].graduates_per_year) * scale * graduates_x);
    const std::int64_t apprentices = rng.poisson(p.talent.apprentices_per_year * scale * share * (1 + curriculum_h) / 12.0);
    const std::int64_t bootcamp = rng.poisson(p.talent.reskilled_per_year * scale * share * bootcamps_x / 12.0);
    enter(w, h, graduates, WorkerStatus::seeking, Skill::graduate, Origin::graduate, Who::graduate, 21, underrepresented, ctx);
    enter(w, h, apprentices, WorkerStatus::seeking, Skill::entry, Origin::apprentice, Who::apprentice, 18, underrepresented, ctx);
    enter(w, h, bootcamp, p.talent.bootcamp_months > 0 ? WorkerStatus::in_training : WorkerStatus::seeking, Skill::entry,
          Origin::reskilled, Who::reskilled, 30, underrepresented, ctx);
    w.tally.add(Tally::graduates, h, graduates);
    w.tally.add(Tally::apprentices, h, apprentices);
    w.tally.add(Tally::reskilled, h, bootcamp);
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
