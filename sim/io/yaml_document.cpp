// Hardened reading of small YAML files; see yaml_document.hpp.
#include "sim/io/yaml_document.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml-cpp/depthguard.h>  // YAML::DeepRecursion
#include <yaml-cpp/eventhandler.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <set>
#include <sstream>
#include <utility>
#include <vector>

namespace hubsim::io {
namespace {

std::string join_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

[[noreturn]] void fail_at(const std::string& source, const YAML::Mark& m, const std::string& key, const std::string& problem) {
  const bool known = !m.is_null() && m.line >= 0;
  throw ConfigError(source, known ? m.line + 1 : 0, known ? m.column + 1 : 0, printable(key), problem);
}

/// One code point at s[i] (valid UTF-8 assumed); advances i.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto c = static_cast<unsigned char>(s[i]);
  const std::size_t n = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
  char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1f) : n == 3 ? (c & 0x0f) : (c & 0x07);
  for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
  i += n;
  return cp;
}

/// Notes the first tag, anchor or alias of a document, and where each document starts.
class Scanner final : public YAML::EventHandler {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  YAML::Mark start, problem_at;
  std::string problem;

  static constexpr const char* kNoAliases = "YAML anchors and aliases are not supported (";

  void OnDocumentStart(const YAML::Mark& mark) override { start = mark; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { note(mark, kNoAliases + written(mark) + "; write the value out"); }
  void OnAnchor(const YAML::Mark& mark, const std::string&) override {
    note(mark, kNoAliases + written(mark) + "; write the value out");
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t, const std::string&) override { check_tag(mark, tag); }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t, YAML::EmitterStyle::value) override {
    check_tag(mark, tag);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t, YAML::EmitterStyle::value) override {
    check_tag(mark, tag);
  }
  void OnMapEnd() override {}

