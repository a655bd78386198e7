#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "viz/label_layout.hpp"
#include "viz/map_projection.hpp"

using namespace hubsim::viz;

namespace {

// The built-in config's hubs (sim's lancashire.yaml), as the run file has them.
std::vector<Hub> lancashire() {
  return {{"Samlesbury", 53.7733, -2.5694, HubKind::enterprise_hub}, {"Preston", 53.759, -2.699, HubKind::spoke},
          {"Lancaster", 54.047, -2.801, HubKind::spoke},             {"Blackpool", 53.8142, -3.0503, HubKind::spoke},
          {"Blackburn", 53.748, -2.482, HubKind::spoke},             {"Burnley", 53.789, -2.248, HubKind::spoke},
          {"Rest of Lancashire", 53.67, -2.65, HubKind::rest_of_county},
          {"Greater Manchester", 53.4794, -2.2453, HubKind::external_metro},
          {"London", 51.5072, -0.1276, HubKind::external_metro}};
}

const Box kPanel{{10, 20}, {1010, 720}};

MapLayout layout() {
  MapLayout l;
  l.margin = 80;
  l.edge_inset = 40;
  l.edge_band = 150;
  l.min_gap = 300;
  l.label_room = 250;
  return l;
}

double distance_to_border(const Box& b, Point p) {
  return std::min({p.x - b.min.x, b.max.x - p.x, p.y - b.min.y, b.max.y - p.y});
}

}  // namespace

TEST_CASE("map: county hubs fill the panel inside the margin, north up and east right") {
  const auto hubs = lancashire();
  const auto at = place_hubs(hubs, kPanel, layout());
  double min_x = 1e9, max_x = -1e9, min_y = 1e9, max_y = -1e9;
  for (std::size_t i = 0; i < 7; ++i) {
    CHECK_FALSE(at[i].off_map);
    CHECK(distance_to_border(kPanel, at[i].pos) >= 80 - 1e-6);
    min_x = std::min(min_x, at[i].pos.x), max_x = std::max(max_x, at[i].pos.x);
    min_y = std::min(min_y, at[i].pos.y), max_y = std::max(max_y, at[i].pos.y);
  }
  CHECK(at[2].pos.y < at[1].pos.y);  // Lancaster is north of Preston
  CHECK(at[3].pos.x < at[1].pos.x);  // Blackpool is west of Preston
  CHECK(at[5].pos.x > at[4].pos.x);  // Burnley is east of Blackburn
  // The county is taller than wide here, so it spans the full height between the margins (the
  // bottom keeps the band for the metros below it).
  CHECK(max_y - min_y == doctest::Approx(700 - 80 - 150));
  // Equirectangular with x scaled by cos(latitude): Preston -> Burnley keeps its true shape.
  const double dx = at[5].pos.x - at[1].pos.x, dy = at[1].pos.y - at[5].pos.y;
  const double lat_mid = (54.047 + 53.67) / 2 * M_PI / 180;
  CHECK(dx / dy == doctest::Approx((2.699 - 2.248) * std::cos(lat_mid) / (53.789 - 53.759)).epsilon(1e-6));
}

TEST_CASE("map: Greater Manchester and London are pinned to the border, apart, pointing south-east") {
  const auto at = place_hubs(lancashire(), kPanel, layout());
  for (std::size_t i : {7u, 8u}) {
    CAPTURE(i);
    CHECK(at[i].off_map);
    CHECK(distance_to_border(kPanel, at[i].pos) == doctest::Approx(40));
    CHECK(at[i].outward.x > 0);
    CHECK(at[i].outward.y > 0);  // screen y grows southwards
    CHECK(std::hypot(at[i].outward.x, at[i].outward.y) == doctest::Approx(1));
  }
  CHECK(std::hypot(at[7].pos.x - at[8].pos.x, at[7].pos.y - at[8].pos.y) >= 300 - 1e-6);
  CHECK(distance_from_county_km(lancashire(), lancashire()[7]) == doctest::Approx(45).epsilon(0.25));
  CHECK(distance_from_county_km(lancashire(), lancashire()[8]) == doctest::Approx(300).epsilon(0.1));
  // County hubs stay clear of the band the metros live in.
  for (std::size_t i = 0; i < 7; ++i) CHECK(at[i].pos.y <= kPanel.max.y - 150 + 1e-6);
}

TEST_CASE("map: a single hub still gets a finite, centred position") {
  const std::vector<Hub> one{{"Solo", 54.0, -2.0, HubKind::spoke}};
  const auto at = place_hubs(one, kPanel, layout());
  CHECK(at[0].pos.x == doctest::Approx(510));
  CHECK(at[0].pos.y == doctest::Approx(370));
}

