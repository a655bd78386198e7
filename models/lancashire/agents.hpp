#pragma once
/// The agents of the Lancashire model as columns: rows, not objects (STYLE.md).
#include <cstdint>
#include <limits>
#include <vector>

#include "sim/core/agent_store.hpp"
#include "sim/core/hub_graph.hpp"

namespace hubsim::model {

enum class WorkerStatus : std::uint8_t { seeking, employed, left_county, retired, in_training };
enum class Skill : std::uint8_t { entry, graduate, experienced };
/// How a worker came into the digital labour market (for retention and recruitment outcomes).
enum class Origin : std::uint8_t { initial, graduate, apprentice, reskilled, in_migrant };

inline constexpr std::uint32_t kNoFirm = std::numeric_limits<std::uint32_t>::max();
/// Partners at or above this are anchors: kAnchorPartner + anchor index.
inline constexpr std::uint32_t kAnchorPartner = kNoFirm - 256;
inline constexpr core::HubIndex kNoHub = std::numeric_limits<core::HubIndex>::max();

struct WorkerColumns {
  std::vector<core::HubIndex> home;      ///< where the worker lives (an external metro once left)
  std::vector<core::HubIndex> applied;   ///< hub applied to this month, or kNoHub
  std::vector<WorkerStatus> status;
  std::vector<std::uint16_t> months_searching;
  std::vector<std::uint32_t> employer;   ///< firm row (remapped when firms compact), or kNoFirm
  std::vector<std::uint32_t> priority;   ///< random queue position in this month's matching
  std::vector<Skill> skill;
  std::vector<Origin> origin;
  std::vector<std::uint8_t> underrepresented;  ///< 1 if from an under-represented group
  std::vector<std::uint16_t> age_months;
  std::vector<std::uint16_t> months_employed;  ///< at the current skill level, for progression
  std::vector<std::uint16_t> entered_step;     ///< step the worker entered the market (0 for the initial workforce)
  std::vector<core::HubIndex> university;      ///< graduates: hub they graduated at (for destinations), else kNoHub
  /// Exponential clocks (integrated hazard): each is an Exp(1) draw made when the worker enters a
  /// state, worn down every month by the hazard in force; the event happens when it runs out.
  /// The same discrete-time process as a Bernoulli draw each month with p = 1 - exp(-hazard),
  /// but one draw per event instead of one per month (docs/PERFORMANCE.md).
  std::vector<float> status_clock;   ///< employed: leaving the job; left the county: coming back
  std::vector<float> retire_clock;   ///< retiring, worn down from age 55

