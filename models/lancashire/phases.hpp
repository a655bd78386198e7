#pragma once
/// The mechanisms of one monthly step, in the order the model schedules them. Each is a free
/// function over the world's columns; each writes only its own rows (agent or hub) or atomic
/// integer tallies, so any thread count gives the same result.
#include "models/lancashire/world.hpp"
#include "sim/core/scheduler.hpp"

namespace hubsim::model {

/// Graduates (in the graduation month) and re-skilled adults enter as job seekers.
void talent_entry(World& w, const core::PhaseContext& ctx);
/// Firms age, may close, grow or shrink their demand for staff, and post vacancies.
void firm_dynamics(World& w, const core::PhaseContext& ctx);
/// Employees of closed or shrinking firms, quitters and retirees leave their jobs.
void separations(World& w, const core::PhaseContext& ctx);
/// Each job seeker applies to one hub within commuting reach, drawn by vacancies and distance.
void job_search(World& w, const core::PhaseContext& ctx);
/// Each hub matches its applicants to its firms' vacancies, in a random but fixed queue order.
void matching(World& w, const core::PhaseContext& ctx);
/// Seekers who found nothing for too long, and some employees, leave for Manchester or London.
void migration(World& w, const core::PhaseContext& ctx);
/// Investors with capital decide whether to look for a deal this month, and at which hub.
void deal_search(World& w, const core::PhaseContext& ctx);
/// Each hub gives its investors' offers to unfunded start-ups, in a random but fixed order.
void deal_making(World& w, const core::PhaseContext& ctx);
/// New start-ups are born at each hub, limited by its incubation space.
void firm_births(World& w, const core::PhaseContext& ctx);
/// Recount staff, drop dead rows, record the month's outcomes.
void bookkeeping(World& w, const core::PhaseContext& ctx);

}  // namespace hubsim::model
