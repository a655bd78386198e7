// Earnings, the labour-market outlook choices compare, and where graduates end up.
#include "models/lancashire/destinations.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <string>

#include "sim/core/parallel.hpp"

namespace hubsim::model {

double metro_earnings_k(const World& w, core::HubIndex m, Skill s, core::Month month) {
  const auto& p = w.params;
  const double years = static_cast<double>(month - w.run.start) / 12.0;
  return p.hubs[m].earnings_index * p.earnings.uk_median_k * std::pow(1 + p.economy.productivity_growth_per_year, years) *
         skill_pay(p, s);
}

double moving_cost_k(const World& w, core::HubIndex from, core::HubIndex to) {
  return w.params.migration.moving_cost_k * w.graph.minutes(from, to) / 60.0;
}

double offer_chance_over_search(const World& w, double posts, double applicants) {
  if (posts <= 0) return 0;
  const double month = applicants > posts ? posts / applicants : 1.0;
  return 1 - std::pow(1 - month, static_cast<double>(std::max<std::int64_t>(1, w.params.migration.patience_months)));
}

Outlook labour_outlook(const World& w, core::Month month, const std::vector<std::int64_t>& extra_seekers) {
  const std::size_t n = w.graph.size();
  const auto& fc = w.firms.columns();
  Outlook o;
  o.hubs = n;
  o.offer_chance.assign(n, 0);
  o.pay_k.assign(n * kSkills, 0);
  // Posts-weighted mean productivity of the hubs' open posts (this month's snapshot of vacancies
  // is last month's where firm_dynamics has not run yet); the hub's mean where none are open.
  std::vector<double> posts(n, 0), weighted(n, 0);
  for (std::size_t f = 0; f < w.firms.size(); ++f)
    if (w.firms.alive(f) && fc.vacancies[f] > 0) {
      posts[fc.hub[f]] += fc.vacancies[f];
      weighted[fc.hub[f]] += fc.vacancies[f] * static_cast<double>(fc.productivity_k[f]);
    }
  std::vector<double> seekers(n, 0);
  for (std::size_t h = 0; h < n; ++h)
    seekers[h] = static_cast<double>(w.hub_seekers[h]) + (extra_seekers.empty() ? 0.0 : static_cast<double>(extra_seekers[h]));
  // Applicants each hub can expect: every seeker applies to one hub in reach, in proportion to
  // its open posts discounted by travel time (as job_search draws them).
  std::vector<double> applicants(n, 0);
  for (std::size_t home = 0; home < n; ++home) {
    if (seekers[home] <= 0) continue;
    double total = 0;
    for (std::size_t h = 0; h < n; ++h) total += w.search_weight[home * n + h] * static_cast<double>(std::max<std::int64_t>(0, w.hub_vacancies[h]));
    if (total <= 0) continue;
    for (std::size_t h = 0; h < n; ++h)
      applicants[h] += seekers[home] * w.search_weight[home * n + h] * static_cast<double>(std::max<std::int64_t>(0, w.hub_vacancies[h])) / total;
  }
  double county_posts = 0, county_weighted = 0, county_seekers = 0, county_vacancies = 0;
  for (std::size_t h = 0; h < n; ++h) {
    const auto hub = static_cast<core::HubIndex>(h);
    for (std::size_t s = 0; s < kSkills; ++s) {
      const auto skill = static_cast<Skill>(s);
      if (w.is_external(hub)) {
        o.pay_k[h * kSkills + s] = metro_earnings_k(w, hub, skill, month);
      } else {
        const double productivity = posts[h] > 0 ? weighted[h] / posts[h] : w.hub_productivity[h];
        o.pay_k[h * kSkills + s] = std::max(w.params.earnings.minimum_k, w.params.earnings.labour_share * productivity * skill_pay(w.params, skill));
      }
    }
    if (w.is_external(hub)) {
      o.offer_chance[h] = w.params.hubs[h].offer_chance;
      continue;
    }
    const double v = static_cast<double>(std::max<std::int64_t>(0, w.hub_vacancies[h]));
    o.offer_chance[h] = offer_chance_over_search(w, v, applicants[h]);
    county_vacancies += v;
    county_seekers += seekers[h];
    county_posts += posts[h];
    county_weighted += weighted[h];
  }
  o.county_offer_chance = offer_chance_over_search(w, county_vacancies, county_seekers);
  double county_productivity = 0;
  if (county_posts > 0) {
    county_productivity = county_weighted / county_posts;
  } else {
    double jobs = 0;
    for (auto h : w.county_hubs) jobs += static_cast<double>(w.hub_jobs[h]), county_productivity += static_cast<double>(w.hub_jobs[h]) * w.hub_productivity[h];
    county_productivity = jobs > 0 ? county_productivity / jobs : (w.county_hubs.empty() ? 0.0 : w.hub_productivity[w.county_hubs.front()]);
  }
  for (std::size_t s = 0; s < kSkills; ++s)
    o.county_pay_k[s] = std::max(w.params.earnings.minimum_k,
                                 w.params.earnings.labour_share * county_productivity * skill_pay(w.params, static_cast<Skill>(s)));
  return o;
}

void metro_choice(const World& w, const Outlook& o, core::HubIndex home, Skill s, std::vector<double>& cumulative) {
  const auto& m = w.params.migration;
  cumulative.assign(w.external_hubs.size(), 0);
  if (w.external_hubs.empty()) return;
  const double scale = std::max(m.choice_scale_k, 1e-9);
  std::vector<double> value(w.external_hubs.size());
  double best = -std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < w.external_hubs.size(); ++i) {
    const auto x = w.external_hubs[i];
    value[i] = (o.offer_chance[x] * o.pay(x, s) - w.params.hubs[x].living_cost_k - moving_cost_k(w, home, x)) / scale;
    best = std::max(best, value[i]);
  }
  double total = 0;
  for (std::size_t i = 0; i < value.size(); ++i) total += cumulative[i] = std::exp(value[i] - best);
  double running = 0;
  for (auto& c : cumulative) c = (running += c) / total;
}

