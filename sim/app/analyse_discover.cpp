// `hubsim analyse DIR --discover 'OUTCOME OP NUMBER'`: PRIM boxes over the sampled inputs.
#include <charconv>
#include <cmath>
#include <cstdio>

#include "sim/app/analyse_detail.hpp"
#include "sim/batch/prim.hpp"
#include "sim/io/config_error.hpp"
#include "sim/io/yaml_document.hpp"

namespace hubsim::app::detail {
namespace {

/// A parameter's value as a number: a range's value, or a list entry's position in the list.
double input_value(const batch::Parameter& p, const std::string& v) {
  double x = 0;
  const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
  if (ec == std::errc{} && ptr == v.data() + v.size()) return x;
  for (std::size_t i = 0; i < p.values.size(); ++i)
    if (p.values[i] == v) return static_cast<double>(i);
  return NAN;
}

}  // namespace

void discover(const SweepData& d, const Options& opt, std::vector<Section>& out, bool print) {
  std::string problem;
  const auto c = batch::parse_condition(opt.discover, problem);
  if (!c) throw io::ConfigError("--discover", 0, 0, "", problem);
  std::size_t o = d.experiment.outcomes.size();
  std::string known;
  for (std::size_t i = 0; i < d.experiment.outcomes.size(); ++i) {
    if (d.experiment.outcomes[i].name == c->outcome) o = i;
    known += (known.empty() ? "" : ", ") + d.experiment.outcomes[i].name;
  }
  if (o == d.experiment.outcomes.size())
    throw io::ConfigError("--discover", 0, 0, "", "no outcome \"" + io::printable(c->outcome) + "\" (outcomes: " + known + ")");
  const auto& ps = d.experiment.parameters;
  if (ps.empty()) throw io::ConfigError("--discover", 0, 0, "", "the sweep varies no parameter: there is nothing to discover");
  if (!print) return;  // the option is valid
  std::vector<std::vector<double>> x;
  std::vector<int> y;
  for (std::size_t p = 0; p < d.plan.points(); ++p) {
    std::vector<double> row;
    for (std::size_t i = 0; i < ps.size(); ++i) row.push_back(input_value(ps[i], d.plan.values[p][i]));
    for (double v : d.by_replicate[o][p])
      if (std::isfinite(v)) x.push_back(row), y.push_back(c->holds(v) ? 1 : 0);
  }
  int cases = 0;
  for (int v : y) cases += v;
  std::fprintf(opt.out, "\nScenario discovery (PRIM, alpha 0.05, peeling then pasting): where %s holds\n%d of %zu runs meet it\n",
              c->text().c_str(), cases, y.size());
  Section boxes{"prim_boxes", "box,parameter,label,low,high,restricted,coverage,density,support,points\n", false, "", "", ""};
  Section trajectory{"prim_trajectory", "box,step,coverage,density,support,points,chosen\n", true,
                     "PRIM's peeling trajectory for " + c->text() +
                         ": each step trades coverage (the share of the runs that meet it captured by the box) for "
                         "density (the share of the box's runs that meet it); the ringed step is the box reported.", "Under which conditions does it hold? (PRIM)", ""};
  boxes.title = "The boxes PRIM found";
  if (cases == 0 || cases == static_cast<int>(y.size())) {
    std::fprintf(opt.out, "warning: %s, so there is no box to find\n", cases == 0 ? "no run meets it" : "every run meets it");
  } else {
    const auto results = batch::prim(x, y);
    for (std::size_t b = 0; b < results.size(); ++b) {
      const auto& r = results[b];
      std::fprintf(opt.out, "\nbox %zu: coverage %s, density %s, support %s (%zu runs; peeled %zu steps, step %zu chosen)\n", b + 1,
                  fixed2(r.box.coverage).c_str(), fixed2(r.box.density).c_str(), fixed2(r.box.support).c_str(), r.box.points,
                  r.trajectory.size() - 1, r.chosen);
      const auto& full = r.trajectory.front();
      for (std::size_t i = 0; i < ps.size(); ++i) {
        const bool restricted = r.box.low[i] > full.low[i] || r.box.high[i] < full.high[i];
        if (restricted)
          std::fprintf(opt.out, "  %-56.56s %12s .. %-12s\n", d.names.label(ps[i].key).c_str(), readable(r.box.low[i]).c_str(),
                      readable(r.box.high[i]).c_str());
        boxes.csv += std::to_string(b + 1) + "," + csv_field(ps[i].key) + "," + csv_field(d.names.label(ps[i].key)) + "," +
                     csv_num(r.box.low[i]) + "," + csv_num(r.box.high[i]) + "," + (restricted ? "1" : "0") + "," +
                     csv_num(r.box.coverage) + "," + csv_num(r.box.density) + "," + csv_num(r.box.support) + "," +
                     std::to_string(r.box.points) + "\n";
      }
      for (std::size_t t = 0; t < r.trajectory.size(); ++t) {
        const auto& s = r.trajectory[t];
        trajectory.csv += std::to_string(b + 1) + "," + std::to_string(t) + "," + csv_num(s.coverage) + "," +
                          csv_num(s.density) + "," + csv_num(s.support) + "," + std::to_string(s.points) + "," +
                          (t == r.chosen ? "1" : "0") + "\n";
      }
    }
  }
  if (y.size() < 100)
    std::fprintf(opt.out, "warning: PRIM on %zu runs: each peel moves %s runs; boxes from fewer than ~100 runs are fragile\n", y.size(),
                readable(std::max(1.0, std::floor(0.05 * static_cast<double>(y.size())))).c_str());
  out.push_back(std::move(trajectory));  // first: it takes the printed table in the brief
  out.push_back(std::move(boxes));
}

}  // namespace hubsim::app::detail