  /// The anchor, alias or tag as written at `mark` ("&x", "*x", "!!str"), cut short.
  std::string written(const YAML::Mark& mark) const {
    if (mark.pos < 0 || static_cast<std::size_t>(mark.pos) >= text_.size()) return "?)";
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
  /// yaml-cpp gives "?" to untagged plain nodes and "!" to quoted scalars; "!" also comes from an
  /// explicit `! value`, told apart by what is written at the node.
  void check_tag(const YAML::Mark& mark, const std::string& tag) {
    const bool explicit_bang = tag == "!" && mark.pos >= 0 && static_cast<std::size_t>(mark.pos) < text_.size() &&
                               text_[static_cast<std::size_t>(mark.pos)] == '!';
    if ((tag != "?" && tag != "!") || explicit_bang)
      note(mark, "YAML tags are not supported (" + written(mark) + "; write the value without a tag");
  }
  void note(const YAML::Mark& mark, std::string what) {
    if (!problem.empty()) return;
    problem_at = mark;
    problem = std::move(what);
  }

  std::string_view text_;
};

/// A lone CR is a line break in YAML (yaml-cpp reads it as a character: a file with old Mac line
/// endings would be one long line); a UTF-8 byte order mark is dropped (its marks would no longer
/// index the text); UTF-16 and UTF-32 are refused.
std::string normalised(std::string_view text, const std::string& source) {
  while (text.starts_with("\xef\xbb\xbf")) text.remove_prefix(3);
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

/// yaml-cpp accepts a quoted scalar left open at the end of the input (it runs to EOF). Such a
/// scalar is the document's last node, so checking the scalar that starts last is enough. There
/// are no aliases here (refused before), so the walk is linear.
void check_last_quote(const YAML::Node& root, std::string_view text, const std::string& source) {
  std::vector<YAML::Node> todo{root};
  YAML::Node last;
  while (!todo.empty()) {
    const YAML::Node n = todo.back();
    todo.pop_back();
    // reset, not `last = n`: assigning to a YAML::Node overwrites the node it refers to.
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
    if (q == '"' && text[i] == '\\') ++i;  // \" does not close a double-quoted scalar
    else if (q == '\'' && text[i] == '\'' && i + 1 < text.size() && text[i + 1] == '\'') ++i;  // '' is a quote
    else if (text[i] == q) return;
  }
  throw ConfigError(source, last.Mark().line + 1, last.Mark().column + 1, "",
                    std::string("YAML syntax error: ") + q + " quote never closed");
}

/// Keys are plain, unique scalars; every scalar is valid UTF-8.
void check_tree(const YAML::Node& root, const std::string& source) {
  std::vector<std::pair<YAML::Node, std::string>> todo{{root, ""}};
  auto utf8 = [&](const YAML::Node& n, const std::string& path) {
    if (!valid_utf8(n.Scalar())) fail_at(source, n.Mark(), path, "expected UTF-8 text, got \"" + printable(n.Scalar()) + "\"");
  };
  while (!todo.empty()) {
    const auto [n, path] = todo.back();
    todo.pop_back();
    if (n.IsScalar()) {
      utf8(n, path);
    } else if (n.IsSequence()) {
      for (std::size_t i = n.size(); i-- > 0;) todo.emplace_back(n[i], path + "[" + std::to_string(i) + "]");
    } else if (n.IsMap()) {
      std::set<std::string> keys;
      std::vector<std::pair<YAML::Node, std::string>> children;
      for (auto it = n.begin(); it != n.end(); ++it) {
        if (!it->first.IsScalar()) fail_at(source, it->first.Mark(), path, "keys must be plain names");
        utf8(it->first, path);
        const std::string key = join_path(path, it->first.Scalar());
        if (!keys.insert(it->first.Scalar()).second) fail_at(source, it->first.Mark(), key, "duplicate key");
        children.emplace_back(it->second, key);
      }
      todo.insert(todo.end(), children.rbegin(), children.rend());
    }
  }
}

/// %YAML and %TAG directives (a %TAG makes `!x` mean any tag) stand at the start of a line before
/// a document; yaml-cpp reports no event for them, so they are found in the text.
void check_directives(std::string_view text, const std::string& source) {
  bool before_document = true;
  std::size_t line_start = 0;
  for (int line = 1; line_start <= text.size(); ++line) {
    std::size_t eol = text.find('\n', line_start);
    if (eol == std::string_view::npos) eol = text.size();
    const std::string_view l = text.substr(line_start, eol - line_start);
    const std::size_t first = l.find_first_not_of(" \t\r");
    if (l.starts_with("...")) {
      before_document = true;  // after a document end marker, directives may start another
    } else if (before_document && l.starts_with('%')) {
      throw ConfigError(source, line, 1, "", "YAML directives (" + printable(l.substr(0, l.find_first_of(" \t\r")), 40) +
                                                 ") are not supported; remove the line");
    } else if (first != std::string_view::npos && l[first] != '#') {
      before_document = false;
    }
    line_start = eol + 1;
  }
}

}  // namespace

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size() || (n == 2 && c < 0xc2) || (n == 4 && c > 0xf4)) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
    const auto c1 = static_cast<unsigned char>(s[i + (n > 1 ? 1 : 0)]);
    if (n == 3 && c == 0xe0 && c1 < 0xa0) return false;  // overlong
    if (n == 3 && c == 0xed && c1 >= 0xa0) return false;  // UTF-16 surrogates
    if (n == 4 && c == 0xf0 && c1 < 0x90) return false;  // overlong
    if (n == 4 && c == 0xf4 && c1 >= 0x90) return false;  // past U+10FFFF
    i += n;
  }
  return true;
}

