#include <doctest/doctest.h>

#include "tiny_run.hpp"
#include "viz/compare.hpp"

using namespace hubsim;
using namespace hubsim::viz;

TEST_CASE("compare: two runs are time-locked on the months they share") {
  io::RunData later = testing::tiny_run();
  later.months = {core::Month(2030, 6), core::Month(2030, 7), core::Month(2030, 8)};  // one month later
  Replay a = make_replay(testing::tiny_run(), "a.h5"), b = make_replay(later, "b.h5");
  align(a, b);
  REQUIRE(a.month_count() == 2);
  REQUIRE(b.month_count() == 2);
  CHECK(a.months == b.months);
  CHECK(a.months.front() == core::Month(2030, 6));
  CHECK(a.employment[0] == std::vector<double>{110, 130});  // a's June and July
  CHECK(b.employment[0] == std::vector<double>{100, 110});  // b's June and July
  CHECK(a.leavers_so_far[2] == std::vector<double>{7, 12});  // cumulative from a's start, as before
  CHECK(a.axis_months == a.months);
  CHECK(difference(a.employment[0], b.employment[0]) == std::vector<double>{-10, -20});
}

TEST_CASE("compare: runs with other hubs or no common month are refused, naming both files") {
  io::RunData other = testing::tiny_run();
  other.dimensions.front().labels[1] = "Lancashire";
  Replay a = make_replay(testing::tiny_run(), "a.h5"), b = make_replay(other, "b.h5");
  CHECK_THROWS_WITH_AS(align(a, b), doctest::Contains("a.h5 and b.h5"), InputError);
  io::RunData far = testing::tiny_run();
  far.months = {core::Month(2040, 1), core::Month(2040, 2), core::Month(2040, 3)};
  Replay c = make_replay(testing::tiny_run(), "a.h5"), d = make_replay(far, "far.h5");
  CHECK_THROWS_WITH_AS(align(c, d), doctest::Contains("do not overlap"), InputError);
}

TEST_CASE("compare: the difference is B - A over the shorter run; relative difference guards zero") {
  CHECK(difference({1, 2, 3}, {2, 2}) == std::vector<double>{1, 0});
  CHECK(relative_difference(100, 110) == doctest::Approx(0.1));
  CHECK(relative_difference(0, 5) == 0);
}
