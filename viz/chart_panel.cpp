// The chart: jobs, GVA or firms by stage over time, for the county or the selected hub; with two
// runs, both lines (side by side) or B - A (difference). The current date is marked.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "viz/format.hpp"
#include "viz/panels.hpp"

namespace hubsim::viz {
namespace {

struct Line {
  std::vector<double> y;
  ImU32 colour = 0;
  std::string label;
};

constexpr ImU32 kStartupColour = IM_COL32(255, 150, 90, 255);

ImU32 dimmed(ImU32 c) { return (c & ~IM_COL32_A_MASK) | IM_COL32(0, 0, 0, 70); }

// One chart filling [p0, p1]: title, legend with the current values, gridlines, year ticks, the
// months played so far bright and the rest dim, the current date marked.
void draw_chart(ImDrawList* dl, ImVec2 p0, ImVec2 p1, const std::string& title, const std::vector<Line>& lines,
                const std::vector<core::Month>& axis, double t, const Fonts& fonts) {
  const float line = fonts.body->FontSize;
  dl->AddText(p0, colours::text, title.c_str());
  // Current values (the whole month's, as in the header) right-aligned, one row per line.
  float widest = 0;
  for (const Line& l : lines) widest = std::max(widest, ImGui::CalcTextSize((l.label + "  00,000,000").c_str()).x);
  const bool own_rows = lines.size() > 1 || ImGui::CalcTextSize(title.c_str()).x + widest + line > p1.x - p0.x;
  float row_y = p0.y + (own_rows ? 1.1f * line : 0.0f);
  for (const Line& l : lines) {
    if (l.y.empty()) continue;
    const auto whole = static_cast<std::size_t>(std::floor(std::clamp(t, 0.0, double(l.y.size() - 1))));
    const std::string value = (l.label.empty() ? "" : l.label + "  ") + format_count(l.y[whole]);
    dl->AddText({p1.x - ImGui::CalcTextSize(value.c_str()).x, row_y}, l.colour, value.c_str());
    row_y += 1.1f * line;
  }
  const float label_w = ImGui::CalcTextSize("-00,000").x + 0.5f * line;
  const ImVec2 a{p0.x + label_w, std::max(p0.y + 1.6f * line, row_y + 0.5f * line)}, b{p1.x - 0.5f * line, p1.y - 1.4f * line};
  if (b.x - a.x < 20 || b.y - a.y < 20 || axis.empty()) return;
  double lo = 1e300, hi = -1e300;
  bool negative = false;
  for (const Line& l : lines)
    for (double v : l.y) lo = std::min(lo, v), hi = std::max(hi, v), negative = negative || v < 0;
  if (lo > hi) lo = 0, hi = 1;
  const double pad = std::max((hi - lo) * 0.08, std::max(std::abs(hi) * 0.02, 1.0));
  lo = negative ? lo - pad : std::max(0.0, lo - pad), hi += pad;
  const std::size_t n = axis.size();
  auto x_of = [&](double i) { return a.x + static_cast<float>(n > 1 ? i / double(n - 1) : 0.5) * (b.x - a.x); };
  auto y_of = [&](double v) { return b.y - static_cast<float>((v - lo) / (hi - lo)) * (b.y - a.y); };

  float last_label_y = 1e9f;
  for (double v : nice_ticks(lo, hi, std::max(2, static_cast<int>((b.y - a.y) / (1.6f * line))))) {
    const float yy = y_of(v);
    dl->AddLine({a.x, yy}, {b.x, yy}, v == 0 && negative ? colours::dim_text : colours::grid, 1.0f);
    if (last_label_y - yy < 1.2f * line) continue;  // a short chart: label every other gridline
    last_label_y = yy;
    const std::string text = format_count(v);
    dl->AddText({a.x - ImGui::CalcTextSize(text.c_str()).x - 0.3f * line, yy - 0.5f * line}, colours::dim_text, text.c_str());
  }
  // Year ticks on Januaries, every k years so that the labels never touch.
  const float year_w = ImGui::CalcTextSize("0000").x * 1.6f;
  const int years = std::max(1, axis.back().year() - axis.front().year());
  const int every = std::max(1, static_cast<int>(std::ceil(year_w * years / std::max(b.x - a.x, 1.0f))));
  for (std::size_t i = 0; i < n; ++i) {
    if (axis[i].month() != 1 || axis[i].year() % every != 0) continue;
    const float xx = x_of(static_cast<double>(i));
    dl->AddLine({xx, b.y}, {xx, b.y + 0.3f * line}, colours::dim_text, 1.0f);
    const std::string text = std::to_string(axis[i].year());
    dl->AddText({xx - ImGui::CalcTextSize(text.c_str()).x / 2, b.y + 0.35f * line}, colours::dim_text, text.c_str());
  }

  const float thick = 2.0f * fonts.scale;
  double cursor_x = 0;
  for (const Line& l : lines) {
    if (l.y.empty()) continue;
    const double tt = std::clamp(t, 0.0, double(l.y.size() - 1));
    std::vector<ImVec2> points;
    for (std::size_t i = 0; i < l.y.size(); ++i) points.push_back({x_of(static_cast<double>(i)), y_of(l.y[i])});
    dl->AddPolyline(points.data(), static_cast<int>(points.size()), dimmed(l.colour), ImDrawFlags_None, thick);
    // Played part: whole months up to t, then the interpolated point, so the line grows smoothly.
    points.resize(static_cast<std::size_t>(std::floor(tt)) + 1);
    const ImVec2 cursor{x_of(tt), y_of(sample(l.y, tt))};
    points.push_back(cursor);
    dl->AddPolyline(points.data(), static_cast<int>(points.size()), l.colour, ImDrawFlags_None, thick * 1.5f);
    dl->AddCircleFilled(cursor, 4.5f * fonts.scale, colours::accent);
    cursor_x = cursor.x;
  }
  dl->AddLine({static_cast<float>(cursor_x), a.y}, {static_cast<float>(cursor_x), b.y}, colours::accent, 1.5f * fonts.scale);
}

// The series of `run` the chart shows, for the county (hub < 0) or one hub.
std::vector<Line> series_of(const Replay& run, ChartKind kind, int hub) {
  auto pick = [&](const HubSeries& s) { return hub < 0 ? county_total(run, s) : s[static_cast<std::size_t>(hub)]; };
  if (kind == ChartKind::firms)
    return {{pick(run.startup_firms), kStartupColour, "start-ups"}, {pick(run.established_firms), colours::county_line, "established"}};
  if (kind == ChartKind::gva) return {{pick(run.gva), colours::county_line, "\u00a3m"}};
  return {{pick(run.employment), colours::county_line, "jobs"}};
}

}  // namespace

void draw_chart_panel(const Scene& scene, ViewState& state, const Fonts& fonts) {
  const Replay& run = scene.lead();
  if (state.chart == ChartKind::gva && !run.has_gva) state.chart = ChartKind::jobs;
  const int hub = state.selected_hub < static_cast<int>(run.hubs.size()) ? state.selected_hub : -1;
  if (!state.presentation) {  // tabs; C cycles them from the keyboard
    const char* names[] = {"Jobs", "GVA", "Firms"};
    for (int k = 0; k < 3; ++k) {
      if (k == 1 && !run.has_gva) continue;
      if (k > 0) ImGui::SameLine();
      const bool on = static_cast<int>(state.chart) == k;
      if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyle().Colors[ImGuiCol_ButtonActive]);
      else ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyle().Colors[ImGuiCol_FrameBg]);
      if (ImGui::SmallButton(names[k])) state.chart = static_cast<ChartKind>(k);
      ImGui::PopStyleColor();
    }
  }
  const char* what[] = {"Digital jobs", "GVA, \u00a3m,", "Firms"};
  std::string title = std::string(what[static_cast<int>(state.chart)]) + " in " +
                      (hub >= 0 ? run.hubs[static_cast<std::size_t>(hub)].name : std::string("Lancashire"));
  std::vector<Line> lines = series_of(run, state.chart, hub);
  if (scene.comparing()) {
    const std::vector<Line> base = series_of(scene.runs.front(), state.chart, hub);
    if (state.compare == CompareMode::difference) {
      for (std::size_t i = 0; i < lines.size(); ++i) lines[i].y = difference(base[i].y, lines[i].y), lines[i].label += " B-A";
      title += ", B - A";
    } else {
      for (std::size_t i = 0, n = base.size(); i < n; ++i) {  // lines grows: A's after B's
        Line a = base[i];
        a.colour = IM_COL32(150, 158, 170, 255);
        a.label = "A " + a.label;
        lines[i].label = "B " + lines[i].label;
        lines.push_back(std::move(a));
      }
    }
  }
  const ImVec2 p0 = ImGui::GetCursorScreenPos(), size = ImGui::GetContentRegionAvail();
  draw_chart(ImGui::GetWindowDrawList(), p0, {p0.x + size.x, p0.y + size.y}, title, lines, run.axis_months, state.month, fonts);
}

}  // namespace hubsim::viz
