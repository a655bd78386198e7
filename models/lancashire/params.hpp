#pragma once
/// Parameters of the Lancashire model, built once from YAML and read-only during a run.
/// Values live in configs/lancashire.yaml (compiled in); meanings, units, ranges and sources in
/// describe.cpp, rendered as configs/PARAMETERS.md. Fields are zero here on purpose: one source of truth.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/hub_graph.hpp"
#include "sim/io/param_visitor.hpp"

namespace hubsim::model {

struct HubParams {
  std::string name;
  core::HubKind kind = core::HubKind::spoke;
  double lat = 0;
  double lon = 0;
  std::int64_t digital_jobs = 0;        ///< digital jobs at the hub's firms at the start
  std::int64_t incubation_space = 0;    ///< start-ups the hub can incubate at once
  std::int64_t graduates_per_year = 0;  ///< digitally skilled graduates entering the labour market here
  double pull = 0;                      ///< external metros: relative pull on leaving talent
  std::int64_t investors = 0;           ///< investors based here: angels in the county, VCs outside
};

/// One of the strategy's digital sectors; firms are born into one.
struct SectorParams {
  std::string name;
  double share = 0;  ///< share of firms (initial and new)
};

struct PopulationParams {
  double scale = 0;                 ///< agents per person (1 = the real county)
  double firm_size_alpha = 0;    ///< Pareto tail of initial firm sizes
  double max_firm_size = 0;
  double seeker_share = 0;       ///< job seekers per digital job at the start
  std::int64_t max_initial_age_months = 0;  ///< initial firm ages are uniform up to this
};

struct TalentParams {
  std::int64_t graduation_month = 0;
  double reskilled_per_year = 0;  ///< adults entering digital work from bootcamps/re-skilling
};

struct LabourParams {
  double commute_minutes = 0;
  double distance_decay_minutes = 0;
  double quit_rate_per_year = 0;
  double retire_rate_per_year = 0;
};

struct FirmParams {
  double demand_growth_per_year = 0;
  double startup_growth_per_year = 0;
  double demand_volatility = 0;
  double vacancy_cap = 0;               ///< demand cannot run ahead of staff by more than this share
  double startup_closure_per_year = 0;
  double established_closure_per_year = 0;
  std::int64_t startup_months = 0;
  double births_per_1000_jobs_per_year = 0;
  double startup_size = 0;
};

struct MigrationParams {
  std::int64_t patience_months = 0;
  double unmatched_leave_rate_per_month = 0;
  double employed_leave_rate_per_year = 0;
};

struct InvestmentParams {
  double angel_capital_k = 0;         ///< £k each angel can invest over the run
  double angel_ticket_k = 0;          ///< £k per angel deal
  double angel_deals_per_year = 0;    ///< deals an angel looks to do per year
  double vc_capital_k = 0;
  double vc_ticket_k = 0;
  double vc_deals_per_year = 0;
  double vc_home_market = 0;          ///< start-up-equivalents a VC can fund at home instead
  double distance_decay_minutes = 0;  ///< home bias of deal search
  std::int64_t runway_months = 0;     ///< months a deal keeps a start-up funded
  double funded_closure_factor = 0;   ///< closure hazard multiplier while funded
  double funded_growth_per_year = 0;  ///< extra demand growth while funded
};

struct OutputParams {
  std::int64_t snapshot_every_months = 0;  ///< 0 = no agent snapshots
};

struct Params {
  PopulationParams population;
  std::vector<HubParams> hubs;
  std::vector<core::HubLink> links;
  TalentParams talent;
  LabourParams labour;
  FirmParams firms;
  MigrationParams migration;
  std::vector<SectorParams> sectors;
  InvestmentParams investment;
  OutputParams output;
};

/// Lists every parameter to a visitor (reader, writer, documentation).
void describe(io::ParamVisitor& v, Params& p);

/// The hub graph the parameters define.
core::HubGraph build_graph(const Params& p);

}  // namespace hubsim::model
