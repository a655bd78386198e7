// Sweep definitions from YAML, with config-style errors: file:line:col: key.path: problem.
#include "sim/batch/experiment.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <set>

#include "sim/batch/posterior.hpp"
#include "sim/batch/sobol_sequence.hpp"
#include "sim/batch/yaml_reader.hpp"
#include "sim/io/config.hpp"
#include "sim/io/config_error.hpp"
#include "sim/io/yaml_document.hpp"

namespace hubsim::batch {
namespace {

std::string count_text(double n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, n < 1e15 ? "%.0f" : "%.3g", n);
  return buf;
}

/// The summary's own columns: an outcome may not take their names.
const std::set<std::string> kFixedColumns = {"run_id", "point", "replicate", "seed", "status", "error"};

}  // namespace

/// Dotted names, no "=" (it would split the override) and no "/" (it would split a dataset name).
std::string key_path(const Reader& r, const YAML::Node& n, const std::string& path) {
  const std::string key = r.text(n, path);
  if (key.find_first_of("=/ ") != std::string::npos || key.front() == '.' || key.back() == '.' ||
      key.find("..") != std::string::npos)
    r.fail(n, path, "expected a config key path such as labour.commute_minutes, got " + Reader::shown(n));
  return key;
}

void parse_sets(const Reader& r, const YAML::Node& root, std::vector<std::string>& sets, std::vector<Pos>& at) {
  const auto s = r.get(root, "set", "set");
  if (!s) return;
  if (!s.IsMap()) r.fail(s, "set", "expected a mapping of config key paths to values, got " + Reader::shown(s));
  for (auto it = s.begin(); it != s.end(); ++it) {
    const std::string key = key_path(r, it->first, "set");
    if (it->second.IsNull()) r.fail(it->first, "set." + key, "missing value");
    sets.push_back(key + "=" + r.text(it->second, "set." + key));
    at.push_back(pos_of(it->first));
  }
}

