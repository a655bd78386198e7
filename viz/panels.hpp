#pragma once
/// The panels of the viewer. Each is drawn inside a window that frame.cpp has already begun and
/// fills that window; each reads the runs and the ViewState only, and changes only the state.
#include <string>
#include <vector>

#include "viz/drawn_nodes.hpp"
#include "viz/map_projection.hpp"
#include "viz/scene.hpp"
#include "viz/theme.hpp"
#include "viz/view_state.hpp"

namespace hubsim::viz {

class LiveSession;

/// Title, scenario and the current date, large.
void draw_header(const Scene& scene, const ViewState& state, const Fonts& fonts);
/// Hubs at their coordinates, sized by jobs and coloured by growth (or, with `base`, by how
/// `replay` differs from it), the links and flows; click selects a hub. `title` names the run.
/// With `drawn_nodes`, appends each hub as drawn (for --layout-json).
void draw_map_panel(const Replay& replay, const Replay* base, const std::string& title, ViewState& state,
                    const Fonts& fonts, std::vector<DrawnNode>* drawn_nodes = nullptr);
/// Jobs, GVA or firms by stage over time for the county or the selected hub, date marked.
void draw_chart_panel(const Scene& scene, ViewState& state, const Fonts& fonts);
/// Figures for the selected hub (or the county) at the current month, and its top partners.
void draw_hub_panel(const Scene& scene, ViewState& state, const Fonts& fonts);
/// Play/pause, step, loop, speed and the timeline scrubber.
void draw_controls(const Scene& scene, ViewState& state, const Fonts& fonts);
/// Sliders for the live run's parameters, and what has been changed.
void draw_live_panel(LiveSession& live, const ViewState& state, const Fonts& fonts);
/// Space, arrows, F, Escape, 1-4, P, L, C (chart), D (compare view).
void handle_keys(const Scene& scene, ViewState& state);

/// The map's links, flows and flow legend (map_flows.cpp).
ImU32 flow_colour(int kind);
void draw_links(ImDrawList* dl, const Replay& run, const std::vector<ImVec2>& centres, const Fonts& fonts);
void draw_flows(ImDrawList* dl, const Replay& run, const std::vector<ImVec2>& centres, const ViewState& state,
                const Fonts& fonts);
/// Returns the box the legend covers, which hub labels keep clear of.
/// `compact` (a narrow map): the four kinds in two columns, without the title.
Box draw_flow_legend(ImDrawList* dl, ImVec2 top_left, const Replay& run, const ViewState& state, const Fonts& fonts,
                     bool compact = false);

/// Lays out and draws every panel for one frame (between ImGui::NewFrame and ImGui::Render);
/// `live` adds the parameter panel. `dt` is the wall time since the last frame. With
/// `drawn_nodes`, the map panels append the hubs they draw.
void draw_frame(const Scene& scene, ViewState& state, const Fonts& fonts, LiveSession* live, double dt,
                std::vector<DrawnNode>* drawn_nodes = nullptr);

/// One whole frame: new frame, draw_frame, render into the bound framebuffer of
/// `width` x `height` pixels (the window's, or an offscreen one for screenshots); `drawn_nodes`
/// as for draw_frame.
void render_frame(const Scene& scene, ViewState& state, const Fonts& fonts, LiveSession* live, int width, int height,
                  double dt, std::vector<DrawnNode>* drawn_nodes = nullptr);

}  // namespace hubsim::viz
