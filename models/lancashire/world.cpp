#include "models/lancashire/world.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "models/lancashire/phases.hpp"
#include "sim/core/rng.hpp"

namespace hubsim::model {

void MonthTally::clear() {
  for (auto& x : by_hub_) x.store(0, std::memory_order_relaxed);
  for (auto& x : flows_) x.store(0, std::memory_order_relaxed);
  events.clear();
}

World::World(const Params& p, const io::RunSettings& r)
    : params(p), run(r), graph(build_graph(p)), hub_vacancies(graph.size()), hub_jobs(graph.size()),
      hub_startups(graph.size()), hub_seekers(graph.size()), hub_firms(graph.size()), hub_firm_rows(graph.size()),
      hub_productivity(graph.size(), p.economy.national_productivity_k * p.economy.initial_productivity_ratio),
      market_k(p.sectors.size(), 0), sector_sales_k(p.sectors.size(), 0), hub_efficiency(graph.size(), 0),
      hub_incubated(graph.size(), 0),
      tally(graph.size()), metrics(graph.size(), static_cast<std::size_t>(r.steps())),
      records(graph.size(), static_cast<std::size_t>(r.steps()), p.sectors.size()),
      demography(graph.size(), static_cast<std::size_t>(r.steps()), r.start) {
  const std::size_t n = graph.size();
  for (std::size_t h = 0; h < n; ++h)
    (is_external(static_cast<core::HubIndex>(h)) ? external_hubs : county_hubs).push_back(static_cast<core::HubIndex>(h));
  for (std::size_t i = 0; i < p.sectors.size(); ++i)
    if (p.sectors[i].name == "cyber_and_data_security") cyber_sector = static_cast<std::uint8_t>(i);
  for (const auto& a : p.anchors) {
    AnchorState s;
    s.hub = *graph.find(a.hub);
    for (std::size_t i = 0; i < p.sectors.size(); ++i)
      if (p.sectors[i].name == a.preferred_sector) s.preferred_sector = static_cast<std::uint8_t>(i);
    anchors.push_back(s);
  }
  // labour market
  cohorts = static_cast<std::size_t>(r.end.year() - r.start.year() + 1);
  destinations = 2 + external_hubs.size();
  earnings_k.assign(static_cast<std::size_t>(r.steps()) * n * 3, std::numeric_limits<double>::quiet_NaN());
  graduate_destinations.assign(cohorts * n * 3 * destinations, std::numeric_limits<double>::quiet_NaN());
  derive_from_params(*this);
}

void derive_from_params(World& w) {
  const auto& p = w.params;
  const std::size_t n = w.graph.size();
  w.search_weight.assign(n * n, 0);
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = 0; b < n; ++b) {
      const double t = w.graph.minutes(static_cast<core::HubIndex>(a), static_cast<core::HubIndex>(b));
      // Jobs in external metros are not part of the county's market: leaving is migration's job.
      if (t <= p.labour.commute_minutes && !w.is_external(static_cast<core::HubIndex>(b)))
        w.search_weight[a * n + b] = std::exp(-t / p.labour.distance_decay_minutes);
    }
}

void replace_params(World& w, const Params& params) {
  // Each investor's capital was set from the parameters when it was created; a changed capital
  // per angel or per VC fund moves every such investor's remaining capital by the difference
  // (never below zero), so the change acts from its month (hubsim-view's live sliders, --change).
  const double angel = params.investment.angel_capital_k - w.params.investment.angel_capital_k;
  const double vc = params.investment.vc_capital_k - w.params.investment.vc_capital_k;
  if (angel != 0 || vc != 0) {
    auto& ic = w.investors.columns();
    for (std::size_t r = 0; r < w.investors.size(); ++r) {
      const double delta = ic.kind[r] == InvestorKind::angel ? angel : ic.kind[r] == InvestorKind::venture_capital ? vc : 0.0;
      if (delta != 0) ic.capital_k[r] = std::max(0.0, ic.capital_k[r] + delta);
    }
  }
  w.params = params;
  derive_from_params(w);
}

double national_productivity_k(const World& w, core::Month month) {
  const auto& e = w.params.economy;
  return e.national_productivity_k * std::pow(1 + e.productivity_growth_per_year, static_cast<double>(month - w.run.start) / 12.0);
}


