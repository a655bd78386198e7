#pragma once
/// Hardened reading of small YAML input files (experiments; meant for configs too): one document
/// at most, syntax errors with their position, no tags, anchors or aliases, no duplicate or
/// non-scalar keys, valid UTF-8 only, no quoted scalar left open to the end of the file, no
/// nesting beyond yaml-cpp's limit, bounded size, and only regular files. Every problem is an
/// io::ConfigError naming file:line:column (and key path where there is one), with echoed input
/// escaped and cut short so the message stays one readable line.
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "sim/io/config_error.hpp"

namespace hubsim::io {

/// Input files of this kind are small; a larger one is junk or an attack.
inline constexpr std::size_t kMaxYamlFileBytes = std::size_t{1} << 20;

/// The text of `path`, read without ever blocking or reading without end: refuses a missing
/// file, a directory, a FIFO, a device or any other non-regular file, and a file over `max_bytes`
/// (reading at most max_bytes + 1). `what` names the kind of file in messages ("experiment").
std::string read_small_file(const std::filesystem::path& path, const std::string& what,
                            std::size_t max_bytes = kMaxYamlFileBytes);

/// Parses `text` (from `source`) as exactly one YAML document, with every check listed above.
/// Returns the root, which is a null node for an empty document (the caller says what was
/// expected). Throws ConfigError.
YAML::Node parse_strict_yaml(std::string_view text, const std::string& source);

/// Whether `s` is well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF).
bool valid_utf8(std::string_view s);

/// Whether `s` is text fit for names, labels, messages and file contents: valid UTF-8 without
/// control characters (C0, DEL, C1 such as U+0085 and U+009B), line or paragraph separators
/// (U+2028, U+2029) or bidirectional controls (U+200E, U+200F, U+202A..U+202E, U+2066..U+2069).
bool plain_text(std::string_view s);

/// `s` for an error message: control characters (and, in invalid UTF-8, every byte >= 0x80)
/// escaped as \xNN, cut after `max_chars` with "...".
std::string printable(std::string_view s, std::size_t max_chars = 120);

}  // namespace hubsim::io
