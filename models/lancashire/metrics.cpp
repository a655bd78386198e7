#include "models/lancashire/metrics.hpp"

#include <array>

namespace hubsim::model {

const MetricInfo& metric_info(Metric m) {
  static const std::array<MetricInfo, static_cast<std::size_t>(Metric::count)> info = {{
      {"employment", "digital jobs filled at the hub's firms and anchors, end of month", "jobs"},
      {"firms", "active digital firms located at the hub (anchors excluded), end of month", "firms"},
      {"startups", "start-ups at the hub, incubated or not (firms younger than firms.startup_months), end of month", "firms"},
      {"scaleups", "scale-ups at the hub (20%+ a year in jobs and revenue), end of month", "firms"},
      {"vacancies", "posts left unfilled at the hub's firms after this month's matching", "posts", "time: point (end of month)"},
      {"job_seekers", "digitally skilled people living at the hub and looking for work, end of month", "people"},
      {"graduates", "graduates entering the labour market at the hub this month", "people"},
      {"apprentices", "digital apprentices entering at the hub this month", "people"},
      {"reskilled", "adults starting a bootcamp or re-skilling at the hub this month", "people"},
      {"hires", "job matches made by the hub's firms and anchors this month", "people"},
      {"firm_births", "new firms at the hub this month (births and spin-outs)", "firms"},
      {"spinouts", "university and anchor spin-outs at the hub this month", "firms"},
      {"firm_closures", "firms at the hub that closed this month", "firms"},
      {"firm_exits", "firms at the hub acquired this month (they carry on under new owners)", "firms"},
      {"new_scaleups", "firms at the hub that became scale-ups this month", "firms"},
      {"relocations", "firms that moved to the hub this month", "firms"},
      {"leavers", "people who left the county for this hub (external metros only) this month", "people"},
      {"returners", "people who came back to live at the hub this month", "people"},
      {"in_migrants", "people recruited from outside the county by the hub's anchors this month", "people"},
      {"retirements", "workers living at the hub who left the workforce this month", "people"},
      {"deals", "equity deals made with start-ups and scale-ups at the hub this month", "deals"},
      {"capital_invested", "equity invested in firms at the hub this month", "GBP"},
      {"collaborations", "knowledge-exchange collaborations in which the hub's firms learned this month", "collaborations"},
      {"anchor_jobs", "digital jobs at the hub's anchors (e.g. the National Cyber Force), end of month", "jobs"},
      {"anchor_local_hires", "anchor posts filled from the county's own job seekers this month", "people"},
  }};
  return info[static_cast<std::size_t>(m)];
}

void Metrics::append_to(io::RunData& out) const {
  for (std::size_t m = 0; m < static_cast<std::size_t>(Metric::count); ++m) {
    const auto& info = metric_info(static_cast<Metric>(m));
    io::Variable v{info.name, info.long_name, info.units, {"time", "hub"}, {}, true};
    if (info.cell_methods != nullptr) v.cell_methods = info.cell_methods;
    v.values.reserve(steps_ * hubs_);
    for (std::size_t s = 0; s < steps_; ++s)
      for (std::size_t h = 0; h < hubs_; ++h) v.values.push_back(static_cast<double>(at(static_cast<Metric>(m), s, h)));
    out.variables.push_back(std::move(v));
  }
}

}  // namespace hubsim::model
