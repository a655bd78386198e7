// Every parameter of the Lancashire model: key, valid range, unit and meaning, in one place.
// Values and their sources are in configs/lancashire.yaml; the strategy is cited by section.
#include <algorithm>
#include <cmath>
#include <set>

#include "models/lancashire/params.hpp"

namespace hubsim::model {
namespace {

void describe_hub(io::ParamVisitor& v, HubParams& h) {
  v.at_start_only([&] {
    v.text("name", h.name, "Hub name, used by links and by `--set hubs.<name>.<field>`");
    v.enumeration("kind", h.kind, kHubKindNames,
                  "Role in the strategy's hub-and-spoke model (The Lancashire model; Digital Ecosystem: Aims)");
    v.real("lat", h.lat, {49, 61}, "degrees", "Latitude (WGS84) of the hub's centre");
    v.real("lon", h.lon, {-8, 2}, "degrees", "Longitude (WGS84) of the hub's centre");
    v.integer("digital_jobs", h.digital_jobs, {0, 1e7}, "jobs", "Digital jobs at firms located here at the start");
  });
  v.integer("incubation_space", h.incubation_space, {0, 1e6}, "firms",
            "Start-ups the hub can incubate at once (incubated start-ups grow faster); it does not limit births");
  v.integer("graduates_per_year", h.graduates_per_year, {0, 1e6}, "people/year",
            "Digitally skilled graduates entering the labour market here each graduation month");
  v.real("earnings_index", h.earnings_index, {0, 10}, "",
         "External metros only: digital earnings there / earnings.uk_median_k (DCMS 2018: London 46.5/36.3 = 1.28)");
  v.real("living_cost_k", h.living_cost_k, {0, 100}, "GBP thousand/year",
         "External metros only: extra cost of living there (mostly housing) over the county; an uncertain judgement");
  v.real("offer_chance", h.offer_chance, {0, 1}, "",
         "External metros only: chance that looking for work there ends in an offer (the county's follows from posts and seekers)");
  v.at_start_only([&] {
    v.integer("investors", h.investors, {0, 1e5}, "investors",
              "Investors based here: business angels at county hubs, venture capital funds at external metros");
  });
}

void describe_sector(io::ParamVisitor& v, SectorParams& s) {
  v.text("name", s.name, "Sector name (Strategy, Digital Sector Action Plan: its six digital sectors)");
  v.real("share", s.share, {0, 1}, "", "Share of firms in this sector, at the start and among new firms");
}

void describe_link(io::ParamVisitor& v, LinkParams& l) {
  v.text("from", l.from, "Hub at one end");
  v.text("to", l.to, "Hub at the other end");
  v.real("minutes", l.minutes, {1, 1440}, "minutes", "Off-peak road travel time, one way");
  v.real("knowledge_weight", l.knowledge_weight, {0, 100}, "",
         "Strength of knowledge-exchange ties along the link (recorded in the run file; no mechanism uses it yet)");
}

void describe_anchor(io::ParamVisitor& v, AnchorParams& a) {
  v.at_start_only([&] {
    v.text("name", a.name, "Anchor institution (NCF, BAE Systems, AMRC North West, universities, colleges)");
    v.text("hub", a.hub, "Hub the anchor sits at");
    v.enumeration("kind", a.kind, kAnchorKindNames, "What the anchor is");
    v.integer("digital_posts", a.digital_posts, {0, 1e6}, "posts", "Digital posts it has at the start of the run");
    v.text("preferred_sector", a.preferred_sector, "Sector its contracts favour (\"any\" for none)");
  });
  v.integer("posts_target", a.posts_target, {0, 1e6}, "posts",
            "Digital posts it grows to (given from outside: only the NCF's own posts are)");
  v.month("posts_from", a.posts_from, "Month its posts start growing linearly towards the target");
  v.month("posts_by", a.posts_by, "Month by which it reaches the target");
  v.require(!(a.posts_by < a.posts_from), "posts_by", "posts_by must not be before posts_from");
  v.integer("min_skill", a.min_skill, {0, 2}, "", "Lowest skill it hires: 0 entry, 1 graduate, 2 experienced");
  v.real("local_accept", a.local_accept, {0, 1}, "",
         "Chance a qualified local applicant is taken (vetting, security clearance, fit)");
  v.integer("recruit_outside_after_months", a.recruit_outside_after_months, {0, 240}, "months",
            "Posts left unfilled locally this long are filled from outside the county (in-migration)");
  v.real("procurement_k_per_post", a.procurement_k_per_post, {0, 1e5}, "GBP thousand/year",
         "Its spend on digital services per post");
  v.real("base_procurement_m", a.base_procurement_m, {0, 1e5}, "GBP m/year", "Its spend on digital services besides that");
  v.real("local_share", a.local_share, {0, 1}, "", "Share of that spend that reaches Lancashire's digital firms");
  v.real("spinouts_per_year", a.spinouts_per_year, {0, 1000}, "firms/year", "Start-ups it spins out at its hub");
  v.real("knowledge_weight", a.knowledge_weight, {0, 1e4}, "firm-equivalents",
         "How attractive it is as a knowledge partner, in firm-equivalents of its hub");
}

/// What each intervention of the strategy acts on (never an outcome directly).
constexpr std::array<std::string_view, kInterventions> kInterventionDocs = {
    "A. Supply-chain engagement with NCF and the Innovation Enterprise Hub: enterprise-hub anchors' local_share + effect (share points)",
    "B. Innovation Driven Enterprises in the spokes: + effect incubation places, shared among the spokes by their own space",
    "C. Demonstrators and MVPs with adjacent sectors: other sectors' spend on local digital services + effect (GBP m/year)",
    "D. Cross-sector peer-to-peer learning networks: county collaboration rate x (1 + effect) (participants only, averaged over firms)",
    "E. Supply chain with EIC and AMRC NW, R&D support: firms of 10+ staff grow + effect a year (log), closure x closure_factor (averaged over them)",
    "F. Regional angel networks (patient capital): effect co-investment rounds a year, through angel networks that join",
    "G. Pipeline of start-up and scale-up support: young firms grow + effect a year (log), closure x closure_factor (averaged over them)",
    "H. Careers inspiration and computer science curriculum: graduates and apprentices x (1 + effect), after a 5-year lag",
    "I. National skills policy campaign: graduates x (1 + effect), after an 8-year lag",
    "J. Flexible delivery such as digital bootcamps: + effect re-skilled entrants a year (starts x completion x not already digital)",
    "K. CPD for recruitment and retention: outside job offers x (1 - effect), skills gained faster x (1 + effect) (trained cohort, averaged)",
    "L. Equality, diversity and inclusion: + effect re-skilled entrants a year from under-represented groups",
    "M. North West Cyber Corridor strengths: VCs' home-market weight x (1 - effect), cyber firms' sales growth + effect / 30 a year",
    "N. National and international marketing: + effect experienced in-migrants a year, as job seekers"};

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
  v.at_start_only([&] { v.section("population", "The synthetic population at the start of the run.", [&] {
    auto& s = p.population;
    v.real("scale", s.scale, {0.001, 100}, "agents/person",
           "Agents per real person; counts in the output are agents, so divide by this for people");
    v.real("firm_size_alpha", s.firm_size_alpha, {0.5, 5}, "",
           "Pareto tail index of initial firm sizes (staff >= 1), set so that the share of firms with 1-9 staff is the digital sector's");
    v.real("max_firm_size", s.max_firm_size, {1, 1e5}, "jobs",
           "Largest initial non-anchor firm; each hub has round(jobs / mean size) firms, the mean following from alpha and this");
    v.real("seeker_share", s.seeker_share, {0, 1}, "seekers/job",
           "Job seekers with digital skills per digital job at the start");
  }); });
  v.table("hubs", "The hubs: Samlesbury, the five spokes, the rest of the county and the external metros.",
          io::table_of(p.hubs, describe_hub, "name", &HubParams::name));
  v.at_start_only([&] {
    v.table("links", "Road links between hubs; travel times between any two hubs are shortest paths over these.",
            io::table_of(p.links, describe_link));
  });
  std::string problem;
  const bool links_ok = links_join_known_hubs(p, problem);  // before `problem` is read
  v.require(links_ok, "links", problem);
  v.require(std::count_if(p.hubs.begin(), p.hubs.end(),
                          [](const HubParams& h) { return h.kind != HubKind::external_metro; }) > 0,
            "hubs", "at least one hub must be inside the county");
  v.section("talent", "The talent pipeline: who enters the digital labour market, and when.", [&] {
    auto& t = p.talent;
    v.integer("graduation_month", t.graduation_month, {1, 12}, "month", "Month in which graduates enter");
    v.real("reskilled_per_year", t.reskilled_per_year, {0, 1e6}, "people/year",
           "Adults starting bootcamps and re-skilling, spread over the year and the hubs by jobs");
    v.real("apprentices_per_year", t.apprentices_per_year, {0, 1e6}, "people/year", "Digital apprentices entering at entry level");
    v.integer("bootcamp_months", t.bootcamp_months, {0, 60}, "months", "Length of a bootcamp before its people look for work");
    v.at_start_only([&] {
      v.real("initial_age_min", t.initial_age_min, {14, 80}, "years", "Youngest worker at the start");
      v.real("initial_age_max", t.initial_age_max, {14, 80}, "years", "Oldest worker at the start");
    });
    v.real("retirement_age", t.retirement_age, {50, 90}, "years", "Age by which everyone has retired (hazard rises from 55)");
  });
  v.section("labour", "The labour market: search within commuting reach, churn and retirement.", [&] {
    auto& l = p.labour;
    v.real("commute_minutes", l.commute_minutes, {0, 600}, "minutes",
           "Longest one-way commute a job seeker accepts; hubs farther away are out of reach");
    v.real("distance_decay_minutes", l.distance_decay_minutes, {1, 600}, "minutes",
           "A seeker's preference for a hub falls by e for every this many minutes of travel");
    v.real("quit_rate_per_year", l.quit_rate_per_year, {0, 1}, "1/year", "Employees who quit to search again");
    v.real("retire_rate_per_year", l.retire_rate_per_year, {0, 1}, "1/year",
           "Workers aged 55 or more leaving the workforce each year (everyone leaves at talent.retirement_age)");
    v.integer("applications_per_month", l.applications_per_month, {1, 20}, "firms",
              "Firms a seeker applies to in a month at the hub they look at; they take the best-paid offer");
  });
  v.section("earnings", "Earnings: county firms pay a share of their GVA per job, by skill; the metros pay an index of the UK digital median.", [&] {
    auto& e = p.earnings;
    v.real("labour_share", e.labour_share, {0, 2}, "",
           "Annual earnings of a reference-skill worker / the firm's GVA per job (x skills.*_pay by skill); [E] set so "
           "county pay runs ~10% below the UK digital median (Lancashire pay 9-11% below the UK's, Lancashire Insight)");
    v.real("uk_median_k", e.uk_median_k, {1, 1e3}, "GBP thousand/year",
           "UK digital median earnings at the start (DCMS Digital Sector Economic Estimates: GBP 36.3k in 2018, uprated); "
           "metros pay hubs[].earnings_index x this, growing with economy.productivity_growth_per_year");
    v.real("minimum_k", e.minimum_k, {0, 1e3}, "GBP thousand/year",
           "Floor on a county job's annual earnings: the National Living Wage full time (GBP 9.50/hour from April 2022 x 37.5 h x 52)");
  });
  v.section("firms", "Firm demography and growth: births, closures by age and size, growth of sales, scale-ups, acquisitions.", [&] {
    auto& f = p.firms;
    v.real("birth_rate_per_year", f.birth_rate_per_year, {0, 2}, "1/year",
           "New firms a year per active firm, by hub and sector (ONS business demography birth rate)");
    v.real("startup_size", f.startup_size, {1, 100}, "jobs", "Staff a new firm starts with; its sales are set to match");
    v.integer("incubation_months", f.incubation_months, {0, 120}, "months",
              "Months a new firm stays in its hub's incubation space, if a place is free when it is born");
    v.real("incubated_closure_factor", f.incubated_closure_factor, {0, 2}, "",
           "Closure hazard of an incubated start-up relative to one outside");
    v.real("incubated_growth_per_year", f.incubated_growth_per_year, {-1, 1}, "1/year",
           "Extra log growth of an incubated start-up's sales");
    v.real("closure_year1", f.closure_year1, {0, 1}, "1/year", "Closure hazard in a firm's first year (ONS survival tables)");
    v.real("closure_year2", f.closure_year2, {0, 1}, "1/year", "... in its second year");
    v.real("closure_year3", f.closure_year3, {0, 1}, "1/year", "... in its third year");
    v.real("closure_year4", f.closure_year4, {0, 1}, "1/year", "... in its fourth year");
    v.real("closure_year5", f.closure_year5, {0, 1}, "1/year", "... in its fifth year");
    v.real("closure_older", f.closure_older, {0, 1}, "1/year", "... from its sixth year on");
    v.real("closure_size_elasticity", f.closure_size_elasticity, {0, 3}, "",
           "Closure hazard x (staff / 5)^-this for firms above 5 staff: larger firms close less often, but can close");
    v.real("closure_productivity_elasticity", f.closure_productivity_elasticity, {0, 5}, "",
           "Closure hazard x (productivity / hub mean)^-this: selection of the less productive");
    v.real("young_growth_per_year", f.young_growth_per_year, {-1, 2}, "1/year",
           "Mean log growth of organic sales of firms younger than startup_months (older firms: 0, before market pressure)");
    v.real("growth_scale", f.growth_scale, {0, 5}, "",
           "Laplace scale of a firm's annual log sales growth at one employee (redrawn each anniversary)");
    v.real("growth_size_exponent", f.growth_size_exponent, {0, 1}, "",
           "The scale falls as staff^-this: bigger firms grow more steadily");
    v.real("micro_growth_autocorrelation", f.micro_growth_autocorrelation, {-1, 1}, "",
           "Share of last year's growth carried into this year's for firms under 10 staff (negative: growth spurts reverse)");
    v.real("growth_size_drag", f.growth_size_drag, {0, 1}, "1/year",
           "Mean annual log growth falls by this for each unit of ln(staff / 10) above 10 staff: growth declines with size");
    v.real("vacancy_cap", f.vacancy_cap, {0, 10}, "vacancies/employee",
           "Sales cannot outrun what staff x (1 + this) + startup_size can produce: unfilled posts cost sales");
    v.real("layoff_tolerance", f.layoff_tolerance, {0, 2}, "",
           "Labour hoarding: a firm lays staff off only when it has more than (1 + this) x the staff its revenue pays for");
    v.integer("startup_months", f.startup_months, {1, 240}, "months", "Age at which a start-up counts as established");
    v.integer("scaleup_min_staff", f.scaleup_min_staff, {1, 1e4}, "jobs", "Smallest firm that can count as a scale-up (OECD: 10)");
    v.real("scaleup_growth", f.scaleup_growth, {0, 10}, "1/year",
           "Year-on-year growth in jobs and revenue that labels a scale-up (Strategy, Strategic Imperatives: 20%+); the label has no effect on growth");
    v.real("exit_rate_per_year", f.exit_rate_per_year, {0, 1}, "1/year",
           "Acquisitions of scale-ups and funded firms; the firm carries on, unfunded, as an established firm");
    v.real("relocation_rate_per_year", f.relocation_rate_per_year, {0, 1}, "1/year",
           "Chance a year that a firm short of talent (posts unfilled for relocation_patience_months) moves to a hub within commuting reach; incubated firms stay");
    v.integer("relocation_patience_months", f.relocation_patience_months, {1, 240}, "months",
              "Months of unfilled posts before a firm considers moving");
  });
  v.section("migration", "Choices between the county and the metros (Greater Manchester, London), driven by earnings.", [&] {
    auto& m = p.migration;
    v.integer("patience_months", m.patience_months, {0, 240}, "months",
              "Months of fruitless search before a seeker considers leaving");
    v.real("unmatched_leave_rate_per_month", m.unmatched_leave_rate_per_month, {0, 1}, "1/month",
           "Chance per month that an impatient seeker leaves the county (for a metro chosen by the logit over net pay)");
    v.real("outside_offers_per_year", m.outside_offers_per_year, {0, 12}, "1/year",
           "Offers of work in a metro an employee receives a year (x (1 - K)); taken if net pay beats pay here + home ties "
           "([E]: a fraction of the ~9% who change jobs a year, ONS job changers and stayers 2019)");
    v.real("offer_dispersion", m.offer_dispersion, {0, 3}, "",
           "Standard deviation of log outside offers around the metro's pay for the skill (mean-preserving)");
    v.real("moving_cost_k", m.moving_cost_k, {0, 100}, "GBP thousand/year per hour",
           "Annualised cost of a move, per hour of travel between origin and metro");
    v.real("home_tie_k", m.home_tie_k, {-100, 100}, "GBP thousand/year",
           "Value of staying near home ties (family, partner, networks), added to county options; [E] calibrated so that "
           "~55-60% of graduates are in the county a year on (58% of UK graduates work in their region of study: AGCAS/Prospects, DLHE 2016/17)");
    v.real("choice_scale_k", m.choice_scale_k, {0.01, 1000}, "GBP thousand/year",
           "Logit scale of destination choices: the spread of tastes; utilities are divided by this");
    v.real("county_nest", m.county_nest, {0.01, 1}, "",
           "Nested-logit parameter of the county's hubs in graduates' choice: 1 = plain logit; smaller = hubs closer substitutes");
    v.real("return_rate_per_year", m.return_rate_per_year, {0, 1}, "1/year",
           "Leavers coming back a year when county offers are sure and a county job is worth what the metro is "
           "(x county offer chance x 2 logistic(pay gap / choice_scale_k))");
  });
  v.at_start_only([&] {
    v.table("sectors", "The digital sectors a firm can belong to; shares must sum to 1.",
            io::table_of(p.sectors, describe_sector, "name", &SectorParams::name));
  });
  double share_sum = 0;
  for (const auto& s : p.sectors) share_sum += s.share;
  v.require(std::abs(share_sum - 1.0) < 1e-6, "sectors", "sector shares must sum to 1");
  v.require(p.sectors.size() <= 32, "sectors", "at most 32 sectors");
  v.section("investment", "Equity deals: angels in the county, VCs in the external metros, with home bias.", [&] {
    auto& i = p.investment;
    v.real("angel_capital_k", i.angel_capital_k, {0, 1e7}, "GBP thousand", "Capital each angel can invest over the run");
    v.real("angel_ticket_k", i.angel_ticket_k, {1, 1e6}, "GBP thousand", "Size of an angel deal");
    v.real("angel_deals_per_year", i.angel_deals_per_year, {0, 100}, "1/year", "Deals an angel looks to make a year");
    v.real("network_round_k", i.network_round_k, {1, 1e6}, "GBP thousand",
           "Size of an angel network's co-investment round (intervention F); a network makes one a year");
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
           "Extra log growth of a funded firm's sales while its runway lasts");
  });
  v.section("skills", "Skill levels: entry (bootcamps, apprentices), graduate, experienced.", [&] {
    auto& k = p.skills;
    v.real("entry_pay", k.entry_pay, {0, 10}, "", "Earnings of an entry-level worker relative to the reference (median) worker");
    v.real("graduate_pay", k.graduate_pay, {0, 10}, "", "... of a graduate-level worker");
    v.real("experienced_pay", k.experienced_pay, {0, 10}, "", "... of an experienced worker");
    v.real("graduate_accept", k.graduate_accept, {0, 1}, "", "Chance a firm takes a graduate-level applicant (experienced: 1)");
    v.real("entry_accept", k.entry_accept, {0, 1}, "", "Chance a firm takes an entry-level applicant");
    v.integer("months_to_graduate_level", k.months_to_graduate_level, {1, 600}, "months", "Employed months from entry to graduate level");
    v.integer("months_to_experienced", k.months_to_experienced, {1, 600}, "months", "Employed months from graduate level to experienced");
    v.at_start_only([&] {
      v.real("initial_experienced_share", k.initial_experienced_share, {0, 1}, "", "Experienced share of the initial workforce");
    });
    v.real("underrepresented_share", k.underrepresented_share, {0, 1}, "", "Share of entrants from under-represented groups");
  });
  v.section("knowledge", "Knowledge exchange: SKIN-style recombination of firms' capability profiles across hubs.", [&] {
    auto& k = p.knowledge;
    v.real("collaborations_per_firm_per_year", k.collaborations_per_firm_per_year, {0, 100}, "1/year", "Partner searches a firm starts a year");
    v.real("distance_decay_minutes", k.distance_decay_minutes, {1, 1e4}, "minutes", "Partner choice falls by e for every this many minutes, scaled by the link's knowledge weight");
    v.real("attractiveness_threshold", k.attractiveness_threshold, {0, 1}, "", "Progressive attractiveness (SKIN) a partner needs for learning to happen");
    v.real("productivity_gain", k.productivity_gain, {0, 1}, "", "Log productivity gained per capability learned");
    v.real("anchor_partner_weight", k.anchor_partner_weight, {0, 1}, "", "Extra log gain when the partner is an anchor; also the efficiency premium of anchors' spin-outs");
    v.real("gain_depreciation_per_year", k.gain_depreciation_per_year, {0, 5}, "1/year",
           "Collaboration gains wear off at this rate (knowledge depreciation)");
    v.real("births_per_collaboration", k.births_per_collaboration, {0, 1}, "firms", "New firms sparked per successful collaboration");
  });
  v.section("economy", "Productivity, revenue, the market for the county's digital output, and demand from other sectors.", [&] {
    auto& e = p.economy;
    v.real("national_productivity_k", e.national_productivity_k, {1, 1e4}, "GBP thousand/job/year", "UK digital GVA per job at the start");
    v.real("productivity_growth_per_year", e.productivity_growth_per_year, {-0.5, 0.5}, "1/year", "Growth of the UK benchmark");
    v.at_start_only([&] {
      v.real("initial_productivity_ratio", e.initial_productivity_ratio, {0.01, 10}, "", "Lancashire digital productivity / national at the start");
    });
    v.real("productivity_dispersion", e.productivity_dispersion, {0, 3}, "", "Standard deviation of log productivity across firms at birth");
    v.real("productivity_diffusion_per_year", e.productivity_diffusion_per_year, {0, 1}, "1/year",
           "Share of the gap between a firm's log productivity and its hub's mean closed each year (spillovers)");
    v.real("productivity_drift_per_year", e.productivity_drift_per_year, {-0.2, 0.2}, "1/year",
           "Firms' own log productivity growth relative to the UK benchmark");
    v.real("productivity_shock_sd", e.productivity_shock_sd, {0, 2}, "", "Standard deviation of a firm's annual log productivity shock");
    v.real("gva_share_of_revenue", e.gva_share_of_revenue, {0.05, 1}, "", "GVA / turnover of digital firms: revenue per job = productivity / this");
    v.real("market_growth_per_year", e.market_growth_per_year, {-0.5, 0.5}, "1/year",
           "Real growth of demand for each sector's organic sales (the market the county's firms compete in)");
    v.real("market_adjustment_per_year", e.market_adjustment_per_year, {0, 12}, "1/year",
           "Competition: a sector's sales above (below) its market shrink (grow) at this rate x the log gap");
    v.real("county_output_bn", e.county_output_bn, {0.1, 1e4}, "GBP bn/year", "Lancashire GVA, all sectors, at the start");
    v.real("county_output_growth_per_year", e.county_output_growth_per_year, {-0.5, 0.5}, "1/year", "Its trend growth");
    v.real("other_sector_demand_m", e.other_sector_demand_m, {0, 1e5}, "GBP m/year", "Other sectors' spend on local digital services at the start");
    v.real("other_sector_demand_growth_per_year", e.other_sector_demand_growth_per_year, {-0.5, 1}, "1/year", "Its trend growth");
    v.real("contract_distance_decay_minutes", e.contract_distance_decay_minutes, {1, 1e4}, "minutes", "Buyers favour near suppliers: weight falls by e per this many minutes");
  });
  v.table("anchors", "Anchor institutions: they hire, buy digital services, spin out firms and exchange knowledge.",
          io::table_of(p.anchors, describe_anchor, "name", &AnchorParams::name));
  {
    std::string anchor_problem;
    for (const auto& a : p.anchors)
      if (std::none_of(p.hubs.begin(), p.hubs.end(), [&](const HubParams& h) { return h.name == a.hub; }))
        anchor_problem = "anchor " + a.name + " is at unknown hub \"" + a.hub + "\"";
      else if (a.preferred_sector != "any" &&
               std::none_of(p.sectors.begin(), p.sectors.end(), [&](const SectorParams& s) { return s.name == a.preferred_sector; }))
        anchor_problem = "anchor " + a.name + " prefers unknown sector \"" + a.preferred_sector + "\"";
    const bool anchors_ok = anchor_problem.empty();
    v.require(anchors_ok, "anchors", anchor_problem);
  }
  v.section("interventions", "The strategy's interventions A-N (Prioritisation of Potential Interventions). Each acts on one mechanism; intensity 0 switches it off.", [&] {
    for (std::size_t i = 0; i < kInterventions; ++i) {
      const std::string letter(1, static_cast<char>('A' + i));
      auto& iv = p.interventions[i];
      v.section(letter, kInterventionDocs[i], [&] {
        v.month("start", iv.start, "Month the intervention starts");
        v.real("intensity", iv.intensity, {0, 10}, "", "0 = off, 1 = the planned level");
        v.real("ramp_months", iv.ramp_months, {0, 240}, "months", "Months from start to full effect");
        v.real("budget_m", iv.budget_m, {0, 1e4}, "GBP m/year", "Cost while active (reported, not an effect)");
        v.real("effect", iv.effect, {0, 1e4}, "", "Size of the effect at intensity 1, in the unit the intervention's description gives");
        v.real("closure_factor", iv.closure_factor, {0, 2}, "",
               "E and G: closure hazard multiplier at intensity 1 of the firms reached (1 = none; others ignore it)");
      });
    }
  });
  v.at_start_only([&] {
    v.section("output", "What the run file records besides the monthly outcomes.", [&] {
      v.integer("snapshot_every_months", p.output.snapshot_every_months, {0, 1200}, "months",
                "Write every worker's and firm's position and state every this many months (0 = never)");
    });
  });
}