  template <class F>
  void for_each_column(F&& f) {
    f(home), f(applied), f(status), f(months_searching), f(employer), f(priority), f(skill), f(origin),
        f(underrepresented), f(age_months), f(months_employed), f(entered_step), f(university), f(status_clock),
        f(retire_clock);
  }
};

/// Incubated: a start-up occupying incubation space at its hub (B widens the spokes'); start-up:
/// the rest of its first firms.startup_months; scale-up: a label for firms growing 20%+ a year
/// (the strategy's definition), with no growth of its own; anchor: an anchor's digital posts.
enum class FirmStage : std::uint8_t { incubated, startup, scaleup, established, anchor };
inline constexpr std::size_t kFirmStages = 5;
enum class FirmFate : std::uint8_t { alive, closed, exited };
inline constexpr std::uint8_t kNoAnchor = 0xFF;

/// Firms are businesses with sales: organic sales in their sector's market plus contracts from
/// anchors and other sectors. Staff follow sales through revenue per job (productivity / GVA
/// share); GVA follows from what staff produce and the firm sells.
struct FirmColumns {
  std::vector<core::HubIndex> hub;
  std::vector<FirmStage> stage;
  std::vector<std::uint16_t> age_months;  ///< months since launch
  std::vector<std::int16_t> launched;     ///< step of launch (negative: months before the run)
  std::vector<float> sales_k;           ///< organic sales, GBP thousand/year (annual rate)
  std::vector<float> contract_k;        ///< contract revenue from anchors and other sectors, GBP thousand/year
  std::vector<float> growth;            ///< this year's organic log growth rate (redrawn each anniversary)
  std::vector<float> growth_factor;     ///< exp(growth / 12): the monthly factor, kept with growth
  std::vector<float> efficiency;        ///< log productivity relative to the UK digital benchmark
  std::vector<float> know_gain;         ///< log productivity gained from collaborations (decays)
  std::vector<float> productivity_k;    ///< GVA per job, GBP thousand/year (benchmark x exp(efficiency + know_gain))
  std::vector<float> demand;            ///< staff the firm wants (anchors: planned posts)
  std::vector<std::int32_t> employees;  ///< recounted from workers each step
  std::vector<std::int32_t> vacancies;  ///< open posts this month
  std::vector<float> layoff_share;      ///< share of staff let go this month (demand fell below staff)
  std::vector<std::uint8_t> sector;     ///< index into Params::sectors
  std::vector<std::uint16_t> runway;    ///< months of funding left from equity deals
  std::vector<float> funding_k;         ///< equity raised so far, GBP thousand
  std::vector<std::uint8_t> anchor;     ///< index into Params::anchors for anchor employers, else kNoAnchor
  std::vector<std::uint64_t> kene;      ///< capability profile: a set of 64 capabilities (SKIN's kene, simplified)
  std::vector<std::uint32_t> partner;   ///< this month's knowledge partner: firm row, kAnchorPartner + anchor, or kNoFirm
  std::vector<std::int32_t> staff_year_ago;   ///< staff at the last anniversary
  std::vector<std::int32_t> staff_2y_ago;     ///< ... the one before
  std::vector<std::int32_t> staff_3y_ago;     ///< ... and the one before that (OECD scale-ups)
  std::vector<float> revenue_year_ago;  ///< GBP thousand/year, at the last anniversary
  std::vector<std::uint8_t> unfilled_months;  ///< consecutive months with posts left unfilled
  std::vector<FirmFate> fate;           ///< why a dead row died (read by bookkeeping before compaction)
  std::vector<std::uint8_t> new_scaleup;  ///< 1 in the month it became a scale-up
  std::vector<std::uint8_t> oecd_scaleup; ///< 1 from an anniversary with 10+ staff 3 years before and 20%+ a year since

  template <class F>
  void for_each_column(F&& f) {
    f(hub), f(stage), f(age_months), f(launched), f(sales_k), f(contract_k), f(growth), f(growth_factor), f(efficiency), f(know_gain),
        f(productivity_k), f(demand), f(employees), f(vacancies), f(layoff_share), f(sector), f(runway), f(funding_k),
        f(anchor), f(kene), f(partner), f(staff_year_ago), f(staff_2y_ago), f(staff_3y_ago), f(revenue_year_ago),
        f(unfilled_months), f(fate), f(new_scaleup), f(oecd_scaleup);
  }
};

enum class InvestorKind : std::uint8_t { angel, angel_network, venture_capital, public_capital };

struct InvestorColumns {
  std::vector<core::HubIndex> home;
  std::vector<InvestorKind> kind;
  std::vector<double> capital_k;        ///< left to invest, GBP thousand
  std::vector<std::uint32_t> deals;     ///< deals made so far
  std::vector<core::HubIndex> target;   ///< hub where this month's offer goes, or kNoHub
  std::vector<std::uint32_t> priority;  ///< random queue position among the hub's offers

  template <class F>
  void for_each_column(F&& f) {
    f(home), f(kind), f(capital_k), f(deals), f(target), f(priority);
  }
};

using Workers = core::AgentStore<WorkerColumns>;
using Firms = core::AgentStore<FirmColumns>;
using Investors = core::AgentStore<InvestorColumns>;

}  // namespace hubsim::model
