// The map: county hubs at their real positions, sized by jobs and coloured by growth since the
// first month; Greater Manchester and London pinned to the border with an arrow towards them.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "viz/drawn_nodes.hpp"
#include "viz/format.hpp"
#include "viz/label_layout.hpp"
#include "viz/map_projection.hpp"
#include "viz/panels.hpp"

namespace hubsim::viz {
namespace {

// A map narrower than this many lines of text is one of two side by side.
constexpr float kNarrowMap = 24;

// A hub as drawn this frame.
struct Mark {
  ImVec2 centre;
  float radius = 0;
  float reserved = 0;        // the largest radius it reaches in the run: labels keep clear of it
  ImU32 fill = 0;
  std::string name, detail;  // two label lines
  double change = 0;         // since the first month, interpolated: the circle's colour
  double shown_change = 0;   // the same at the whole month: the label's figure
  bool external = false;
  bool leader = false;       // label stood off from the circle
  Box label;                 // where its label went, for clicks
};

ImVec2 to_im(Point p) { return {static_cast<float>(p.x), static_cast<float>(p.y)}; }

bool contains(const Box& b, ImVec2 p) { return p.x >= b.min.x && p.x <= b.max.x && p.y >= b.min.y && p.y <= b.max.y; }

// The largest circle inside an arrowhead: where its fill is sure to show.
struct Disc {
  ImVec2 centre;
  float radius = 0;
};

// A filled arrowhead at `tip` pointing along unit vector `dir`; returns the head's inscribed circle.
Disc draw_arrow(ImDrawList* dl, ImVec2 tip, Point dir, float size, ImU32 colour) {
  const ImVec2 d{static_cast<float>(dir.x), static_cast<float>(dir.y)}, n{-d.y, d.x};
  const ImVec2 base{tip.x - d.x * size, tip.y - d.y * size};
  const float half = size * 0.6f;
  dl->AddTriangleFilled(tip, {base.x + n.x * half, base.y + n.y * half}, {base.x - n.x * half, base.y - n.y * half},
                        colour);
  dl->AddLine({base.x - d.x * size * 1.2f, base.y - d.y * size * 1.2f}, base, colour, size * 0.3f);
  // An isosceles triangle's inradius is its area over half its perimeter; the centre is on the axis.
  const float r = half * size / (half + std::sqrt(half * half + size * size));
  return {{base.x + d.x * r, base.y + d.y * r}, r};
}

Rgba rgba(ImU32 c) {
  return {static_cast<std::uint8_t>(c >> IM_COL32_R_SHIFT), static_cast<std::uint8_t>(c >> IM_COL32_G_SHIFT),
          static_cast<std::uint8_t>(c >> IM_COL32_B_SHIFT), static_cast<std::uint8_t>(c >> IM_COL32_A_SHIFT)};
}

// A hub as drawn, in framebuffer pixels (ImGui works in points; HiDPI framebuffers have more pixels).
DrawnNode drawn(const std::string& map, const Mark& m, Disc where, ImU32 fill) {
  const ImVec2 k = ImGui::GetIO().DisplayFramebufferScale;
  // frame.cpp gives framed panels, the map among them, the ChildBg colour as background.
  return {map,
          m.name,
          m.external ? "arrow" : "circle",
          where.centre.x * k.x,
          where.centre.y * k.y,
          where.radius * std::min(k.x, k.y),
          rgba(fill),
          rgba(ImGui::GetColorU32(ImGuiCol_ChildBg))};
}

// The colour scale and the map's symbols, right-aligned at `top_right`; returns the box it covers.
Box draw_legend(ImDrawList* dl, ImVec2 top_right, const Replay& replay, const Replay* base, const Fonts& fonts) {
  const float line = fonts.body->FontSize, bar_w = 12 * line, bar_h = 0.6f * line;
  const float x0 = top_right.x - bar_w, y0 = top_right.y;
  const std::string title = base ? "jobs, B against A" : "jobs since " + long_date(replay.months.front());
  dl->AddText({top_right.x - ImGui::CalcTextSize(title.c_str()).x, y0}, colours::dim_text, title.c_str());
  const float by = y0 + line * 1.3f, mid = x0 + bar_w / 2;
  dl->AddRectFilledMultiColor({x0, by}, {mid, by + bar_h}, growth_colour(-0.25), growth_colour(0),
                              growth_colour(0), growth_colour(-0.25));
  dl->AddRectFilledMultiColor({mid, by}, {x0 + bar_w, by + bar_h}, growth_colour(0), growth_colour(0.25),
                              growth_colour(0.25), growth_colour(0));
  const float ty = by + bar_h + 0.2f * line;
  dl->AddText({x0, ty}, colours::dim_text, "-25%");
  dl->AddText({mid - ImGui::CalcTextSize("0").x / 2, ty}, colours::dim_text, "0");
  dl->AddText({x0 + bar_w - ImGui::CalcTextSize("+25%").x, ty}, colours::dim_text, "+25%");
  const char* area = "circle area = jobs";
  dl->AddText({top_right.x - ImGui::CalcTextSize(area).x, ty + line * 1.3f}, colours::dim_text, area);
  const char* off = "off the map";
  const float off_x = top_right.x - ImGui::CalcTextSize(off).x, off_y = ty + line * 2.6f;
  dl->AddText({off_x, off_y}, colours::dim_text, off);
  draw_arrow(dl, {off_x - 0.4f * line, off_y + 0.75f * line}, {0.6, 0.8}, 0.6f * line, colours::external);
  const float left = std::min({top_right.x - ImGui::CalcTextSize(title.c_str()).x, x0, off_x - 1.4f * line});
  return {{left, y0}, {top_right.x, off_y + line}};
}

// The legends: the colours top right, the flows top left (the Irish Sea: no hubs there), under the
// run's name if any; returns the boxes they cover. A narrow map (side by side) has no room for the
// colour scale. Both maps of a pair have the flow legend, so their counties sit at the same height.
std::vector<Box> draw_legends(ImDrawList* dl, ImVec2 p0, ImVec2 size, const Replay& replay, const Replay* base,
                              const std::string& title, const ViewState& state, const Fonts& fonts) {
  const float line = fonts.body->FontSize;
  const float title_h = title.empty() ? 0.0f : 1.4f * line;  // both legends go under it: run names can be long
  std::vector<Box> boxes;
  if (size.x >= kNarrowMap * line)
    boxes.push_back(draw_legend(dl, {p0.x + size.x - line, p0.y + line + title_h}, replay, base, fonts));
  boxes.push_back(draw_flow_legend(dl, {p0.x + line, p0.y + line + title_h}, replay, state, fonts));
  if (!title.empty()) {
    dl->AddText({p0.x + line, p0.y + line}, colours::accent, title.c_str());
    const ImVec2 t = ImGui::CalcTextSize(title.c_str());
    boxes.push_back({{p0.x + line, p0.y + line}, {p0.x + line + t.x, p0.y + line + t.y}});
  }
  return boxes;
}

}  // namespace

void draw_map_panel(const Replay& replay, const Replay* base, const std::string& title, ViewState& state,
                    const Fonts& fonts, std::vector<DrawnNode>* drawn_nodes) {
  const ImVec2 p0 = ImGui::GetCursorScreenPos(), size = ImGui::GetContentRegionAvail();
  if (size.x < 50 || size.y < 50) return;
  ImGui::InvisibleButton("##map_canvas", size);  // takes the clicks; drawing is on the draw list
  const bool clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left), hovered = ImGui::IsItemHovered();
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float line = fonts.body->FontSize, unit = std::min(size.x, size.y);
  const float r_max = 0.095f * unit;
  const Box panel{{p0.x, p0.y}, {p0.x + size.x, p0.y + size.y}};

