#pragma once
/// The agents of the Lancashire model as columns: rows, not objects (STYLE.md).
#include <cstdint>
#include <limits>
#include <vector>

#include "sim/core/agent_store.hpp"
#include "sim/core/hub_graph.hpp"

namespace hubsim::model {

enum class WorkerStatus : std::uint8_t { seeking, employed, left_county, retired };

inline constexpr std::uint32_t kNoFirm = std::numeric_limits<std::uint32_t>::max();
inline constexpr core::HubIndex kNoHub = std::numeric_limits<core::HubIndex>::max();

struct WorkerColumns {
  std::vector<core::HubIndex> home;      ///< where the worker lives (an external metro once left)
  std::vector<core::HubIndex> applied;   ///< hub applied to this month, or kNoHub
  std::vector<WorkerStatus> status;
  std::vector<std::uint16_t> months_searching;
  std::vector<std::uint32_t> employer;   ///< firm row (remapped when firms compact), or kNoFirm
  std::vector<std::uint32_t> priority;   ///< random queue position in this month's matching

  template <class F>
  void for_each_column(F&& f) {
    f(home), f(applied), f(status), f(months_searching), f(employer), f(priority);
  }
};

enum class FirmStage : std::uint8_t { startup, established };

struct FirmColumns {
  std::vector<core::HubIndex> hub;
  std::vector<FirmStage> stage;
  std::vector<std::uint16_t> age_months;
  std::vector<float> demand;            ///< staff the firm wants (continuous, grows with demand)
  std::vector<std::int32_t> employees;  ///< recounted from workers each step
  std::vector<std::int32_t> vacancies;  ///< open posts this month
  std::vector<float> layoff_share;      ///< share of staff let go this month (demand fell below staff)
  std::vector<std::uint8_t> sector;     ///< index into Params::sectors
  std::vector<std::uint16_t> runway;    ///< months of funding left from equity deals
  std::vector<float> funding_k;         ///< equity raised so far, GBP thousand

  template <class F>
  void for_each_column(F&& f) {
    f(hub), f(stage), f(age_months), f(demand), f(employees), f(vacancies), f(layoff_share), f(sector), f(runway),
        f(funding_k);
  }
};

enum class InvestorKind : std::uint8_t { angel, venture_capital };

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