TEST_CASE("map: a narrow map moves the county below the legends' band, at the same scale") {
  const Box narrow{{0, 0}, {500, 900}};
  MapLayout with_band = layout();
  with_band.top_band = 200;
  const auto before = place_hubs(lancashire(), narrow, layout());
  const auto after = place_hubs(lancashire(), narrow, with_band);
  for (std::size_t i = 0; i < 7; ++i) CHECK(after[i].pos.y >= 200 + 80 - 1e-6);
  // Same scale: Preston -> Burnley is as long as before.
  CHECK(after[5].pos.x - after[1].pos.x == doctest::Approx(before[5].pos.x - before[1].pos.x));
  CHECK(after[1].pos.y - after[5].pos.y == doctest::Approx(before[1].pos.y - before[5].pos.y));
  // A wide panel has no height to spare: the band changes nothing there.
  const auto wide = place_hubs(lancashire(), kPanel, with_band);
  const auto plain = place_hubs(lancashire(), kPanel, layout());
  for (std::size_t i = 0; i < 7; ++i) CHECK(wide[i].pos.y == doctest::Approx(plain[i].pos.y));
}

TEST_CASE("labels: two circles side by side get labels that do not overlap and stay inside") {
  const Box bounds{{0, 0}, {800, 600}};
  const std::vector<LabelRequest> requests{{{400, 300}, 30, 160, 40}, {{430, 300}, 10, 160, 40},
                                           {{780, 580}, 10, 160, 40}};
  const auto spots = layout_labels(requests, bounds, 6);
  REQUIRE(spots.size() == 3);
  std::vector<Box> boxes;
  for (std::size_t i = 0; i < 3; ++i)
    boxes.push_back({spots[i].corner, {spots[i].corner.x + requests[i].width, spots[i].corner.y + requests[i].height}});
  CHECK(overlap_area(boxes[0], boxes[1]) == 0);
  for (const Box& b : boxes) CHECK(overlap_area(b, bounds) == doctest::Approx(160 * 40));
  // The first label takes the preferred spot: centred below its circle.
  CHECK(spots[0].corner.x == doctest::Approx(400 - 80));
  CHECK(spots[0].corner.y > 300 + 30);
  CHECK_FALSE(spots[0].leader);
}

TEST_CASE("labels: keep off boxes already taken (the legends)") {
  const Box bounds{{0, 0}, {800, 600}};
  const std::vector<LabelRequest> requests{{{400, 300}, 30, 160, 40}};
  const Box legend{{300, 330}, {500, 400}};  // exactly where the label would rather go: below
  const auto spots = layout_labels(requests, bounds, 6, {legend});
  REQUIRE(spots.size() == 1);
  const Box label{spots[0].corner, {spots[0].corner.x + 160, spots[0].corner.y + 40}};
  CHECK(overlap_area(label, legend) == 0);
  // Still touching its circle (within the gap), on a side the legend leaves free: not below.
  const double nx = std::clamp(400.0, label.min.x, label.max.x), ny = std::clamp(300.0, label.min.y, label.max.y);
  CHECK(std::hypot(nx - 400, ny - 300) - 30 == doctest::Approx(6).epsilon(0.01));
  CHECK(label.max.y <= 330);
  CHECK_FALSE(spots[0].leader);
}

TEST_CASE("labels: a crowded hub gets a leader line, and no label covers a circle or another label") {
  const Box bounds{{0, 0}, {400, 300}};
  // Four hubs in a tight cluster (Preston, Samlesbury, Blackburn and the rest of the county).
  const std::vector<LabelRequest> requests{{{200, 150}, 30, 120, 30}, {{240, 150}, 12, 120, 30},
                                           {{215, 185}, 10, 120, 30}, {{185, 120}, 10, 120, 30}};
  const auto spots = layout_labels(requests, bounds, 6);
  REQUIRE(spots.size() == 4);
  std::vector<Box> boxes;
  for (std::size_t i = 0; i < 4; ++i)
    boxes.push_back({spots[i].corner, {spots[i].corner.x + requests[i].width, spots[i].corner.y + requests[i].height}});
  for (std::size_t i = 0; i < 4; ++i) {
    CAPTURE(i);
    CHECK(overlap_area(boxes[i], bounds) == doctest::Approx(120 * 30));
    for (std::size_t j = 0; j < 4; ++j) {
      if (j != i) CHECK(overlap_area(boxes[i], boxes[j]) == 0);
      const Point c = requests[j].anchor;
      const double nx = std::clamp(c.x, boxes[i].min.x, boxes[i].max.x), ny = std::clamp(c.y, boxes[i].min.y, boxes[i].max.y);
      CHECK(std::hypot(nx - c.x, ny - c.y) >= requests[j].radius);
    }
  }
  // Next to its own circle (0.6 label heights), or joined to it by a leader line.
  for (std::size_t i = 0; i < 4; ++i) {
    const Point c = requests[i].anchor;
    const double nx = std::clamp(c.x, boxes[i].min.x, boxes[i].max.x), ny = std::clamp(c.y, boxes[i].min.y, boxes[i].max.y);
    const double gap = std::hypot(nx - c.x, ny - c.y) - requests[i].radius;
    CHECK((spots[i].leader || gap <= 0.6 * 30 + 1e-9));
    CHECK(gap <= 7 * 30);
  }
}

TEST_CASE("labels: overlap_area") {
  CHECK(overlap_area({{0, 0}, {10, 10}}, {{5, 5}, {20, 20}}) == 25);
  CHECK(overlap_area({{0, 0}, {10, 10}}, {{10, 0}, {20, 10}}) == 0);
}
