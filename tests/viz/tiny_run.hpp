#pragma once
// A hand-built three-month run with two county hubs and one external metro, for the viz tests.
#include <string>
#include <vector>

#include "sim/io/run_data.hpp"

namespace hubsim::viz::testing {

inline io::RunData tiny_run() {
  io::RunData run;
  run.months = {core::Month(2030, 5), core::Month(2030, 6), core::Month(2030, 7)};
  run.text_attributes["scenario"] = "tiny";
  io::Dimension hub;
  hub.name = "hub";
  hub.labels = {"Preston", "Lancaster", "London"};
  run.dimensions.push_back(hub);
  auto per_hub = [&](const std::string& name, std::vector<double> v) {
    run.variables.push_back({name, name, "", {"hub"}, std::move(v), false});
  };
  per_hub("hub_lat", {53.759, 54.047, 51.5072});
  per_hub("hub_lon", {-2.699, -2.801, -0.1276});
  per_hub("hub_kind", {1, 1, 3});
  // Rows are months, columns hubs (Preston, Lancaster, London).
  auto series = [&](const std::string& name, std::vector<double> v) {
    run.variables.push_back({name, name, "", {"time", "hub"}, std::move(v), true});
  };
  series("employment", {100, 50, 0, 110, 40, 0, 130, 45, 0});
  series("firms", {10, 5, 0, 11, 5, 0, 12, 6, 0});
  series("startups", {2, 1, 0, 2, 1, 0, 3, 1, 0});
  series("vacancies", {4, 2, 0, 3, 2, 0, 1, 1, 0});
  series("job_seekers", {20, 10, 0, 18, 12, 0, 15, 11, 0});
  series("leavers", {0, 0, 3, 0, 0, 4, 0, 0, 5});
  return run;
}

}  // namespace hubsim::viz::testing
