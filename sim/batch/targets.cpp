// Targets: parsed after the outcomes they name, with config-style errors (file:line:col: key).
#include "sim/batch/targets.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <set>

#include "sim/batch/experiment.hpp"
#include "sim/io/config_error.hpp"
#include "sim/io/yaml_document.hpp"

namespace hubsim::batch {
namespace {

[[noreturn]] void fail(const std::string& source, const YAML::Node& at, const std::string& key, const std::string& problem) {
  const YAML::Mark m = at.Mark();
  const bool known = !m.is_null() && m.line >= 0;
  throw io::ConfigError(source, known ? m.line + 1 : 0, known ? m.column + 1 : 0, io::printable(key), problem);
}

std::string shown(const YAML::Node& n) {
  if (n.IsScalar()) return "\"" + io::printable(n.Scalar()) + "\"";
  if (n.IsSequence()) return "a list";
  if (n.IsMap()) return "a mapping";
  return "nothing";
}

std::optional<CompareOp> op_of(std::string_view s) {
  if (s == ">=") return CompareOp::ge;
  if (s == ">") return CompareOp::gt;
  if (s == "<=") return CompareOp::le;
  if (s == "<") return CompareOp::lt;
  return std::nullopt;
}

std::optional<double> number_of(std::string_view s) {
  double v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc{} || ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::size_t outcome_index(const std::string& source, const YAML::Node& at, const std::string& key,
                          const std::string& name, const std::vector<OutcomeSpec>& outcomes) {
  std::string known;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    if (outcomes[i].name == name) return i;
    known += (known.empty() ? "" : ", ") + outcomes[i].name;
  }
  fail(source, at, key, "no outcome named \"" + io::printable(name) + "\" (outcomes: " + known + ")");
}

}  // namespace

bool Condition::holds(double x) const {
  if (!std::isfinite(x)) return false;
  switch (op) {
    case CompareOp::ge: return x >= value;
    case CompareOp::gt: return x > value;
    case CompareOp::le: return x <= value;
    case CompareOp::lt: return x < value;
  }
  return false;
}

const char* to_string(CompareOp op) {
  switch (op) {
    case CompareOp::ge: return ">=";
    case CompareOp::gt: return ">";
    case CompareOp::le: return "<=";
    case CompareOp::lt: return "<";
  }
  return "?";
}

std::string Condition::text() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", value);
  return outcome + " " + to_string(op) + " " + buf;
}

std::optional<Condition> parse_condition(std::string_view text, std::string& problem) {
  const std::size_t at = text.find_first_of("<>");
  if (at == std::string_view::npos) {
    problem = "expected OUTCOME OP NUMBER with OP one of >=, >, <=, < (e.g. employment_2035 >= 50000)";
    return std::nullopt;
  }
  const std::size_t len = at + 1 < text.size() && text[at + 1] == '=' ? 2 : 1;
  Condition c;
  c.outcome = std::string(trim(text.substr(0, at)));
  c.op = *op_of(text.substr(at, len));
  const std::string_view rest = trim(text.substr(at + len));
  const bool name_ok = !c.outcome.empty() && std::all_of(c.outcome.begin(), c.outcome.end(), [](char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-' || ch == '.';
  });
  if (!name_ok) {
    problem = "expected OUTCOME OP NUMBER with an outcome name (letters, digits, _ - .) before " +
              std::string(text.substr(at, len)) + ", got \"" + io::printable(text) + "\"";
    return std::nullopt;
  }
  const auto v = number_of(rest);
  if (!v) {
    problem = "expected a finite number after " + std::string(to_string(c.op)) + ", got \"" + io::printable(rest) + "\"";
    return std::nullopt;
  }
  c.value = *v;
  return c;
}

std::vector<TargetSpec> parse_targets(const YAML::Node& node, const std::string& source,
                                      const std::vector<OutcomeSpec>& outcomes) {
  if (!node.IsSequence() || node.size() == 0)
    fail(source, node, "targets", "expected a non-empty list of targets, got " + shown(node));
  std::vector<TargetSpec> out;
  std::set<std::string> names;
  for (std::size_t i = 0; i < node.size(); ++i) {
    const YAML::Node n = node[i];
    const std::string path = "targets[" + std::to_string(i) + "]";
    TargetSpec t;
    const YAML::Mark m = n.Mark();
    t.line = m.is_null() ? 0 : m.line + 1;
    t.column = m.is_null() ? 0 : m.column + 1;
    if (n.IsScalar()) {
      std::string problem;
      const auto c = parse_condition(n.Scalar(), problem);
      if (!c) fail(source, n, path, problem);
      t.condition = *c;
      t.outcome = outcome_index(source, n, path, c->outcome, outcomes);
    } else if (n.IsMap()) {
      for (auto it = n.begin(); it != n.end(); ++it) {
        const std::string key = it->first.Scalar();
        if (key != "name" && key != "outcome" && key != "op" && key != "value")
          fail(source, it->first, path + "." + key, "unknown key (expected one of: name, outcome, op, value)");
        if (!it->second.IsScalar() || it->second.Scalar().empty())
          fail(source, it->second.IsNull() ? it->first : it->second, path + "." + key, "expected a value, got " + shown(it->second));
      }
      if (!n["outcome"] || !n["op"] || !n["value"])
        fail(source, n, path, "a target needs \"outcome\", \"op\" and \"value\" (e.g. {outcome: employment_2035, op: \">=\", value: 50000})");
      t.condition.outcome = n["outcome"].Scalar();
      t.outcome = outcome_index(source, n["outcome"], path + ".outcome", t.condition.outcome, outcomes);
      const auto op = op_of(n["op"].Scalar());
      if (!op) fail(source, n["op"], path + ".op", "expected one of >=, >, <=, <, got " + shown(n["op"]));
      t.condition.op = *op;
      const auto v = number_of(n["value"].Scalar());
      if (!v) fail(source, n["value"], path + ".value", "expected a finite number, got " + shown(n["value"]));
      t.condition.value = *v;
      if (n["name"]) {
        t.name = n["name"].Scalar();
        if (!io::plain_text(t.name)) fail(source, n["name"], path + ".name", "expected printable text, got " + shown(n["name"]));
      }
    } else {
      fail(source, n, path, "expected a mapping {outcome, op, value} or \"OUTCOME OP NUMBER\", got " + shown(n));
    }
    if (t.name.empty()) t.name = t.condition.text();
    if (!names.insert(t.name).second) fail(source, n, path, "duplicate target \"" + io::printable(t.name) + "\"");
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace hubsim::batch