namespace {

Parameter parse_parameter(const Reader& r, const YAML::Node& n, const std::string& path, DesignKind kind) {
  r.only(n, path, {"key", "range", "values", "distribution", "integer", "levels"});
  Parameter p;
  p.at = pos_of(n);
  const auto key = r.get(n, "key", path + ".key");
  if (!key) r.fail(n, path, "missing \"key\" (a config key path such as labour.commute_minutes)");
  p.key = key_path(r, key, path + ".key");
  p.key_at = pos_of(key);
  const auto range = r.get(n, "range", path + ".range"), values = r.get(n, "values", path + ".values");
  if (range && values) r.fail(values, path, "give either \"range\" or \"values\", not both");
  if (range) {
    if (!range.IsSequence() || range.size() != 2) r.fail(range, path + ".range", "expected [min, max], got " + Reader::shown(range));
    const double lo = r.number(range[0], path + ".range"), hi = r.number(range[1], path + ".range");
    if (!(lo < hi)) r.fail(range, path + ".range", "expected min < max");
    if (p.key == "config") r.fail(range, path + ".range", "the scenario file (key: config) takes a list of files, not a range");
    if (kind == DesignKind::points) r.fail(range, path + ".range", "a points design takes values: [...] (point i has the i-th value of each)");
    p.range = {lo, hi};
    p.range_at = pos_of(range);
  } else if (values) {
    if (!values.IsSequence() || values.size() == 0) r.fail(values, path + ".values", "expected a non-empty list, got " + Reader::shown(values));
    std::set<std::string> seen;
    for (std::size_t i = 0; i < values.size(); ++i) {
      const std::string here = path + ".values[" + std::to_string(i) + "]";
      p.values.push_back(r.text(values[i], here));
      p.value_at.push_back(pos_of(values[i]));
      if (kind != DesignKind::points && !seen.insert(p.values.back()).second)
        r.fail(values[i], here, "duplicate value " + Reader::shown(values[i]));
    }
  } else {
    r.fail(n, path, "missing \"range: [min, max]\" or \"values: [...]\"");
  }
  if (const auto d = r.get(n, "distribution", path + ".distribution")) {
    const std::string s = r.text(d, path + ".distribution");
    if (s == "log_uniform") p.log_uniform = true;
    else if (s != "uniform") r.fail(d, path + ".distribution", "expected uniform or log_uniform, got " + Reader::shown(d));
    if (!p.range) r.fail(d, path + ".distribution", "a distribution needs a range");
    if (p.log_uniform && p.range->first <= 0) r.fail(d, path + ".distribution", "log_uniform needs min > 0");
  }
  if (const auto i = r.get(n, "integer", path + ".integer")) {
    p.integer = r.boolean(i, path + ".integer");
    if (!p.range) r.fail(i, path + ".integer", "integer applies to a range");
  }
  if (const auto l = r.get(n, "levels", path + ".levels")) {
    p.levels = static_cast<int>(r.integer(l, path + ".levels", 1, 1000));
    if (!p.range) r.fail(l, path + ".levels", "levels apply to a range (a list has one level per value)");
    if (kind != DesignKind::grid && kind != DesignKind::posterior)
      r.fail(l, path + ".levels", "a parameter's levels apply to grid and posterior designs only");
  }
  return p;
}

Window parse_window(const Reader& r, const YAML::Node& n, const std::string& path) {
  const std::string s = r.text(n, path);
  Window w;
  if (s == "last") return w;
  if (const auto dots = s.find(".."); dots != std::string::npos) {
    w.kind = Window::Kind::period;
    w.from = r.month(n, path, std::string_view(s).substr(0, dots));
    w.to = r.month(n, path, std::string_view(s).substr(dots + 2));
    if (w.to < w.from) r.fail(n, path, "the period ends before it starts");
  } else if (s.size() == 4) {
    w.kind = Window::Kind::year;
    const auto m = core::Month::parse(s + "-01");
    if (!m) r.fail(n, path, "expected a year (\"2035\"), a month (2035-12), a period (2022-01..2035-12) or last, got " + Reader::shown(n));
    w.from = *m;
    w.to = w.from + 11;
  } else {
    w.kind = Window::Kind::month;
    const auto m = core::Month::parse(s);
    if (!m) r.fail(n, path, "expected a month as YYYY-MM (or a year \"2035\", a period A..B, last), got " + Reader::shown(n));
    w.from = w.to = *m;
  }
  return w;
}

/// Outcome names become summary.csv columns and summary.h5 datasets: letters, digits, _ - .
void check_outcome_name(const Reader& r, const YAML::Node& n, const std::string& path, const std::string& name) {
  const bool ok = std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
  if (!ok || name.front() == '.')
    r.fail(n, path, "expected a name of letters, digits, _, - and . (it becomes a column of summary.csv), got " +
                        Reader::shown(n));
  if (kFixedColumns.count(name)) r.fail(n, path, "\"" + name + "\" is one of summary.csv's own columns; choose another name");
}

}  // namespace

