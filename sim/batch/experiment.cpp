// Sweep definitions from YAML, with config-style errors: file:line:col: key.path: problem.
#include "sim/batch/experiment.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "sim/io/config_error.hpp"

namespace hubsim::batch {
namespace {

/// Walks one YAML document, remembering the source so every error points at a node.
class Reader {
 public:
  explicit Reader(std::string source) : source_(std::move(source)) {}

  [[noreturn]] void fail(const YAML::Node& at, const std::string& key, const std::string& problem) const {
    const YAML::Mark m = at.Mark();
    const bool known = !m.is_null() && m.line >= 0;
    throw io::ConfigError(source_, known ? m.line + 1 : 0, known ? m.column + 1 : 0, key, problem);
  }

  /// Rejects keys of `map` outside `allowed`, naming the ones that are.
  void only(const YAML::Node& map, const std::string& path, const std::vector<std::string>& allowed) const {
    if (!map.IsMap()) fail(map, path, "expected a mapping");
    for (auto it = map.begin(); it != map.end(); ++it) {
      const std::string key = it->first.Scalar();
      if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
      std::string known;
      for (const auto& k : allowed) known += (known.empty() ? "" : ", ") + k;
      fail(it->first, join(path, key), "unknown key (expected one of: " + known + ")");
    }
  }

  std::string text(const YAML::Node& n, const std::string& path) const {
    if (!n.IsScalar() || n.Scalar().empty()) fail(n, path, "expected a non-empty text");
    return n.Scalar();
  }

  double number(const YAML::Node& n, const std::string& path) const {
    if (!n.IsScalar()) fail(n, path, "expected a number");
    const std::string& s = n.Scalar();
    double v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || ptr != s.data() + s.size() || !std::isfinite(v))
      fail(n, path, "expected a finite number, got \"" + s + "\"");
    return v;
  }

  std::int64_t integer(const YAML::Node& n, const std::string& path, std::int64_t lo, std::int64_t hi) const {
    const double v = number(n, path);
    if (v != std::floor(v) || v < static_cast<double>(lo) || v > static_cast<double>(hi))
      fail(n, path, "expected a whole number in [" + std::to_string(lo) + ", " + std::to_string(hi) + "], got \"" +
                        n.Scalar() + "\"");
    return static_cast<std::int64_t>(v);
  }

  core::Month month(const YAML::Node& n, const std::string& path, std::string_view s) const {
    const auto m = core::Month::parse(s);
    if (!m) fail(n, path, "expected a month as YYYY-MM, got \"" + std::string(s) + "\"");
    return *m;
  }

  static std::string join(const std::string& a, const std::string& b) { return a.empty() ? b : a + "." + b; }

 private:
  std::string source_;
};

Parameter parse_parameter(const Reader& r, const YAML::Node& n, const std::string& path) {
  r.only(n, path, {"key", "range", "values", "distribution", "integer", "levels"});
  Parameter p;
  if (!n["key"]) r.fail(n, path, "missing \"key\" (a config key path such as labour.commute_minutes)");
  p.key = r.text(n["key"], path + ".key");
  if (n["range"] && n["values"]) r.fail(n["values"], path, "give either \"range\" or \"values\", not both");
  if (const auto range = n["range"]) {
    if (!range.IsSequence() || range.size() != 2) r.fail(range, path + ".range", "expected [min, max]");
    const double lo = r.number(range[0], path + ".range"), hi = r.number(range[1], path + ".range");
    if (!(lo < hi)) r.fail(range, path + ".range", "expected min < max");
    p.range = {lo, hi};
  } else if (const auto values = n["values"]) {
    if (!values.IsSequence() || values.size() == 0) r.fail(values, path + ".values", "expected a non-empty list");
    for (const auto& v : values) p.values.push_back(r.text(v, path + ".values"));
  } else {
    r.fail(n, path, "missing \"range: [min, max]\" or \"values: [...]\"");
  }
  if (const auto d = n["distribution"]) {
    const std::string s = r.text(d, path + ".distribution");
    if (s == "log_uniform") p.log_uniform = true;
    else if (s != "uniform") r.fail(d, path + ".distribution", "expected uniform or log_uniform, got \"" + s + "\"");
    if (!p.range) r.fail(d, path + ".distribution", "a distribution needs a range");
    if (p.log_uniform && p.range->first <= 0) r.fail(d, path + ".distribution", "log_uniform needs min > 0");
  }
  if (const auto i = n["integer"]) {
    if (!i.IsScalar() || (i.Scalar() != "true" && i.Scalar() != "false")) r.fail(i, path + ".integer", "expected true or false");
    p.integer = i.Scalar() == "true";
  }
  if (const auto l = n["levels"]) p.levels = static_cast<int>(r.integer(l, path + ".levels", 1, 1000));
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
    w.from = r.month(n, path, s + "-01");
    w.to = w.from + 11;
  } else {
    w.kind = Window::Kind::month;
    w.from = w.to = r.month(n, path, s);
  }
  return w;
}

