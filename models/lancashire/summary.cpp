// What `hubsim run` prints after a run of the Lancashire model.
#include "models/lancashire/model.hpp"
#include "sim/io/text.hpp"

namespace hubsim::model {

using io::format;
using io::thousands;

std::string summary_table(const io::RunData& run) {
  const auto* employment = run.find("employment");
  const auto* firms = run.find("firms");
  const auto* startups = run.find("startups");
  const auto* leavers = run.find("leavers");
  const auto* graduates = run.find("graduates");
  const auto* kind = run.find("hub_kind");
  const auto* hubs = run.find_dimension("hub");
  if (!employment || !firms || !hubs || run.months.empty()) return "(no outcomes recorded)\n";
  const std::size_t n = hubs->size(), last = run.months.size() - 1;
  auto at = [n](const io::Variable* v, std::size_t t, std::size_t h) { return v->values[t * n + h]; };
  const bool external_known = kind != nullptr;
  auto external = [&](std::size_t h) { return external_known && kind->values[h] == 3; };

  const std::string first_label = run.months.front().iso(), last_label = run.months.back().iso();
  std::string out = format("\n%-20s %12s %12s %8s %10s %10s\n", "hub", ("jobs " + first_label).c_str(),
                         ("jobs " + last_label).c_str(), "change", "firms", "start-ups");
  out += std::string(77, '-') + "\n";
  double jobs0 = 0, jobs1 = 0, firms1 = 0, startups1 = 0;
  for (std::size_t h = 0; h < n; ++h) {
    if (external(h)) continue;
    const double a = at(employment, 0, h), b = at(employment, last, h);
    jobs0 += a, jobs1 += b, firms1 += at(firms, last, h), startups1 += startups ? at(startups, last, h) : 0;
    out += format("%-20s %12s %12s %+7.0f%% %10s %10s\n", hubs->labels[h].c_str(), thousands(a).c_str(),
                thousands(b).c_str(), a > 0 ? 100.0 * (b - a) / a : 0.0, thousands(at(firms, last, h)).c_str(),
                startups ? thousands(at(startups, last, h)).c_str() : "-");
  }
  out += std::string(77, '-') + "\n";
  out += format("%-20s %12s %12s %+7.0f%% %10s %10s\n", "Lancashire", thousands(jobs0).c_str(), thousands(jobs1).c_str(),
              jobs0 > 0 ? 100.0 * (jobs1 - jobs0) / jobs0 : 0.0, thousands(firms1).c_str(), thousands(startups1).c_str());
  if (leavers) {
    double total = 0;
    std::string parts;
    for (std::size_t h = 0; h < n; ++h) {
      if (!external(h)) continue;
      double sum = 0;
      for (std::size_t t = 0; t <= last; ++t) sum += at(leavers, t, h);
      total += sum;
      parts += (parts.empty() ? "" : ", ") + hubs->labels[h] + " " + thousands(sum);
    }
    out += format("\nLeft the county %s..%s: %s (%s)\n", first_label.c_str(), last_label.c_str(),
                thousands(total).c_str(), parts.c_str());
  }
  const auto* deals = run.find("deals");
  const auto* invested = run.find("capital_invested");
  if (deals && invested) {
    double count = 0, pounds = 0;
    for (double v : deals->values) count += v;
    for (double v : invested->values) pounds += v;
    out += format("Equity deals with start-ups: %s, GBP %.1fm invested\n", thousands(count).c_str(), pounds / 1e6);
  }
  if (graduates) {
    double total = 0;
    for (double v : graduates->values) total += v;
    out += format("Graduates entering the digital labour market: %s\n", thousands(total).c_str());
  }
  return out;
}

}  // namespace hubsim::model