void record_destinations(World& w, const core::PhaseContext& ctx) {
  const std::size_t n = w.graph.size(), d = w.destinations;
  const auto& wc = w.workers.columns();
  // Metro column of each external hub.
  std::vector<std::size_t> metro_slot(n, 0);
  for (std::size_t i = 0; i < w.external_hubs.size(); ++i) metro_slot[w.external_hubs[i]] = 2 + i;
  for (std::size_t k = 0; k < kDestinationMonths.size(); ++k) {
    const auto months = static_cast<std::size_t>(kDestinationMonths[k]);
    if (ctx.step < months) continue;
    const std::size_t entered = ctx.step - months;
    const core::Month graduated = w.run.start + static_cast<int>(entered);
    if (graduated.month() != w.params.talent.graduation_month) continue;
    const auto cohort = static_cast<std::size_t>(graduated.year() - w.run.start.year());
    if (cohort >= w.cohorts) continue;
    std::vector<std::int64_t> counts(n * d, 0);
    for (std::size_t r = 0; r < w.workers.size(); ++r) {
      if (!w.workers.alive(r) || wc.origin[r] != Origin::graduate || wc.entered_step[r] != entered) continue;
      const core::HubIndex u = wc.university[r];
      if (u >= n) continue;
      const WorkerStatus s = wc.status[r];
      if (s == WorkerStatus::employed) ++counts[u * d + 0];
      else if (s == WorkerStatus::seeking) ++counts[u * d + 1];
      else if (s == WorkerStatus::left_county && wc.home[r] < n && w.is_external(wc.home[r])) ++counts[u * d + metro_slot[wc.home[r]]];
    }
    for (std::size_t u = 0; u < n; ++u)
      for (std::size_t j = 0; j < d; ++j)
        w.graduate_destinations[((cohort * n + u) * kDestinationMonths.size() + k) * d + j] = static_cast<double>(counts[u * d + j]);
  }
}

