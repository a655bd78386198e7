#pragma once
/// Parameters of the Lancashire model, built once from YAML and read-only during a run.
/// Values live in configs/lancashire.yaml (compiled in); meanings, units, ranges and sources in
/// describe.cpp, rendered as configs/PARAMETERS.md. Fields are zero here on purpose: one source of truth.
#include <array>
#include <cstdint>
#include <memory>
#include <string_view>
#include <string>
#include <vector>

#include "sim/core/calendar.hpp"
#include "sim/core/hub_graph.hpp"
#include "sim/engine/model.hpp"
#include "sim/io/param_visitor.hpp"

namespace hubsim::model {

/// A hub's role in the strategy's hub-and-spoke model (The Lancashire model).
enum class HubKind : std::uint8_t { enterprise_hub, spoke, rest_of_county, external_metro };
inline constexpr std::array<std::string_view, 4> kHubKindNames = {"enterprise_hub", "spoke", "rest_of_county",
                                                                  "external_metro"};

struct HubParams {
  std::string name;
  HubKind kind = HubKind::spoke;
  double lat = 0;
  double lon = 0;
  std::int64_t digital_jobs = 0;        ///< digital jobs at the hub's firms at the start
  std::int64_t incubation_space = 0;    ///< start-ups the hub can incubate at once
  std::int64_t graduates_per_year = 0;  ///< digitally skilled graduates entering the labour market here
  double earnings_index = 0;            ///< external metros: digital earnings / the UK digital median
  double living_cost_k = 0;             ///< external metros: extra living cost over the county, GBP k/year
  double offer_chance = 0;              ///< external metros: chance a job search there ends in an offer
  std::int64_t investors = 0;           ///< investors based here: angels in the county, VCs outside
};

/// One of the strategy's digital sectors; firms are born into one.
struct SectorParams {
  std::string name;
  double share = 0;  ///< share of firms (initial and new)
};

struct PopulationParams {
  double scale = 0;              ///< agents per person (1 = the real county)
  double firm_size_alpha = 0;    ///< Pareto tail of initial firm sizes, fitted to the micro share
  double max_firm_size = 0;      ///< largest initial non-anchor firm
  double seeker_share = 0;       ///< job seekers per digital job at the start
};

struct SkillParams {
  double entry_pay = 0;                      ///< earnings of an entry-level worker relative to the reference (median) worker
  double graduate_pay = 0;                   ///< ... a graduate-level worker
  double experienced_pay = 0;                ///< ... an experienced worker
  double graduate_accept = 0;                ///< chance a firm takes a graduate-level applicant (experienced = 1)
  double entry_accept = 0;                   ///< ... an entry-level applicant (bootcamp, apprentice)
  std::int64_t months_to_graduate_level = 0; ///< months employed for entry -> graduate-level skills
  std::int64_t months_to_experienced = 0;    ///< months employed for graduate -> experienced
  double initial_experienced_share = 0;      ///< of the initial workforce
  double underrepresented_share = 0;         ///< of people entering digital work (women, ethnic minorities, disabled...)
};

struct TalentParams {
  std::int64_t graduation_month = 0;
  double reskilled_per_year = 0;  ///< adults entering digital work from bootcamps/re-skilling
  double apprentices_per_year = 0;
  std::int64_t bootcamp_months = 0;
  double initial_age_min = 0, initial_age_max = 0;  ///< years
  double retirement_age = 0;                        ///< years; retirement hazard applies from 55
};

struct LabourParams {
  double commute_minutes = 0;
  double distance_decay_minutes = 0;
  double quit_rate_per_year = 0;
  double retire_rate_per_year = 0;
  std::int64_t applications_per_month = 0;  ///< firms a seeker applies to in a month; takes the best-paid offer
};

/// Earnings: county firms pay a share of their GVA per job; the metros pay an index of the UK
/// digital median that grows with the national productivity trend.
struct EarningsParams {
  double labour_share = 0;      ///< earnings of the reference worker / the firm's GVA per job
  double uk_median_k = 0;       ///< UK digital median earnings at the start, GBP thousand/year
  double minimum_k = 0;         ///< floor on annual earnings (the National Living Wage, full time), GBP thousand
};

struct FirmParams {
  // Births: a rate of the active stock, by hub and sector (ONS business demography).
  double birth_rate_per_year = 0;          ///< new firms a year per active firm of the hub and sector
  double startup_size = 0;                 ///< staff a new firm starts with (its sales to match)
  std::int64_t incubation_months = 0;      ///< months a start-up stays in incubation space
  double incubated_closure_factor = 0;     ///< closure hazard while incubated, relative to other start-ups
  double incubated_growth_per_year = 0;    ///< extra log sales growth while incubated
  // Closures: hazards by age from ONS survival tables, lower for larger and more productive firms.
  double closure_year1 = 0, closure_year2 = 0, closure_year3 = 0, closure_year4 = 0, closure_year5 = 0;
  double closure_older = 0;                ///< annual hazard from the sixth year on
  double closure_size_elasticity = 0;      ///< hazard x (staff / 5)^-this above 5 staff
  double closure_productivity_elasticity = 0;  ///< hazard x exp(-this x log(productivity / hub mean))
  // Growth: Laplace-distributed annual log growth, its spread falling with size (Stanley et al.;
  // Amaral et al.), no persistence for micro firms (Coad), a premium for young firms.
  double young_growth_per_year = 0;        ///< mean organic sales growth of firms younger than startup_months
  double growth_scale = 0;                 ///< Laplace scale of annual log growth at one employee
  double growth_size_exponent = 0;         ///< the scale falls as staff^-this
  double micro_growth_autocorrelation = 0; ///< share of last year's growth carried into this year's, under 10 staff
  double growth_size_drag = 0;             ///< mean log growth falls by this per unit of log(staff / 10) above 10 staff
  double vacancy_cap = 0;                  ///< sales cannot outrun what staff x (1 + this) + startup_size produce
  double layoff_tolerance = 0;             ///< staff beyond what sales pay for kept before anyone is laid off (share)
  std::int64_t startup_months = 0;
  std::int64_t scaleup_min_staff = 0;
  double scaleup_growth = 0;               ///< annual growth in jobs and revenue that labels a scale-up
  double exit_rate_per_year = 0;           ///< acquisitions of scale-ups and funded firms
  double relocation_rate_per_year = 0;     ///< firms short of talent that move, per year
  std::int64_t relocation_patience_months = 0;
};

struct MigrationParams {
  std::int64_t patience_months = 0;
  double unmatched_leave_rate_per_month = 0;
  double outside_offers_per_year = 0;  ///< offers of work in a metro an employee receives a year
  double offer_dispersion = 0;         ///< sd of log outside offers around the metro's pay
  double moving_cost_k = 0;            ///< cost of moving to a metro, annualised, GBP thousand/year
  double home_tie_k = 0;               ///< value of staying near home ties, GBP thousand/year
  double choice_scale_k = 0;           ///< logit scale of destination choices (taste spread), GBP thousand/year
  double county_nest = 0;              ///< nested-logit parameter of the county's hubs in graduates' choice (1 = plain logit)
  double return_rate_per_year = 0;     ///< leavers coming back, when county offers are sure and pay matches
};

struct KnowledgeParams {
  double collaborations_per_firm_per_year = 0;
  double distance_decay_minutes = 0;
  double attractiveness_threshold = 0;  ///< SKIN's progressive attractiveness needed to learn
  double productivity_gain = 0;         ///< log productivity per capability learned
  double anchor_partner_weight = 0;     ///< extra gain when the partner is an anchor
  double gain_depreciation_per_year = 0;  ///< collaboration gains wear off at this rate
  double births_per_collaboration = 0;  ///< start-ups spun from collaborations at a hub
};

struct EconomyParams {
  double national_productivity_k = 0;       ///< UK digital GVA per job at the start, GBP thousand/year
  double productivity_growth_per_year = 0;  ///< the UK benchmark's trend
  double initial_productivity_ratio = 0;    ///< Lancashire / national at the start
  double productivity_dispersion = 0;       ///< sd of log productivity across firms
  double productivity_diffusion_per_year = 0;  ///< share of the gap to the hub's mean closed a year
  double productivity_drift_per_year = 0;   ///< firms' own log productivity growth relative to the benchmark
  double productivity_shock_sd = 0;         ///< sd of a firm's annual log productivity shock
  double gva_share_of_revenue = 0;          ///< GVA / turnover of digital firms
  double market_growth_per_year = 0;        ///< real growth of demand for the county's digital output
  double market_adjustment_per_year = 0;    ///< competition: how fast a sector's sales return to its market
  double county_output_bn = 0;              ///< Lancashire GVA, all sectors, at the start, GBP bn
  double county_output_growth_per_year = 0;
  double other_sector_demand_m = 0;         ///< county's other sectors' spend on local digital services, GBP m/year
  double other_sector_demand_growth_per_year = 0;
  double contract_distance_decay_minutes = 0;
};

enum class AnchorKind : std::uint8_t { employer, university, college, research };
inline constexpr std::array<std::string_view, 4> kAnchorKindNames = {"employer", "university", "college", "research"};

struct AnchorParams {
  std::string name;
  std::string hub;
  AnchorKind kind = AnchorKind::employer;
  std::int64_t digital_posts = 0;        ///< digital posts at the start of the run
  std::int64_t posts_target = 0;         ///< digital posts to reach ...
  core::Month posts_from{2022, 1};       ///< ... growing linearly from this month ...
  core::Month posts_by{2022, 1};         ///< ... to this month
  std::int64_t min_skill = 0;            ///< 0 entry, 1 graduate, 2 experienced
  double local_accept = 0;               ///< chance a qualified local applicant is taken (vetting, fit)
  std::int64_t recruit_outside_after_months = 0;  ///< unfilled posts then filled from outside the county
  double procurement_k_per_post = 0;     ///< spend on digital services per post, GBP thousand/year
  double base_procurement_m = 0;         ///< spend not tied to posts, GBP m/year
  double local_share = 0;                ///< share of that spend reaching Lancashire firms
  std::string preferred_sector;          ///< sector favoured for contracts ("" = none)
  double spinouts_per_year = 0;
  double knowledge_weight = 0;           ///< attraction as a knowledge partner (0 = none)
};

/// One of the strategy's interventions A-N (Prioritisation of Potential Interventions).
struct InterventionParams {
  core::Month start{2023, 1};
  double intensity = 0;       ///< 0 = off, 1 = the planned level
  double ramp_months = 0;     ///< months to reach full effect
  double budget_m = 0;        ///< GBP m a year while active, for reporting
  double effect = 0;          ///< size of the effect on its mechanism at intensity 1, in its own unit (configs/INTERVENTIONS.md)
  double closure_factor = 1;  ///< E, G: closure hazard multiplier of the firms it reaches at intensity 1 (1 = none)
};
inline constexpr std::size_t kInterventions = 14;

struct InvestmentParams {
  double angel_capital_k = 0;         ///< £k each angel can invest over the run
  double angel_ticket_k = 0;          ///< £k per angel deal
  double angel_deals_per_year = 0;    ///< deals an angel looks to do per year
  double network_round_k = 0;         ///< £k per co-investment round of an angel network (F)
  double vc_capital_k = 0;
  double vc_ticket_k = 0;
  double vc_deals_per_year = 0;
  double vc_home_market = 0;          ///< start-up-equivalents a VC can fund at home instead
  double distance_decay_minutes = 0;  ///< home bias of deal search
  std::int64_t runway_months = 0;     ///< months a deal keeps a start-up funded
  double funded_closure_factor = 0;   ///< closure hazard multiplier while funded
  double funded_growth_per_year = 0;  ///< extra sales growth while funded
};

struct OutputParams {
  std::int64_t snapshot_every_months = 0;  ///< 0 = no agent snapshots
};

/// A road link between two hubs, and the knowledge-exchange ties along it.
struct LinkParams {
  std::string from;
  std::string to;
  double minutes = 0;           ///< road travel time, one way
  double knowledge_weight = 1;  ///< strength of knowledge-exchange ties along the link
};

struct Params final : engine::ModelParams {
  PopulationParams population;
  SkillParams skills;
  std::vector<HubParams> hubs;
  std::vector<LinkParams> links;
  TalentParams talent;
  LabourParams labour;
  EarningsParams earnings;
  FirmParams firms;
  MigrationParams migration;
  std::vector<SectorParams> sectors;
  InvestmentParams investment;
  KnowledgeParams knowledge;
  EconomyParams economy;
  std::vector<AnchorParams> anchors;
  std::array<InterventionParams, kInterventions> interventions;
  OutputParams output;

  /// Intensity x ramp of intervention `letter` ('A'..'N') in `month` (0 before it starts).
  double uptake(char letter, core::Month month) const;
  /// Effect of intervention `letter` in `month`: intensity x effect x ramp.
  double lever(char letter, core::Month month) const;
  /// Closure hazard multiplier of intervention `letter` in `month`: 1 - intensity x ramp x (1 - closure_factor).
  double lever_closure(char letter, core::Month month) const;

  std::unique_ptr<engine::ModelParams> clone() const override { return std::make_unique<Params>(*this); }
  void describe(io::ParamVisitor& v) override;
  /// The hub graph must build (every hub reachable).
  void check(std::string& key) const override;
};

/// Lists every parameter to a visitor (reader, writer, documentation).
void describe(io::ParamVisitor& v, Params& p);

/// The hub graph the parameters define.
core::HubGraph build_graph(const Params& p);

}  // namespace hubsim::model
