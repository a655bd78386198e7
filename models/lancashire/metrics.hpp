#pragma once
/// Monthly outcomes by hub, recorded at the end of every step, turned into RunData at the end.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/io/run_data.hpp"

namespace hubsim::model {

/// The recorded variables, in output order.
enum class Metric : std::size_t {
  employment, firms, startups, scaleups, vacancies, job_seekers, graduates, apprentices, reskilled, hires, firm_births,
  spinouts, firm_closures, firm_exits, new_scaleups, relocations, leavers, returners, in_migrants, retirements, deals,
  capital_invested, collaborations, anchor_jobs, anchor_local_hires, count
};

struct MetricInfo {
  const char* name;
  const char* long_name;
  const char* units;
  /// CF cell_methods: "time: point (end of month)" for end-of-month states, "time: sum" for
  /// this month's totals; nullptr: the run-file writer infers it from long_name ("end of month",
  /// "this month"; sim/io/FORMAT.md).
  const char* cell_methods = nullptr;
};
const MetricInfo& metric_info(Metric m);

class Metrics {
 public:
  Metrics(std::size_t hubs, std::size_t steps) : hubs_(hubs), steps_(steps),
      data_(static_cast<std::size_t>(Metric::count) * hubs * steps, 0) {}
  std::int64_t& at(Metric m, std::size_t step, std::size_t hub) {
    return data_[(static_cast<std::size_t>(m) * steps_ + step) * hubs_ + hub];
  }
  std::int64_t at(Metric m, std::size_t step, std::size_t hub) const {
    return data_[(static_cast<std::size_t>(m) * steps_ + step) * hubs_ + hub];
  }
  std::size_t steps() const { return steps_; }
  /// Every metric as a (time, hub) integer variable.
  void append_to(io::RunData& out) const;
  /// Saves or restores every recorded month through a checkpoint archive (state.cpp).
  template <class Archive>
  void transfer(Archive& ar);

 private:
  std::size_t hubs_, steps_;
  std::vector<std::int64_t> data_;
};

}  // namespace hubsim::model