/// "Greater Manchester" -> "greater_manchester".
namespace {

std::string snake(const std::string& name) {
  std::string s;
  for (const char c : name) s += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(static_cast<unsigned char>(c))) : '_';
  return s;
}

}  // namespace

void record_earnings(World& w, std::size_t step, const std::vector<std::int32_t>& staff_by_skill) {
  if (step >= static_cast<std::size_t>(w.run.steps())) return;
  const std::size_t n = w.graph.size();
  const EarningsRates rates(w);
  // Whole pounds per worker, as if summed worker by worker: every worker of a (firm, skill) earns
  // the same, so count x rounded pay is the same integer total in any order.
  std::vector<std::int64_t> pounds(n * kSkills, 0), workers(n * kSkills, 0);
  const auto& staff = w.firms.columns().employees;
  for (std::size_t f = 0; f < rates.firms; ++f)
    for (std::size_t s = 0; s < kSkills && staff[f] > 0; ++s) {
      const std::int32_t count = staff_by_skill[f * kSkills + s];
      if (count == 0) continue;
      const std::size_t cell = rates.firm_hub[f] * kSkills + s;
      const double earned = std::max(rates.floor_pounds, rates.pounds_per_gva[s] * static_cast<double>(rates.productivity[f]));
      pounds[cell] += count * static_cast<std::int64_t>(earned + 0.5);
      workers[cell] += count;
    }
  double* const out = w.earnings_k.data() + step * n * kSkills;
  for (std::size_t i = 0; i < n * kSkills; ++i)
    out[i] = workers[i] > 0 ? static_cast<double>(pounds[i]) / 1000.0 / static_cast<double>(workers[i])
                            : std::numeric_limits<double>::quiet_NaN();
}

void append_destinations(io::RunData& out, const World& w) {
  const std::size_t n = w.graph.size(), d = w.destinations;
  io::Dimension cohort{"cohort", "calendar year in which a cohort of graduates entered the labour market", "", {}, {}, true};
  for (std::size_t c = 0; c < w.cohorts; ++c) cohort.values.push_back(static_cast<double>(w.run.start.year() + static_cast<int>(c)));
  io::Dimension university{"university", "county hub at which the cohort graduated", "", {}, {}};
  for (auto h : w.county_hubs) university.labels.push_back(w.graph.hub(h).name);
  io::Dimension months{"months_after", "months after graduation", "months", {}, {}, true};
  for (int m : kDestinationMonths) months.values.push_back(m);
  io::Dimension kind{"destination_kind", "where a graduate is: employed or seeking in the county, or living in an external metro", "", {"employed_in_county", "seeking_in_county"}, {}};
  for (auto h : w.external_hubs) kind.labels.push_back(snake(w.graph.hub(h).name));
  io::Dimension skill{"skill", "skill level of a worker", "", {"entry", "graduate", "experienced"}, {}};

  io::Variable destination{"graduate_destination",
                           "graduates of the cohort and university by where they are 6, 12 and 24 months after graduation "
                           "(NaN where that month is outside the run)",
                           "people", {"cohort", "university", "months_after", "destination_kind"}, {}, false};
  for (std::size_t c = 0; c < w.cohorts; ++c)
    for (auto u : w.county_hubs)
      for (std::size_t k = 0; k < kDestinationMonths.size(); ++k)
        for (std::size_t j = 0; j < d; ++j)
          destination.values.push_back(w.graduate_destinations[((c * n + u) * kDestinationMonths.size() + k) * d + j]);
  io::Variable earnings{"earnings", "mean annual earnings of employed workers by the hub they work at and skill, end of month (NaN where none)",
                        "GBP thousand/year", {"time", "hub", "skill"}, w.earnings_k, false};
  out.dimensions.push_back(std::move(cohort));
  out.dimensions.push_back(std::move(university));
  out.dimensions.push_back(std::move(months));
  out.dimensions.push_back(std::move(kind));
  out.dimensions.push_back(std::move(skill));
  out.variables.push_back(std::move(destination));
  out.variables.push_back(std::move(earnings));
}

}  // namespace hubsim::model
