// Jobs over time: the county's line, and the selected hub's below it on its own scale (a hub's
// few thousand jobs would be a flat line on the county's axis).
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "viz/format.hpp"
#include "viz/panels.hpp"

namespace hubsim::viz {
namespace {

struct Chart {
  std::string title;
  const std::vector<double>* series = nullptr;
  ImU32 colour = 0;
  std::string unit;  // after the current value: "jobs", "moved there"
};

// One line chart filling [p0, p1]: title and current value on top, gridlines with round values,
// year ticks, the months played so far bright and the rest dim, the current date marked.
void draw_chart(ImDrawList* dl, ImVec2 p0, ImVec2 p1, const Chart& chart, const Replay& replay, double t,
                const Fonts& fonts) {
  const std::vector<double>& y = *chart.series;
  const float line = fonts.body->FontSize;
  const double now = sample(y, t);
  dl->AddText({p0.x, p0.y}, colours::text, chart.title.c_str());
  // Numbers are the whole month's, as in the date and the hub panel; only the drawing interpolates.
  const auto whole = static_cast<std::size_t>(std::floor(std::clamp(t, 0.0, double(y.size() - 1))));
  const std::string value = format_count(y[whole]) + " " + chart.unit;
  const float value_w = ImGui::CalcTextSize(value.c_str()).x;
  // The value goes on the title's line if both fit, else on a line of its own.
  const bool one_line = ImGui::CalcTextSize(chart.title.c_str()).x + value_w + line <= p1.x - p0.x;
  dl->AddText({p1.x - value_w, one_line ? p0.y : p0.y + line}, chart.colour, value.c_str());

  // Plot area: room for the title above, y labels to the left, year labels below.
  const float label_w = ImGui::CalcTextSize("00,000").x + 0.5f * line;
  const ImVec2 a{p0.x + label_w, p0.y + (one_line ? 1.6f : 2.6f) * line}, b{p1.x - 0.5f * line, p1.y - 1.4f * line};
  if (b.x - a.x < 20 || b.y - a.y < 20) return;
  auto [lo_it, hi_it] = std::minmax_element(y.begin(), y.end());
  double lo = *lo_it, hi = *hi_it;
  const double pad = std::max((hi - lo) * 0.08, std::max(std::abs(hi) * 0.02, 1.0));
  lo = std::max(0.0, lo - pad), hi += pad;  // counts: never a negative axis
  const std::size_t n = y.size();
  auto x_of = [&](double i) { return a.x + static_cast<float>(n > 1 ? i / double(n - 1) : 0.5) * (b.x - a.x); };
  auto y_of = [&](double v) { return b.y - static_cast<float>((v - lo) / (hi - lo)) * (b.y - a.y); };

  float last_label_y = 1e9f;
  for (double v : nice_ticks(lo, hi, std::max(2, static_cast<int>((b.y - a.y) / (1.6f * line))))) {
    const float yy = y_of(v);
    dl->AddLine({a.x, yy}, {b.x, yy}, colours::grid, 1.0f);
    if (last_label_y - yy < 1.2f * line) continue;  // a short chart: label every other gridline
    last_label_y = yy;
    const std::string text = format_count(v);
    dl->AddText({a.x - ImGui::CalcTextSize(text.c_str()).x - 0.3f * line, yy - 0.5f * line}, colours::dim_text, text.c_str());
  }
  // Year ticks on Januaries, every k years so that the labels never touch.
  const float year_w = ImGui::CalcTextSize("0000").x * 1.6f;
  const int years = std::max(1, replay.months.back().year() - replay.months.front().year());
  const int every = std::max(1, static_cast<int>(std::ceil(year_w * years / std::max(b.x - a.x, 1.0f))));
  for (std::size_t i = 0; i < n; ++i) {
    const core::Month m = replay.months[i];
    if (m.month() != 1 || m.year() % every != 0) continue;
    const float xx = x_of(static_cast<double>(i));
    dl->AddLine({xx, b.y}, {xx, b.y + 0.3f * line}, colours::dim_text, 1.0f);
    const std::string text = std::to_string(m.year());
    dl->AddText({xx - ImGui::CalcTextSize(text.c_str()).x / 2, b.y + 0.35f * line}, colours::dim_text, text.c_str());
  }

  std::vector<ImVec2> points;
  for (std::size_t i = 0; i < n; ++i) points.push_back({x_of(static_cast<double>(i)), y_of(y[i])});
  const ImU32 dim = (chart.colour & ~IM_COL32_A_MASK) | IM_COL32(0, 0, 0, 70);
  const float thick = 2.0f * fonts.scale;
  dl->AddPolyline(points.data(), static_cast<int>(points.size()), dim, ImDrawFlags_None, thick);
  // Played part: whole months up to t, then the interpolated point, so the line grows smoothly.
  const auto played = static_cast<std::size_t>(std::floor(std::clamp(t, 0.0, double(n - 1)))) + 1;
  std::vector<ImVec2> head(points.begin(), points.begin() + static_cast<std::ptrdiff_t>(played));
  const ImVec2 cursor{x_of(std::clamp(t, 0.0, double(n - 1))), y_of(now)};
  head.push_back(cursor);
  dl->AddPolyline(head.data(), static_cast<int>(head.size()), chart.colour, ImDrawFlags_None, thick * 1.5f);

  dl->AddLine({cursor.x, a.y}, {cursor.x, b.y}, colours::accent, 1.5f * fonts.scale);
  dl->AddCircleFilled(cursor, 4.5f * fonts.scale, colours::accent);
}

}  // namespace

void draw_chart_panel(const Replay& replay, const ViewState& state, const Fonts& fonts) {
  const ImVec2 p0 = ImGui::GetCursorScreenPos(), size = ImGui::GetContentRegionAvail();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const Chart county{"Digital jobs in Lancashire", &replay.county_employment, colours::county_line, "jobs"};
  const int sel = state.selected_hub;
  if (sel < 0 || sel >= static_cast<int>(replay.hubs.size())) {
    draw_chart(dl, p0, {p0.x + size.x, p0.y + size.y}, county, replay, state.month, fonts);
    return;
  }
  const Hub& hub = replay.hubs[static_cast<std::size_t>(sel)];
  const Chart local = hub.external()
                          ? Chart{"Left for " + hub.name, &replay.leavers_so_far[sel], colours::external, "people"}
                          : Chart{"Digital jobs in " + hub.name, &replay.employment[sel], colours::hub_line, "jobs"};
  const float split = std::floor(size.y * 0.5f), gap = 0.6f * fonts.body->FontSize;
  draw_chart(dl, p0, {p0.x + size.x, p0.y + split - gap}, county, replay, state.month, fonts);
  draw_chart(dl, {p0.x, p0.y + split + gap}, {p0.x + size.x, p0.y + size.y}, local, replay, state.month, fonts);
}

}  // namespace hubsim::viz