core::HubGraph build_graph(const Params& p) {
  std::vector<core::HubNode> nodes;
  for (const auto& h : p.hubs) nodes.push_back({h.name, h.lat, h.lon});
  std::vector<core::HubLink> roads;
  for (const auto& l : p.links) roads.push_back({l.from, l.to, l.minutes});
  return core::HubGraph(nodes, roads);
}

void Params::describe(io::ParamVisitor& v) { model::describe(v, *this); }

void Params::check(std::string& key) const {
  key = "links";
  (void)build_graph(*this);
}

}  // namespace hubsim::model

namespace hubsim::model {

namespace {
/// How far intervention `iv` has ramped up in `month`, times its intensity (0 before it starts).
double ramped_intensity(const InterventionParams& iv, core::Month month) {
  if (iv.intensity <= 0 || month < iv.start) return 0;
  const double elapsed = static_cast<double>(month - iv.start) + 1;
  const double ramp = iv.ramp_months > 0 ? std::min(1.0, elapsed / iv.ramp_months) : 1.0;
  return iv.intensity * ramp;
}
}  // namespace

double Params::uptake(char letter, core::Month month) const {
  return ramped_intensity(interventions[static_cast<std::size_t>(letter - 'A')], month);
}

double Params::lever(char letter, core::Month month) const {
  const auto& iv = interventions[static_cast<std::size_t>(letter - 'A')];
  return ramped_intensity(iv, month) * iv.effect;
}

double Params::lever_closure(char letter, core::Month month) const {
  const auto& iv = interventions[static_cast<std::size_t>(letter - 'A')];
  return std::max(0.0, 1 - ramped_intensity(iv, month) * (1 - iv.closure_factor));
}

}  // namespace hubsim::model
