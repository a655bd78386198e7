#pragma once
/// The 'presentation' look: dark background, large type, and the colours the panels share.
#include <imgui.h>

namespace hubsim::viz {

struct Fonts {
  ImFont* body = nullptr;   ///< everything except the date
  ImFont* large = nullptr;  ///< the date in the header
  float scale = 1.0f;       ///< body size / ImGui's 13 px default; panels scale spacing by it
  ImFont* present_body = nullptr;  ///< presentation mode (P): one size up
  ImFont* present_large = nullptr;
  float present_scale = 1.0f;
  /// The fonts of presentation mode, as a Fonts the panels draw with.
  Fonts presenting() const { return {present_body, present_large, present_scale, present_body, present_large, present_scale}; }
};

/// Sets the style and loads ImGui's default font at sizes readable on a projector, chosen from
/// the window size and the monitor's content scale (HiDPI: glfwGetWindowContentScale). Call
/// once, after ImGui::CreateContext and before the first frame.
Fonts setup_theme(int window_width, int window_height, float content_scale = 1.0f);

/// The colour scale, the same in every view: a symmetric-log position in [-1, 1] of a change
/// (jobs / reference - 1): linear near 0 (within kColourLinear), logarithmic beyond, reaching -1
/// at -100% and +1 at +kColourMax (+2000%), so that +40% and +1800% look different.
inline constexpr double kColourLinear = 0.05;
inline constexpr double kColourMax = 20.0;
double colour_position(double fraction);
/// The change at a position of the scale (the inverse of colour_position), for the legend's ticks.
double colour_fraction(double position);

/// Diverging colour for a change: red for decline, grey for none, green for growth turning to pale
/// cyan towards +2000%, by colour_position.
ImU32 growth_colour(double fraction, float alpha = 1.0f);

namespace colours {
inline constexpr ImU32 background = IM_COL32(16, 19, 24, 255);
inline constexpr ImU32 text = IM_COL32(235, 238, 242, 255);
inline constexpr ImU32 dim_text = IM_COL32(150, 158, 170, 255);
inline constexpr ImU32 grid = IM_COL32(60, 66, 78, 255);
inline constexpr ImU32 accent = IM_COL32(255, 196, 64, 255);  ///< the current date marker
inline constexpr ImU32 county_line = IM_COL32(110, 180, 255, 255);
inline constexpr ImU32 hub_line = IM_COL32(255, 150, 90, 255);
inline constexpr ImU32 external = IM_COL32(170, 140, 230, 255);
}  // namespace colours

}  // namespace hubsim::viz
