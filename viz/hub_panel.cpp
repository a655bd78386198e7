// Figures for the clicked hub at the current month (or for the county when none is selected):
// jobs, firms by stage, vacancies, deals; the hub's largest partners in the flows shown. With two
// runs, A, B and B - A side by side.
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
  HubSeries Replay::*series;  // the same figure in either run
  bool stock = true;          // a level (jobs), not a monthly flow (deals): compare with the first month
};

ImVec4 rgba(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }

double value_of(const Replay& run, const HubSeries& s, int hub, std::size_t month) {
  if (hub >= 0) return s[static_cast<std::size_t>(hub)][month];
  double sum = 0;
  for (std::size_t h = 0; h < run.hubs.size(); ++h)
    if (!run.hubs[h].external()) sum += s[h][month];
  return sum;
}

// One row a figure: label, value (and for two runs: A, B, B - A), change since the first month.
void draw_rows(const Scene& scene, const std::vector<Row>& rows, int hub, std::size_t m) {
  const Replay& run = scene.lead();
  const float col = ImGui::CalcTextSize("Vacancies ").x, num = ImGui::CalcTextSize("+00,000 ").x;
  const float x0 = ImGui::GetCursorPosX();
  auto right = [&](float x, const std::string& text, ImU32 colour) {
    ImGui::SameLine(x0 + x + num - ImGui::CalcTextSize(text.c_str()).x - ImGui::CalcTextSize("  ").x);
    ImGui::TextColored(rgba(colour), "%s", text.c_str());
  };
  // Where the panel is too narrow for A, B and B - A, the A column goes (B - A says how they differ).
  const bool with_a = col + 3 * num <= ImGui::GetContentRegionAvail().x + ImGui::CalcTextSize("  ").x;
  if (scene.comparing() && !with_a) {
    right(col, "B", colours::dim_text), right(col + num, "B-A", colours::dim_text);
    for (const Row& r : rows) {
      if (ImGui::GetContentRegionAvail().y < ImGui::GetTextLineHeight()) return;  // never a half-cut row
      ImGui::TextColored(rgba(colours::dim_text), "%s", r.label);
      const double a = value_of(scene.runs.front(), scene.runs.front().*r.series, hub, m);
      const double b = value_of(run, run.*r.series, hub, m);
      right(col, format_count(b), colours::text);
      right(col + num, format_signed_count(b - a), growth_colour(relative_difference(a, b)));
    }
    return;
  }
  if (scene.comparing()) {  // column heads on the title's line
    right(col, "A", colours::dim_text), right(col + num, "B", colours::dim_text), right(col + 2 * num, "B-A", colours::dim_text);
  } else {
    right(col, "now", colours::dim_text);
    right(col + num, "vs " + std::to_string(run.months.front().year()), colours::dim_text);
  }
  for (const Row& r : rows) {
    if (ImGui::GetContentRegionAvail().y < ImGui::GetTextLineHeight()) return;  // never a half-cut row
    ImGui::TextColored(rgba(colours::dim_text), "%s", r.label);
    const double b = value_of(run, run.*r.series, hub, m);
    if (scene.comparing()) {
      const double a = value_of(scene.runs.front(), scene.runs.front().*r.series, hub, m);
      right(col, format_count(a), colours::text), right(col + num, format_count(b), colours::text);
      right(col + 2 * num, format_signed_count(b - a), growth_colour(relative_difference(a, b)));
      continue;
    }
    right(col, format_count(b), colours::text);
    const double first = value_of(run, run.*r.series, hub, 0);
    if (first > 0 && r.stock) right(col + num, format_change(b / first - 1), growth_colour(b / first - 1));
  }
}

