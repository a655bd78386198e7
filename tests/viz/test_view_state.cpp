#include <doctest/doctest.h>

#include "tiny_run.hpp"
#include "viz/view_state.hpp"

using namespace hubsim;
using namespace hubsim::viz;

TEST_CASE("view state: playback moves at the chosen speed and stops, paused, at the last month") {
  ViewState s;
  s.speed = 12;  // a year a second
  advance(s, 0.5, 168);
  CHECK(s.month == 0);  // not playing: time stands still
  s.playing = true;
  advance(s, 0.5, 168);
  CHECK(s.month == doctest::Approx(6));
  CHECK(current_month(s, 168) == 6);
  advance(s, 100, 168);
  CHECK(s.month == 167);
  CHECK_FALSE(s.playing);
}

TEST_CASE("view state: the speed is held to 1 month/s .. 5 years/s") {
  ViewState s;
  s.playing = true;
  s.speed = 1000;
  advance(s, 1.0, 168);
  CHECK(s.month == doctest::Approx(60));
}

TEST_CASE("view state: stepping pauses and lands on whole months, clamped to the run") {
  ViewState s;
  s.playing = true;
  s.month = 4.6;
  step(s, +1, 10);
  CHECK(s.month == 5);
  CHECK_FALSE(s.playing);
  s.month = 4.6;
  step(s, -1, 10);
  CHECK(s.month == 4);  // back from 4.6 shows month 4 again, not 3
  step(s, -1, 10);
  CHECK(s.month == 3);
  step(s, -20, 10);
  CHECK(s.month == 0);
  step(s, +20, 10);
  CHECK(s.month == 9);
}

TEST_CASE("view state: play at the end starts again from the beginning, and a one-month run never plays") {
  ViewState s;
  s.month = 9;
  toggle_play(s, 10);
  CHECK(s.playing);
  CHECK(s.month == 0);
  toggle_play(s, 10);
  CHECK_FALSE(s.playing);
  ViewState one;
  toggle_play(one, 1);
  CHECK_FALSE(one.playing);
}

TEST_CASE("view state: start-up month and hub come from --at and --hub, checked against the run") {
  const Replay r = make_replay(testing::tiny_run(), "tiny.h5");
  CHECK(initial_state(r, "", "", false).month == 0);
  CHECK(initial_state(r, "", "", true).month == 2);
  const ViewState s = initial_state(r, "2030-06", "Lancaster", true);
  CHECK(s.month == 1);
  CHECK(s.selected_hub == 1);
  CHECK_FALSE(s.playing);
  CHECK_THROWS_AS(initial_state(r, "2030-13", "", false), InputError);
  CHECK_THROWS_WITH_AS(initial_state(r, "2040-01", "", false), doctest::Contains("2040-01"), InputError);
  CHECK_THROWS_AS(initial_state(r, "", "Paris", false), InputError);
}