OutcomeSpec parse_outcome(const Reader& r, const YAML::Node& n, const std::string& path) {
  r.only(n, path, {"name", "variable", "hub", "where", "when", "stat"});
  OutcomeSpec o;
  if (!n["name"] || !n["variable"]) r.fail(n, path, "an outcome needs \"name\" and \"variable\"");
  o.name = r.text(n["name"], path + ".name");
  o.variable = r.text(n["variable"], path + ".variable");
  if (const auto h = n["hub"]) o.where.emplace_back("hub", r.text(h, path + ".hub"));
  if (const auto w = n["where"]; w && !w.IsMap()) r.fail(w, path + ".where", "expected a mapping of dimension to label");
  if (const auto w = n["where"])
    for (auto it = w.begin(); it != w.end(); ++it)
      o.where.emplace_back(it->first.Scalar(), r.text(it->second, path + ".where." + it->first.Scalar()));
  if (n["when"]) o.when = parse_window(r, n["when"], path + ".when");
  const bool many = o.when.kind == Window::Kind::year || o.when.kind == Window::Kind::period;
  o.stat = many ? OutcomeSpec::Stat::mean : OutcomeSpec::Stat::value;
  if (const auto s = n["stat"]) {
    const std::string v = r.text(s, path + ".stat");
    if (v == "value") o.stat = OutcomeSpec::Stat::value;  // over a year or period: its last month
    else if (v == "mean") o.stat = OutcomeSpec::Stat::mean;
    else if (v == "sum") o.stat = OutcomeSpec::Stat::sum;
    else r.fail(s, path + ".stat", "expected value, mean or sum, got \"" + v + "\"");
  }
  return o;
}

Design parse_design(const Reader& r, const YAML::Node& n) {
  r.only(n, "design", {"kind", "samples", "trajectories", "levels", "seed"});
  Design d;
  if (!n["kind"]) r.fail(n, "design", "missing \"kind\" (grid, lhs, saltelli or morris)");
  const std::string kind = r.text(n["kind"], "design.kind");
  if (kind == "grid") d.kind = DesignKind::grid;
  else if (kind == "lhs") d.kind = DesignKind::lhs;
  else if (kind == "saltelli") d.kind = DesignKind::saltelli;
  else if (kind == "morris") d.kind = DesignKind::morris;
  else r.fail(n["kind"], "design.kind", "expected grid, lhs, saltelli or morris, got \"" + kind + "\"");
  if (const auto s = n["samples"]) d.samples = static_cast<int>(r.integer(s, "design.samples", 1, 1000000));
  if (const auto t = n["trajectories"]) d.trajectories = static_cast<int>(r.integer(t, "design.trajectories", 1, 100000));
  if (const auto l = n["levels"]) d.levels = static_cast<int>(r.integer(l, "design.levels", 1, 1000));
  if (const auto s = n["seed"]) d.seed = static_cast<std::uint64_t>(r.integer(s, "design.seed", 0, 9007199254740991));
  const YAML::Node& at = n["kind"];
  if ((d.kind == DesignKind::lhs || d.kind == DesignKind::saltelli) && d.samples == 0)
    r.fail(at, "design.samples", "a " + kind + " design needs \"samples\"");
  if (d.kind == DesignKind::morris && d.trajectories == 0)
    r.fail(at, "design.trajectories", "a morris design needs \"trajectories\"");
  if (d.kind == DesignKind::morris && (d.levels < 2 || d.levels % 2 != 0))
    r.fail(n["levels"] ? n["levels"] : at, "design.levels", "morris needs an even number of levels >= 2");
  return d;
}

}  // namespace

