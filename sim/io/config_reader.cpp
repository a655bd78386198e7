// Applying YAML to described parameters, with errors that name file, line, column and key path.
#include <yaml-cpp/depthguard.h>  // YAML::DeepRecursion
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <vector>

#include "sim/io/config.hpp"

namespace hubsim::io {
namespace {

std::string join_path(const std::string& parent, std::string_view key) {
  return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

std::string describe_bounds(Bounds b, std::string_view unit, bool integral) {
  std::string s = format_bounds(b, integral);
  if (!unit.empty()) s += " (" + std::string(unit) + ")";
  return s;
}

// Config files are small; a larger one is junk or an attack, and parsing it would take seconds.
constexpr std::size_t kMaxConfigBytes = std::size_t{1} << 20;
// Error messages are one line of readable text whatever the input holds (NULs, newlines, 1 MB keys):
// control characters are escaped and echoed input is cut short.
constexpr std::size_t kMaxEcho = 120;

bool valid_utf8(std::string_view s);

std::string printable(std::string_view s, std::size_t max_chars = 4 * kMaxEcho) {
  const bool escape_high = !valid_utf8(s);  // keep the terminal's text valid UTF-8 too
  std::string out;
  for (const char c : s) {
    if (out.size() >= max_chars) return out + "...";
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f || (escape_high && u >= 0x80)) {
      static constexpr char hex[] = "0123456789abcdef";
      out += "\\x";
      out += hex[u >> 4];
      out += hex[u & 15];
    } else {
      out += c;
    }
  }
  return out;
}

// Text values end up in HDF5 attributes declared UTF-8 and in file names: well-formed UTF-8 only.
bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size() || (n == 2 && c < 0xc2)) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
    i += n;
  }
  return true;
}

std::string quoted(const YAML::Node& n) {
  if (n.IsScalar()) return "\"" + printable(n.Scalar(), kMaxEcho) + "\"";
  if (n.IsSequence()) return "a list";
  if (n.IsMap()) return "a mapping";
  return "nothing";
}

/// Reads values for one mapping level; the visitor recurses through sections and tables.
class YamlReader final : public ParamVisitor {
 public:
  YamlReader(YAML::Node map, std::string source, std::string path, Overlay mode)
      : source_(std::move(source)), mode_(mode) {
    push(std::move(map), std::move(path));
  }

  /// Fails on keys present in the current mapping that no parameter claimed.
  void finish() const {
    const Frame& f = frames_.back();
    for (auto it = f.map.begin(); it != f.map.end(); ++it) {
      const std::string key = it->first.Scalar();
      if (!f.seen.count(key)) {
        std::string known;
        for (const auto& k : f.declared) known += (known.empty() ? "" : ", ") + k;
        fail(it->first, join_path(f.path, key), "unknown key (expected one of: " + known + ")");
      }
    }
  }

  void section(std::string_view key, std::string_view, const std::function<void()>& body) override {
    YAML::Node child = lookup(key);
    if (!child) return;
    if (!child.IsMap()) fail(child, join_path(path(), key), "expected a mapping, got " + quoted(child));
    // The section's members are visited on this same reader, one mapping level deeper.
    push(child, join_path(path(), key));
    body();
    finish();
    frames_.pop_back();
  }

  void real(std::string_view key, double& value, Bounds b, std::string_view unit, std::string_view) override {
    YAML::Node n = lookup(key);
    if (!n) return;
    value = parse_number(n, key, b, unit, false);
  }

  void integer(std::string_view key, std::int64_t& value, Bounds b, std::string_view unit,
               std::string_view) override {
    YAML::Node n = lookup(key);
    if (!n) return;
    value = static_cast<std::int64_t>(parse_number(n, key, b, unit, true));
  }

