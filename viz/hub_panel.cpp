// Figures for the clicked hub at the current month (or for the county when none is selected),
// each with its change since the first month.
#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "viz/format.hpp"
#include "viz/map_projection.hpp"
#include "viz/panels.hpp"

namespace hubsim::viz {
namespace {

struct Row {
  const char* label;
  double now;
  double first;
};

void draw_rows(const std::vector<Row>& rows, const Replay& replay) {
  const float value_x = ImGui::CalcTextSize("Job seekers  ").x, change_x = value_x + ImGui::CalcTextSize("000,000  ").x;
  const float x0 = ImGui::GetCursorPosX();
  if (std::any_of(rows.begin(), rows.end(), [](const Row& r) { return r.first > 0; })) {
    const std::string since = "vs " + replay.months.front().iso();
    ImGui::SetCursorPosX(x0 + change_x);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colours::dim_text), "%s", since.c_str());
  }
  for (const Row& r : rows) {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colours::dim_text), "%s", r.label);
    const std::string value = format_count(r.now);
    ImGui::SameLine(x0 + value_x + ImGui::CalcTextSize("000,000").x - ImGui::CalcTextSize(value.c_str()).x);
    ImGui::TextUnformatted(value.c_str());
    if (r.first > 0) {
      ImGui::SameLine(x0 + change_x);
      const double change = r.now / r.first - 1;
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(growth_colour(change)), "%s", format_change(change).c_str());
    }
  }
}

double county_total(const Replay& replay, const HubSeries& series, std::size_t month) {
  double sum = 0;
  for (std::size_t h = 0; h < replay.hubs.size(); ++h)
    if (!replay.hubs[h].external()) sum += series[h][month];
  return sum;
}

}  // namespace

void draw_hub_panel(const Replay& replay, ViewState& state, const Fonts& /*fonts*/) {
  const auto m = static_cast<std::size_t>(current_month(state, static_cast<int>(replay.month_count())));
  const int sel = state.selected_hub;
  const ImVec4 dim = ImGui::ColorConvertU32ToFloat4(colours::dim_text);
  if (sel < 0 || sel >= static_cast<int>(replay.hubs.size())) {
    ImGui::TextUnformatted("Lancashire");
    ImGui::TextColored(dim, "all hubs, %s", long_date(replay.months[m]).c_str());
    ImGui::Spacing();
    std::vector<Row> rows;
    for (auto [label, series] : {std::pair{"Jobs", &replay.employment}, {"Firms", &replay.firms},
                                 {"Start-ups", &replay.startups}, {"Vacancies", &replay.vacancies},
                                 {"Job seekers", &replay.job_seekers}})
      rows.push_back({label, county_total(replay, *series, m), county_total(replay, *series, 0)});
    draw_rows(rows, replay);
    ImGui::Spacing();
    ImGui::TextColored(dim, "Click a hub on the map for its figures.");
    return;
  }
  const auto h = static_cast<std::size_t>(sel);
  const Hub& hub = replay.hubs[h];
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colours::accent), "%s", hub.name.c_str());
  ImGui::TextColored(dim, "%s, %s", kind_name(hub.kind), long_date(replay.months[m]).c_str());
  ImGui::Spacing();
  if (hub.external()) {  // outside the county: all the run knows is who moved there
    ImGui::TextColored(dim, "%s km from the county", format_count(distance_from_county_km(replay.hubs, hub)).c_str());
    draw_rows({{"This month", replay.leavers[h][m], 0}, {"So far", replay.leavers_so_far[h][m], 0}}, replay);
    ImGui::Spacing();
    ImGui::TextColored(dim, "people who left Lancashire for %s", hub.name.c_str());
    return;
  }
  draw_rows({{"Jobs", replay.employment[h][m], replay.employment[h][0]},
             {"Firms", replay.firms[h][m], replay.firms[h][0]},
             {"Start-ups", replay.startups[h][m], replay.startups[h][0]},
             {"Vacancies", replay.vacancies[h][m], replay.vacancies[h][0]},
             {"Job seekers", replay.job_seekers[h][m], replay.job_seekers[h][0]}},
            replay);
}

}  // namespace hubsim::viz
