// What analyse shows people: readable numbers, parameter names from a model's description, units.
#include <doctest/doctest.h>

#include <cmath>

#include "sim/app/analyse_format.hpp"

using namespace hubsim;
using namespace hubsim::app;

TEST_CASE("analyse format: numbers are whole with separators from 100, ~0 beside large ones") {
  CHECK(readable(30105.2) == "30,105");
  CHECK(readable(-2153.4) == "-2,153");
  CHECK(readable(1234567) == "1,234,567");
  CHECK(readable(99.44) == "99.4");
  CHECK(readable(0.0357) == "0.0357");
  CHECK(readable(-1.41619e-05, 978) == "~0");   // a mu of 1.4e-05 beside a mu* of 978
  CHECK(readable(2.96e-05) == "0.0000296");      // alone it keeps its digits, never 2.96e-05
  CHECK(readable(0) == "0");
  CHECK(readable(std::nan("")) == "-");
  CHECK(fixed2(0.7) == "0.70");
  CHECK(fixed2(-0.001) == "0.00");
}

TEST_CASE("analyse format: a parameter shared by its siblings is named by its section") {
  double a = 1, b = 1, commute = 45, effect = 3;
  const io::Describe describe = [&](io::ParamVisitor& v) {
    v.section("labour", "Labour market", [&] {
      v.real("commute_minutes", commute, {0, 600}, "minutes", "Longest one-way commute a job seeker accepts; by road");
    });
    v.section("interventions", "The levers", [&] {
      v.section("A", "A. Supply-chain engagement: more local spend", [&] {
        v.real("intensity", a, {0, 10}, "", "0 = off, 1 = the planned level");
        v.real("effect", effect, {0, 10}, "", "Size of the effect");
      });
      v.section("B", "B. Innovation Driven Enterprises: more places", [&] {
        v.real("intensity", b, {0, 10}, "", "0 = off, 1 = the planned level");
      });
    });
  };
  const ParameterNames names(describe);
  CHECK(names.label("interventions.A.intensity") == "A. Supply-chain engagement");
  CHECK(names.label("interventions.B.intensity") == "B. Innovation Driven Enterprises");
  CHECK(names.label("interventions.A.effect") == "Size of the effect");
  CHECK(names.label("labour.commute_minutes") == "Longest one-way commute a job seeker accepts");
  CHECK(names.unit("labour.commute_minutes") == "minutes");
  CHECK(names.label("no.such.key") == "no.such.key");
  CHECK(names.section("interventions.B") == "B. Innovation Driven Enterprises");
  CHECK(short_unit("GBP million/year") == "GBP m/year");
  CHECK(short_unit("1").empty());
}