// With `base` (the difference view), every figure is B - A, for B's top partners.
void draw_partners(const Replay& run, const Replay* base, int hub, int m, const ViewState& state) {
  const float line = ImGui::GetTextLineHeight();
  if (ImGui::GetContentRegionAvail().y < line) return;
  const std::vector<Partner> partners =
      top_partners(run.flows, static_cast<int>(run.hubs.size()), hub, m - 11, m, state.show_flow, 3);
  if (partners.empty()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(rgba(colours::dim_text), "No flows with other hubs in the last 12 months.");
    ImGui::PopTextWrapPos();
    return;
  }
  std::vector<Partner> in_a;
  if (base != nullptr)
    in_a = top_partners(base->flows, static_cast<int>(base->hubs.size()), hub, m - 11, m, state.show_flow,
                        base->hubs.size() * kFlowKinds);
  ImGui::PushTextWrapPos(0.0f);  // wrapped, never cut, however narrow the panel
  ImGui::TextColored(rgba(colours::dim_text), "%s",
                     base ? "Top partners of B, 12 months, B - A in / out" : "Top partners, 12 months, in / out");
  for (const Partner& p : partners) {  // coloured by flow kind, as on the map
    if (ImGui::GetContentRegionAvail().y < line) break;
    std::string figures = format_count(p.in) + " / " + format_count(p.out);
    if (base != nullptr) {
      double a_in = 0, a_out = 0;
      for (const Partner& q : in_a)
        if (q.hub == p.hub && q.kind == p.kind) a_in = q.in, a_out = q.out;
      figures = format_signed_count(p.in - a_in) + " / " + format_signed_count(p.out - a_out);
    }
    if (p.kind != 0) figures += std::string(" ") + flow_kind_unit(p.kind);
    ImGui::TextColored(rgba(flow_colour(p.kind)), "%s", run.hubs[static_cast<std::size_t>(p.hub)].name.c_str());
    ImGui::SameLine();
    ImGui::TextUnformatted(figures.c_str());
  }
  ImGui::PopTextWrapPos();
}

}  // namespace

void draw_hub_panel(const Scene& scene, ViewState& state, const Fonts& /*fonts*/) {
  const Replay& run = scene.lead();
  const auto m = static_cast<std::size_t>(current_month(state, static_cast<int>(run.month_count())));
  const int sel = state.selected_hub < static_cast<int>(run.hubs.size()) ? state.selected_hub : -1;
  const ImVec4 dim = rgba(colours::dim_text);
  const bool diff = scene.comparing() && state.compare == CompareMode::difference;
  if (sel >= 0 && run.hubs[static_cast<std::size_t>(sel)].external()) {  // outside the county: who moved there
    const Hub& hub = run.hubs[static_cast<std::size_t>(sel)];
    ImGui::TextColored(rgba(colours::accent), "%s", hub.name.c_str());
    ImGui::TextColored(dim, "%s km from the county, %s", format_count(distance_from_county_km(run.hubs, hub)).c_str(),
                       long_date(run.months[m]).c_str());
    draw_rows(scene, {{"Moved there", &Replay::leavers, false}, {"So far", &Replay::leavers_so_far, false}}, sel, m);
    draw_partners(run, diff ? &scene.runs.front() : nullptr, sel, static_cast<int>(m), state);
    return;
  }
  if (sel < 0) {
    ImGui::TextUnformatted("Lancashire");
  } else {
    ImGui::TextColored(rgba(colours::accent), "%s", run.hubs[static_cast<std::size_t>(sel)].name.c_str());

  }
  draw_rows(scene,
            {{"Jobs", &Replay::employment}, {"Start-ups", &Replay::startup_firms},
             {"Mature", &Replay::established_firms}, {"Vacancies", &Replay::vacancies}, {"Deals", &Replay::deals, false}},
            sel, m);
  if (sel >= 0) {
    draw_partners(run, diff ? &scene.runs.front() : nullptr, sel, static_cast<int>(m), state);
  } else if (!state.presentation && ImGui::GetContentRegionAvail().y >= ImGui::GetTextLineHeight()) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(dim, "Click a hub on the map for its figures.");
    ImGui::PopTextWrapPos();
  }
}

}  // namespace hubsim::viz
