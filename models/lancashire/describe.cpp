// Every parameter of the Lancashire model: key, valid range, unit and meaning, in one place.
// Values and their sources are in configs/lancashire.yaml; the strategy is cited by section.
#include <algorithm>
#include <cmath>
#include <set>

#include "models/lancashire/params.hpp"

namespace hubsim::model {
namespace {

void describe_hub(io::ParamVisitor& v, HubParams& h) {
  v.text("name", h.name, "Hub name, used by links and by `--set hubs.<name>.<field>`");
  v.enumeration("kind", h.kind, core::kHubKindNames,
                "Role in the strategy's hub-and-spoke model (The Lancashire model; Digital Ecosystem: Aims)");
  v.real("lat", h.lat, {49, 61}, "degrees", "Latitude (WGS84) of the hub's centre");
  v.real("lon", h.lon, {-8, 2}, "degrees", "Longitude (WGS84) of the hub's centre");
  v.integer("digital_jobs", h.digital_jobs, {0, 1e7}, "jobs", "Digital jobs at firms located here at the start");
  v.integer("incubation_space", h.incubation_space, {0, 1e6}, "firms",
            "Start-ups the hub can incubate at once; births slow as it fills");
  v.integer("graduates_per_year", h.graduates_per_year, {0, 1e6}, "people/year",
            "Digitally skilled graduates entering the labour market here each graduation month");
  v.real("pull", h.pull, {0, 1e3}, "",
         "External metros only: relative pull on talent leaving the county (0 for county hubs)");
  v.integer("investors", h.investors, {0, 1e5}, "investors",
            "Investors based here: business angels at county hubs, venture capital funds at external metros");
}

void describe_sector(io::ParamVisitor& v, SectorParams& s) {
  v.text("name", s.name, "Sector name (Strategy, Digital Sector Action Plan; DESIGN.md's six digital sectors)");
  v.real("share", s.share, {0, 1}, "", "Share of firms in this sector, at the start and among new firms");
}

void describe_link(io::ParamVisitor& v, core::HubLink& l) {
  v.text("from", l.from, "Hub at one end");
  v.text("to", l.to, "Hub at the other end");
  v.real("minutes", l.minutes, {1, 1440}, "minutes", "Off-peak road travel time, one way");
  v.real("knowledge_weight", l.knowledge_weight, {0, 100}, "",
         "Strength of knowledge-exchange ties along the link (used by the full model)");
}

/// Links must join known hubs, and every hub must be reachable (checked again by the graph).
bool links_join_known_hubs(const Params& p, std::string& problem) {
  std::set<std::string> names;
  for (const auto& h : p.hubs) names.insert(h.name);
  for (const auto& l : p.links)
    for (const auto* end : {&l.from, &l.to})
      if (!names.count(*end)) {
        problem = "link " + l.from + "-" + l.to + " names unknown hub \"" + *end + "\"";
        return false;
      }
  return true;
}

}  // namespace

void describe(io::ParamVisitor& v, Params& p) {
  v.section("population", "The synthetic population at the start of the run.", [&] {
    auto& s = p.population;
    v.real("scale", s.scale, {0.001, 100}, "agents/person",
           "Agents per real person; counts in the output are agents, so divide by this for people");
    v.real("firm_size_alpha", s.firm_size_alpha, {1.01, 5}, "",
           "Pareto tail index of initial firm sizes (employees >= 1); 1.15 with a 2,000 cap gives ~5 jobs per firm");
    v.real("max_firm_size", s.max_firm_size, {1, 1e6}, "jobs", "Largest initial firm");
    v.real("seeker_share", s.seeker_share, {0, 1}, "seekers/job",
           "Job seekers with digital skills per digital job at the start");
    v.integer("max_initial_age_months", s.max_initial_age_months, {0, 1200}, "months",
              "Initial firm ages are uniform on [0, this]");
  });
  v.table("hubs", "The hubs: Samlesbury, the five spokes, the rest of the county and the external metros.",
          io::table_of(p.hubs, describe_hub, "name", &HubParams::name));
  v.table("links", "Road links between hubs; travel times between any two hubs are shortest paths over these.",
          io::table_of(p.links, describe_link));
  std::string problem;
  const bool links_ok = links_join_known_hubs(p, problem);  // before `problem` is read
  v.require(links_ok, "links", problem);
  v.require(std::count_if(p.hubs.begin(), p.hubs.end(),
                          [](const HubParams& h) { return h.kind != core::HubKind::external_metro; }) > 0,
            "hubs", "at least one hub must be inside the county");
  v.section("talent", "The talent pipeline: who enters the digital labour market, and when.", [&] {
    auto& t = p.talent;
    v.integer("graduation_month", t.graduation_month, {1, 12}, "month", "Month in which graduates enter");
    v.real("reskilled_per_year", t.reskilled_per_year, {0, 1e6}, "people/year",
           "Adults entering digital work through bootcamps and re-skilling, spread over the year and the hubs by jobs");
  });
  v.section("labour", "The labour market: search within commuting reach, churn and retirement.", [&] {
    auto& l = p.labour;
    v.real("commute_minutes", l.commute_minutes, {0, 600}, "minutes",
           "Longest one-way commute a job seeker accepts; hubs farther away are out of reach");
    v.real("distance_decay_minutes", l.distance_decay_minutes, {1, 600}, "minutes",
           "A seeker's preference for a hub falls by e for every this many minutes of travel");
    v.real("quit_rate_per_year", l.quit_rate_per_year, {0, 1}, "1/year", "Employees who quit to search again");
    v.real("retire_rate_per_year", l.retire_rate_per_year, {0, 1}, "1/year", "Workers leaving the workforce for good");
  });
  v.section("firms", "Firm life cycle: demand growth, hiring limits, births and closures.", [&] {
    auto& f = p.firms;
    v.real("demand_growth_per_year", f.demand_growth_per_year, {-0.5, 1}, "1/year",
           "Trend growth of an established firm's demand for staff");
    v.real("startup_growth_per_year", f.startup_growth_per_year, {-0.5, 5}, "1/year",
           "Growth of a start-up's demand for staff");
    v.real("demand_volatility", f.demand_volatility, {0, 1}, "1/sqrt(month)",
           "Standard deviation of monthly log-changes in a firm's demand");
    v.real("vacancy_cap", f.vacancy_cap, {0, 10}, "vacancies/employee",
           "Demand cannot exceed staff x (1 + this) + firms.startup_size: unfilled vacancies hold growth back");
    v.real("startup_closure_per_year", f.startup_closure_per_year, {0, 1}, "1/year", "Closure hazard of start-ups");
    v.real("established_closure_per_year", f.established_closure_per_year, {0, 1}, "1/year",
           "Closure hazard of established firms");
    v.integer("startup_months", f.startup_months, {1, 240}, "months", "Age at which a start-up counts as established");
    v.real("births_per_1000_jobs_per_year", f.births_per_1000_jobs_per_year, {0, 1000}, "firms/(1000 jobs year)",
           "New start-ups per 1000 digital jobs at a hub, before incubation space limits them");
    v.real("startup_size", f.startup_size, {1, 100}, "jobs", "Staff a new start-up wants at birth");
  });
  v.section("migration", "Talent leaving the county for Greater Manchester and London.", [&] {
    auto& m = p.migration;
    v.integer("patience_months", m.patience_months, {0, 240}, "months",
              "Months of fruitless search before a seeker considers leaving");
    v.real("unmatched_leave_rate_per_month", m.unmatched_leave_rate_per_month, {0, 1}, "1/month",
           "Chance per month that an impatient seeker leaves the county");
    v.real("employed_leave_rate_per_year", m.employed_leave_rate_per_year, {0, 1}, "1/year",
           "Employees leaving for better-paid jobs outside the county");
  });
  v.table("sectors", "The digital sectors a firm can belong to; shares must sum to 1.",
          io::table_of(p.sectors, describe_sector, "name", &SectorParams::name));
  double share_sum = 0;
  for (const auto& s : p.sectors) share_sum += s.share;
  v.require(std::abs(share_sum - 1.0) < 1e-6, "sectors", "sector shares must sum to 1");
  v.require(p.sectors.size() <= 32, "sectors", "at most 32 sectors");
  v.section("investment", "Equity deals: angels in the county, VCs in the external metros, with home bias.", [&] {
    auto& i = p.investment;
    v.real("angel_capital_k", i.angel_capital_k, {0, 1e7}, "GBP thousand", "Capital each angel can invest over the run");
    v.real("angel_ticket_k", i.angel_ticket_k, {1, 1e6}, "GBP thousand", "Size of an angel deal");
    v.real("angel_deals_per_year", i.angel_deals_per_year, {0, 100}, "1/year", "Deals an angel looks to make a year");
    v.real("vc_capital_k", i.vc_capital_k, {0, 1e8}, "GBP thousand", "Capital each VC fund can invest over the run");
    v.real("vc_ticket_k", i.vc_ticket_k, {1, 1e7}, "GBP thousand", "Size of a VC deal");
    v.real("vc_deals_per_year", i.vc_deals_per_year, {0, 1000}, "1/year", "Deals a VC fund looks to make a year");
    v.real("vc_home_market", i.vc_home_market, {0, 1e7}, "start-ups",
           "Start-ups a VC can fund in its own metro instead, weighted like a hub at zero distance");
    v.real("distance_decay_minutes", i.distance_decay_minutes, {1, 1e4}, "minutes",
           "Home bias: an investor's interest in a hub falls by e for every this many minutes of travel");
    v.integer("runway_months", i.runway_months, {0, 240}, "months", "How long a deal keeps a start-up funded");
    v.real("funded_closure_factor", i.funded_closure_factor, {0, 1}, "",
           "Closure hazard of a funded start-up, relative to an unfunded one");
    v.real("funded_growth_per_year", i.funded_growth_per_year, {0, 5}, "1/year",
           "Extra demand growth of a funded start-up");
  });
  v.section("output", "What the run file records besides the monthly outcomes.", [&] {
    v.integer("snapshot_every_months", p.output.snapshot_every_months, {0, 1200}, "months",
              "Write every worker's and firm's position and state every this many months (0 = never)");
  });
}

core::HubGraph build_graph(const Params& p) {
  std::vector<core::HubNode> nodes;
  for (const auto& h : p.hubs) nodes.push_back({h.name, h.kind, h.lat, h.lon});
  return core::HubGraph(nodes, p.links);
}

}  // namespace hubsim::model
