#include "sim/batch/outcome.hpp"

#include <algorithm>
#include <array>

#include "sim/io/hub_groups.hpp"

namespace hubsim::batch {
namespace {

[[noreturn]] void fail(const OutcomeSpec& spec, const std::string& problem) {
  throw OutcomeError("outcome " + spec.name + ": " + problem);
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
  fail(spec, "no hub \"" + label + "\" (expected a hub name, all" + groups + ")");
}

std::vector<std::size_t> select(const OutcomeSpec& spec, const io::RunData& run, const std::string& dim_name) {
  const io::Dimension* dim = run.find_dimension(dim_name);
  if (!dim) fail(spec, "the run has no dimension " + dim_name);
  for (const auto& [name, label] : spec.where) {
    if (name != dim_name) continue;
    if (name == "hub") return select_hubs(spec, run, *dim, label);
    for (std::size_t i = 0; i < dim->labels.size(); ++i)
      if (dim->labels[i] == label) return {i};
    std::string known;
    for (const auto& l : dim->labels) known += (known.empty() ? "" : ", ") + l;
    fail(spec, "no " + name + " \"" + label + "\" (expected one of: " + known + ")");
  }
  std::vector<std::size_t> all(dim->size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  return all;
}

}  // namespace

double extract_outcome(const OutcomeSpec& spec, const io::RunData& run) {
  const io::Variable* v = run.find(spec.variable);
  if (!v) fail(spec, "the run has no variable " + spec.variable);
  if (v->dims.empty() || v->dims.front() != "time") fail(spec, spec.variable + " is not a time series");
  for (const auto& [name, label] : spec.where)
    if (std::find(v->dims.begin() + 1, v->dims.end(), name) == v->dims.end())
      fail(spec, spec.variable + " has no dimension " + name);

  // Row-major offsets of every selected combination of the non-time dimensions.
  std::vector<std::size_t> offsets = {0};
  std::size_t stride = 1;
  for (std::size_t d = v->dims.size(); d-- > 1;) {
    const auto chosen = select(spec, run, v->dims[d]);
    std::vector<std::size_t> next;
    for (std::size_t base : offsets)
      for (std::size_t i : chosen) next.push_back(base + i * stride);
    offsets = std::move(next);
    stride *= run.find_dimension(v->dims[d])->size();
  }
  if (run.months.empty() || v->values.size() != run.months.size() * stride) fail(spec, spec.variable + " has an unexpected size");

  const core::Month first = run.months.front(), last = run.months.back();
  core::Month from = spec.when.from, to = spec.when.to;
  if (spec.when.kind == Window::Kind::last) from = to = last;
  if (from < first || to > last)
    fail(spec, (from == to ? from.iso() : from.iso() + ".." + to.iso()) + " is outside the run's period " + first.iso() +
                   ".." + last.iso());
  if (spec.stat == OutcomeSpec::Stat::value) from = to;  // a year or period's last month

  double sum = 0;
  for (core::Month m = from; m <= to; m = m + 1) {
    const std::size_t t = static_cast<std::size_t>(m - first);
    for (std::size_t o : offsets) sum += v->values[t * stride + o];
  }
  return spec.stat == OutcomeSpec::Stat::mean ? sum / static_cast<double>(to - from + 1) : sum;
}

}  // namespace hubsim::batch
