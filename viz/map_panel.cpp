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
  Point anchor;              // the circle its label was laid out around
  double anchor_radius = 0;
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
  DrawnNode n;
  n.map = map;
  n.name = m.name;
  n.shape = m.external ? "arrow" : "circle";
  n.x = where.centre.x * k.x;
  n.y = where.centre.y * k.y;
  n.radius = where.radius * std::min(k.x, k.y);
  n.fill = rgba(fill);
  n.backdrop = rgba(ImGui::GetColorU32(ImGuiCol_ChildBg));
  return n;
}

// The colour scale (symmetric log, labelled ticks: theme.hpp) and the map's symbols,
// right-aligned at `top_right`; returns the box it covers.
// A `compact` legend (a narrow map) is the scale alone, shorter, with a shorter title.
Box draw_legend(ImDrawList* dl, ImVec2 top_right, const Replay& replay, const Replay* base, const Fonts& fonts,
                bool compact) {
  const float line = fonts.body->FontSize, bar_w = (compact ? 11 : 15) * line, bar_h = 0.6f * line;
  const float x0 = top_right.x - bar_w, y0 = top_right.y;
  const std::string since = compact ? std::to_string(replay.months.front().year()) : long_date(replay.months.front());
  const std::string title = base ? (compact ? "jobs, B vs A" : "jobs, B against A") : "jobs since " + since;
  dl->AddText({top_right.x - ImGui::CalcTextSize(title.c_str()).x, y0}, colours::dim_text, title.c_str());
  // Declines take the left third (they end at -100%), growth the rest (to +2000%).
  const float by = y0 + line * 1.3f, mid = x0 + bar_w / 3;
  auto x_of = [&](double fraction) {
    const double p = colour_position(fraction);
    return static_cast<float>(p < 0 ? mid + p * (mid - x0) : mid + p * (x0 + bar_w - mid));
  };
  constexpr int kSteps = 48;
  for (int i = 0; i < kSteps; ++i) {  // piecewise: the scale bends, a two-stop gradient would lie
    const float xa = x0 + bar_w * i / kSteps, xb = x0 + bar_w * (i + 1) / kSteps;
    auto fraction_at = [&](float x) {
      return colour_fraction(x < mid ? (x - mid) / (mid - x0) : (x - mid) / (x0 + bar_w - mid));
    };
    const ImU32 ca = growth_colour(fraction_at(xa)), cb = growth_colour(fraction_at(xb));
    dl->AddRectFilledMultiColor({xa, by}, {xb, by + bar_h}, ca, cb, cb, ca);
  }
  const float ty = by + bar_h + 0.2f * line;
  // Ticks that fit without touching, the ends and 0 first.
  const double ticks[] = {0.0, kColourMax, -1.0, 1.0, 0.1, -0.5, 5.0, 0.4, -0.1};
  std::vector<std::pair<float, float>> used;
  for (const double f : ticks) {
    const std::string text = f == 0 ? "0" : format_change(f);
    const float w = ImGui::CalcTextSize(text.c_str()).x, x = x_of(f);
    const float left = std::clamp(x - w / 2, x0, x0 + bar_w - w);
    if (std::any_of(used.begin(), used.end(),
                    [&](auto u) { return left < u.second + 0.5f * line && left + w > u.first - 0.5f * line; }))
      continue;
    used.emplace_back(left, left + w);
    dl->AddLine({x, by + bar_h}, {x, by + bar_h + 0.2f * line}, colours::dim_text, fonts.scale);
    dl->AddText({left, ty + 0.1f * line}, colours::dim_text, text.c_str());
  }
  if (compact) return {{std::min(x0, top_right.x - ImGui::CalcTextSize(title.c_str()).x), y0}, {top_right.x, ty + 1.2f * line}};
  const char* area = "circle area = jobs";
  dl->AddText({top_right.x - ImGui::CalcTextSize(area).x, ty + line * 1.4f}, colours::dim_text, area);
  const char* off = "off the map";
  const float off_x = top_right.x - ImGui::CalcTextSize(off).x, off_y = ty + line * 2.7f;
  dl->AddText({off_x, off_y}, colours::dim_text, off);
  draw_arrow(dl, {off_x - 0.4f * line, off_y + 0.75f * line}, {0.6, 0.8}, 0.6f * line, colours::external);
  const float left = std::min({top_right.x - ImGui::CalcTextSize(title.c_str()).x, x0, off_x - 1.4f * line});
  return {{left, y0}, {top_right.x, off_y + line}};
}