OutcomeSpec parse_outcome(const Reader& r, const YAML::Node& n, const std::string& path) {
  r.only(n, path, {"name", "variable", "hub", "where", "when", "stat"});
  OutcomeSpec o;
  o.at = pos_of(n);
  const auto name = r.get(n, "name", path + ".name"), variable = r.get(n, "variable", path + ".variable");
  if (!name || !variable) r.fail(n, path, "an outcome needs \"name\" and \"variable\"");
  o.name = r.text(name, path + ".name");
  check_outcome_name(r, name, path + ".name", o.name);
  o.variable = r.text(variable, path + ".variable");
  o.variable_at = pos_of(variable);
  if (const auto h = r.get(n, "hub", path + ".hub")) {
    o.where.emplace_back("hub", r.text(h, path + ".hub"));
    o.where_at.push_back(pos_of(h));
  }
  if (const auto w = r.get(n, "where", path + ".where")) {
    if (!w.IsMap() || w.size() == 0) r.fail(w, path + ".where", "expected a mapping of dimension to label, got " + Reader::shown(w));
    for (auto it = w.begin(); it != w.end(); ++it) {
      const std::string here = path + ".where." + it->first.Scalar();
      const std::string dim = r.text(it->first, here);
      if (dim == "time") r.fail(it->first, here, "time is the outcome's window: use when:");
      for (const auto& [d, _] : o.where)
        if (d == dim) r.fail(it->first, here, dim + " is selected twice (hub: and where.hub)");
      if (it->second.IsNull()) r.fail(it->first, here, "missing value");
      o.where.emplace_back(dim, r.text(it->second, here));
      o.where_at.push_back(pos_of(it->second));
    }
  }
  if (const auto when = r.get(n, "when", path + ".when")) {
    o.when = parse_window(r, when, path + ".when");
    o.when_at = pos_of(when);
  }
  const bool many = o.when.kind == Window::Kind::year || o.when.kind == Window::Kind::period;
  o.stat = many ? OutcomeSpec::Stat::mean : OutcomeSpec::Stat::value;
  if (const auto s = r.get(n, "stat", path + ".stat")) {
    const std::string v = r.text(s, path + ".stat");
    if (v == "value") o.stat = OutcomeSpec::Stat::value;  // over a year or period: its last month
    else if (v == "mean") o.stat = OutcomeSpec::Stat::mean;
    else if (v == "sum") o.stat = OutcomeSpec::Stat::sum;
    else r.fail(s, path + ".stat", "expected value, mean or sum, got " + Reader::shown(s));
  }
  return o;
}

