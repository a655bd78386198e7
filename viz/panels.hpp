#pragma once
/// The panels of the viewer. Each is drawn inside a window that frame.cpp has already begun and
/// fills that window; each reads the Replay and the ViewState only, and changes only the state.
#include "viz/replay.hpp"
#include "viz/theme.hpp"
#include "viz/view_state.hpp"

namespace hubsim::viz {

/// Title, scenario and the current date, large.
void draw_header(const Replay& replay, const ViewState& state, const Fonts& fonts);
/// Hubs at their coordinates, sized by jobs and coloured by growth; click selects a hub.
void draw_map_panel(const Replay& replay, ViewState& state, const Fonts& fonts);
/// County jobs over time with the current date marked, and the selected hub's series.
void draw_chart_panel(const Replay& replay, const ViewState& state, const Fonts& fonts);
/// Figures for the selected hub (or the county) at the current month.
void draw_hub_panel(const Replay& replay, ViewState& state, const Fonts& fonts);
/// Play/pause, speed and the timeline scrubber.
void draw_controls(const Replay& replay, ViewState& state, const Fonts& fonts);
/// Space, Left/Right, F and Escape.
void handle_keys(ViewState& state, int month_count);

/// Lays out and draws every panel for one frame (between ImGui::NewFrame and ImGui::Render).
void draw_frame(const Replay& replay, ViewState& state, const Fonts& fonts);

/// One whole frame: new frame, draw_frame, render into the bound framebuffer of
/// `width` x `height` pixels (the window's, or an offscreen one for screenshots).
void render_frame(const Replay& replay, ViewState& state, const Fonts& fonts, int width, int height);

}  // namespace hubsim::viz
