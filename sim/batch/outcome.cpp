#include "sim/batch/outcome.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>

#include "sim/io/hub_groups.hpp"

namespace hubsim::batch {
namespace {

[[noreturn]] void fail(const OutcomeSpec& spec, const std::string& field, const std::string& problem) {
  throw OutcomeError(spec.name, field, problem);
}

std::string list(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

std::vector<std::size_t> select_hubs(const OutcomeSpec& spec, const io::RunData& run, const io::Dimension& hub,
                                     const std::string& label) {
  std::vector<std::size_t> out;
  if (label == "all") {
    for (std::size_t i = 0; i < hub.size(); ++i) out.push_back(i);
    return out;
  }
  // A group the run declares (the model's region, or hubs of one kind), then a hub's own name.
  if (auto group = io::hub_group(run, label)) return *group;
  for (std::size_t i = 0; i < hub.labels.size(); ++i)
    if (hub.labels[i] == label) return {i};
  std::string groups;
  for (const auto& [name, _] : io::hub_groups(run)) groups += ", " + name;
  std::string hubs;
  for (const auto& h : hub.labels) hubs += ", " + h;
  fail(spec, "hub", "no hub \"" + label + "\" (expected all" + groups + hubs + ")");
}

/// `lenient`: a label not on a numeric coordinate selects nothing instead of failing (a probe run
/// of one month has only the first launch year of a table that grows with the run).
std::vector<std::size_t> select(const OutcomeSpec& spec, const io::RunData& run, const std::string& dim_name,
                                bool lenient = false) {
  const io::Dimension* dim = run.find_dimension(dim_name);
  if (!dim) fail(spec, "variable", "the run has no dimension " + dim_name);
  for (const auto& [name, label] : spec.where) {
    if (name != dim_name) continue;
    if (name == "hub") return select_hubs(spec, run, *dim, label);
    for (std::size_t i = 0; i < dim->labels.size(); ++i)
      if (dim->labels[i] == label) return {i};
    // A numeric coordinate (launch_year, years_after_launch, months_after) is selected by its value.
    double wanted = 0;
    const auto [ptr, ec] = std::from_chars(label.data(), label.data() + label.size(), wanted);
    const bool number = ec == std::errc{} && ptr == label.data() + label.size();
    for (std::size_t i = 0; number && i < dim->values.size(); ++i)
      if (dim->values[i] == wanted) return {i};
    std::string known;
    for (const auto& l : dim->labels) known += (known.empty() ? "" : ", ") + l;
    if (lenient && dim->labels.empty() && number) return {};
    for (double x : dim->values) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.10g", x);
      known += (known.empty() ? "" : ", ") + std::string(buf);
    }
    fail(spec, "where." + name, "no " + name + " \"" + label + "\" (expected one of: " + known + ")");
  }
  std::vector<std::size_t> all(dim->size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  return all;
}

/// The variable, checked, and the row-major offsets of every selected combination of its
/// non-time dimensions, with the size of one month's slice.
const io::Variable& resolve(const OutcomeSpec& spec, const io::RunData& run, std::vector<std::size_t>& offsets,
                            std::size_t& stride, bool lenient = false) {
  const io::Variable* v = run.find(spec.variable);
  if (!v) {
    std::vector<std::string> series;
    for (const auto& x : run.variables)
      if (!x.dims.empty() && x.dims.front() == "time") series.push_back(x.name);
    fail(spec, "variable", "the run has no variable " + spec.variable + " (its time series: " + list(series) + ")");
  }
  // A table of the whole run (no time dimension: firm_cohort_alive, graduate_destination) is
  // one "month": only when: last (the default) applies to it.
  const bool timeless = v->dims.empty() || v->dims.front() != "time";
  if (timeless && spec.when.kind != Window::Kind::last)
    fail(spec, "when", spec.variable + " has no time dimension (a table of the whole run): leave out when:");
  const std::size_t first_dim = timeless ? 0 : 1;
  for (const auto& [name, label] : spec.where)
    if (std::find(v->dims.begin() + static_cast<std::ptrdiff_t>(first_dim), v->dims.end(), name) == v->dims.end())
      fail(spec, name == "hub" ? "hub" : "where." + name,
           spec.variable + " has no dimension " + name + " (its dimensions: " + list(v->dims) + ")");
  for (std::size_t d = first_dim; d < v->dims.size(); ++d) select(spec, run, v->dims[d], lenient);  // in dimension order
  offsets = {0};
  stride = 1;
  for (std::size_t d = v->dims.size(); d-- > first_dim;) {
    const auto chosen = select(spec, run, v->dims[d], lenient);
    std::vector<std::size_t> next;
    for (std::size_t base : offsets)
      for (std::size_t i : chosen) next.push_back(base + i * stride);
    offsets = std::move(next);
    stride *= run.find_dimension(v->dims[d])->size();
  }
  if (run.months.empty() || v->values.size() != (timeless ? 1 : run.months.size()) * stride)
    fail(spec, "variable", spec.variable + " has an unexpected size");
  return *v;
}

}  // namespace

void check_outcome(const OutcomeSpec& spec, const io::RunData& run) {
  std::vector<std::size_t> offsets;
  std::size_t stride = 0;
  resolve(spec, run, offsets, stride, /*lenient=*/true);
}

void check_window(const OutcomeSpec& spec, core::Month first, core::Month last) {
  if (spec.when.kind == Window::Kind::last) return;
  const core::Month from = spec.when.from, to = spec.when.to;
  const std::string what = spec.when.kind == Window::Kind::year ? "the year " + from.iso().substr(0, 4) + " (" + from.iso() + ".." + to.iso() + ")"
                           : from == to                        ? from.iso()
                                                               : from.iso() + ".." + to.iso();
  if (from < first || to > last)
    fail(spec, "when", what + " is outside the run's period " + first.iso() + ".." + last.iso());
}

double extract_outcome(const OutcomeSpec& spec, const io::RunData& run) {
  std::vector<std::size_t> offsets;
  std::size_t stride = 0;
  const io::Variable* v = &resolve(spec, run, offsets, stride);
  if (v->dims.empty() || v->dims.front() != "time") {
    double sum = 0;  // NaN where the table has no value yet (a cohort not seen to that age)
    for (std::size_t o : offsets) sum += v->values[o];
    return sum;
  }
  const core::Month first = run.months.front(), last = run.months.back();
  check_window(spec, first, last);
  core::Month from = spec.when.from, to = spec.when.to;
  if (spec.when.kind == Window::Kind::last) from = to = last;
  if (spec.stat == OutcomeSpec::Stat::value) from = to;  // a year or period's last month

  double sum = 0;
  for (core::Month m = from; m <= to; m = m + 1) {
    const std::size_t t = static_cast<std::size_t>(m - first);
    for (std::size_t o : offsets) sum += v->values[t * stride + o];
  }
  return spec.stat == OutcomeSpec::Stat::mean ? sum / static_cast<double>(to - from + 1) : sum;
}

}  // namespace hubsim::batch