const char* to_string(DesignKind kind) {
  switch (kind) {
    case DesignKind::grid: return "grid";
    case DesignKind::lhs: return "lhs";
    case DesignKind::saltelli: return "saltelli";
    case DesignKind::morris: return "morris";
  }
  return "?";
}

std::filesystem::path Experiment::resolve(const std::string& relative) const {
  const std::filesystem::path p(relative);
  return p.is_absolute() ? p : source.parent_path() / p;
}

Experiment parse_experiment(const std::string& text, const std::filesystem::path& source) {
  const Reader r(source.string());
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    const bool known = !e.mark.is_null();
    throw io::ConfigError(source.string(), known ? e.mark.line + 1 : 0, known ? e.mark.column + 1 : 0, "",
                          "YAML syntax error: " + e.msg);
  }
  if (!root || !root.IsMap()) r.fail(root, "", "expected a mapping (name, parameters, design, outcomes, ...)");
  r.only(root, "", {"name", "description", "base", "set", "parameters", "design", "replicates", "seed", "seeds", "outcomes"});
  Experiment e;
  e.source = source;
  e.name = root["name"] ? r.text(root["name"], "name") : source.stem().string();
  if (const auto b = root["base"]; b && !b.IsNull()) e.base = r.text(b, "base");
  if (const auto s = root["set"]) {
    if (!s.IsMap()) r.fail(s, "set", "expected a mapping of config key paths to values");
    for (auto it = s.begin(); it != s.end(); ++it)
      e.sets.push_back(it->first.Scalar() + "=" + r.text(it->second, "set." + it->first.Scalar()));
  }
  if (const auto ps = root["parameters"]) {
    if (!ps.IsSequence()) r.fail(ps, "parameters", "expected a list of parameters");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < ps.size(); ++i) {
      e.parameters.push_back(parse_parameter(r, ps[i], "parameters[" + std::to_string(i) + "]"));
      if (!seen.insert(e.parameters.back().key).second) r.fail(ps[i], "parameters[" + std::to_string(i) + "]", "duplicate key " + e.parameters.back().key);
    }
  }
  if (!root["design"]) r.fail(root, "design", "missing \"design\" (kind: grid, lhs, saltelli or morris)");
  e.design = parse_design(r, root["design"]);
  if (e.design.kind != DesignKind::grid && e.parameters.empty())
    r.fail(root["design"], "parameters", std::string("a ") + to_string(e.design.kind) + " design needs parameters");
  if (const auto n = root["replicates"]) e.replicates = static_cast<int>(r.integer(n, "replicates", 1, 100000));
  if (const auto n = root["seed"]) e.seed = r.integer(n, "seed", 0, 9007199254740991);
  if (const auto n = root["seeds"]) {
    const std::string s = r.text(n, "seeds");
    if (s != "common" && s != "independent") r.fail(n, "seeds", "expected common or independent, got \"" + s + "\"");
    e.common_seeds = s == "common";
  }
  const auto os = root["outcomes"];
  if (!os || !os.IsSequence() || os.size() == 0) r.fail(os ? os : root, "outcomes", "expected a non-empty list of outcomes");
  std::set<std::string> names;
  for (std::size_t i = 0; i < os.size(); ++i) {
    e.outcomes.push_back(parse_outcome(r, os[i], "outcomes[" + std::to_string(i) + "]"));
    if (!names.insert(e.outcomes.back().name).second) r.fail(os[i], "outcomes[" + std::to_string(i) + "]", "duplicate name " + e.outcomes.back().name);
  }
  return e;
}

Experiment load_experiment(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw io::ConfigError(path.string(), 0, 0, "", "cannot read the experiment file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_experiment(text.str(), path);
}

}  // namespace hubsim::batch