// The legends: the colours top right, the flows top left (the Irish Sea: no hubs there), under the
// run's name if any; returns the boxes they cover. A narrow map gets the scale without the symbols. Both maps of a pair have the flow legend, so their counties sit at the same height.
std::vector<Box> draw_legends(ImDrawList* dl, ImVec2 p0, ImVec2 size, const Replay& replay, const Replay* base,
                              const std::string& title, const ViewState& state, const Fonts& fonts) {
  const float line = fonts.body->FontSize;
  const float title_h = title.empty() ? 0.0f : 1.4f * line;  // both legends go under it: run names can be long
  std::vector<Box> boxes;
  const bool compact = size.x < kNarrowMap * line;
  boxes.push_back(draw_flow_legend(dl, {p0.x + line, p0.y + line + title_h}, replay, state, fonts, compact));
  // The colour scale always shows (a map without its key cannot be read): top right, or on a
  // narrow map the short one: beside the flows if it fits, else under them.
  const bool beside = !compact || boxes.back().max.x + 13 * line <= p0.x + size.x - line;
  if (beside)
    boxes.push_back(draw_legend(dl, {p0.x + size.x - line, p0.y + line + title_h}, replay, base, fonts, compact));
  else
    boxes.push_back(draw_legend(dl, {p0.x + 12 * line, static_cast<float>(boxes.back().max.y) + 0.6f * line}, replay,
                                base, fonts, true));
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
  // Smaller circles on a narrow map (side by side), where seven labels need room around them.
  const float r_max = (size.x < kNarrowMap * line ? 0.08f : 0.095f) * unit;
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
  // No circle under a legend or caption: where one would be (at its largest in the run), the
  // county moves down (and shrinks) until it is clear. Legends are at the top, captions at the foot.
  std::vector<HubPlacement> places = place_hubs(replay.hubs, panel, layout);
  Box county_panel = panel;
  for (int attempt = 0; attempt < 8; ++attempt) {
    double push_down = 0, push_up = 0;
    for (std::size_t h = 0; h < replay.hubs.size(); ++h) {
      if (places[h].off_map) continue;
      const double r = std::max(3.0, r_max * std::sqrt(std::max(replay.peak_employment[h], 0.0) / replay.peak_hub_employment)) +
                       0.3 * line;
      const Point c = places[h].pos;
      for (const Box& b : legends) {
        if (c.x + r <= b.min.x || c.x - r >= b.max.x || c.y + r <= b.min.y || c.y - r >= b.max.y) continue;
        const bool top = b.min.y < panel.min.y + 0.5 * size.y;
        if (top) push_down = std::max(push_down, b.max.y - (c.y - r));
        else push_up = std::max(push_up, (c.y + r) - b.min.y);
      }
    }
    if (push_down <= 0 && push_up <= 0) break;
    county_panel.min.y += push_down + 0.2 * line;
    county_panel.max.y -= push_up + (push_up > 0 ? 0.2 * line : 0.0);
    if (county_panel.height() < 0.55 * size.y) break;  // no room: a circle under a legend beats a county in a corner
    std::vector<HubPlacement> moved = place_hubs(replay.hubs, county_panel, layout);
    for (std::size_t h = 0; h < replay.hubs.size(); ++h)
      if (!moved[h].off_map) places[h] = moved[h];  // the metros stay on the panel's own border
  }

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
      if (base != nullptr)  // difference view: every figure is B - A
        m.detail = format_signed_count(replay.leavers_so_far[h][whole] - base->leavers_so_far[h][whole]) + " moved there";
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
  // A compact metro label is its name on two lines ("Greater / Manchester"): the short border of a
  // narrow map has no room for it on one beside two arrows.
  auto two_lines = [&](const Mark& m) { return compact && m.external && m.name.find(' ') != std::string::npos; };
  auto name_lines = [&](const Mark& m) -> std::pair<std::string, std::string> {
    if (!two_lines(m)) return {m.name, ""};
    const std::size_t cut = m.name.find(' ');
    return {m.name.substr(0, cut), m.name.substr(cut + 1)};
  };
  std::vector<LabelRequest> requests;
  for (std::size_t i : order) {
    const Mark& m = marks[i];
    const std::string change = m.external ? "" : format_change(m.shown_change);
    // Widest the detail line gets in the run (the peak count, the largest change of any hub):
    // stable, like the radius, so labels stay put during playback.
    const std::string widest_change = format_change(std::max(replay.peak_abs_change, 0.99));
    std::string widest = "+";  // appended, not "+" + ...: GCC 12 warns falsely (-Wrestrict) on that
    widest += m.external ? format_count(replay.leavers_so_far[i].back()) + " moved there"
                         : format_count(replay.peak_employment[i]) + " jobs " + widest_change;
    const auto [first_line, second_line] = name_lines(m);
    const float w = two_lines(m) ? std::max(ImGui::CalcTextSize(first_line.c_str()).x, ImGui::CalcTextSize(second_line.c_str()).x)
                    : compact ? std::max(ImGui::CalcTextSize((m.name + (m.external ? "" : " " + widest_change)).c_str()).x,
                                       ImGui::CalcTextSize((m.name + " " + change).c_str()).x)
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
        {{m.centre.x, m.centre.y}, m.reserved + (m.external ? 0.6 * line : 0.0), w, (compact && !two_lines(m) ? 1.05 : 2.1) * line, side});
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
    m.anchor = requests[k].anchor;
    m.anchor_radius = requests[k].radius;
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
    if (drawn_nodes != nullptr) {
      DrawnNode n = drawn(title, m, shown, fill);
      const ImVec2 k = ImGui::GetIO().DisplayFramebufferScale;
      auto px = [&](const Box& b) { return std::array<double, 4>{b.min.x * k.x, b.min.y * k.y, b.max.x * k.x, b.max.y * k.y}; };
      n.label = px(m.label);
      n.leader = m.leader;
      n.label_anchor = {m.anchor.x * k.x, m.anchor.y * k.y, m.anchor_radius * std::min(k.x, k.y)};
      n.panel = px(panel);
      for (const Box& b : legends) n.legends.push_back(px(b));
      drawn_nodes->push_back(std::move(n));
    }
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
    const ImVec2 second{at.x, at.y + 1.05f * line};
    if (two_lines(m)) {
      const auto [first_line, second_line] = name_lines(m);
      dl->AddText(at, selected ? colours::accent : colours::text, first_line.c_str());
      dl->AddText(second, selected ? colours::accent : colours::text, second_line.c_str());
      continue;
    }
    dl->AddText(at, selected ? colours::accent : colours::text, m.name.c_str());
    // The change follows the detail on the second line, or the name in a compact label.
    if (!compact) dl->AddText(second, colours::dim_text, m.detail.c_str());
    const ImVec2 change_at = compact ? ImVec2{at.x + ImGui::CalcTextSize((m.name + " ").c_str()).x, at.y}
                                     : ImVec2{second.x + ImGui::CalcTextSize(m.detail.c_str()).x, second.y};
    if (!m.external) dl->AddText(change_at, growth_colour(m.shown_change), format_change(m.shown_change).c_str());
  }
  layers.Merge(dl);
}

}  // namespace hubsim::viz