  // Legends first, into a layer drawn on top: the county and the labels keep clear of them.
  ImDrawListSplitter layers;
  layers.Split(dl, 2);
  layers.SetCurrentChannel(dl, 1);
  const std::vector<Box> legends = draw_legends(dl, p0, size, replay, base, title, state, fonts);
  layers.SetCurrentChannel(dl, 0);

  MapLayout layout;
  layout.margin = r_max + 0.8 * line;
  layout.edge_inset = 1.6 * line;
  layout.edge_band = layout.edge_inset + 1.2 * line + r_max;
  layout.label_room = 0.0;
  for (const auto& h : replay.hubs)  // off-map labels sit side by side along the border
    if (h.external())
      layout.label_room = std::max<double>(layout.label_room, ImGui::CalcTextSize(h.name.c_str()).x + line);
  layout.min_gap = layout.label_room + 2 * line;
  for (const Box& b : legends) layout.top_band = std::max(layout.top_band, b.max.y - panel.min.y);
  const std::vector<HubPlacement> places = place_hubs(replay.hubs, panel, layout);

  const double t = state.month;  // circles grow smoothly between months...
  const auto whole = static_cast<std::size_t>(current_month(state, static_cast<int>(replay.month_count())));
  std::vector<Mark> marks(replay.hubs.size());
  for (std::size_t h = 0; h < replay.hubs.size(); ++h) {
    Mark& m = marks[h];
    m.centre = to_im(places[h].pos);
    m.name = replay.hubs[h].name;
    m.external = places[h].off_map;
    if (m.external) {
      m.radius = m.reserved = 0.45f * line;
      m.fill = colours::external;
      m.detail = format_count(replay.leavers_so_far[h][whole]) + " moved there";
      continue;
    }
    const double jobs = sample(replay.employment[h], t), first = replay.employment[h].front();
    auto radius_of = [&](double n) {
      return std::max(3.0f, r_max * static_cast<float>(std::sqrt(std::max(n, 0.0) / replay.peak_hub_employment)));
    };
    m.radius = radius_of(jobs);
    m.reserved = radius_of(replay.peak_employment[h]);
    m.change = first > 0 ? jobs / first - 1 : 0;
    m.shown_change = first > 0 ? replay.employment[h][whole] / first - 1 : 0;
    m.detail = format_count(replay.employment[h][whole]) + " jobs ";  // ...numbers match the date
    if (base != nullptr) {  // difference view: colour and figure say how B differs from A
      m.change = relative_difference(sample(base->employment[h], t), jobs);
      const double a = base->employment[h][whole], b = replay.employment[h][whole];
      m.shown_change = relative_difference(a, b);
      m.detail = format_signed_count(b - a);
      m.detail.append(" jobs ");
    }
    m.fill = growth_colour(m.change, 0.85f);
  }

