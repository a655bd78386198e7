#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>

#include <GL/gl.h>

#include <algorithm>
#include <cmath>
#include <string>

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

void draw_frame(const Scene& scene, ViewState& state, const Fonts& all_fonts, LiveSession* live, double dt,
                std::vector<DrawnNode>* drawn_nodes) {
  const Fonts fonts = state.presentation ? all_fonts.presenting() : all_fonts;
  ImGui::PushFont(fonts.body);
  const int month_count = scene.month_count();
  handle_keys(scene, state);
  advance(state, dt, month_count, scene.growing);
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float gap = 10 * fonts.scale;
  const float header_h = fonts.large->FontSize + 2 * gap;
  const ImGuiStyle& style = ImGui::GetStyle();
  const float controls_h = state.presentation ? 0 : fonts.body->FontSize + 2 * (style.FramePadding.y + style.WindowPadding.y);
  const float body_h = std::max(display.y - header_h - controls_h - gap, 50.0f);
  const bool two_maps = scene.comparing() && state.compare == CompareMode::side_by_side;
  const float map_w = std::floor((display.x - 3 * gap) * (two_maps ? 0.70f : 0.60f));
  const float side_x = 2 * gap + map_w, side_w = display.x - side_x - gap;
  const float live_h = live != nullptr && !state.presentation ? std::floor(body_h * 0.34f) : 0;
  // With the sliders below, the chart keeps the larger share: its plot needs height, the figures less.
  const float chart_h = std::floor((body_h - live_h) * (live_h > 0 ? 0.56f : 0.46f));
  const float hub_h = body_h - live_h - chart_h - gap - (live_h > 0 ? gap : 0);

  if (begin_panel("##header", {0, 0}, {display.x, header_h}, false)) draw_header(scene, state, fonts);
  ImGui::End();
  if (two_maps) {
    const float half = std::floor((map_w - gap) / 2);
    if (begin_panel("##mapA", {gap, header_h}, {half, body_h}, true))
      draw_map_panel(scene.runs.front(), nullptr, "A " + scene.names.front(), state, fonts, drawn_nodes);
    ImGui::End();
    if (begin_panel("##mapB", {2 * gap + half, header_h}, {map_w - half - gap, body_h}, true))
      draw_map_panel(scene.runs.back(), nullptr, "B " + scene.names.back(), state, fonts, drawn_nodes);
    ImGui::End();
  } else if (begin_panel("##map", {gap, header_h}, {map_w, body_h}, true)) {
    const bool diff = scene.comparing();
    draw_map_panel(scene.lead(), diff ? &scene.runs.front() : nullptr, diff ? "B - A" : "", state, fonts, drawn_nodes);
  }
  if (!two_maps) ImGui::End();
  if (begin_panel("##chart", {side_x, header_h}, {side_w, chart_h}, true)) draw_chart_panel(scene, state, fonts);
  ImGui::End();
  if (begin_panel("##hub", {side_x, header_h + chart_h + gap}, {side_w, hub_h}, true)) draw_hub_panel(scene, state, fonts);
  ImGui::End();
  if (live_h > 0 && begin_panel("##live", {side_x, header_h + body_h - live_h}, {side_w, live_h}, true))
    draw_live_panel(*live, state, fonts);
  if (live_h > 0) ImGui::End();
  if (controls_h > 0 && begin_panel("##controls", {0, display.y - controls_h}, {display.x, controls_h}, false))
    draw_controls(scene, state, fonts);
  if (controls_h > 0) ImGui::End();
  ImGui::PopFont();
}

// Bad input in interactive use: the message, large, and how to leave.
void draw_error(const std::string& error, const Fonts& fonts) {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  if (begin_panel("##error", {0, 0}, display, false)) {
    ImGui::PushFont(fonts.body);
    ImGui::SetCursorPos({40 * fonts.scale, 40 * fonts.scale});
    ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.4f, 1.0f), "hubsim-view cannot show this");
    ImGui::SetCursorPosX(40 * fonts.scale);
    ImGui::PushTextWrapPos(display.x - 40 * fonts.scale);
    ImGui::TextUnformatted(error.c_str());
    ImGui::PopTextWrapPos();
    ImGui::SetCursorPosX(40 * fonts.scale);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colours::dim_text), "Close the window or press Escape.");
    ImGui::PopFont();
  }
  ImGui::End();
}

void render_frame(const Scene& scene, ViewState& state, const Fonts& fonts, LiveSession* live, int width, int height,
                  double dt, std::vector<DrawnNode>* drawn_nodes) {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  // The backend took the window's size; the framebuffer we draw into is the authority (a hidden
  // screenshot window may not get the size it asked for, an offscreen target always does).
  ImGuiIO& io = ImGui::GetIO();
  if (io.DisplayFramebufferScale.x > 0 && io.DisplayFramebufferScale.y > 0)
    io.DisplaySize = ImVec2(static_cast<float>(width) / io.DisplayFramebufferScale.x,
                            static_cast<float>(height) / io.DisplayFramebufferScale.y);
  ImGui::NewFrame();
  if (scene.error.empty()) draw_frame(scene, state, fonts, live, dt, drawn_nodes);
  else draw_error(scene.error, fonts);
  ImGui::Render();
  glViewport(0, 0, width, height);
  const ImVec4 bg = ImGui::ColorConvertU32ToFloat4(colours::background);
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

}  // namespace hubsim::viz
