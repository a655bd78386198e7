#include <doctest/doctest.h>

#include "viz/format.hpp"

using namespace hubsim;
using namespace hubsim::viz;

TEST_CASE("format: counts are rounded and thousands-separated") {
  CHECK(format_count(0) == "0");
  CHECK(format_count(999.4) == "999");
  CHECK(format_count(2976.5) == "2,977");
  CHECK(format_count(19020) == "19,020");
  CHECK(format_count(1234567) == "1,234,567");
  CHECK(format_count(-4321) == "-4,321");
}

TEST_CASE("format: changes are whole percentages with a sign") {
  CHECK(format_change(0.054) == "+5%");
  CHECK(format_change(-0.12) == "-12%");
  CHECK(format_change(0.001) == "0%");
}

TEST_CASE("format: dates and speeds read as words") {
  CHECK(long_date(core::Month(2030, 6)) == "June 2030");
  CHECK(long_date(core::Month(2035, 12)) == "December 2035");
  CHECK(format_speed(1) == "1 month/s");
  CHECK(format_speed(6) == "6 months/s");
  CHECK(format_speed(2.5) == "2.5 months/s");
  CHECK(format_speed(12) == "1 year/s");
  CHECK(format_speed(30) == "2.5 years/s");
  CHECK(format_speed(60) == "5 years/s");
}

TEST_CASE("format: axis ticks are round numbers inside the range, at least two of them") {
  CHECK(nice_ticks(18300, 20600, 5) == std::vector<double>{18500, 19000, 19500, 20000, 20500});
  CHECK(nice_ticks(0, 10, 6) == std::vector<double>{0, 2, 4, 6, 8, 10});
  CHECK(nice_ticks(18300, 20600, 3) == std::vector<double>{19000, 20000});
  const auto narrow = nice_ticks(2800, 3400, 3);
  CHECK(narrow.size() >= 2);
  for (double v : narrow) CHECK((v >= 2800 && v <= 3400));
  CHECK(nice_ticks(5, 5, 4).size() == 1);
}
