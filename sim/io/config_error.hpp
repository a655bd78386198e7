#pragma once
/// The one error type for bad configuration: it always says where (file, line, column),
/// which key, and what was expected. The CLI maps it to exit code 2.
///
/// Also the helpers that keep untrusted text (configs, run files, the command line) from reaching
/// a terminal raw: messages and `hubsim inspect` show control characters, invalid UTF-8 and
/// invisible or direction-changing characters as visible escapes, on one line.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace hubsim::io {

/// One step of strict UTF-8 decoding (RFC 3629): shortest form only, no surrogates, nothing
/// above U+10FFFF.
struct Utf8Step {
  enum Status { ok, invalid, overlong, surrogate };
  Status status;
  char32_t code_point;  ///< meaningful for ok, overlong and surrogate
  std::size_t length;   ///< bytes consumed: the whole sequence, or 1 when invalid
};

inline Utf8Step decode_utf8(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = b(0);
  if (c < 0x80) return {Utf8Step::ok, c, 1};
  const std::size_t n = (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (n == 0 || i + n > s.size()) return {Utf8Step::invalid, 0, 1};
  char32_t cp = c & (0x7f >> n);
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(k) >> 6) != 2) return {Utf8Step::invalid, 0, 1};
    cp = (cp << 6) | (b(k) & 0x3f);
  }
  static constexpr char32_t kShortest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kShortest[n]) return {Utf8Step::overlong, cp, n};
  if (cp > 0x10ffff) return {Utf8Step::invalid, 0, 1};
  if (cp >= 0xd800 && cp <= 0xdfff) return {Utf8Step::surrogate, cp, n};
  return {Utf8Step::ok, cp, n};
}

/// What a character that may not appear in config text (names, keys, values) is, or nothing:
/// C1 controls, line and paragraph separators, bidi controls, zero-width and other invisible
/// characters, byte order marks, Unicode tag characters and noncharacters. Each makes text look
/// like other text (two "different" names printed alike) or reorders or hides what a terminal
/// shows. C0 controls (below U+0020, and U+007F) are not listed: readers refuse them separately.
inline const char* disallowed_character(char32_t c) {
  if (c >= 0x80 && c <= 0x9f) return "C1 control character";
  switch (c) {
    case 0x00ad: return "soft hyphen, invisible";
    case 0x034f: return "combining grapheme joiner, invisible";
    case 0x061c: return "bidi mark";
    case 0x115f: case 0x1160: case 0x3164: case 0xffa0: return "Hangul filler, invisible";
    case 0x180e: return "Mongolian vowel separator, invisible";
    case 0x200b: return "zero-width space";
    case 0x200c: return "zero-width non-joiner";
    case 0x200d: return "zero-width joiner";
    case 0x200e: case 0x200f: return "bidi mark";
    case 0x2028: return "line separator";
    case 0x2029: return "paragraph separator";
    case 0x202a: case 0x202b: return "bidi embedding";
    case 0x202c: return "bidi pop";
    case 0x202d: case 0x202e: return "bidi override";
    case 0x2060: return "word joiner, invisible";
    case 0x2061: case 0x2062: case 0x2063: case 0x2064: return "invisible operator";
    case 0x2066: case 0x2067: case 0x2068: return "bidi isolate";
    case 0x2069: return "bidi pop";
    case 0xfeff: return "byte order mark, zero-width";
    case 0xfff9: case 0xfffa: case 0xfffb: return "interlinear annotation, invisible";
    default: break;
  }
  if (c >= 0xe0000 && c <= 0xe007f) return "tag character, invisible";
  if ((c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe) return "noncharacter";
  return nullptr;
}

/// "U+202E"
inline std::string code_point_name(char32_t c) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string digits;
  for (char32_t v = c; v || digits.size() < 4; v >>= 4) digits.insert(digits.begin(), hex[v & 15]);
  return "U+" + digits;
}

/// Untrusted text made safe for one line of a terminal: C0 controls and DEL as \x0a, bytes that
/// are not UTF-8 (overlong forms, surrogates) as \xc0 each, disallowed_character()s as \u202e (or
/// \U000e0041); everything else as it is. Cut after about `max_bytes` bytes, marked "...".
/// Escaping escaped text changes nothing.
inline std::string escape_text(std::string_view s, std::size_t max_bytes = std::string::npos) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    if (out.size() >= max_bytes) return out + "...";
    const Utf8Step step = decode_utf8(s, i);
    if (step.status == Utf8Step::ok && step.code_point >= 0x20 && step.code_point != 0x7f &&
        !disallowed_character(step.code_point)) {
      out.append(s, i, step.length);
    } else if (step.status == Utf8Step::ok && step.code_point >= 0x80) {
      const bool wide = step.code_point > 0xffff;
      out += wide ? "\\U" : "\\u";
      for (int shift = wide ? 28 : 12; shift >= 0; shift -= 4) out += hex[(step.code_point >> shift) & 15];
    } else {
      for (std::size_t k = 0; k < step.length; ++k) {  // C0, DEL, and every byte of a bad sequence
        const auto v = static_cast<unsigned char>(s[i + k]);
        out += "\\x";
        out += hex[v >> 4];
        out += hex[v & 15];
      }
    }
    i += step.length;
  }
  return out;
}

class ConfigError : public std::runtime_error {
 public:
  ConfigError(std::string source, int line, int column, std::string key_path, std::string problem)
      : std::runtime_error(format(source, line, column, key_path, problem)),
        source_(std::move(source)), line_(line), column_(column),
        key_path_(std::move(key_path)), problem_(std::move(problem)) {}

  const std::string& source() const { return source_; }
  int line() const { return line_; }      ///< 1-based; 0 when unknown
  int column() const { return column_; }  ///< 1-based; 0 when unknown
  const std::string& key_path() const { return key_path_; }
  const std::string& problem() const { return problem_; }

 private:
  // Every part may hold input (a file name, a --set value, a key): the message is escaped, so it
  // stays one visible line whatever they hold.
  static std::string format(const std::string& source, int line, int column, const std::string& key,
                            const std::string& problem) {
    // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on chains of operator+.
    std::string out = escape_text(source, 480);
    if (line > 0) {
      out += ':';
      out += std::to_string(line);
      out += ':';
      out += std::to_string(column);
    }
    out += ": ";
    if (!key.empty()) {
      out += escape_text(key, 480);
      out += ": ";
    }
    out += escape_text(problem, 960);
    return out;
  }
  std::string source_;
  int line_;
  int column_;
  std::string key_path_;
  std::string problem_;
};

}  // namespace hubsim::io
