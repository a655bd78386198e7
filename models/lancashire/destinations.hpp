#pragma once
/// Earnings and the choices they drive (issue 13): what county firms and the external metros pay,
/// the month's labour-market outlook that graduates, employees and leavers compare, and the
/// records that follow (graduate_destination, earnings).
#include <algorithm>
#include <array>
#include <cstddef>
#include <vector>

#include <cmath>

#include "models/lancashire/world.hpp"
#include "sim/core/parallel.hpp"
#include "sim/core/scheduler.hpp"
#include "sim/io/run_data.hpp"

namespace hubsim::model {

inline constexpr std::size_t kSkills = 3;
/// Months after graduation at which graduate_destination counts each cohort.
inline constexpr std::array<int, 3> kDestinationMonths = {6, 12, 24};

/// Pay of a skill level relative to the reference (median) worker.
inline double skill_pay(const Params& p, Skill s) {
  return s == Skill::entry ? p.skills.entry_pay : s == Skill::graduate ? p.skills.graduate_pay : p.skills.experienced_pay;
}

/// Annual earnings at county firm `f` for skill `s`, GBP thousand: labour_share x GVA per job x
/// skill pay, and at least the minimum wage.
inline double firm_earnings_k(const World& w, std::size_t f, Skill s) {
  const auto& e = w.params.earnings;
  return std::max(e.minimum_k, e.labour_share * static_cast<double>(w.firms.columns().productivity_k[f]) * skill_pay(w.params, s));
}

/// Annual earnings in metro `m` for skill `s`, GBP thousand: earnings_index x UK digital median,
/// grown with the national productivity trend since the run's start, x skill pay.
double metro_earnings_k(const World& w, core::HubIndex m, Skill s, core::Month month);

/// Chance of an offer before patience runs out (migration.patience_months), with `posts` open a
/// month for `applicants`: 1 - (1 - min(1, posts / applicants))^patience; 0 with no posts.
double offer_chance_over_search(const World& w, double posts, double applicants);

/// The month's labour market as choices see it. Offer chances: county hub h, by
/// offer_chance_over_search of its open posts and the applicants it can expect (seekers split
/// over the hubs in their reach as job_search splits them); metros, their offer_chance (over the
/// same search). Pay: of an offer at h, by skill (county: the open posts' mean productivity).
struct Outlook {
  std::size_t hubs = 0;
  std::vector<double> offer_chance;  ///< by hub
  std::vector<double> pay_k;         ///< by (hub, skill), GBP thousand/year
  double county_offer_chance = 0;    ///< whole county: 1 - (1 - min(1, V / S))^patience_months
  std::array<double, kSkills> county_pay_k{};  ///< pay of a county offer by skill, posts-weighted
  double pay(std::size_t h, Skill s) const { return pay_k[h * kSkills + static_cast<std::size_t>(s)]; }
};

/// `extra_seekers` (by hub, may be empty): people looking this month besides last month's seekers
/// (the graduating cohort).
Outlook labour_outlook(const World& w, core::Month month, const std::vector<std::int64_t>& extra_seekers = {});

/// Annualised cost of moving between hubs `from` and `to`: moving_cost_k per hour of travel.
double moving_cost_k(const World& w, core::HubIndex from, core::HubIndex to);

/// Cumulative choice probabilities among the external metros for someone at `home` with skill
/// `s` who leaves: logit over offer chance x pay - living cost - moving cost. Indexed like
/// w.external_hubs.
void metro_choice(const World& w, const Outlook& o, core::HubIndex home, Skill s, std::vector<double>& cumulative);

/// Index into the `k` cumulative probabilities at `cumulative` picked by a uniform draw `u` in [0, 1).
inline std::size_t pick(const double* cumulative, std::size_t k, double u) {
  for (std::size_t i = 0; i + 1 < k; ++i)
    if (u < cumulative[i]) return i;
  return k == 0 ? 0 : k - 1;
}

/// What a pass over the workers needs to price each employee's job (firm_earnings_k, in pounds):
/// column pointers in locals and the month's rates, so the hot loop reloads nothing (see workforce).
struct EarningsRates {
  const std::uint32_t* employer;
  const Skill* skill;
  const core::HubIndex* firm_hub;
  const float* productivity;
  std::size_t firms;
  std::array<double, kSkills> pounds_per_gva{};  ///< labour_share x skill pay x 1000
  double floor_pounds;
  explicit EarningsRates(const World& w)
      : employer(w.workers.columns().employer.data()), skill(w.workers.columns().skill.data()),
        firm_hub(w.firms.columns().hub.data()), productivity(w.firms.columns().productivity_k.data()),
        firms(w.firms.size()), floor_pounds(w.params.earnings.minimum_k * 1000.0) {
    for (std::size_t s = 0; s < kSkills; ++s)
      pounds_per_gva[s] = w.params.earnings.labour_share * skill_pay(w.params, static_cast<Skill>(s)) * 1000.0;
  }
};

/// Records the month's mean earnings by (hub, skill) from the employed workers counted by firm
/// row and skill (bookkeeping's pass over the workers, before the firms are compacted).
void record_earnings(World& w, std::size_t step, const std::vector<std::int32_t>& staff_by_skill);

/// Records the destinations of cohorts 6, 12 and 24 months after their graduation (the end of
/// the migration phase).
void record_destinations(World& w, const core::PhaseContext& ctx);

/// Appends graduate_destination and earnings (with their dimensions) to a run's results.
void append_destinations(io::RunData& out, const World& w);

}  // namespace hubsim::model
