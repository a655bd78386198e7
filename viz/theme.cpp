#include "viz/theme.hpp"

#include <algorithm>
#include <cmath>

namespace hubsim::viz {
namespace {

constexpr float kDefaultFontPixels = 13.0f;  // ProggyClean, ImGui's built-in font

ImFont* default_font(float pixels) {
  ImFontConfig config;
  config.SizePixels = pixels;
  return ImGui::GetIO().Fonts->AddFontDefault(&config);
}

}  // namespace

Fonts setup_theme(int window_width, int window_height, float content_scale) {
  // ProggyClean is a pixel font: whole multiples of 13 px stay crisp, anything else looks smeared.
  // The layout needs about 750 x 420 pixels per multiple (2x at 1600x900 and 1920x1080).
  const float fit = std::min(static_cast<float>(window_width) / 750.0f, static_cast<float>(window_height) / 420.0f);
  // On a HiDPI screen the system's content scale asks for at least that many pixels per point.
  const float scale = std::clamp(std::max(std::floor(fit), std::round(content_scale)), 1.0f, 6.0f);
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the layout is fixed; don't litter the working directory with imgui.ini
  Fonts fonts;
  fonts.scale = scale;
  fonts.body = default_font(kDefaultFontPixels * scale);
  fonts.large = default_font(kDefaultFontPixels * std::round(scale * 2.5f));
  // Presentation: half as big again, in whole multiples (ProggyClean stays crisp only at those).
  fonts.present_scale = std::max(scale + 1.0f, std::round(scale * 1.5f));
  fonts.present_body = default_font(kDefaultFontPixels * fonts.present_scale);
  fonts.present_large = default_font(kDefaultFontPixels * std::round(fonts.present_scale * 2.5f));

  ImGui::StyleColorsDark();
  ImGuiStyle& style = ImGui::GetStyle();
  style.ScaleAllSizes(scale);
  style.WindowBorderSize = 0;
  style.WindowRounding = 0;
  style.FrameRounding = 4 * scale;
  style.GrabRounding = 4 * scale;
  style.GrabMinSize = 10 * scale;
  ImVec4* c = style.Colors;
  c[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(colours::background);
  c[ImGuiCol_ChildBg] = ImVec4(0.09f, 0.11f, 0.14f, 1.0f);
  c[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(colours::text);
  c[ImGuiCol_FrameBg] = ImVec4(0.16f, 0.19f, 0.24f, 1.0f);
  c[ImGuiCol_FrameBgHovered] = ImVec4(0.20f, 0.24f, 0.30f, 1.0f);
  c[ImGuiCol_FrameBgActive] = ImVec4(0.24f, 0.28f, 0.36f, 1.0f);
  c[ImGuiCol_SliderGrab] = ImGui::ColorConvertU32ToFloat4(colours::accent);
  c[ImGuiCol_SliderGrabActive] = ImVec4(1.0f, 0.85f, 0.45f, 1.0f);
  c[ImGuiCol_Button] = ImVec4(0.20f, 0.34f, 0.55f, 1.0f);
  c[ImGuiCol_ButtonHovered] = ImVec4(0.26f, 0.42f, 0.66f, 1.0f);
  c[ImGuiCol_ButtonActive] = ImVec4(0.30f, 0.48f, 0.74f, 1.0f);
  return fonts;
}

double colour_position(double fraction) {
  // sign(f) log(1 + |f| / c) / log(1 + end / c), with end 1 for declines (jobs cannot fall below
  // zero) and kColourMax for growth.
  const double f = std::clamp(fraction, -1.0, kColourMax);
  const double end = f < 0 ? 1.0 : kColourMax;
  const double t = std::log1p(std::abs(f) / kColourLinear) / std::log1p(end / kColourLinear);
  return f < 0 ? -t : t;
}

double colour_fraction(double position) {
  const double p = std::clamp(position, -1.0, 1.0), end = p < 0 ? 1.0 : kColourMax;
  const double f = kColourLinear * std::expm1(std::abs(p) * std::log1p(end / kColourLinear));
  return p < 0 ? -f : f;
}

ImU32 growth_colour(double fraction, float alpha) {
  const auto t = static_cast<float>(colour_position(fraction));
  auto mix = [](ImVec4 a, ImVec4 b, float k) {
    return ImVec4(a.x + (b.x - a.x) * k, a.y + (b.y - a.y) * k, a.z + (b.z - a.z) * k, 1.0f);
  };
  const ImVec4 grey(0.58f, 0.60f, 0.64f, 1), red(0.86f, 0.20f, 0.18f, 1), green(0.20f, 0.74f, 0.36f, 1),
      pale(0.60f, 0.98f, 0.92f, 1);
  // Growth passes through green (at +~100%) on its way to pale cyan: two hues, so that the
  // far end is not just a slightly brighter green.
  constexpr float kGreenAt = 0.55f;
  ImVec4 c = t < 0 ? mix(grey, red, -t) : t < kGreenAt ? mix(grey, green, t / kGreenAt)
                                                      : mix(green, pale, (t - kGreenAt) / (1 - kGreenAt));
  c.w = alpha;
  return ImGui::ColorConvertFloat4ToU32(c);
}

}  // namespace hubsim::viz
