#pragma once
/// The mechanisms of one monthly step, in the order the model schedules them. Each is a free
/// function over the world's columns; each writes only its own rows (agent or hub) or atomic
/// integer tallies, so any thread count gives the same result.
#include "models/lancashire/world.hpp"
#include "sim/core/scheduler.hpp"

namespace hubsim::model {

/// Graduates (in the graduation month), apprentices and bootcamp starters enter.
void talent_entry(World& w, const core::PhaseContext& ctx);
/// Workers age and retire; bootcamps finish; employees gain skills with experience.
void workforce(World& w, const core::PhaseContext& ctx);
/// Anchors' digital posts follow their schedules; their spend on digital services is set.
void anchor_plans(World& w, const core::PhaseContext& ctx);
/// Firms age, launch or give up (pre-start), close, exit, scale up; demand for staff moves.
void firm_dynamics(World& w, const core::PhaseContext& ctx);
/// Anchors' and other sectors' spend on digital services reaches firms, near ones first.
void contracts(World& w, const core::PhaseContext& ctx);
/// Firms pick a knowledge partner: a firm or anchor, near hubs and strong links first.
void knowledge_search(World& w, const core::PhaseContext& ctx);
/// Firms learn capabilities from attractive partners and gain productivity (SKIN-style).
void knowledge_exchange(World& w, const core::PhaseContext& ctx);
/// Employees of closed or shrinking firms, and quitters, leave their jobs.
void separations(World& w, const core::PhaseContext& ctx);
/// Each job seeker applies to one hub within commuting reach, drawn by vacancies and distance.
void job_search(World& w, const core::PhaseContext& ctx);
/// Each hub matches its applicants to its firms' vacancies, skills permitting, in a random fixed order.
void matching(World& w, const core::PhaseContext& ctx);
/// Anchors fill posts left open too long from outside the county.
void anchor_recruitment(World& w, const core::PhaseContext& ctx);
/// Seekers who found nothing for too long, and some employees, leave; some leavers come back.
void migration(World& w, const core::PhaseContext& ctx);
/// Investors with capital decide whether to look for a deal this month, and at which hub.
void deal_search(World& w, const core::PhaseContext& ctx);
/// Each hub gives its investors' offers to unfunded start-ups, in a random but fixed order.
void deal_making(World& w, const core::PhaseContext& ctx);
/// Firms short of talent or space move to a neighbouring hub.
void relocation(World& w, const core::PhaseContext& ctx);
/// New ventures: organic, sparked by collaborations, and university spin-outs; limited by space.
void firm_births(World& w, const core::PhaseContext& ctx);
/// Recount staff, drop dead rows, record the month's outcomes.
void bookkeeping(World& w, const core::PhaseContext& ctx);

/// Worker `r` leaves for an external metro chosen by pull (from the separations or migration phase).
void leave_county(World& w, std::size_t r, core::Rng& rng);

/// Monthly probability equivalent to an annual one.
double monthly(double per_year);

}  // namespace hubsim::model
