// Live mode's parameter panel: a slider per parameter, applied to the changed run from the first
// month it has not simulated yet; the baseline switch; what has been changed so far.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "viz/live_session.hpp"
#include "viz/panels.hpp"

namespace hubsim::viz {

void draw_live_panel(LiveSession& live, const ViewState& /*state*/, const Fonts& fonts) {
  const ImVec4 dim = ImGui::ColorConvertU32ToFloat4(colours::dim_text);
  ImGui::TextUnformatted("What if...");
  ImGui::SameLine();
  ImGui::TextColored(dim, " changes apply from %s", live.frontier().iso().c_str());
  ImGui::Checkbox("against the unchanged run (B)", &live.with_baseline);
  if (const std::string error = live.error(); !error.empty())
    ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.4f, 1.0f), "the run stopped: %s", error.c_str());
  ImGui::BeginChild("##params", {0, 0}, false);  // scrolls when the config has many interventions
  auto& params = live.params();
  for (std::size_t i = 0; i < params.size(); ++i) {
    LiveParam& p = params[i];
    ImGui::PushID(static_cast<int>(i));
    // The name and value inside the slider: the panel is narrow, and a projector needs big sliders.
    ImGui::SetNextItemWidth(std::max(ImGui::GetContentRegionAvail().x, 6 * fonts.body->FontSize));
    float v = static_cast<float>(p.value);
    const std::string format = p.label + ": " + (p.hi >= 100 ? "%.0f" : "%.2f");
    ImGui::SliderFloat("##v", &v, static_cast<float>(p.lo), static_cast<float>(p.hi), format.c_str());
    if (ImGui::IsItemActive() || ImGui::IsItemDeactivatedAfterEdit()) p.value = v;
    if (ImGui::IsItemDeactivatedAfterEdit()) {  // on release, not while dragging
      const std::string error = live.set(i, v);
      if (error.empty()) live.with_baseline = true;
    }
    ImGui::PopID();
  }
  for (const std::string& change : live.run().applied()) ImGui::TextColored(dim, "%s", change.c_str());
  ImGui::EndChild();
}

}  // namespace hubsim::viz
