// Applying YAML to described parameters, with errors that name file, line, column and key path.
#include <yaml-cpp/depthguard.h>  // YAML::DeepRecursion
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
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

std::string printable(std::string_view s, std::size_t max_chars = 4 * kMaxEcho) {
  return escape_text(s, max_chars);
}

/// Text values end up in HDF5 attributes declared UTF-8 and in file names: well-formed UTF-8
/// (strictly, as decode_utf8 reads it) without C0 controls or DEL.
bool printable_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const Utf8Step step = decode_utf8(s, i);
    if (step.status != Utf8Step::ok || step.code_point < 0x20 || step.code_point == 0x7f) return false;
    i += step.length;
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
    if (!printable_utf8(s))
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
      // Rows are found by the names they had before this mapping: {a: {name: b}, b: {name: a}}
      // swaps two names rather than editing one row twice.
      std::vector<std::string> before(rows.size());
      for (std::size_t i = 0; i < rows.size(); ++i) before[i] = rows.row_key(i);
      std::vector<YAML::Node> edit(rows.size());  // the mapping that edited each row, if any
      for (auto it = n.begin(); it != n.end(); ++it) {
        const std::string name = it->first.Scalar();
        std::size_t i = 0;
        while (i < rows.size() && before[i] != name) ++i;
        if (i == rows.size()) fail(it->first, join_path(here, name), "no entry with " + rows.key_field + " \"" + name + "\"");
        if (!it->second.IsMap()) fail(it->second, join_path(here, name), "expected a mapping, got " + quoted(it->second));
        YamlReader row(it->second, source_, join_path(here, name), Overlay::partial);
        rows.visit_row(row, i);
        row.finish();
        edit[i].reset(it->second);  // rebinds; `=` would overwrite the node edit[i] refers to
      }
      // A row renamed to a name another row has would make two rows one name (labels, --set).
      std::set<std::string> names;
      for (std::size_t i = 0; i < rows.size(); ++i) {
        if (names.insert(rows.row_key(i)).second) continue;
        std::size_t j = 0;  // which of the two was renamed here (at least one was: the table had unique names)
        while (j < rows.size() && !(rows.row_key(j) == rows.row_key(i) && rows.row_key(j) != before[j])) ++j;
        const std::size_t r = j < rows.size() ? j : i;
        const YAML::Node& edited = edit[r];  // const: operator[] must not add the key
        const YAML::Node at = edited && edited[rows.key_field] ? edited[rows.key_field] : n;
        fail(at, join_path(join_path(here, before[r]), rows.key_field),
             "duplicate " + rows.key_field + " \"" + rows.row_key(i) + "\" (another entry has it; names must be unique)");
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
  // By position and type (a block mapping starts where its first key does), so that the walk stays
  // linear whatever the tree (aliases, which share nodes, are refused before this runs).
  std::set<std::pair<int, int>> visited;
  YAML::Node last;
  while (!todo.empty()) {
    const YAML::Node n = todo.back();
    todo.pop_back();
    if (!visited.insert({n.Mark().pos, static_cast<int>(n.Type())}).second) continue;
    // reset, not `last = n`: assigning to a YAML::Node overwrites the node it refers to (and so
    // every alias of it). That is how `name: &x electech` with `scenario: *x` renamed the sector.
    if (n.IsScalar() && (!last || n.Mark().pos > last.Mark().pos)) last.reset(n);
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

/// Refuses, while yaml-cpp parses (events, before any node is built), what hubsim does not take
/// from YAML: anchors, aliases and merge keys (an alias makes keys share one node, which silently
/// corrupted configs: issue 17; merge keys are not implemented by yaml-cpp 0.7 and would be read as
/// a key "<<"), tags (`!!str 60`, `!!python/object`), more
/// than one document, and scalars holding characters that hide or reorder text
/// (disallowed_character: bidi controls, zero-width characters...), surrogates or overlong UTF-8.
/// Errors name the position and the key path, as the reader's do.
class YamlGuard final : public YAML::EventHandler {
 public:
  /// `text` is what the parser reads (marks index it); `base` prefixes key paths (a --set key);
  /// `positions`: whether line and column mean anything to the user.
  YamlGuard(std::string_view text, std::string source, std::string base, bool positions)
      : text_(text), source_(std::move(source)), base_(std::move(base)), positions_(positions) {}

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents_ > 1) fail(mark, base_, "more than one YAML document; expected one");
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override { node_done(); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    fail(mark, next_path(), kNoAliases + written(mark) + "; write the value out");
  }
  void OnAnchor(const YAML::Mark& mark, const std::string&) override {
    fail(mark, next_path(), kNoAliases + written(mark) + "; write the value out");
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t, const std::string& value) override {
    const bool is_key = !levels_.empty() && levels_.back().map && levels_.back().at_key;
    const std::string here = is_key ? join(next_path(), value) : next_path();
    check_tag(mark, tag, here);
    if (is_key && tag == "?" && value == "<<")
      fail(mark, here, "YAML merge keys (<<) are not supported; write the keys out");
    check_characters(mark, value, here, is_key);
    if (is_key) levels_.back().key = value;
    node_done();
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t, YAML::EmitterStyle::value) override {
    start(mark, tag, false);
  }
  void OnSequenceEnd() override { end(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t, YAML::EmitterStyle::value) override {
    start(mark, tag, true);
  }
  void OnMapEnd() override { end(); }

  [[noreturn]] void fail(const YAML::Mark& mark, const std::string& key, const std::string& problem) const {
    const bool known = positions_ && !mark.is_null() && mark.line >= 0;
    throw ConfigError(source_, known ? mark.line + 1 : 0, known ? mark.column + 1 : 0, printable(key, kMaxEcho),
                      printable(problem, 8 * kMaxEcho));
  }

  const std::string& base() const { return base_; }

  static std::string join(const std::string& parent, const std::string& key) {
    return parent.empty() ? key : parent + "." + key;
  }

  /// Key path of the node that comes next (for a key: of its mapping).
  std::string next_path() const {
    std::string out = base_;
    for (const Level& l : levels_) {
      if (l.map && !l.at_key) out = join(out, l.key);
      else if (!l.map) out += "[" + std::to_string(l.index) + "]";
    }
    return out;
  }

  static constexpr const char* kNoAliases = "YAML anchors and aliases are not supported (";

  /// The anchor, alias or tag as written at `mark` ("&x", "*x", "!!str"), cut short.
  std::string written(const YAML::Mark& mark) const {
    if (mark.pos < 0 || static_cast<std::size_t>(mark.pos) >= text_.size()) return "?";
    const auto at = static_cast<std::size_t>(mark.pos);
    std::size_t end = at;
    if (text_.substr(at).starts_with("!<")) {  // a verbatim tag: !<tag:yaml.org,2002:str>
      const std::size_t close = text_.find('>', at);
      end = close == std::string_view::npos ? text_.size() : close + 1;
    } else {
      while (end < text_.size() && !std::strchr(" \t\r\n,[]{}", text_[end])) ++end;
    }
    return printable(text_.substr(at, end - at), 40) + ")";
  }

 private:
  struct Level {
    bool map;
    bool at_key = true;  ///< a map's next node is a key
    std::string key;     ///< the key whose value is being read
    std::size_t index = 0;
  };

  void start(const YAML::Mark& mark, const std::string& tag, bool map) {
    check_tag(mark, tag, next_path());
    if (!levels_.empty() && levels_.back().map && levels_.back().at_key) levels_.back().key = "?";  // not a plain name
    levels_.push_back(Level{map, true, {}, 0});
  }
  void end() {
    levels_.pop_back();
    node_done();
  }
  void node_done() {
    if (levels_.empty()) return;
    Level& l = levels_.back();
    if (l.map) l.at_key = !l.at_key;
    else ++l.index;
  }

  /// yaml-cpp gives "?" to untagged plain nodes and "!" to quoted scalars; "!" also comes from an
  /// explicit `! value`, told apart by what is written at the node.
  void check_tag(const YAML::Mark& mark, const std::string& tag, const std::string& here) const {
    const bool explicit_bang = tag == "!" && mark.pos >= 0 && static_cast<std::size_t>(mark.pos) < text_.size() &&
                               text_[static_cast<std::size_t>(mark.pos)] == '!';
    if ((tag != "?" && tag != "!") || explicit_bang)
      fail(mark, here, "YAML tags are not supported (" + written(mark) + "; write the value without a tag");
  }

  void check_characters(const YAML::Mark& mark, std::string_view value, const std::string& here, bool is_key) const {
    for (std::size_t i = 0; i < value.size();) {
      const Utf8Step step = decode_utf8(value, i);
      std::string problem;
      if (step.status == Utf8Step::overlong) {
        problem = "overlong UTF-8 (" + printable(value.substr(i, step.length)) + " for " +
                  code_point_name(step.code_point) + ") is not allowed";
      } else if (step.status == Utf8Step::surrogate) {
        problem = code_point_name(step.code_point) + " (a UTF-16 surrogate, not a character) is not allowed";
      } else if (step.status == Utf8Step::ok) {
        if (const char* what = disallowed_character(step.code_point))
          problem = code_point_name(step.code_point) + " (" + what + ") is not allowed";
      }
      if (!problem.empty())
        fail(mark, here, problem + (is_key ? " in a key" : "") + "; got \"" + printable(value, kMaxEcho) + "\"");
      i += step.length;
    }
  }

  std::string_view text_;
  std::string source_;
  std::string base_;
  bool positions_;
  int documents_ = 0;
  std::vector<Level> levels_;
};

/// %YAML and %TAG directives (a %TAG makes `!x` mean any tag). They stand at the start of a line
/// before a document; yaml-cpp reports no event for them, so they are found in the text.
void check_directives(std::string_view text, const YamlGuard& guard) {
  bool before_document = true;
  std::size_t line_start = 0;
  for (int line = 0; line_start <= text.size(); ++line) {
    std::size_t eol = text.find('\n', line_start);
    if (eol == std::string_view::npos) eol = text.size();
    const std::string_view l = text.substr(line_start, eol - line_start);
    const std::size_t first = l.find_first_not_of(" \t\r");
    if (l.starts_with("...")) {
      before_document = true;  // after a document end marker, directives may start another
    } else if (before_document && l.starts_with('%')) {
      YAML::Mark at;
      at.pos = static_cast<int>(line_start);
      at.line = line;
      at.column = 0;
      const std::string directive = printable(l.substr(0, l.find_first_of(" \t\r")), 40);
      guard.fail(at, guard.base(), guard.base().empty()
                                       ? "YAML directives (" + directive + ") are not supported; remove the line"
                                       : "a value starting with % must be quoted (YAML reads " + directive +
                                             " as a directive)");
    } else if (first != std::string_view::npos && l[first] != '#') {
      before_document = false;
    }
    line_start = eol + 1;
  }
}

/// yaml-cpp reads a lone CR as an ordinary character (a file saved with old Mac line endings is
/// one long line): YAML says it is a line break, so it becomes one; CRLF stays as it is. A UTF-8
/// byte order mark is dropped (yaml-cpp does too, but then its marks no longer index the text).
std::string normalised(std::string_view text, const std::string& source) {
  while (text.starts_with("\xef\xbb\xbf")) text.remove_prefix(3);  // yaml-cpp drops a second one too
  auto starts = [&](std::string_view bom) { return text.substr(0, bom.size()) == bom; };
  if (starts(std::string_view("\x00\x00\xfe\xff", 4)) || starts(std::string_view("\xff\xfe\x00\x00", 4)))
    throw ConfigError(source, 0, 0, "", "the file is UTF-32 (it starts with a UTF-32 byte order mark); save it as UTF-8");
  if (starts("\xfe\xff") || starts("\xff\xfe"))
    throw ConfigError(source, 0, 0, "", "the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8");
  if ((!text.empty() && text[0] == '\0') || (text.size() > 1 && text[1] == '\0'))
    throw ConfigError(source, 0, 0, "", "the file is not UTF-8 text (NUL bytes at its start: UTF-16, UTF-32 or binary)");
  std::string out(text);
  for (std::size_t i = 0; i < out.size(); ++i)
    if (out[i] == '\r' && (i + 1 == out.size() || out[i + 1] != '\n')) out[i] = '\n';
  return out;
}

/// Runs `guard` over the first document of `text` and the start of a second one. Not more: on
/// some junk (",a:\n") yaml-cpp 0.7 reports documents forever (found by fuzz_config; this is
/// also why YAML::LoadAll is not used).
void guard_events(const std::string& text, YamlGuard& guard) {
  std::istringstream in{text};
  YAML::Parser parser(in);
  if (parser.HandleNextDocument(guard)) parser.HandleNextDocument(guard);
}

/// A YAML exception as a ConfigError; an alias of an anchor never defined is refused as aliases are.
[[noreturn]] void rethrow_yaml(const YAML::Exception& e, const YamlGuard& guard, const std::string& source) {
  if (e.msg == YAML::ErrorMsg::UNKNOWN_ANCHOR)  // the guard has followed the events up to the alias
    guard.fail(e.mark, guard.next_path(), YamlGuard::kNoAliases + guard.written(e.mark) + "; write the value out");
  // yaml-cpp refuses a \ud800 escape ("invalid unicode: 55296"), pairs included: say why.
  if (e.msg.starts_with("invalid unicode: ")) {
    const unsigned long cp = std::strtoul(e.msg.c_str() + 17, nullptr, 10);
    if (cp >= 0xd800 && cp <= 0xdfff)
      guard.fail(e.mark, guard.next_path(), "the escape of " + code_point_name(static_cast<char32_t>(cp)) +
                                                " (a UTF-16 surrogate, not a character) is not allowed; write the "
                                                "character itself, or \\U and 8 hex digits");
  }
  const bool known = !e.mark.is_null();
  throw ConfigError(source, known ? e.mark.line + 1 : 0, known ? e.mark.column + 1 : 0, "",
                    "YAML syntax error: " + printable(e.msg));
}

YAML::Node parse_document(std::string_view raw, const std::string& source) {
  const std::string text = normalised(raw, source);
  YamlGuard guard(text, source, "", true);
  check_directives(text, guard);
  YAML::Node first;
  try {
    guard_events(text, guard);
    first = YAML::Load(text);
  } catch (const YAML::DeepRecursion& e) {
    throw ConfigError(source, e.mark.line + 1, e.mark.column + 1, "", "YAML nested too deeply");
  } catch (const YAML::Exception& e) {
    rethrow_yaml(e, guard, source);
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

bool is_control(char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }

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
  const std::string source = "--set " + std::string(assignment);  // ConfigError escapes it
  const auto eq = assignment.find('=');
  if (eq == std::string_view::npos || eq == 0)
    throw ConfigError(source, 0, 0, "", "expected key.path=value");
  const std::string path(assignment.substr(0, eq));
  const std::string value(assignment.substr(eq + 1));
  if (std::any_of(path.begin(), path.end(), is_control))
    throw ConfigError(source, 0, 0, path, "control character in the key; expected key.path=value on one line");
  // Build the nested YAML mapping the override stands for, then apply it like a file.
  std::string yaml, indent;
  std::size_t start = 0;
  while (true) {
    const auto dot = path.find('.', start);
    const std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (part.empty()) throw ConfigError(source, 0, 0, path, "empty key in path");
    std::string escaped;
    for (const char c : part) escaped += c == '"' || c == '\\' ? std::string{'\\', c} : std::string{c};
    yaml += indent + "\"" + escaped + "\":";
    if (dot == std::string::npos) break;
    yaml += "\n";
    indent += "  ";
    start = dot + 1;
  }
  // The value is YAML of its own: the same refusals as in files (tags, anchors, a second
  // document, hidden characters), then one line of text only.
  YamlGuard guard(value, source, path, false);
  check_directives(value, guard);
  YAML::Node parsed;
  try {
    guard_events(value, guard);
    parsed = YAML::Load(value);
  } catch (const YAML::DeepRecursion&) {
    throw ConfigError(source, 0, 0, path, "value nested too deeply");
  } catch (const YAML::Exception& e) {
    if (e.msg == YAML::ErrorMsg::UNKNOWN_ANCHOR) guard.fail(e.mark, guard.next_path(), YamlGuard::kNoAliases + guard.written(e.mark) + "; write the value out");
    throw ConfigError(source, 0, 0, path, "cannot parse value: " + e.msg);
  }
  if (const auto c = std::find_if(value.begin(), value.end(), is_control); c != value.end())
    throw ConfigError(source, 0, 0, path, "control character " + printable(std::string_view(&*c, 1)) +
                                              " in the value; a --set value is one line of text");
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