namespace {

Design parse_design(const Reader& r, const YAML::Node& n) {
  r.only(n, "design", {"kind", "samples", "trajectories", "levels", "seed", "file", "draws"});
  Design d;
  const auto kind_node = r.get(n, "kind", "design.kind");
  if (!kind_node) r.fail(n, "design", "missing \"kind\" (grid, lhs, saltelli, morris, points or posterior)");
  const std::string kind = r.text(kind_node, "design.kind");
  if (kind == "grid") d.kind = DesignKind::grid;
  else if (kind == "lhs") d.kind = DesignKind::lhs;
  else if (kind == "saltelli") d.kind = DesignKind::saltelli;
  else if (kind == "morris") d.kind = DesignKind::morris;
  else if (kind == "points") d.kind = DesignKind::points;
  else if (kind == "posterior") d.kind = DesignKind::posterior;
  else r.fail(kind_node, "design.kind", "expected grid, lhs, saltelli, morris, points or posterior, got " + Reader::shown(kind_node));
  // Each kind's own settings; another kind's would be ignored, which is never what was meant.
  const std::vector<std::string> uses = d.kind == DesignKind::grid       ? std::vector<std::string>{"levels"}
                                        : d.kind == DesignKind::lhs      ? std::vector<std::string>{"samples", "seed"}
                                        : d.kind == DesignKind::saltelli ? std::vector<std::string>{"samples"}
                                        : d.kind == DesignKind::points   ? std::vector<std::string>{}
                                        : d.kind == DesignKind::posterior ? std::vector<std::string>{"file", "draws", "seed", "levels"}
                                                                         : std::vector<std::string>{"trajectories", "levels", "seed"};
  for (auto it = n.begin(); it != n.end(); ++it) {
    const std::string key = it->first.Scalar();
    if (key != "kind" && std::find(uses.begin(), uses.end(), key) == uses.end())
      r.fail(it->first, "design." + key, "a " + kind + " design does not use \"" + key + "\"");
  }
  if (const auto s = r.get(n, "samples", "design.samples")) d.samples = static_cast<int>(r.integer(s, "design.samples", 1, 1000000));
  if (const auto t = r.get(n, "trajectories", "design.trajectories"))
    d.trajectories = static_cast<int>(r.integer(t, "design.trajectories", 1, 100000));
  if (const auto l = r.get(n, "levels", "design.levels")) d.levels = static_cast<int>(r.integer(l, "design.levels", 1, 1000));
  if (const auto s = r.get(n, "seed", "design.seed")) d.seed = static_cast<std::uint64_t>(r.integer(s, "design.seed", 0, 9007199254740991));
  if ((d.kind == DesignKind::lhs || d.kind == DesignKind::saltelli) && d.samples == 0)
    r.fail(kind_node, "design.samples", "a " + kind + " design needs \"samples\"");
  if (d.kind == DesignKind::morris && d.trajectories == 0)
    r.fail(kind_node, "design.trajectories", "a morris design needs \"trajectories\"");
  if (d.kind == DesignKind::posterior) {
    const auto file = r.get(n, "file", "design.file"), draws = r.get(n, "draws", "design.draws");
    if (!file || !draws) r.fail(kind_node, "design", "a posterior design needs \"file\" (a posterior.csv) and \"draws\"");
    d.posterior_file = r.text(file, "design.file");
    d.draws = static_cast<int>(r.integer(draws, "design.draws", 1, 100000));
  }
  if (d.kind == DesignKind::morris && (d.levels < 2 || d.levels % 2 != 0))
    r.fail(n["levels"] ? n["levels"] : kind_node, "design.levels", "morris needs an even number of levels >= 2");
  return d;
}

/// Reads the ensemble a posterior design names, draws its parameter sets, and appends one
/// parameter per ensemble column (its values: the drawn sets) and the particle column.
void add_posterior_draws(const Reader& r, Experiment& e, const YAML::Node& design) {
  const YAML::Node file = design["file"];
  std::filesystem::path path = e.resolve(e.design.posterior_file);
  // A sweep directory keeps a copy of the ensemble beside its experiment.yaml (sim/app/sweep.cpp),
  // so a finished sweep can be analysed from anywhere, whatever the relative path said.
  const std::filesystem::path kept = e.source.parent_path() / "posterior.csv";
  if (e.source.filename() == "experiment.yaml" && std::filesystem::is_regular_file(kept)) path = kept;
  Ensemble ensemble;
  try {
    e.design.posterior_text = io::read_small_file(path, "a posterior ensemble", 64 << 20);
    ensemble = parse_ensemble_csv(e.design.posterior_text, path.string());
  } catch (const io::ConfigError& err) {
    r.fail(file, "design.file", err.what());
  }
  for (const auto& key : ensemble.keys)
    for (const auto& p : e.parameters)
      if (p.key == key)
        r.fail(file, "design.file", "the posterior sets " + key + ", which the parameters list as well");
  const auto draws = systematic_draws(ensemble.weight, e.design.draws, e.design.seed);
  const Pos at = pos_of(file);
  for (std::size_t k = 0; k <= ensemble.keys.size(); ++k) {
    Parameter p;
    p.key = k < ensemble.keys.size() ? ensemble.keys[k] : kPosteriorDraw;
    p.at = p.key_at = at;
    p.from_posterior = true;
    e.parameters.push_back(std::move(p));
  }
  for (std::size_t particle : draws) {
    std::vector<std::string> row;
    for (double v : ensemble.values[particle]) row.push_back(io::format_real(v));
    row.push_back(std::to_string(ensemble.particle[particle]));
    e.design.posterior_rows.push_back(std::move(row));
  }
  e.design.posterior_keys = ensemble.keys;
  // Each parameter's own values, for the checks before any run: one entry per distinct value.
  for (std::size_t k = 0; k <= ensemble.keys.size(); ++k) {
    Parameter& p = e.parameters[e.parameters.size() - ensemble.keys.size() - 1 + k];
    std::set<std::string> seen;
    for (const auto& row : e.design.posterior_rows)
      if (seen.insert(row[k]).second) {
        p.values.push_back(row[k]);
        p.value_at.push_back(at);
      }
  }
}

/// The plan's size from the experiment alone: refuses what would not fit before allocating it.
void check_size(const Reader& r, const Experiment& e, const YAML::Node& root) {
  const double points = design_points(e);
  const double k = static_cast<double>(e.parameters.size());
  const YAML::Node design = root["design"], params = root["parameters"];
  const YAML::Node& at = e.design.kind == DesignKind::grid && params ? params : design;
  const std::string where = e.design.kind == DesignKind::grid && params ? "parameters" : "design";
  if (points > kMaxRuns)
    r.fail(at, where, "the design has " + count_text(points) + " points, more than the limit of " + count_text(kMaxRuns) +
                          " runs; use fewer levels, samples or trajectories");
  if (points * e.replicates > kMaxRuns)
    r.fail(root["replicates"] ? root["replicates"] : at, root["replicates"] ? "replicates" : where,
           count_text(points) + " points x " + std::to_string(e.replicates) + " replicates = " +
               count_text(points * e.replicates) + " runs, more than the limit of " + count_text(kMaxRuns));
  if (points * k > kMaxPlanCells)
    r.fail(at, where, count_text(points) + " points x " + count_text(k) + " parameters = " + count_text(points * k) +
                          " values, more than the limit of " + count_text(kMaxPlanCells));
}

}  // namespace