  // The road links, and the flows moving along them, under the circles.
  std::vector<ImVec2> centres;
  for (const Mark& m : marks) centres.push_back(m.centre);
  draw_links(dl, replay, centres, fonts);
  draw_flows(dl, replay, centres, state, fonts);

  // Labels: off-map ones first (their room on the border was reserved for them), then the biggest
  // circles, which have the fewest good spots. Laid out around each circle's largest size in the
  // run, so that labels stay put during playback instead of hopping as circles grow.
  std::vector<std::size_t> order(marks.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) {
    return marks[a].external != marks[b].external ? marks[a].external : marks[a].reserved > marks[b].reserved;
  });
  // A narrow map (side by side) has no room for two-line labels around seven hubs: there a label is
  // the name and the change ("Preston +18%"); the counts are in the hub panel.
  const bool compact = size.x < kNarrowMap * line;
  std::vector<LabelRequest> requests;
  for (std::size_t i : order) {
    const Mark& m = marks[i];
    const std::string change = m.external ? "" : format_change(m.shown_change);
    // Widest the detail line gets in the run (the peak count, a two-digit change): stable, like the radius.
    const std::string widest = m.external ? format_count(replay.leavers_so_far[i].back()) + " moved there"
                                          : format_count(replay.peak_employment[i]) + " jobs +00%";
    const float w = compact ? ImGui::CalcTextSize((m.name + (m.external ? "" : " +00%")).c_str()).x
                            : std::max({ImGui::CalcTextSize(m.name.c_str()).x,
                                        ImGui::CalcTextSize((m.detail + change).c_str()).x,
                                        ImGui::CalcTextSize(widest.c_str()).x});
    // An off-map label sits behind its arrow ("London (312 km) ->"): the spacing of the markers
    // along the border leaves room for exactly that, and the text then leads into the arrow.
    Side side = Side::below;
    if (m.external) {
      const Point d = places[i].label_dir;
      side = std::abs(d.x) > std::abs(d.y) ? (d.x < 0 ? Side::left : Side::right) : (d.y < 0 ? Side::above : Side::below);
    }
    requests.push_back(
        {{m.centre.x, m.centre.y}, m.reserved + (m.external ? 0.6 * line : 0.0), w, (compact ? 1.05 : 2.1) * line, side});
  }
  const double inset = 0.3 * line;
  const std::vector<LabelSpot> spots =
      layout_labels(requests, {{panel.min.x + inset, panel.min.y + inset}, {panel.max.x - inset, panel.max.y - inset}},
                    0.3 * line, legends);

  // Hit test before drawing so the selection ring shows in this very frame.
  int under_mouse = -1;
  for (std::size_t k = 0; k < order.size(); ++k) {  // later in `order` is drawn on top, so it wins
    Mark& m = marks[order[k]];
    const Point c = spots[k].corner;
    m.label = {c, {c.x + requests[k].width, c.y + requests[k].height}};
    m.leader = spots[k].leader;
    const float dx = mouse.x - m.centre.x, dy = mouse.y - m.centre.y, reach = std::max(m.radius, 0.8f * line);
    if (hovered && (dx * dx + dy * dy <= reach * reach || contains(m.label, mouse))) under_mouse = static_cast<int>(order[k]);
  }
  if (clicked) state.selected_hub = under_mouse;  // a click on empty map clears the selection
  if (under_mouse >= 0) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);

  for (std::size_t i : order) {
    const Mark& m = marks[i];
    const bool selected = static_cast<int>(i) == state.selected_hub, hot = static_cast<int>(i) == under_mouse;
    // A metro's arrow lights up when selected or hovered; a circle keeps its colour and gets a ring.
    const ImU32 fill = !m.external ? m.fill : selected ? colours::accent : hot ? colours::text : m.fill;
    Disc shown{m.centre, m.radius};
    if (m.external) {
      const Point out = places[i].outward;
      const ImVec2 tip{m.centre.x + static_cast<float>(out.x) * 0.9f * line, m.centre.y + static_cast<float>(out.y) * 0.9f * line};
      shown = draw_arrow(dl, tip, out, 0.9f * line, fill);
    } else {
      dl->AddCircleFilled(m.centre, m.radius, fill);
    }
    if (drawn_nodes != nullptr) drawn_nodes->push_back(drawn(title, m, shown, fill));
    if ((selected || hot) && !m.external)
      dl->AddCircle(m.centre, m.radius + 3 * fonts.scale, selected ? colours::text : colours::dim_text, 0, 2.5f * fonts.scale);
  }
  for (std::size_t i : order) {
    const Mark& m = marks[i];
    if (!m.leader) continue;  // from the circle's edge to the nearest point of its label
    const ImVec2 near{std::clamp(m.centre.x, float(m.label.min.x), float(m.label.max.x)),
                      std::clamp(m.centre.y, float(m.label.min.y), float(m.label.max.y))};
    const float dx = near.x - m.centre.x, dy = near.y - m.centre.y, len = std::sqrt(dx * dx + dy * dy);
    if (len > m.radius) dl->AddLine({m.centre.x + dx / len * m.radius, m.centre.y + dy / len * m.radius}, near,
                                    colours::dim_text, 1.5f * fonts.scale);
  }
  for (std::size_t i : order) {
    const Mark& m = marks[i];
    const ImVec2 at = to_im(m.label.min);
    const bool selected = static_cast<int>(i) == state.selected_hub;
    dl->AddText(at, selected ? colours::accent : colours::text, m.name.c_str());
    // The change follows the detail on the second line, or the name in a compact label.
    const ImVec2 second{at.x, at.y + 1.05f * line};
    if (!compact) dl->AddText(second, colours::dim_text, m.detail.c_str());
    const ImVec2 change_at = compact ? ImVec2{at.x + ImGui::CalcTextSize((m.name + " ").c_str()).x, at.y}
                                     : ImVec2{second.x + ImGui::CalcTextSize(m.detail.c_str()).x, second.y};
    if (!m.external) dl->AddText(change_at, growth_colour(m.shown_change), format_change(m.shown_change).c_str());
  }
  layers.Merge(dl);
}

}  // namespace hubsim::viz
