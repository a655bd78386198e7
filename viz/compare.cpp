#include "viz/compare.hpp"

#include <algorithm>

namespace hubsim::viz {
namespace {

// Keeps months [first, first + count) of every per-month series of `r`.
void trim(Replay& r, std::size_t first, std::size_t count) {
  auto cut = [&](std::vector<double>& v) {
    v.erase(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(std::min(first, v.size())));
    v.resize(std::min(count, v.size()));
  };
  for (HubSeries* s : {&r.employment, &r.firms, &r.startups, &r.vacancies, &r.job_seekers, &r.leavers,
                       &r.deals, &r.capital_k, &r.startup_firms, &r.established_firms, &r.gva, &r.leavers_so_far})
    for (auto& series : *s) cut(series);
  cut(r.county_employment);
  auto cut_months = [&](auto& v) {
    v.erase(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(std::min(first, v.size())));
    v.resize(std::min(count, v.size()));
  };
  cut_months(r.months);
  for (int k = 0; k < kFlowKinds; ++k) {
    cut_months(r.flows.od[static_cast<std::size_t>(k)]);
    cut_months(r.flows.load[static_cast<std::size_t>(k)]);
  }
  r.axis_months = r.months;
}

}  // namespace

void align(Replay& a, Replay& b) {
  const std::string both = a.source + " and " + b.source;
  if (a.hubs.size() != b.hubs.size() ||
      !std::equal(a.hubs.begin(), a.hubs.end(), b.hubs.begin(), [](const Hub& x, const Hub& y) { return x.name == y.name; }))
    throw InputError("cannot compare " + both + ": they have different hubs");
  const core::Month first = std::max(a.months.front(), b.months.front());
  const core::Month last = std::min(a.months.back(), b.months.back());
  if (last < first) throw InputError("cannot compare " + both + ": their periods do not overlap");
  const auto count = static_cast<std::size_t>(last - first + 1);
  trim(a, static_cast<std::size_t>(first - a.months.front()), count);
  trim(b, static_cast<std::size_t>(first - b.months.front()), count);
}

std::vector<double> difference(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> out(std::min(a.size(), b.size()));
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = b[i] - a[i];
  return out;
}

double relative_difference(double a, double b) { return a > 0 ? (b - a) / a : 0.0; }

}  // namespace hubsim::viz