const char* to_string(DesignKind kind) {
  switch (kind) {
    case DesignKind::grid: return "grid";
    case DesignKind::lhs: return "lhs";
    case DesignKind::saltelli: return "saltelli";
    case DesignKind::morris: return "morris";
    case DesignKind::points: return "points";
    case DesignKind::posterior: return "posterior";
  }
  return "?";
}

double design_points(const Experiment& e) {
  const double k = static_cast<double>(e.parameters.size());
  switch (e.design.kind) {
    case DesignKind::grid: {
      double n = 1;
      for (const auto& p : e.parameters)
        n *= p.range ? (p.levels ? p.levels : e.design.levels) : static_cast<double>(p.values.size());
      return n;
    }
    case DesignKind::lhs: return e.design.samples;
    case DesignKind::saltelli: return e.design.samples * (k + 2);
    case DesignKind::morris: return e.design.trajectories * (k + 1);
    case DesignKind::points: return e.parameters.empty() ? 0 : static_cast<double>(e.parameters.front().values.size());
    case DesignKind::posterior: {
      double n = e.design.draws;
      for (const auto& p : e.parameters)
        if (!p.from_posterior) n *= p.range ? (p.levels ? p.levels : e.design.levels) : static_cast<double>(p.values.size());
      return n;
    }
  }
  return 0;
}

std::filesystem::path Experiment::resolve(const std::string& relative) const {
  const std::filesystem::path p(relative);
  return p.is_absolute() ? p : source.parent_path() / p;
}

