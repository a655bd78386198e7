#include "models/lancashire/demography.hpp"

#include <algorithm>
#include <limits>

#include "models/lancashire/world.hpp"

namespace hubsim::model {

Demography::Demography(std::size_t hubs, std::size_t steps, core::Month start)
    : hubs_(hubs), steps_(steps), first_year_(start.year()) {
  const core::Month last = start + static_cast<int>(steps > 0 ? steps - 1 : 0);
  years_ = static_cast<std::size_t>(last.year() - first_year_ + 1);
  launched_.assign(years_, 0);
  alive_.assign(years_ * kSurvivalYears, 0);
  size_band_.assign(steps * kSizeBands, 0);
  largest_.assign(steps, 0);
  scaleups_.assign(years_, -1);
  revenue_m_.assign(steps * hubs, 0);
}

void Demography::record(const World& w, std::size_t step, core::Month month, const std::vector<double>& revenue_m) {
  const auto& fc = w.firms.columns();
  const std::size_t year = static_cast<std::size_t>(month.year() - first_year_);
  std::copy(revenue_m.begin(), revenue_m.end(), revenue_m_.begin() + static_cast<std::ptrdiff_t>(step * hubs_));
  std::int64_t scaleups = 0, largest = 0, launched = 0;
  std::int64_t* const bands = &size_band_[step * kSizeBands];
  const auto this_step = static_cast<std::int16_t>(step);
  for (std::size_t f = 0; f < w.firms.size(); ++f) {
    if (fc.stage[f] == FirmStage::anchor) continue;
    // Launched this month (births and spin-outs are added after firm_dynamics).
    launched += fc.launched[f] == this_step;
    const std::int32_t staff = fc.employees[f];
    largest = std::max<std::int64_t>(largest, staff);
    if (staff > 0) bands[staff < 10 ? 0 : staff < 50 ? 1 : staff < 250 ? 2 : 3] += 1;
    scaleups += fc.oecd_scaleup[f];
    // Survival to the k-th anniversary of launch, by launch year (the ONS tables' k-year
    // survival, read as survival to age k).
    const std::uint16_t age = fc.age_months[f];
    if (age % 12 != 0 || age == 0 || age / 12 > kSurvivalYears || fc.launched[f] < 0) continue;
    const core::Month launch = w.run.start + fc.launched[f];
    alive_[static_cast<std::size_t>(launch.year() - first_year_) * kSurvivalYears + age / 12 - 1] += 1;
  }
  launched_[year] += launched;
  largest_[step] = largest;
  if (month.month() == 12) scaleups_[year] = scaleups;
}

void Demography::append_to(io::RunData& out, const std::vector<core::Month>& months) const {
  io::Dimension cohort{"launch_year", "calendar year in which firms were launched", "", {}, {}, true};
  io::Dimension year{"year", "calendar year", "", {}, {}, true};
  for (std::size_t y = 0; y < years_; ++y) {
    cohort.values.push_back(first_year_ + static_cast<double>(y));
    year.values.push_back(first_year_ + static_cast<double>(y));
  }
  io::Dimension after{"years_after_launch", "years after the launch year (ONS k-year survival)", "", {}, {}, true};
  for (std::size_t k = 1; k <= kSurvivalYears; ++k) after.values.push_back(static_cast<double>(k));
  out.dimensions.push_back(std::move(cohort));
  out.dimensions.push_back(std::move(year));
  out.dimensions.push_back(std::move(after));
  out.dimensions.push_back(io::Dimension{"size_band", "staff size band of an employing firm", "",
                                         {"1-9", "10-49", "50-249", "250+"}, {}});
  const double missing = std::numeric_limits<double>::quiet_NaN();
  auto numbers = [](std::string name, std::string long_name, std::string units, std::vector<std::string> dims,
                    std::vector<double> values, bool integer) {
    io::Variable v{std::move(name), std::move(long_name), std::move(units), std::move(dims), std::move(values), integer};
    return v;
  };
  std::vector<double> launched(launched_.begin(), launched_.end());
  out.variables.push_back(numbers("firm_cohort_launched", "firms launched (births and spin-outs) in the calendar year",
                                  "firms", {"launch_year"}, launched, true));
  // A cohort's k-th anniversaries are all inside the run only if its launch year + k is.
  std::vector<double> alive;
  const bool ends_in_december = !months.empty() && months.back().month() == 12;
  const auto complete_years = static_cast<std::int64_t>(years_) - (ends_in_december ? 0 : 1);
  for (std::size_t y = 0; y < years_; ++y)
    for (std::size_t k = 1; k <= kSurvivalYears; ++k)
      alive.push_back(static_cast<std::int64_t>(y + k) >= complete_years ? missing
                                                                         : static_cast<double>(alive_[y * kSurvivalYears + k - 1]));
  auto survival = numbers("firm_cohort_alive",
                          "firms of the launch cohort alive at the k-th anniversary of their launch "
                          "(NaN: not every firm of the cohort reaches it within the run)",
                          "firms", {"launch_year", "years_after_launch"}, alive, false);
  out.variables.push_back(std::move(survival));
  std::vector<double> bands(size_band_.begin(), size_band_.end());
  auto band = numbers("firm_size_band", "employing firms (anchors excluded) by staff size band, end of month", "firms",
                      {"time", "size_band"}, bands, true);
  band.cell_methods = "time: point (end of month)";
  out.variables.push_back(std::move(band));
  std::vector<double> largest(largest_.begin(), largest_.end());
  auto big = numbers("largest_firm_staff", "staff of the largest non-anchor firm in the model, end of month", "jobs",
                     {"time"}, largest, true);
  big.cell_methods = "time: point (end of month)";
  out.variables.push_back(std::move(big));
  std::vector<double> scaleups;
  for (const auto s : scaleups_) scaleups.push_back(s < 0 ? missing : static_cast<double>(s));
  out.variables.push_back(numbers("scaleups_oecd",
                                  "firms at the end of the year with 10+ staff three years before and more than 20% a year "
                                  "staff growth since (OECD high-growth enterprises; NaN: year not complete)",
                                  "firms", {"year"}, scaleups, false));
  auto revenue = numbers("revenue_m", "revenue of the hub's digital firms and anchors (sales and contracts their staff deliver), annual rate",
                         "GBP million/year", {"time", "hub"}, revenue_m_, false);
  revenue.cell_methods = "time: mean";
  out.variables.push_back(std::move(revenue));
}

}  // namespace hubsim::model