double incubation_space(const World& w, core::HubIndex hub, core::Month month) {
  const auto& h = w.params.hubs[hub];
  // B's places go to the spokes in proportion to their own space.
  double extra = 0;
  if (h.kind == HubKind::spoke) {
    double spokes = 0;
    for (const auto& other : w.params.hubs) spokes += other.kind == HubKind::spoke ? static_cast<double>(other.incubation_space) : 0.0;
    if (spokes > 0) extra = w.params.lever('B', month) * static_cast<double>(h.incubation_space) / spokes;
  }
  return (static_cast<double>(h.incubation_space) + extra) * w.params.population.scale;
}

std::uint64_t draw_kene(core::Rng& rng, int bits) {
  std::uint64_t k = 0;
  for (int i = 0; i < bits; ++i) k |= std::uint64_t{1} << rng.below(64);
  return k;
}

std::uint8_t draw_sector(core::Rng& rng, const std::vector<SectorParams>& sectors) {
  double pick = rng.uniform();
  for (std::size_t s = 0; s < sectors.size(); ++s) {
    pick -= sectors[s].share;
    if (pick < 0) return static_cast<std::uint8_t>(s);
  }
  return static_cast<std::uint8_t>(sectors.size() - 1);  // rounding: shares sum to 1 within 1e-6
}

namespace {

/// Initial draws use a step number no simulated month can have.
constexpr std::uint32_t kInitStep = 0xFFFFFFFFu;
constexpr std::uint64_t kPopulate = core::stream_key("populate");

/// Mean of the initial size distribution: E[min(floor(U^(-1/alpha)), cap)] = sum_{k=1..cap} k^-alpha.
double mean_initial_size(const PopulationParams& pop) {
  double mean = 0;
  for (int k = 1; k <= static_cast<int>(pop.max_firm_size); ++k) mean += std::pow(k, -pop.firm_size_alpha);
  return mean;
}

/// Initial firm sizes at a hub: round(jobs / mean size) firms whatever the seed, their sizes
/// stratified draws from a discrete Pareto (floor(U^(-1/alpha)), capped): the i-th firm takes a
/// quantile in [i/n, (i+1)/n), so the hub's total stays close to its jobs. The small remainder
/// is spread one job at a time over the largest firms, so no firm's size is distorted.
std::vector<std::int32_t> initial_sizes(core::Rng& rng, std::int64_t jobs, const PopulationParams& pop) {
  const auto n = static_cast<std::size_t>(std::max<std::int64_t>(1, std::llround(static_cast<double>(jobs) / mean_initial_size(pop))));
  std::vector<std::int32_t> sizes(n);
  std::int64_t total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double u = (static_cast<double>(i) + rng.uniform()) / static_cast<double>(n);
    const double size = std::floor(std::pow(std::max(1e-12, 1.0 - u), -1.0 / pop.firm_size_alpha));
    sizes[i] = static_cast<std::int32_t>(std::clamp(size, 1.0, pop.max_firm_size));
    total += sizes[i];
  }
  std::int64_t gap = jobs - total;
  const auto cap = static_cast<std::int32_t>(pop.max_firm_size);
  for (bool moved = true; gap != 0 && moved;) {
    moved = false;
    for (std::size_t k = n; k-- > 0 && gap != 0;) {
      if (gap > 0 && sizes[k] < cap) ++sizes[k], --gap, moved = true;
      else if (gap < 0 && sizes[k] > 1) --sizes[k], ++gap, moved = true;
    }
  }
  return sizes;
}

/// Months since launch of an initial firm, drawn from the age distribution a steady stream of
/// births would leave under the closure hazards by age: P(age) proportional to survival to it.
class InitialAges {
 public:
  explicit InitialAges(const FirmParams& f) {
    const double by_year[] = {f.closure_year1, f.closure_year2, f.closure_year3, f.closure_year4, f.closure_year5};
    double survival = 1, total = 0;
    for (std::size_t a = 0; a < kMaxMonths; ++a) {
      total += survival;
      cumulative_.push_back(total);
      const double yearly = a / 12 < 5 ? by_year[a / 12] : f.closure_older;
      survival *= 1 - monthly(yearly);
    }
  }
  std::uint16_t draw(core::Rng& rng) const {
    const double pick = rng.uniform() * cumulative_.back();
    return static_cast<std::uint16_t>(std::upper_bound(cumulative_.begin(), cumulative_.end(), pick) - cumulative_.begin());
  }

 private:
  static constexpr std::size_t kMaxMonths = 600;  ///< 50 years
  std::vector<double> cumulative_;
};