Experiment parse_experiment(const std::string& text, const std::filesystem::path& source) {
  const Reader r(source.string());
  const YAML::Node root = io::parse_strict_yaml(text, source.string());
  if (!root || root.IsNull()) throw io::ConfigError(source.string(), 0, 0, "", "the experiment is empty");
  if (!root.IsMap()) r.fail(root, "", "expected a mapping (name, parameters, design, outcomes, ...)");
  r.only(root, "", {"name", "description", "base", "set", "parameters", "design", "replicates", "seed", "seeds", "outcomes", "targets"});
  Experiment e;
  e.source = source;
  if (const auto n = r.get(root, "name", "name")) e.name = r.text(n, "name");
  else e.name = source.stem().string();
  if (const auto d = r.get(root, "description", "description"); d && !d.IsScalar())
    r.fail(d, "description", "expected a text, got " + Reader::shown(d));
  for (auto it = root.begin(); it != root.end(); ++it)  // "base:" with no value: no base (as before)
    if (it->first.Scalar() == "base" && !it->second.IsNull()) {
      e.base = r.text(it->second, "base");
      e.base_at = pos_of(it->second);
    }
  parse_sets(r, root, e.sets, e.set_at);
  // The design first: which parameter settings are allowed depends on its kind.
  const auto design = r.get(root, "design", "design");
  if (!design) r.fail(root, "design", "missing \"design\" (kind: grid, lhs, saltelli or morris)");
  e.design = parse_design(r, design);
  e.design_at = pos_of(design);
  if (const auto ps = r.get(root, "parameters", "parameters")) {
    if (!ps.IsSequence()) r.fail(ps, "parameters", "expected a list of parameters, got " + Reader::shown(ps));
    e.parameters_at = pos_of(ps);
    std::set<std::string> seen;
    for (std::size_t i = 0; i < ps.size(); ++i) {
      const std::string here = "parameters[" + std::to_string(i) + "]";
      e.parameters.push_back(parse_parameter(r, ps[i], here, e.design.kind));
      if (!seen.insert(e.parameters.back().key).second) r.fail(ps[i], here, "duplicate key " + e.parameters.back().key);
    }
  }
  if (e.design.kind == DesignKind::points)
    for (std::size_t i = 1; i < e.parameters.size(); ++i)
      if (e.parameters[i].values.size() != e.parameters[0].values.size())
        r.fail(root["parameters"][i], "parameters[" + std::to_string(i) + "].values",
               "a points design needs as many values for every parameter (" + std::to_string(e.parameters[0].values.size()) +
                   " for " + e.parameters[0].key + ", " + std::to_string(e.parameters[i].values.size()) + " here)");
  if (e.design.kind == DesignKind::posterior) add_posterior_draws(r, e, design);
  if (e.design.kind != DesignKind::grid && e.design.kind != DesignKind::posterior && e.parameters.empty())
    r.fail(design, "parameters", std::string("a ") + to_string(e.design.kind) + " design needs parameters");
  if (e.design.kind == DesignKind::saltelli && e.parameters.size() > kMaxSobolDims / 2)
    r.fail(root["parameters"], "parameters", "a saltelli design takes at most " + std::to_string(kMaxSobolDims / 2) +
                                                 " parameters (a Sobol sequence of twice as many dimensions), got " +
                                                 std::to_string(e.parameters.size()));
  if (const auto n = r.get(root, "replicates", "replicates")) {
    e.replicates = static_cast<int>(r.integer(n, "replicates", 1, 100000));
    e.replicates_at = pos_of(n);
  }
  if (const auto n = r.get(root, "seed", "seed")) e.seed = r.integer(n, "seed", 0, 9007199254740991);
  if (const auto n = r.get(root, "seeds", "seeds")) {
    const std::string s = r.text(n, "seeds");
    if (s != "common" && s != "independent") r.fail(n, "seeds", "expected common or independent, got " + Reader::shown(n));
    e.common_seeds = s == "common";
  }
  const auto os = r.get(root, "outcomes", "outcomes");
  if (!os || !os.IsSequence() || os.size() == 0)
    r.fail(os ? os : root, "outcomes", "expected a non-empty list of outcomes" + (os ? ", got " + Reader::shown(os) : std::string()));
  std::set<std::string> names;
  for (std::size_t i = 0; i < os.size(); ++i) {
    const std::string here = "outcomes[" + std::to_string(i) + "]";
    e.outcomes.push_back(parse_outcome(r, os[i], here));
    const std::string& name = e.outcomes.back().name;
    if (!names.insert(name).second) r.fail(os[i], here, "duplicate name " + name);
    for (const auto& p : e.parameters)
      if (p.key == name) r.fail(os[i]["name"], here + ".name", "\"" + name + "\" is also a parameter's column in summary.csv");
  }
  if (const auto t = r.get(root, "targets", "targets")) e.targets = parse_targets(t, source.string(), e.outcomes);
  check_size(r, e, root);
  return e;
}

Experiment load_experiment(const std::filesystem::path& path) {
  return parse_experiment(io::read_small_file(path, "an experiment"), path);
}

}  // namespace hubsim::batch
