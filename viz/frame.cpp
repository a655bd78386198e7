#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>

#include <GL/gl.h>

#include <algorithm>
#include <cmath>

#include "viz/panels.hpp"

namespace hubsim::viz {
namespace {

// Panels are plain fixed windows: a presentation has no use for dragging or resizing them.
constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                         ImGuiWindowFlags_NoScrollWithMouse;

bool begin_panel(const char* id, ImVec2 pos, ImVec2 size, bool framed) {
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, framed ? ImGui::GetStyle().Colors[ImGuiCol_ChildBg]
                                                  : ImGui::GetStyle().Colors[ImGuiCol_WindowBg]);
  const bool open = ImGui::Begin(id, nullptr, kPanelFlags);
  ImGui::PopStyleColor();
  return open;
}

}  // namespace

void draw_frame(const Replay& replay, ViewState& state, const Fonts& fonts) {
  const int month_count = static_cast<int>(replay.month_count());
  handle_keys(state, month_count);
  advance(state, ImGui::GetIO().DeltaTime, month_count);
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float gap = 10 * fonts.scale;
  const float header_h = fonts.large->FontSize + 2 * gap;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float controls_h = fonts.body->FontSize + 2 * (style.FramePadding.y + style.WindowPadding.y);
  const float body_h = std::max(display.y - header_h - controls_h - gap, 50.0f);
  const float map_w = std::floor((display.x - 3 * gap) * 0.60f);
  const float side_x = 2 * gap + map_w, side_w = display.x - side_x - gap;
  const float chart_h = std::floor(body_h * 0.5f);

  if (begin_panel("##header", {0, 0}, {display.x, header_h}, false)) draw_header(replay, state, fonts);
  ImGui::End();
  if (begin_panel("##map", {gap, header_h}, {map_w, body_h}, true)) draw_map_panel(replay, state, fonts);
  ImGui::End();
  if (begin_panel("##chart", {side_x, header_h}, {side_w, chart_h}, true)) draw_chart_panel(replay, state, fonts);
  ImGui::End();
  if (begin_panel("##hub", {side_x, header_h + chart_h + gap}, {side_w, body_h - chart_h - gap}, true))
    draw_hub_panel(replay, state, fonts);
  ImGui::End();
  if (begin_panel("##controls", {0, display.y - controls_h}, {display.x, controls_h}, false))
    draw_controls(replay, state, fonts);
  ImGui::End();
}

void render_frame(const Replay& replay, ViewState& state, const Fonts& fonts, int width, int height) {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  // The backend took the window's size; the framebuffer we draw into is the authority (a hidden
  // screenshot window may not get the size it asked for, an offscreen target always does).
  ImGuiIO& io = ImGui::GetIO();
  if (io.DisplayFramebufferScale.x > 0 && io.DisplayFramebufferScale.y > 0)
    io.DisplaySize = ImVec2(static_cast<float>(width) / io.DisplayFramebufferScale.x,
                            static_cast<float>(height) / io.DisplayFramebufferScale.y);
  ImGui::NewFrame();
  draw_frame(replay, state, fonts);
  ImGui::Render();
  glViewport(0, 0, width, height);
  const ImVec4 bg = ImGui::ColorConvertU32ToFloat4(colours::background);
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

}  // namespace hubsim::viz
