// The hub graph on the map: its road links, the flows animated along them as particles (one lane
// per direction and kind, rate and thickness by the flow's size), and the flows' legend.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "viz/format.hpp"
#include "viz/panels.hpp"

namespace hubsim::viz {
namespace {

constexpr float kMaxRate = 5.0f;     // particles a second at a kind's peak flow
constexpr float kSpeed = 70.0f;      // particle speed, pixels a second at scale 1
constexpr int kMaxParticles = 80;    // per lane

ImU32 with_alpha(ImU32 colour, int alpha) { return (colour & ~IM_COL32_A_MASK) | (static_cast<ImU32>(alpha) << IM_COL32_A_SHIFT); }

}  // namespace

ImU32 flow_colour(int kind) {
  switch (kind) {
    case 0: return IM_COL32(80, 205, 255, 255);   // knowledge: cyan
    case 1: return IM_COL32(240, 105, 200, 255);  // talent: magenta
    case 2: return IM_COL32(255, 210, 70, 255);   // capital: gold
    default: return IM_COL32(255, 135, 60, 255);  // contracts: orange
  }
}

void draw_links(ImDrawList* dl, const Replay& run, const std::vector<ImVec2>& centres, const Fonts& fonts) {
  for (const Link& link : run.routes.links)
    dl->AddLine(centres[static_cast<std::size_t>(link.a)], centres[static_cast<std::size_t>(link.b)], colours::grid,
                2.0f * fonts.scale);
}

void draw_flows(ImDrawList* dl, const Replay& run, const std::vector<ImVec2>& centres, const ViewState& state,
                const Fonts& fonts) {
  int lane = 0;
  const float s = fonts.scale;
  for (int k = 0; k < kFlowKinds; ++k) {
    const auto kind = static_cast<std::size_t>(k);
    if (!state.show_flow[kind] || !run.flows.has(k)) continue;
    const LinkLoad load = sample_load(run.flows.load[kind], state.month);
    const ImU32 colour = flow_colour(k);
    for (std::size_t l = 0; l < run.routes.links.size(); ++l) {
      const Link& link = run.routes.links[l];
      const ImVec2 a = centres[static_cast<std::size_t>(link.a)], b = centres[static_cast<std::size_t>(link.b)];
      const float dx = b.x - a.x, dy = b.y - a.y, len = std::sqrt(dx * dx + dy * dy);
      if (len < 1) continue;
      for (int dir = 0; dir < 2; ++dir) {
        const double value = load[2 * l + static_cast<std::size_t>(dir)];
        if (!(value > 0)) continue;
        // Keep to the right of the direction of travel, one lane per kind shown.
        const ImVec2 from = dir == 0 ? a : b, to = dir == 0 ? b : a;
        const float ux = (to.x - from.x) / len, uy = (to.y - from.y) / len;
        const float off = (2.5f + 5.0f * static_cast<float>(lane)) * s;
        const ImVec2 shift{-uy * off, ux * off};
        const ImVec2 p{from.x + shift.x, from.y + shift.y}, q{to.x + shift.x, to.y + shift.y};
        const double peak = run.flows.peak_load[kind];
        const float thick = static_cast<float>(flow_thickness(value, peak));
        dl->AddLine(p, q, with_alpha(colour, 25 + static_cast<int>(70 * thick)), (0.5f + 5.0f * thick) * s);
        const double traverse = len / (kSpeed * s);
        const int count = particle_count(particle_rate(value, peak, kMaxRate), traverse, kMaxParticles);
        const float radius = (1.6f + 2.4f * thick) * s;
        for (int i = 0; i < count; ++i) {
          const auto f = static_cast<float>(particle_position(i, state.anim_seconds, traverse));
          dl->AddCircleFilled({p.x + (q.x - p.x) * f, p.y + (q.y - p.y) * f}, radius, colour, 8);
        }
      }
    }
    ++lane;
  }
}

Box draw_flow_legend(ImDrawList* dl, ImVec2 top_left, const Replay& run, const ViewState& state, const Fonts& fonts,
                     bool compact) {
  const float line = fonts.body->FontSize;
  const char* title = "flows (keys 1-4)";
  float y = top_left.y, right = top_left.x;
  if (!compact) {  // a narrow map: the kinds in two columns, no title (the keys are in the entries)
    dl->AddText(top_left, colours::dim_text, title);
    y += 1.2f * line;
    right += ImGui::CalcTextSize(title).x;
  }
  float column = 0;
  for (int k = 0; k < kFlowKinds; ++k)
    column = std::max(column, ImGui::CalcTextSize((std::to_string(k + 1) + " " + flow_kind_name(k)).c_str()).x);
  column += 2.0f * line;
  float bottom = y;
  for (int k = 0; k < kFlowKinds; ++k) {
    const float x = top_left.x + (compact ? static_cast<float>(k % 2) * column : 0.0f);
    const float row_y = compact ? y + static_cast<float>(k / 2) * 1.15f * line : y + static_cast<float>(k) * 1.15f * line;
    const bool has = run.flows.has(k), on = state.show_flow[static_cast<std::size_t>(k)];
    const ImU32 colour = has && on ? flow_colour(k) : with_alpha(flow_colour(k), 110);
    const ImVec2 dot{x + 0.45f * line, row_y + 0.5f * line};
    if (on && has) dl->AddCircleFilled(dot, 0.35f * line, colour);
    else dl->AddCircle(dot, 0.33f * line, colour, 0, 1.5f * fonts.scale);
    std::string text = std::to_string(k + 1) + " " + flow_kind_name(k);
    if (!has && !compact) text += ": no flows in this run";
    dl->AddText({x + 1.2f * line, row_y}, has && on ? colours::text : colours::dim_text, text.c_str());
    right = std::max(right, x + 1.2f * line + ImGui::CalcTextSize(text.c_str()).x);
    bottom = std::max(bottom, row_y + 1.15f * line);
  }
  return {{top_left.x, top_left.y}, {right, bottom}};
}

}  // namespace hubsim::viz