  void text(std::string_view key, std::string& value, std::string_view) override {
    YAML::Node n = lookup(key);
    if (!n) return;
    if (!n.IsScalar() || n.Scalar().empty())
      fail(n, join_path(path(), key), "expected a non-empty text, got " + quoted(n));
    const std::string& s = n.Scalar();
    if (!valid_utf8(s) || std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }))
      fail(n, join_path(path(), key), "expected printable UTF-8 text, got " + quoted(n));
    value = s;
  }

  void choice(std::string_view key, std::size_t& index, std::span<const std::string_view> options,
              std::string_view) override {
    YAML::Node n = lookup(key);
    if (!n) return;
    std::string list;
    for (std::size_t i = 0; i < options.size(); ++i) {
      if (n.IsScalar() && n.Scalar() == options[i]) { index = i; return; }
      list += (i ? ", " : "") + std::string(options[i]);
    }
    fail(n, join_path(path(), key), "expected one of " + list + ", got " + quoted(n));
  }

  void month(std::string_view key, core::Month& value, std::string_view) override {
    YAML::Node n = lookup(key);
    if (!n) return;
    auto m = n.IsScalar() ? core::Month::parse(n.Scalar()) : std::nullopt;
    if (!m) fail(n, join_path(path(), key), "expected a month as YYYY-MM, got " + quoted(n));
    value = *m;
  }

  void table(std::string_view key, std::string_view, const TableRef& rows) override {
    YAML::Node n = lookup(key);
    if (!n) return;
    const std::string here = join_path(path(), key);
    if (n.IsSequence()) {
      // A list replaces the table: every row must be complete.
      if (n.size() == 0 && !rows.may_be_empty) fail(n, here, "expected at least one entry");
      rows.resize(n.size());
      std::set<std::string> names;
      for (std::size_t i = 0; i < n.size(); ++i) {
        const std::string row_path = here + "[" + std::to_string(i) + "]";
        if (!n[i].IsMap()) fail(n[i], row_path, "expected a mapping, got " + quoted(n[i]));
        YamlReader row(n[i], source_, row_path, Overlay::complete);
        rows.visit_row(row, i);
        row.finish();
        if (rows.row_key && !names.insert(rows.row_key(i)).second)
          fail(n[i], row_path, "duplicate " + rows.key_field + " \"" + rows.row_key(i) + "\"");
      }
      return;
    }
    if (n.IsMap() && rows.row_key) {
      // A mapping edits existing rows by name: {Preston: {lat: 53.8}}.
      YamlReader by_name(n, source_, here, Overlay::partial);
      for (auto it = n.begin(); it != n.end(); ++it) {
        const std::string name = it->first.Scalar();
        std::size_t i = 0;
        while (i < rows.size() && rows.row_key(i) != name) ++i;
        if (i == rows.size()) fail(it->first, join_path(here, name), "no entry with " + rows.key_field + " \"" + name + "\"");
        if (!it->second.IsMap()) fail(it->second, join_path(here, name), "expected a mapping, got " + quoted(it->second));
        YamlReader row(it->second, source_, join_path(here, name), Overlay::partial);
        rows.visit_row(row, i);
        row.finish();
      }
      return;
    }
    fail(n, here, rows.row_key ? "expected a list of entries, or a mapping from " + rows.key_field + " to changes"
                               : "expected a list of entries");
  }

  void require(bool ok, std::string_view key, std::string_view problem) override {
    if (ok) return;
    const Frame& f = frames_.back();
    for (auto it = f.map.begin(); it != f.map.end(); ++it)
      if (it->first.Scalar() == key) fail(it->second, join_path(f.path, key), std::string(problem));
    fail(f.map, join_path(f.path, key), std::string(problem));
  }

 private:
  struct Frame {
    YAML::Node map;
    std::string path;
    std::set<std::string> seen;
    std::vector<std::string> declared;
  };

  void push(YAML::Node map, std::string path) {
    frames_.push_back(Frame{std::move(map), std::move(path), {}, {}});
    check_duplicates();
  }
  const std::string& path() const { return frames_.back().path; }

  [[noreturn]] void fail(const YAML::Node& at, const std::string& key, const std::string& problem) const {
    const YAML::Mark m = at.Mark();
    const bool known = m.line >= 0 && !m.is_null();
    throw ConfigError(source_, known ? m.line + 1 : 0, known ? m.column + 1 : 0, printable(key, kMaxEcho), printable(problem, 8 * kMaxEcho));
  }

  void check_duplicates() const {
    const Frame& f = frames_.back();
    std::set<std::string> keys;
    for (auto it = f.map.begin(); it != f.map.end(); ++it) {
      if (!it->first.IsScalar()) fail(it->first, f.path, "keys must be plain names");
      if (!keys.insert(it->first.Scalar()).second)
        fail(it->first, join_path(f.path, it->first.Scalar()), "duplicate key");
    }
  }

  /// The value under `key` in the current mapping, or an invalid node if absent (partial mode).
  YAML::Node lookup(std::string_view key) {
    Frame& f = frames_.back();
    const std::string k(key);
    f.declared.push_back(k);
    f.seen.insert(k);
    for (auto it = f.map.begin(); it != f.map.end(); ++it)
      if (it->first.Scalar() == k) {
        // A null value's mark is wherever the next token starts: point at the key instead.
        if (it->second.IsNull()) fail(it->first, join_path(f.path, key), "missing value");
        return it->second;
      }
    if (mode_ == Overlay::complete) fail(f.map, join_path(f.path, key), "missing key");
    return YAML::Node(YAML::NodeType::Undefined);
  }

  double parse_number(const YAML::Node& n, std::string_view key, Bounds b, std::string_view unit, bool integral) {
    const std::string here = join_path(path(), key);
    const std::string what = integral ? "an integer" : "a number";
    if (!n.IsScalar() || n.Tag() == "!")
      fail(n, here, "expected " + what + " in " + describe_bounds(b, unit, integral) + ", got " + quoted(n));
    const std::string& s = n.Scalar();
    // YAML's spellings of NaN and infinity, which from_chars does not know.
    const std::string_view special = s.starts_with('+') || s.starts_with('-') ? std::string_view(s).substr(1) : s;
    for (std::string_view nonfinite : {".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF"})
      if (special == nonfinite) fail(n, here, "expected a finite number, got " + quoted(n));
    double v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || ptr != s.data() + s.size())
      fail(n, here, "expected " + what + " in " + describe_bounds(b, unit, integral) + ", got " + quoted(n));
    if (!std::isfinite(v)) fail(n, here, "expected a finite number, got " + quoted(n));
    if (integral && v != std::floor(v))
      fail(n, here, "expected a whole number in " + describe_bounds(b, unit, integral) + ", got " + quoted(n));
    if (v < b.lo || v > b.hi)
      fail(n, here, "value " + s + " is out of range; expected " + describe_bounds(b, unit, integral));
    return v;
  }

  std::string source_;
  Overlay mode_;
  std::vector<Frame> frames_;
};


