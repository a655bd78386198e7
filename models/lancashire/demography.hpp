#pragma once
/// Firm demography a run records so that anyone can check the model against official business
/// statistics: launch cohorts and their survival, size bands, the largest firm, OECD scale-ups,
/// and revenue by hub (consistent with gva_m: GVA = economy.gva_share_of_revenue x revenue).
#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/calendar.hpp"
#include "sim/io/run_data.hpp"

namespace hubsim::model {

struct World;

/// Employing firms' size bands (staff), as in official business population statistics.
inline constexpr std::size_t kSizeBands = 4;
/// Years after launch over which a cohort's survivors are counted (ONS: 1 to 5).
inline constexpr std::size_t kSurvivalYears = 5;

class Demography {
 public:
  Demography(std::size_t hubs, std::size_t steps, core::Month start);

  /// Called by bookkeeping once a month, after the firms are compacted, with the month's revenue
  /// by hub (GBP million/year) that bookkeeping has summed.
  void record(const World& w, std::size_t step, core::Month month, const std::vector<double>& revenue_m);

  /// Appends the cohort, size-band, largest-firm, scale-up and revenue variables.
  void append_to(io::RunData& out, const std::vector<core::Month>& months) const;

  template <class Archive>
  void transfer(Archive& ar);

  // Read by tests.
  std::int64_t launched(std::size_t year) const { return launched_[year]; }
  std::int64_t alive(std::size_t year, std::size_t after) const { return alive_[year * kSurvivalYears + after - 1]; }
  std::int64_t largest_staff(std::size_t step) const { return largest_[step]; }

 private:
  std::size_t hubs_, steps_, years_;
  int first_year_;
  std::vector<std::int64_t> launched_;   ///< (cohort year)
  std::vector<std::int64_t> alive_;      ///< (cohort year, years after launch 1..5): alive at that anniversary
  std::vector<std::int64_t> size_band_;  ///< (time, band)
  std::vector<std::int64_t> largest_;    ///< (time)
  std::vector<std::int64_t> scaleups_;   ///< (year), counted each December; -1 = not observed
  std::vector<double> revenue_m_;        ///< (time, hub), GBP million/year
};

}  // namespace hubsim::model