void add_worker(World& w, std::size_t r, core::HubIndex home, WorkerStatus status, std::uint64_t seed) {
  const auto& p = w.params;
  core::Rng rng = initial_rng(seed, w.workers.identity(r));
  auto& wc = w.workers.columns();
  wc.home[r] = home;
  wc.applied[r] = kNoHub;
  wc.status[r] = status;
  wc.employer[r] = kNoFirm;
  wc.origin[r] = Origin::initial;
  wc.skill[r] = rng.bernoulli(p.skills.initial_experienced_share) ? Skill::experienced : Skill::graduate;
  wc.underrepresented[r] = rng.bernoulli(p.skills.underrepresented_share);
  const double years = p.talent.initial_age_min + rng.uniform() * (p.talent.initial_age_max - p.talent.initial_age_min);
  wc.age_months[r] = static_cast<std::uint16_t>(years * 12);
  wc.retire_clock[r] = exp_clock(rng);
  wc.status_clock[r] = status == WorkerStatus::employed ? exp_clock(rng) : 0.0f;
}

}  // namespace

core::Rng initial_rng(std::uint64_t seed, core::Identity who) { return core::Rng(seed, kInitStep, kPopulate, who); }

void populate(World& w, std::uint64_t seed) {
  const auto& p = w.params;
  auto& fc = w.firms.columns();
  auto& wc = w.workers.columns();
  const double national_k = p.economy.national_productivity_k;
  const InitialAges ages(p.firms);
  for (core::HubIndex h : w.county_hubs) {
    // The hub's stream draws only the firm sizes; each firm and worker draws its own state from
    // its own stream, so that a change to one firm leaves the others as they were.
    core::Rng hub_rng = initial_rng(seed, hub_identity(h));
    const auto jobs = static_cast<std::int64_t>(std::llround(static_cast<double>(p.hubs[h].digital_jobs) * p.population.scale));
    const std::vector<std::int32_t> sizes = jobs > 0 ? initial_sizes(hub_rng, jobs, p.population) : std::vector<std::int32_t>{};
    std::uint32_t firm_serial = 0, worker_serial = 0;
    for (const std::int32_t size : sizes) {
      const std::size_t f = w.firms.add(identity(Who::initial_firm, h, core::kBornAtStart, firm_serial++));
      core::Rng rng = initial_rng(seed, w.firms.identity(f));
      const std::uint16_t age = ages.draw(rng);
      fc.hub[f] = h;
      fc.age_months[f] = age;
      fc.launched[f] = static_cast<std::int16_t>(-static_cast<int>(age));
      fc.stage[f] = age < p.firms.startup_months ? FirmStage::startup : FirmStage::established;
      fc.demand[f] = static_cast<float>(size);
      fc.employees[f] = size;
      fc.staff_year_ago[f] = fc.staff_2y_ago[f] = fc.staff_3y_ago[f] = size;
      fc.sector[f] = draw_sector(rng, p.sectors);
      fc.anchor[f] = kNoAnchor;
      fc.partner[f] = kNoFirm;
      fc.kene[f] = draw_kene(rng, 6);
      // Mean-preserving lognormal spread around the county's productivity relative to the UK.
      const double sd = p.economy.productivity_dispersion;
      fc.efficiency[f] = static_cast<float>(std::log(p.economy.initial_productivity_ratio) + sd * rng.normal() - 0.5 * sd * sd);
      fc.productivity_k[f] = static_cast<float>(national_k * std::exp(static_cast<double>(fc.efficiency[f])));
      fc.sales_k[f] = static_cast<float>(size * fc.productivity_k[f] / p.economy.gva_share_of_revenue);
      fc.revenue_year_ago[f] = fc.sales_k[f];
      const double young = age < p.firms.startup_months ? p.firms.young_growth_per_year : 0.0;
      const double b = p.firms.growth_scale * std::pow(size, -p.firms.growth_size_exponent);
      const double magnitude = rng.exponential(1.0) * b;
      fc.growth[f] = static_cast<float>(young + (rng.uniform() < 0.5 ? -magnitude : magnitude));
      fc.growth_factor[f] = static_cast<float>(std::exp(fc.growth[f] / 12.0));
      const std::size_t first = w.workers.add_many(static_cast<std::size_t>(size),
                                                   identity(Who::initial_employee, h, core::kBornAtStart, worker_serial));
      worker_serial += static_cast<std::uint32_t>(size);
      for (std::size_t r = first; r < first + static_cast<std::size_t>(size); ++r) {
        add_worker(w, r, h, WorkerStatus::employed, seed);
        wc.employer[r] = static_cast<std::uint32_t>(f);
      }
    }
    const auto seekers = static_cast<std::size_t>(std::llround(static_cast<double>(jobs) * p.population.seeker_share));
    const std::size_t first = w.workers.add_many(seekers, identity(Who::initial_seeker, h, core::kBornAtStart));
    for (std::size_t r = first; r < first + seekers; ++r) add_worker(w, r, h, WorkerStatus::seeking, seed);
  }
  // Every anchor is a row of the firm store (with no staff if it has no digital posts yet), so
  // the labour market serves it, and a scenario that gives it posts adds no row.
  for (std::size_t a = 0; a < p.anchors.size(); ++a) {
    const auto& ap = p.anchors[a];
    const std::size_t f = w.firms.add(identity(Who::anchor_firm, static_cast<std::uint32_t>(a), core::kBornAtStart));
    core::Rng rng = initial_rng(seed, w.firms.identity(f));
    fc.hub[f] = w.anchors[a].hub;
    fc.stage[f] = FirmStage::anchor;
    fc.anchor[f] = static_cast<std::uint8_t>(a);
    fc.partner[f] = kNoFirm;
    fc.sector[f] = w.anchors[a].preferred_sector == 0xFF ? 0 : w.anchors[a].preferred_sector;
    fc.kene[f] = draw_kene(rng, 16);
    fc.productivity_k[f] = static_cast<float>(p.economy.national_productivity_k);
    fc.launched[f] = 0;
    const auto staff = static_cast<std::size_t>(std::llround(static_cast<double>(ap.digital_posts) * p.population.scale));
    fc.employees[f] = static_cast<std::int32_t>(staff);
    fc.demand[f] = static_cast<float>(staff);
    const std::size_t first =
        w.workers.add_many(staff, identity(Who::anchor_employee, static_cast<std::uint32_t>(a), core::kBornAtStart));
    for (std::size_t r = first; r < first + staff; ++r) {
      add_worker(w, r, w.anchors[a].hub, WorkerStatus::employed, seed);
      wc.skill[r] = Skill::experienced;
      wc.employer[r] = static_cast<std::uint32_t>(f);
    }
    w.anchors[a].firm_row = static_cast<std::uint32_t>(f);
    w.anchors[a].firm_id = w.firms.id(f);
  }
  // Investors: angels at county hubs, VC funds at the metros; their number is not scaled with
  // the population, since deal counts are calibrated in real deals. Angel networks (F) join
  // during the run (join_angel_networks).
  auto& ic = w.investors.columns();
  for (std::size_t h = 0; h < w.graph.size(); ++h) {
    const bool vc = w.is_external(static_cast<core::HubIndex>(h));
    const auto n = static_cast<std::size_t>(p.hubs[h].investors);
    const std::size_t first = w.investors.add_many(n, identity(Who::initial_investor, static_cast<std::uint32_t>(h), core::kBornAtStart));
    for (std::size_t r = first; r < first + n; ++r) {
      ic.home[r] = static_cast<core::HubIndex>(h);
      ic.kind[r] = vc ? InvestorKind::venture_capital : InvestorKind::angel;
      ic.capital_k[r] = vc ? p.investment.vc_capital_k : p.investment.angel_capital_k;
      ic.target[r] = kNoHub;
    }
  }
}

namespace {
/// Rounds an angel network's co-investment fund can make over the run (one a year).
constexpr double kNetworkRounds = 12;
}  // namespace

void join_angel_networks(World& w, core::Month month) {
  const auto& p = w.params;
  // One network per co-investment round a year that F's lever calls for.
  const auto wanted = static_cast<std::size_t>(std::llround(p.lever('F', month)));
  auto& ic = w.investors.columns();
  for (; w.angel_networks < wanted; ++w.angel_networks) {
    const std::size_t r =
        w.investors.add(identity(Who::angel_network, 0, core::kBornAtStart, static_cast<std::uint32_t>(w.angel_networks)));
    ic.home[r] = w.county_hubs[w.angel_networks % w.county_hubs.size()];
    ic.kind[r] = InvestorKind::angel_network;
    ic.capital_k[r] = kNetworkRounds * p.investment.network_round_k;
    ic.target[r] = kNoHub;
  }
}

}  // namespace hubsim::model
