#include "models/lancashire/metrics.hpp"

#include <array>

namespace hubsim::model {

const MetricInfo& metric_info(Metric m) {
  static const std::array<MetricInfo, static_cast<std::size_t>(Metric::count)> info = {{
      {"employment", "digital jobs filled at firms located at the hub, end of month", "jobs"},
      {"firms", "active digital firms located at the hub, end of month", "firms"},
      {"startups", "active start-ups (younger than firms.startup_months) at the hub", "firms"},
      {"vacancies", "posts left unfilled at the hub's firms after this month's matching", "posts"},
      {"job_seekers", "digitally skilled people living at the hub and looking for work, end of month", "people"},
      {"graduates", "graduates entering the labour market at the hub this month", "people"},
      {"reskilled", "re-skilled adults entering the digital labour market at the hub this month", "people"},
      {"hires", "job matches made by the hub's firms this month", "people"},
      {"firm_births", "start-ups born at the hub this month", "firms"},
      {"firm_closures", "firms at the hub that closed this month", "firms"},
      {"leavers", "people who left the county for this hub (external metros only) this month", "people"},
      {"retirements", "workers living at the hub who left the workforce this month", "people"},
      {"deals", "equity deals made with start-ups at the hub this month", "deals"},
      {"capital_invested", "equity invested in start-ups at the hub this month", "GBP"},
  }};
  return info[static_cast<std::size_t>(m)];
}

void Metrics::append_to(io::RunData& out) const {
  for (std::size_t m = 0; m < static_cast<std::size_t>(Metric::count); ++m) {
    const auto& info = metric_info(static_cast<Metric>(m));
    io::Variable v{info.name, info.long_name, info.units, {"time", "hub"}, {}, true};
    v.values.reserve(steps_ * hubs_);
    for (std::size_t s = 0; s < steps_; ++s)
      for (std::size_t h = 0; h < hubs_; ++h) v.values.push_back(static_cast<double>(at(static_cast<Metric>(m), s, h)));
    out.variables.push_back(std::move(v));
  }
}

}  // namespace hubsim::model