/// yaml-cpp accepts a quoted scalar left open at the end of the input (it runs to EOF). Such a
/// scalar is the document's last node, so checking the scalar that starts last is enough.
void check_last_quote(const YAML::Node& root, std::string_view text, const std::string& source) {
  std::vector<YAML::Node> todo{root};
  // By position and type (a block mapping starts where its first key does): aliases share nodes,
  // and an alias bomb must stay linear.
  std::set<std::pair<int, int>> visited;
  YAML::Node last;
  while (!todo.empty()) {
    const YAML::Node n = todo.back();
    todo.pop_back();
    if (!visited.insert({n.Mark().pos, static_cast<int>(n.Type())}).second) continue;
    if (n.IsScalar() && (!last || n.Mark().pos > last.Mark().pos)) last = n;
    for (auto it = n.begin(); it != n.end(); ++it) {
      if (n.IsMap()) {
        todo.push_back(it->first);
        todo.push_back(it->second);
      } else {
        todo.push_back(*it);
      }
    }
  }
  if (!last || last.Mark().pos < 0) return;
  const auto at = static_cast<std::size_t>(last.Mark().pos);
  if (at >= text.size() || (text[at] != '"' && text[at] != '\'')) return;
  const char q = text[at];
  for (std::size_t i = at + 1; i < text.size(); ++i) {
    if (q == '"' && text[i] == '\\') ++i;           // \" does not close a double-quoted scalar
    else if (q == '\'' && text[i] == '\'' && i + 1 < text.size() && text[i + 1] == '\'') ++i;  // '' is a quote
    else if (text[i] == q) return;
  }
  throw ConfigError(source, last.Mark().line + 1, last.Mark().column + 1, "",
                    std::string("YAML syntax error: ") + q + " quote never closed");
}

