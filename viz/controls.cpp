// The header (title and the date, large), the playback controls and the keyboard shortcuts.
#include <imgui.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>  // key codes only: ImGui 1.86 has no named key for F

#include <algorithm>
#include <string>

#include "viz/format.hpp"
#include "viz/panels.hpp"

namespace hubsim::viz {

void draw_header(const Replay& replay, const ViewState& state, const Fonts& fonts) {
  const int n = static_cast<int>(replay.month_count());
  const core::Month month = replay.months[static_cast<std::size_t>(current_month(state, n))];
  const ImVec2 origin = ImGui::GetWindowPos();
  const ImVec2 size = ImGui::GetWindowSize();
  const float pad = 14 * fonts.scale;
  ImDrawList* dl = ImGui::GetWindowDrawList();

  const std::string date = long_date(month);
  const ImVec2 date_size = fonts.large->CalcTextSizeA(fonts.large->FontSize, 1e9f, 0, date.c_str());
  dl->AddText(fonts.large, fonts.large->FontSize, {origin.x + size.x - date_size.x - pad, origin.y + (size.y - date_size.y) / 2},
              colours::accent, date.c_str());

  const float line = fonts.body->FontSize;
  const float top = origin.y + (size.y - 2 * line - 4 * fonts.scale) / 2;
  dl->AddText(fonts.body, line, {origin.x + pad, top}, colours::text, "Lancashire's digital hubs");
  const std::string sub = (replay.scenario.empty() ? std::string("run") : "scenario " + replay.scenario) + "  |  " +
                          replay.months.front().iso() + " to " + replay.months.back().iso();
  dl->AddText(fonts.body, line, {origin.x + pad, top + line + 4 * fonts.scale}, colours::dim_text, sub.c_str());
}

void draw_controls(const Replay& replay, ViewState& state, const Fonts& fonts) {
  const int n = static_cast<int>(replay.month_count());
  const ImGuiStyle& style = ImGui::GetStyle();
  const float button_w = ImGui::CalcTextSize("Pause").x + 4 * style.FramePadding.x;
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 4 * fonts.scale);

  if (ImGui::Button(state.playing ? "Pause" : "Play", {button_w, 0})) toggle_play(state, n);
  ImGui::SameLine();

  const std::string speed = format_speed(state.speed);
  ImGui::SetNextItemWidth(ImGui::CalcTextSize("10.5 months/s").x + 4 * style.FramePadding.x);
  // The format is pre-rendered text (no %): the slider shows "2.5 years/s" rather than raw months.
  ImGui::SliderFloat("##speed", &state.speed, kMinSpeed, kMaxSpeed, speed.c_str(),
                     ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_NoInput);
  ImGui::SameLine();

  const std::string keys = "space play/pause   Left/Right month   F fullscreen";
  const float keys_w = ImGui::CalcTextSize(keys.c_str()).x;
  ImGui::SetNextItemWidth(std::max(ImGui::GetContentRegionAvail().x - keys_w - 2 * style.ItemSpacing.x, 100.0f));
  float month = static_cast<float>(state.month);
  const std::string date = replay.months[static_cast<std::size_t>(current_month(state, n))].iso();
  if (ImGui::SliderFloat("##timeline", &month, 0.0f, static_cast<float>(n - 1), date.c_str(), ImGuiSliderFlags_NoInput))
    state.month = month;
  if (ImGui::IsItemActive()) state.playing = false;  // scrubbing takes over from playback
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colours::dim_text), "%s", keys.c_str());
}

void handle_keys(ViewState& state, int month_count) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false)) toggle_play(state, month_count);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) step(state, -1, month_count);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) step(state, +1, month_count);
  if (ImGui::IsKeyPressed(GLFW_KEY_F, false)) state.fullscreen = !state.fullscreen;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) state.fullscreen = false;
}

}  // namespace hubsim::viz
