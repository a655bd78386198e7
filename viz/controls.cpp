// The header (title and the date, large), the playback controls and the keyboard shortcuts.
#include <imgui.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>  // key codes only: ImGui 1.86 has no named key for F

#include <algorithm>
#include <string>
#include <vector>

#include "viz/format.hpp"
#include "viz/panels.hpp"

namespace hubsim::viz {

void draw_header(const Scene& scene, const ViewState& state, const Fonts& fonts) {
  const Replay& replay = scene.lead();
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
  std::string sub = (replay.scenario.empty() ? std::string("run") : "scenario " + replay.scenario);
  if (scene.comparing()) sub = "B " + scene.names.back() + " vs A " + scene.names.front();
  sub += "  |  " + replay.axis_months.front().iso() + " to " + replay.axis_months.back().iso();
  if (scene.live) sub += "  |  live";
  const float sub_y = top + line + 4 * fonts.scale;
  // Never under the date: drop the period, then cut the names, where the header is short of room.
  const float room = size.x - date_size.x - 3 * pad;
  if (ImGui::CalcTextSize(sub.c_str()).x > room) sub = sub.substr(0, sub.find("  |  "));
  while (sub.size() > 4 && ImGui::CalcTextSize((sub + "...").c_str()).x > room) sub.pop_back();
  if (ImGui::CalcTextSize(sub.c_str()).x > room) sub += "...";
  dl->AddText(fonts.body, line, {origin.x + pad, sub_y}, colours::dim_text, sub.c_str());

  // Between the title and the date: the latest dated change in force (a recorded or live
  // session's slider move: "from March 2026: ... doubled (...)"), wrapped over the header's two
  // lines and cut with "..." if it is longer; else the keys, where there is room for them.
  const float title_end = origin.x + pad + std::max(ImGui::CalcTextSize(sub.c_str()).x,
                                                    ImGui::CalcTextSize("Lancashire's digital hubs").x);
  const float mid_x = title_end + 2 * pad, mid_w = origin.x + size.x - date_size.x - 2 * pad - mid_x;
  const int now = current_month(state, n);
  const ChangeMarker* latest = nullptr;
  for (const ChangeMarker& c : replay.changes)
    if (c.month <= now) latest = &c;
  if (latest != nullptr && mid_w > 8 * line) {
    std::vector<std::string> lines(1);
    std::string word;
    auto flush_word = [&] {
      const std::string joined = lines.back().empty() ? word : lines.back() + " " + word;
      if (ImGui::CalcTextSize(joined.c_str()).x <= mid_w || lines.back().empty()) lines.back() = joined;
      else lines.push_back(word);
      word.clear();
    };
    for (char c : latest->caption + " ") {
      if (c != ' ') word += c;
      else if (!word.empty()) flush_word();
    }
    if (lines.size() > 2) {  // two lines only: the second cut where it must
      lines.resize(2);
      lines[1] += "...";
      while (lines[1].size() > 4 && ImGui::CalcTextSize(lines[1].c_str()).x > mid_w) lines[1].erase(lines[1].size() - 4, 1);
    }
    const bool fresh = now - latest->month < 12;  // bright for a year, then dimmed
    for (std::size_t i = 0; i < lines.size(); ++i)
      dl->AddText(fonts.body, line, {mid_x, i == 0 ? top : sub_y}, fresh ? colours::accent : colours::dim_text,
                  lines[i].c_str());
    return;
  }
  const char* keys[] = {"space play  L loop  F full", "</> month  1-4 flows  P"};
  const float keys_w = ImGui::CalcTextSize(keys[0]).x;
  const float keys_x = origin.x + size.x - date_size.x - 3 * pad - keys_w;
  if (keys_x > title_end + 2 * pad && !state.presentation) {
    dl->AddText(fonts.body, line, {keys_x, top}, colours::dim_text, keys[0]);
    dl->AddText(fonts.body, line, {keys_x, sub_y}, colours::dim_text, keys[1]);
  }
}

void draw_controls(const Scene& scene, ViewState& state, const Fonts& fonts) {
  const Replay& replay = scene.lead();
  const int n = static_cast<int>(replay.month_count());
  const ImGuiStyle& style = ImGui::GetStyle();
  const float button_w = ImGui::CalcTextSize("Pause").x + 4 * style.FramePadding.x;

  if (ImGui::Button("<")) step(state, -1, n);
  ImGui::SameLine();
  if (ImGui::Button(state.playing ? "Pause" : "Play", {button_w, 0})) toggle_play(state, n);
  ImGui::SameLine();
  if (ImGui::Button(">")) step(state, +1, n);
  ImGui::SameLine();
  ImGui::Checkbox("Loop", &state.loop);
  ImGui::SameLine();
  if (scene.comparing()) {
    if (ImGui::Button(state.compare == CompareMode::difference ? "B - A" : "A | B"))
      state.compare = state.compare == CompareMode::difference ? CompareMode::side_by_side : CompareMode::difference;
    ImGui::SameLine();
  }

  // Sliders show no text of their own: ImGui would draw it under the grab.
  ImGui::SetNextItemWidth(10 * fonts.body->FontSize);
  ImGui::SliderFloat("##speed", &state.speed, kMinSpeed, kMaxSpeed, "",
                     ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_NoInput);
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  const std::string speed = format_speed(state.speed);
  ImGui::TextUnformatted(speed.c_str());
  ImGui::SameLine(0, ImGui::CalcTextSize("10.5 months/s").x - ImGui::CalcTextSize(speed.c_str()).x + 2 * style.ItemSpacing.x);

  ImGui::SetNextItemWidth(std::max(ImGui::GetContentRegionAvail().x, 100.0f));
  // The scrubber spans the whole period; a live run's months not simulated yet cannot be reached.
  const int axis = static_cast<int>(replay.axis_count());
  float month = static_cast<float>(state.month);
  const ImVec2 frame_min = ImGui::GetCursorScreenPos();
  if (ImGui::SliderFloat("##timeline", &month, 0.0f, static_cast<float>(std::max(axis - 1, 1)), "", ImGuiSliderFlags_NoInput))
    state.month = std::min<double>(month, std::max(n - 1, 0));
  if (ImGui::IsItemActive()) state.playing = false;  // scrubbing takes over from playback
  // The run's first and last months at the ends of the scrubber, for scale.
  const ImVec2 frame_max = ImGui::GetItemRectMax();
  const std::string first = replay.axis_months.front().iso(), last = replay.axis_months.back().iso();
  const float text_y = frame_min.y + style.FramePadding.y, pad = style.FramePadding.x;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddText({frame_min.x + pad, text_y}, colours::dim_text, first.c_str());
  dl->AddText({frame_max.x - pad - ImGui::CalcTextSize(last.c_str()).x, text_y}, colours::dim_text, last.c_str());
  // A marker where each dated change of the run begins (a recorded session's slider moves).
  const float grab = style.GrabMinSize, x0 = frame_min.x + grab / 2, x1 = frame_max.x - grab / 2;
  for (const ChangeMarker& c : replay.changes) {
    const float x = x0 + (x1 - x0) * static_cast<float>(c.month) / static_cast<float>(std::max(axis - 1, 1));
    dl->AddTriangleFilled({x - 0.4f * fonts.body->FontSize, frame_min.y}, {x + 0.4f * fonts.body->FontSize, frame_min.y},
                          {x, frame_min.y + 0.5f * fonts.body->FontSize}, colours::accent);
    dl->AddLine({x, frame_min.y}, {x, frame_max.y}, colours::accent, 1.5f * fonts.scale);
  }
}

void handle_keys(const Scene& scene, ViewState& state) {
  const ImGuiIO& io = ImGui::GetIO();
  const int month_count = scene.month_count();
  if (io.WantTextInput || month_count == 0) return;
  for (int k = 0; k < kFlowKinds; ++k)
    if (ImGui::IsKeyPressed(GLFW_KEY_1 + k, false)) toggle_flow(state, k);
  if (ImGui::IsKeyPressed(GLFW_KEY_P, false)) state.presentation = !state.presentation;
  if (ImGui::IsKeyPressed(GLFW_KEY_L, false)) state.loop = !state.loop;
  if (ImGui::IsKeyPressed(GLFW_KEY_C, false)) {
    state.chart = static_cast<ChartKind>((static_cast<int>(state.chart) + 1) % 3);
    if (state.chart == ChartKind::gva && !scene.lead().has_gva) state.chart = ChartKind::firms;
  }
  if (ImGui::IsKeyPressed(GLFW_KEY_D, false) && scene.comparing())
    state.compare = state.compare == CompareMode::difference ? CompareMode::side_by_side : CompareMode::difference;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Home), false)) step(state, -month_count, month_count);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_End), false)) step(state, month_count, month_count);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false)) toggle_play(state, month_count);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) step(state, -1, month_count);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) step(state, +1, month_count);
  if (ImGui::IsKeyPressed(GLFW_KEY_F, false)) state.fullscreen = !state.fullscreen;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) state.fullscreen = state.presentation = false;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow))) state.speed = std::min(state.speed * 1.5f, kMaxSpeed);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow))) state.speed = std::max(state.speed / 1.5f, kMinSpeed);
}

}  // namespace hubsim::viz
