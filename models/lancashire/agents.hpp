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

  template <class F>
  void for_each_column(F&& f) {
    f(hub), f(stage), f(age_months), f(demand), f(employees), f(vacancies), f(layoff_share);
  }
};

using Workers = core::AgentStore<WorkerColumns>;
using Firms = core::AgentStore<FirmColumns>;

}  // namespace hubsim::model