bool plain_text(std::string_view s) {
  if (!valid_utf8(s)) return false;
  for (std::size_t i = 0; i < s.size();) {
    const char32_t cp = next_code_point(s, i);
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == 0x2028 || cp == 0x2029 || cp == 0x200e || cp == 0x200f ||
        (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
      return false;
  }
  return true;
}

std::string printable(std::string_view s, std::size_t max_chars) {
  const bool utf8 = valid_utf8(s);  // keep the terminal's text valid UTF-8 too
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    if (out.size() >= max_chars) return out + "...";
    const auto u = static_cast<unsigned char>(s[i]);
    if (!utf8 || u < 0x80) {
      if (u < 0x20 || u == 0x7f || u >= 0x80) {
        out += "\\x";
        out += hex[u >> 4];
        out += hex[u & 15];
      } else {
        out += static_cast<char>(u);
      }
      ++i;
      continue;
    }
    // A multi-byte character: invisible or reordering ones (C1 controls, separators, bidi,
    // zero-width, BOM) as \u{...}, the rest as they are.
    const std::size_t at = i;
    const char32_t cp = next_code_point(s, i);
    if (cp < 0xa0 || cp == 0x2028 || cp == 0x2029 || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) ||
        (cp >= 0x2060 && cp <= 0x2069) || cp == 0xfeff) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "\\u{%x}", static_cast<unsigned>(cp));
      out += buf;
    } else {
      out.append(s.substr(at, i - at));
    }
  }
  return out;
}

std::string read_small_file(const std::filesystem::path& path, const std::string& what, std::size_t max_bytes) {
  const std::string name = path.string();
  // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below anyway.
  const int fd = ::open(name.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    throw ConfigError(name, 0, 0, "", err == ENOENT ? "no such file" : "cannot open the file (" + std::string(std::strerror(err)) + ")");
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    const bool dir = S_ISDIR(st.st_mode);
    ::close(fd);
    throw ConfigError(name, 0, 0, "", dir ? "is a directory, not a file"
                                          : "is not a regular file (a FIFO, device or socket); expected a YAML file");
  }
  std::string text;
  char buf[65536];
  while (text.size() <= max_bytes) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      ::close(fd);
      throw ConfigError(name, 0, 0, "", "cannot read the file (" + std::string(std::strerror(err)) + ")");
    }
    if (n == 0) break;
    text.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  if (text.size() > max_bytes)
    throw ConfigError(name, 0, 0, "", "the file is larger than " + std::to_string(max_bytes >> 20) + " MiB; " + what +
                                          " is a few kB of YAML");
  return text;
}

YAML::Node parse_strict_yaml(std::string_view raw, const std::string& source) {
  const std::string text = normalised(raw, source);
  check_directives(text, source);
  YAML::Node root;
  Scanner scan(text);
  try {
    // Tags, anchors and aliases, from the event stream (aliases are never expanded there), and a
    // second document, which Load would drop silently. Not YAML::LoadAll: on some junk yaml-cpp
    // 0.7 reports documents forever (found by fuzz_config).
    std::istringstream in{text};
    YAML::Parser parser(in);
    if (parser.HandleNextDocument(scan)) {
      if (!scan.problem.empty()) fail_at(source, scan.problem_at, "", scan.problem);
      if (parser.HandleNextDocument(scan))
        throw ConfigError(source, scan.start.line + 1, scan.start.column + 1, "", "more than one YAML document; expected one");
    }
    root = YAML::Load(text);
  } catch (const YAML::DeepRecursion& e) {
    throw ConfigError(source, e.mark.line + 1, e.mark.column + 1, "", "YAML nested too deeply");
  } catch (const YAML::Exception& e) {
    if (e.msg == YAML::ErrorMsg::UNKNOWN_ANCHOR)
      fail_at(source, e.mark, "", Scanner::kNoAliases + scan.written(e.mark) + "; write the value out");
    const bool known = !e.mark.is_null();
    throw ConfigError(source, known ? e.mark.line + 1 : 0, known ? e.mark.column + 1 : 0, "",
                      "YAML syntax error: " + printable(e.msg, 480));
  }
  if (!root || root.IsNull()) return root;
  check_last_quote(root, text, source);
  check_tree(root, source);
  return root;
}

}  // namespace hubsim::io
