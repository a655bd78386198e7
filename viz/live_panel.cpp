// Live mode's parameter panel: the sliders generated from the parameter description, under their
// group headings, each applied to the changed run from the first month it has not simulated yet;
// the comparison switch; what has been changed so far; saving the session.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "viz/format.hpp"
#include "viz/live_session.hpp"
#include "viz/panels.hpp"

namespace hubsim::viz {
namespace {

std::string value_text(const LiveParam& p, double v) {
  std::string text = p.integer || std::abs(v) >= 100 ? format_count(v) : [&] {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3g", v);
    return std::string(buf);
  }();
  return p.unit.empty() ? text : text + " " + p.unit;
}

}  // namespace

void draw_live_panel(LiveSession& live, const ViewState& /*state*/, const Fonts& fonts) {
  const ImVec4 dim = ImGui::ColorConvertU32ToFloat4(colours::dim_text);
  const ImVec4 accent = ImGui::ColorConvertU32ToFloat4(colours::accent);
  // Wrapped, never cut: the panel is narrow, and the type is large on a projector.
  ImGui::PushTextWrapPos(0.0f);
  if (live.run().done() < live.run().total())
    ImGui::TextColored(dim, "What if... changes apply from %s", long_date(live.frontier()).c_str());
  else
    ImGui::TextColored(dim, "What if... the run is complete: no more changes");
  ImGui::PopTextWrapPos();
  // The changed run is B; the unchanged one it is compared with is A (viz/README.md, Live mode).
  ImGui::Checkbox("vs unchanged run (A)", &live.with_baseline);
  if (ImGui::SmallButton("Save session")) {
    try {
      live.save(live.save_path);
    } catch (const std::exception& e) {
      live.saved = std::string("not saved: ") + e.what();
    }
  }
  ImGui::PushTextWrapPos(0.0f);
  if (!live.saved.empty()) ImGui::TextColored(dim, "%s", live.saved.c_str());
  if (const std::string error = live.error(); !error.empty())
    ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.4f, 1.0f), "the run stopped: %s", error.c_str());
  ImGui::PopTextWrapPos();
  // Everything below scrolls, so every slider is reachable however small the window.
  ImGui::BeginChild("##params", {0, 0}, false, ImGuiWindowFlags_AlwaysVerticalScrollbar);
  ImGui::PushTextWrapPos(0.0f);
  for (const ChangeMarker& change : live.markers()) ImGui::TextColored(accent, "%s", change.caption.c_str());
  ImGui::PopTextWrapPos();
  auto& params = live.params();
  std::string group;
  bool open = false;
  for (std::size_t i = 0; i < params.size(); ++i) {
    LiveParam& p = params[i];
    if (p.group != group) {
      group = p.group;
      ImGui::PushID(group.c_str());
      open = ImGui::CollapsingHeader(group.c_str());
      ImGui::PopID();
    }
    if (!open) continue;
    ImGui::PushID(static_cast<int>(i));
    // The name above its slider, wrapped: plain words are longer than a projector's panel is wide.
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(p.label.c_str());
    ImGui::PopTextWrapPos();
    ImGui::SetNextItemWidth(std::max(ImGui::GetContentRegionAvail().x, 6 * fonts.body->FontSize));
    float v = static_cast<float>(p.value);
    const std::string format = value_text(p, p.value);  // no printf codes: the text is the value itself
    std::string escaped;
    for (char c : format) escaped += c == '%' ? std::string("%%") : std::string(1, c);
    ImGui::SliderFloat("##v", &v, static_cast<float>(p.lo), static_cast<float>(p.hi), escaped.c_str());
    if (ImGui::IsItemActive() || ImGui::IsItemDeactivatedAfterEdit()) p.value = p.integer ? std::round(v) : v;
    if (ImGui::IsItemDeactivatedAfterEdit()) {  // on release, not while dragging
      const std::string error = live.set(i, p.value);
      if (error.empty()) live.with_baseline = true;
    }
    ImGui::PopID();
  }
  ImGui::EndChild();
}

}  // namespace hubsim::viz
