#pragma once
/// The mechanisms of one monthly step, in the order the model schedules them. Each is a free
/// function over the world's columns; each writes only its own rows (agent or hub) or atomic
/// integer tallies, so any thread count gives the same result.
#include "models/lancashire/world.hpp"
#include "sim/core/scheduler.hpp"

namespace hubsim::model {

/// Graduates (in the graduation month; each chooses where to look: a county hub in reach or a
/// metro), apprentices and bootcamp starters enter.
void talent_entry(World& w, const core::PhaseContext& ctx);
/// Workers age and retire; bootcamps finish; employees gain skills with experience.
void workforce(World& w, const core::PhaseContext& ctx);
/// Anchors' digital posts follow their schedules; their spend on digital services is set.
void anchor_plans(World& w, const core::PhaseContext& ctx);
/// anchor_plans' work for `month`.
void plan_anchors(World& w, core::Month month);
/// Before the first month: anchors' and other sectors' contracts are placed in full, the initial
/// firms' organic sales are what their staff produce beyond them, and each sector's market
/// starts at its firms' organic sales.
void settle_initial_sales(World& w);
/// Firms age, close (by age, size, productivity), are acquired, grow their sales in their
/// sector's market; staff wanted follow revenue per job.
void firm_dynamics(World& w, const core::PhaseContext& ctx);
/// Anchors' and other sectors' spend on digital services reaches firms, near ones first.
void contracts(World& w, const core::PhaseContext& ctx);
/// The contracts phase's work; `settle` takes this month's revenue whole instead of smoothing it
/// (used once before the first month, so that the initial firms' sales include their contracts).
void distribute_contracts(World& w, bool settle);
/// Firms pick a knowledge partner: a firm or anchor, near hubs and strong links first.
void knowledge_search(World& w, const core::PhaseContext& ctx);
/// Firms learn capabilities from attractive partners and gain productivity (SKIN-style).
void knowledge_exchange(World& w, const core::PhaseContext& ctx);
/// Employees of closed or shrinking firms, and quitters, leave their jobs; employees take
/// better-paid offers from the metros.
void separations(World& w, const core::PhaseContext& ctx);
/// Each job seeker applies to one hub within commuting reach, drawn by vacancies and distance.
void job_search(World& w, const core::PhaseContext& ctx);
/// Each hub matches its applicants to its firms' vacancies, skills permitting, in a random fixed
/// order; an applicant applies to several firms and takes the best-paid offer.
void matching(World& w, const core::PhaseContext& ctx);
/// Anchors fill posts left open too long from outside the county.
void anchor_recruitment(World& w, const core::PhaseContext& ctx);
/// Seekers who found nothing for too long leave; leavers come back as county pay and posts allow.
void migration(World& w, const core::PhaseContext& ctx);
/// Investors with capital decide whether to look for a deal this month, and at which hub.
void deal_search(World& w, const core::PhaseContext& ctx);
/// Each hub gives its investors' offers to start-ups and scale-ups not yet funded, in a random but fixed order.
void deal_making(World& w, const core::PhaseContext& ctx);
/// Firms short of talent or space move to a neighbouring hub.
void relocation(World& w, const core::PhaseContext& ctx);
/// New firms: a rate of each hub's and sector's active stock, sparked by collaborations, and
/// spin-outs from universities and anchors; incubated where the hub has space.
void firm_births(World& w, const core::PhaseContext& ctx);
/// Recount staff, drop dead rows, record the month's outcomes.
void bookkeeping(World& w, const core::PhaseContext& ctx);

/// Worker `r` leaves for external metro `dest` (chosen by earnings: destinations.hpp); the clock
/// for coming back is drawn from `rng`, the worker's own stream.
void leave_county(World& w, std::size_t r, core::HubIndex dest, core::Rng& rng);

/// Monthly probability equivalent to an annual one.
double monthly(double per_year);

}  // namespace hubsim::model
