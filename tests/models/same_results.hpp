#pragma once
// Two runs' outcomes compared bit for bit: every variable, and every attribute but the timing ones.
#include <doctest/doctest.h>

#include <cstring>

#include "sim/app/run_job.hpp"
#include "sim/io/run_data.hpp"

namespace hubsim::testing {

inline void check_same_results(const io::RunData& a, const io::RunData& b) {
  REQUIRE(a.variables.size() == b.variables.size());
  for (std::size_t i = 0; i < a.variables.size(); ++i) {
    CAPTURE(a.variables[i].name);
    CHECK(a.variables[i].name == b.variables[i].name);
    // Bit for bit, so that NaN (months without a graduate cohort) compares equal to itself.
    const auto& x = a.variables[i].values;
    const auto& y = b.variables[i].values;
    REQUIRE(x.size() == y.size());
    CHECK(std::memcmp(x.data(), y.data(), x.size() * sizeof(double)) == 0);
  }
  for (const auto& [key, value] : a.text_attributes)
    if (!app::is_timing_attribute(key)) CHECK(b.text_attributes.at(key) == value);
  for (const auto& [key, value] : a.int_attributes)
    if (!app::is_timing_attribute(key)) CHECK(b.int_attributes.at(key) == value);
}

}  // namespace hubsim::testing