/// Only notes where documents start; used to find a second document without building it.
class DocumentCounter final : public YAML::EventHandler {
 public:
  YAML::Mark start;
  void OnDocumentStart(const YAML::Mark& mark) override { start = mark; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

YAML::Node parse_document(std::string_view text, const std::string& source) {
  YAML::Node first;
  try {
    first = YAML::Load(std::string(text));
    // A second document would be dropped silently by Load. Not YAML::LoadAll: on some junk (",a:\n")
    // yaml-cpp 0.7 reports documents forever, so LoadAll never returns (found by fuzz_config).
    std::istringstream in{std::string(text)};
    YAML::Parser parser(in);
    DocumentCounter counter;
    if (parser.HandleNextDocument(counter) && parser.HandleNextDocument(counter))
      throw ConfigError(source, counter.start.line + 1, counter.start.column + 1, "",
                        "more than one YAML document; expected one");
  } catch (const YAML::DeepRecursion& e) {
    throw ConfigError(source, e.mark.line + 1, e.mark.column + 1, "", "YAML nested too deeply");
  } catch (const YAML::Exception& e) {
    const bool known = !e.mark.is_null();
    throw ConfigError(source, known ? e.mark.line + 1 : 0, known ? e.mark.column + 1 : 0, "",
                      "YAML syntax error: " + printable(e.msg));
  }
  const YAML::Node& root = first;
  if (!root || root.IsNull()) throw ConfigError(source, 0, 0, "", "the configuration is empty");
  if (!root.IsMap()) {
    const YAML::Mark m = root.Mark();
    throw ConfigError(source, m.line + 1, m.column + 1, "", "expected a mapping of sections at the top level");
  }
  check_last_quote(root, text, source);
  return root;
}

}  // namespace

void apply_yaml(const Describe& describe, std::string_view text, const std::string& source, Overlay mode) {
  YamlReader reader(parse_document(text, source), source, "", mode);
  describe(reader);
  reader.finish();
}

void apply_yaml_file(const Describe& describe, const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw ConfigError(path.string(), 0, 0, "", "is a directory, not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(path.string(), 0, 0, "", "cannot open the file");
  // Read at most one byte past the limit: also bounds /dev/zero and other endless inputs.
  std::string text(kMaxConfigBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxConfigBytes)
    throw ConfigError(path.string(), 0, 0, "", "the file is larger than " + std::to_string(kMaxConfigBytes >> 20) +
                                                   " MiB; a config is a few kB of YAML");
  apply_yaml(describe, text, path.string(), Overlay::partial);
}

void apply_override(const Describe& describe, std::string_view assignment) {
  const std::string source = "--set " + std::string(assignment);
  const auto eq = assignment.find('=');
  if (eq == std::string_view::npos || eq == 0)
    throw ConfigError(source, 0, 0, "", "expected key.path=value");
  const std::string path(assignment.substr(0, eq));
  const std::string value(assignment.substr(eq + 1));
  // Build the nested YAML mapping the override stands for, then apply it like a file.
  std::string yaml, indent;
  std::size_t start = 0;
  while (true) {
    const auto dot = path.find('.', start);
    const std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (part.empty()) throw ConfigError(source, 0, 0, path, "empty key in path");
    yaml += indent + "\"" + part + "\":";
    if (dot == std::string::npos) break;
    yaml += "\n";
    indent += "  ";
    start = dot + 1;
  }
  YAML::Node parsed;
  try {
    parsed = YAML::Load(value);
  } catch (const YAML::Exception& e) {
    throw ConfigError(source, 0, 0, path, "cannot parse value: " + e.msg);
  }
  YAML::Emitter out;
  // The emitter drops the "!" tag of a quoted scalar; keep the quotes so "45" stays a string.
  if (parsed.IsScalar() && parsed.Tag() == "!")
    out << YAML::DoubleQuoted << parsed.Scalar();
  else
    out << YAML::Flow << parsed;
  yaml += " " + std::string(value.empty() ? "" : out.c_str()) + "\n";
  try {
    apply_yaml(describe, yaml, source, Overlay::partial);
  } catch (const ConfigError& e) {
    // Positions inside the synthesised document mean nothing to the user; keep key and problem.
    throw ConfigError(source, 0, 0, e.key_path(), e.problem());
  }
}

}  // namespace hubsim::io
