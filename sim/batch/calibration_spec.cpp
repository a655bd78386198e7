#include "sim/batch/calibration_spec.hpp"

#include <cmath>
#include <limits>
#include <set>

#include "sim/batch/yaml_reader.hpp"

namespace hubsim::batch {
namespace {

CalibratedParameter parse_prior(const Reader& r, const YAML::Node& n, const std::string& path) {
  r.only(n, path, {"key", "range", "distribution", "integer", "source"});
  CalibratedParameter p;
  p.at = pos_of(n);
  const auto key = r.get(n, "key", path + ".key"), range = r.get(n, "range", path + ".range");
  if (!key) r.fail(n, path, "missing \"key\" (a config key path such as firms.layoff_tolerance)");
  p.prior.key = key_path(r, key, path + ".key");
  p.key_at = pos_of(key);
  if (p.prior.key == "config") r.fail(key, path + ".key", "the scenario file is not a calibrated parameter (use base:)");
  if (!range || !range.IsSequence() || range.size() != 2)
    r.fail(range ? range : n, path + ".range", "expected range: [min, max] (the prior's support)");
  p.prior.lo = r.number(range[0], path + ".range");
  p.prior.hi = r.number(range[1], path + ".range");
  if (!(p.prior.lo < p.prior.hi)) r.fail(range, path + ".range", "expected min < max");
  p.range_at = pos_of(range);
  if (const auto d = r.get(n, "distribution", path + ".distribution")) {
    const std::string s = r.text(d, path + ".distribution");
    if (s == "log_uniform") p.prior.log_uniform = true;
    else if (s != "uniform") r.fail(d, path + ".distribution", "expected uniform or log_uniform, got " + Reader::shown(d));
    if (p.prior.log_uniform && p.prior.lo <= 0) r.fail(d, path + ".distribution", "log_uniform needs min > 0");
  }
  if (const auto i = r.get(n, "integer", path + ".integer")) p.prior.integer = r.boolean(i, path + ".integer");
  const auto src = r.get(n, "source", path + ".source");
  if (!src) r.fail(n, path, "missing \"source\": where the range comes from, or why it is a judgement");
  p.source = r.text(src, path + ".source");
  return p;
}

std::vector<std::size_t> outcome_refs(const Reader& r, const YAML::Node& n, const std::string& path,
                                      const std::vector<OutcomeSpec>& outcomes) {
  std::vector<std::size_t> out;
  const auto one = [&](const YAML::Node& x, const std::string& here) {
    const std::string name = r.text(x, here);
    for (std::size_t i = 0; i < outcomes.size(); ++i)
      if (outcomes[i].name == name) return out.push_back(i);
    std::string known;
    for (const auto& o : outcomes) known += (known.empty() ? "" : ", ") + o.name;
    r.fail(x, here, "no outcome named \"" + io::printable(name) + "\" (outcomes: " + known + ")");
  };
  if (n.IsSequence()) {
    if (n.size() == 0) r.fail(n, path, "expected an outcome name or a non-empty list of them");
    for (std::size_t i = 0; i < n.size(); ++i) one(n[i], path + "[" + std::to_string(i) + "]");
  } else {
    one(n, path);
  }
  return out;
}

Target parse_target(const Reader& r, const YAML::Node& n, const std::string& path, const std::vector<OutcomeSpec>& outcomes) {
  r.only(n, path, {"name", "label", "outcome", "per", "observed", "sd", "role", "source"});
  Target t;
  t.at = pos_of(n);
  for (const char* required : {"name", "outcome", "observed", "sd", "role", "source"})
    if (!r.get(n, required, path + "." + required)) r.fail(n, path, std::string("missing \"") + required + "\"");
  t.name = r.text(n["name"], path + ".name");
  t.label = r.get(n, "label", path + ".label") ? r.text(n["label"], path + ".label") : t.name;
  t.numerator = outcome_refs(r, n["outcome"], path + ".outcome", outcomes);
  if (const auto per = r.get(n, "per", path + ".per")) t.denominator = outcome_refs(r, per, path + ".per", outcomes);
  t.observed = r.number(n["observed"], path + ".observed");
  t.sd = r.number(n["sd"], path + ".sd");
  if (!(t.sd > 0)) r.fail(n["sd"], path + ".sd", "expected the observation's uncertainty (a standard deviation > 0)");
  const std::string role = r.text(n["role"], path + ".role");
  if (role != "fitted" && role != "held_out") r.fail(n["role"], path + ".role", "expected fitted or held_out, got " + Reader::shown(n["role"]));
  t.fitted = role == "fitted";
  t.source = r.text(n["source"], path + ".source");
  return t;
}

AbcSettings parse_method(const Reader& r, const YAML::Node& n) {
  r.only(n, "method", {"kind", "particles", "quantile", "min_acceptance", "max_generations", "stop_tolerance", "seed"});
  const auto kind = r.get(n, "kind", "method.kind");
  if (!kind) r.fail(n, "method", "missing \"kind\" (abc_smc)");
  if (r.text(kind, "method.kind") != "abc_smc") r.fail(kind, "method.kind", "expected abc_smc, got " + Reader::shown(kind));
  AbcSettings s;
  if (const auto x = r.get(n, "particles", "method.particles")) s.particles = static_cast<int>(r.integer(x, "method.particles", 10, 100000));
  if (const auto x = r.get(n, "quantile", "method.quantile")) {
    s.quantile = r.number(x, "method.quantile");
    if (!(s.quantile > 0 && s.quantile < 1)) r.fail(x, "method.quantile", "expected a quantile strictly between 0 and 1");
  }
  if (const auto x = r.get(n, "min_acceptance", "method.min_acceptance")) {
    s.min_acceptance = r.number(x, "method.min_acceptance");
    if (!(s.min_acceptance > 0 && s.min_acceptance < 1)) r.fail(x, "method.min_acceptance", "expected a rate strictly between 0 and 1");
  }
  if (const auto x = r.get(n, "max_generations", "method.max_generations"))
    s.max_generations = static_cast<int>(r.integer(x, "method.max_generations", 1, 100));
  if (const auto x = r.get(n, "stop_tolerance", "method.stop_tolerance")) {
    s.stop_tolerance = r.number(x, "method.stop_tolerance");
    if (s.stop_tolerance < 0) r.fail(x, "method.stop_tolerance", "expected a tolerance >= 0");
  }
  if (const auto x = r.get(n, "seed", "method.seed")) s.seed = static_cast<std::uint64_t>(r.integer(x, "method.seed", 0, 9007199254740991));
  return s;
}

}  // namespace

double Target::value(const std::vector<double>& outcomes) const {
  double num = 0, den = 0;
  for (auto i : numerator) num += outcomes.at(i);
  if (denominator.empty()) return num;
  for (auto i : denominator) den += outcomes.at(i);
  return den != 0 ? num / den : std::numeric_limits<double>::quiet_NaN();
}

std::vector<Prior> CalibrationSpec::priors() const {
  std::vector<Prior> out;
  for (const auto& p : parameters) out.push_back(p.prior);
  return out;
}

Experiment CalibrationSpec::as_experiment() const {
  Experiment e;
  e.source = source;
  e.name = name;
  e.base = base;
  e.base_at = base_at;
  e.sets = sets;
  e.set_at = set_at;
  e.parameters_at = parameters_at;
  e.design.kind = DesignKind::grid;
  e.design.levels = 2;
  for (const auto& c : parameters) {
    Parameter p;
    p.key = c.prior.key;
    p.range = {c.prior.lo, c.prior.hi};
    p.log_uniform = c.prior.log_uniform;
    p.integer = c.prior.integer;
    p.at = c.at;
    p.key_at = c.key_at;
    p.range_at = c.range_at;
    e.parameters.push_back(std::move(p));
  }
  e.outcomes = outcomes;
  e.seed = seed;
  return e;
}

CalibrationSpec parse_calibration_spec(const std::string& text, const std::filesystem::path& source) {
  const Reader r(source.string());
  const YAML::Node root = io::parse_strict_yaml(text, source.string());
  if (!root || root.IsNull()) throw io::ConfigError(source.string(), 0, 0, "", "the calibration is empty");
  if (!root.IsMap()) r.fail(root, "", "expected a mapping (name, parameters, outcomes, targets, method, ...)");
  r.only(root, "", {"name", "description", "base", "set", "parameters", "outcomes", "targets", "method", "replicates", "seed"});
  CalibrationSpec c;
  c.source = source;
  c.text = text;
  c.name = r.get(root, "name", "name") ? r.text(root["name"], "name") : source.stem().string();
  if (const auto d = r.get(root, "description", "description"); d && !d.IsScalar())
    r.fail(d, "description", "expected a text, got " + Reader::shown(d));
  if (const auto b = r.get(root, "base", "base")) {
    c.base = r.text(b, "base");
    c.base_at = pos_of(b);
  }
  parse_sets(r, root, c.sets, c.set_at);
  const auto ps = r.get(root, "parameters", "parameters");
  if (!ps || !ps.IsSequence() || ps.size() == 0) r.fail(ps ? ps : root, "parameters", "expected a non-empty list of calibrated parameters");
  c.parameters_at = pos_of(ps);
  std::set<std::string> keys;
  for (std::size_t i = 0; i < ps.size(); ++i) {
    const std::string here = "parameters[" + std::to_string(i) + "]";
    c.parameters.push_back(parse_prior(r, ps[i], here));
    if (!keys.insert(c.parameters.back().prior.key).second) r.fail(ps[i], here, "duplicate key " + c.parameters.back().prior.key);
  }
  if (c.parameters.size() > 20) r.fail(ps, "parameters", "at most 20 calibrated parameters");
  const auto os = r.get(root, "outcomes", "outcomes");
  if (!os || !os.IsSequence() || os.size() == 0) r.fail(os ? os : root, "outcomes", "expected a non-empty list of outcomes");
  std::set<std::string> names;
  for (std::size_t i = 0; i < os.size(); ++i) {
    const std::string here = "outcomes[" + std::to_string(i) + "]";
    c.outcomes.push_back(parse_outcome(r, os[i], here));
    if (!names.insert(c.outcomes.back().name).second) r.fail(os[i], here, "duplicate name " + c.outcomes.back().name);
    if (keys.count(c.outcomes.back().name)) r.fail(os[i], here + ".name", "\"" + c.outcomes.back().name + "\" is also a parameter's key");
  }
  const auto ts = r.get(root, "targets", "targets");
  if (!ts || !ts.IsSequence() || ts.size() == 0) r.fail(ts ? ts : root, "targets", "expected a non-empty list of targets");
  std::set<std::string> target_names;
  for (std::size_t i = 0; i < ts.size(); ++i) {
    const std::string here = "targets[" + std::to_string(i) + "]";
    c.targets.push_back(parse_target(r, ts[i], here, c.outcomes));
    if (!target_names.insert(c.targets.back().name).second) r.fail(ts[i], here, "duplicate name " + c.targets.back().name);
  }
  if (std::none_of(c.targets.begin(), c.targets.end(), [](const Target& t) { return t.fitted; }))
    r.fail(ts, "targets", "no target has role: fitted (held-out targets are only reported)");
  const auto m = r.get(root, "method", "method");
  if (!m) r.fail(root, "method", "missing \"method\" ({kind: abc_smc, particles: N, ...})");
  c.method = parse_method(r, m);
  if (const auto n = r.get(root, "replicates", "replicates")) c.replicates = static_cast<int>(r.integer(n, "replicates", 1, 1000));
  if (const auto n = r.get(root, "seed", "seed")) c.seed = r.integer(n, "seed", 0, 9007199254740991);
  return c;
}

CalibrationSpec load_calibration_spec(const std::filesystem::path& path) {
  return parse_calibration_spec(io::read_small_file(path, "a calibration"), path);
}

}  // namespace hubsim::batch
