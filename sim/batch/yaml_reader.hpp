#pragma once
/// Reading hubsim's YAML inputs (experiments, calibration specs) node by node, with every error
/// naming file:line:col and the key path, as config errors do (exit code 2).
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/batch/experiment.hpp"
#include "sim/io/config_error.hpp"
#include "sim/io/yaml_document.hpp"

namespace hubsim::batch {

inline Pos pos_of(const YAML::Node& n) {
  const YAML::Mark m = n.Mark();
  if (m.is_null() || m.line < 0) return {};
  return {m.line + 1, m.column + 1};
}

/// Walks one YAML document, remembering the source so every error points at a node.
class Reader {
 public:
  explicit Reader(std::string source) : source_(std::move(source)) {}

  [[noreturn]] void fail(const YAML::Node& at, const std::string& key, const std::string& problem) const {
    const Pos p = pos_of(at);
    throw io::ConfigError(source_, p.line, p.column, io::printable(key), problem);
  }

  /// Rejects keys of `map` outside `allowed`, naming the ones that are.
  void only(const YAML::Node& map, const std::string& path, const std::vector<std::string>& allowed) const {
    if (!map.IsMap()) fail(map, path, "expected a mapping, got " + shown(map));
    for (auto it = map.begin(); it != map.end(); ++it) {
      const std::string key = it->first.Scalar();
      if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
      std::string known;
      for (const auto& k : allowed) known += (known.empty() ? "" : ", ") + k;
      fail(it->first, join(path, key), "unknown key (expected one of: " + known + ")");
    }
  }

  /// A present, non-null value under `key` (a null one is "missing value", at its key).
  YAML::Node get(const YAML::Node& map, const std::string& key, const std::string& path) const {
    for (auto it = map.begin(); it != map.end(); ++it)
      if (it->first.Scalar() == key) {
        if (it->second.IsNull()) fail(it->first, path, "missing value");
        return it->second;
      }
    return YAML::Node(YAML::NodeType::Undefined);
  }

  std::string text(const YAML::Node& n, const std::string& path) const {
    if (!n.IsScalar() || n.Scalar().empty()) fail(n, path, "expected a non-empty text, got " + shown(n));
    if (!io::plain_text(n.Scalar())) fail(n, path, "expected printable UTF-8 text, got " + shown(n));
    return n.Scalar();
  }

  double number(const YAML::Node& n, const std::string& path) const {
    if (!n.IsScalar() || n.Tag() == "!") fail(n, path, "expected a number, got " + shown(n));
    const std::string& s = n.Scalar();
    double v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc{} || ptr != s.data() + s.size() || !std::isfinite(v))
      fail(n, path, "expected a finite number, got " + shown(n));
    return v;
  }

  std::int64_t integer(const YAML::Node& n, const std::string& path, std::int64_t lo, std::int64_t hi) const {
    const double v = number(n, path);
    if (v != std::floor(v) || v < static_cast<double>(lo) || v > static_cast<double>(hi))
      fail(n, path, "expected a whole number in [" + std::to_string(lo) + ", " + std::to_string(hi) + "], got " + shown(n));
    return static_cast<std::int64_t>(v);
  }

  bool boolean(const YAML::Node& n, const std::string& path) const {
    if (!n.IsScalar() || n.Tag() == "!" || (n.Scalar() != "true" && n.Scalar() != "false"))
      fail(n, path, "expected true or false, got " + shown(n));
    return n.Scalar() == "true";
  }

  core::Month month(const YAML::Node& n, const std::string& path, std::string_view s) const {
    const auto m = core::Month::parse(s);
    if (!m) fail(n, path, "expected a month as YYYY-MM, got \"" + io::printable(s) + "\"");
    return *m;
  }

  static std::string shown(const YAML::Node& n) {
    if (n.IsScalar()) return "\"" + io::printable(n.Scalar()) + "\"";
    if (n.IsSequence()) return "a list";
    if (n.IsMap()) return "a mapping";
    return "nothing";
  }

  static std::string join(const std::string& a, const std::string& b) { return a.empty() ? b : a + "." + b; }

 private:
  std::string source_;
};


/// A config key path as --set writes it ("labour.commute_minutes"); `path` names it in errors.
std::string key_path(const Reader& r, const YAML::Node& n, const std::string& path);
/// The `set:` mapping of fixed "key=value" overrides (config key paths), with each key's position.
void parse_sets(const Reader& r, const YAML::Node& root, std::vector<std::string>& sets, std::vector<Pos>& at);
/// An outcome entry ({name, variable, hub, where, when, stat}), checked field by field.
OutcomeSpec parse_outcome(const Reader& r, const YAML::Node& n, const std::string& path);

}  // namespace hubsim::batch
