#pragma once
/// Loading, overriding and printing configurations described through ParamVisitor.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/io/config_error.hpp"
#include "sim/io/param_visitor.hpp"

namespace hubsim::io {

/// Something that describes a whole configuration to a visitor (usually a lambda binding a Params).
using Describe = std::function<void(ParamVisitor&)>;

/// How a YAML document is applied to the described parameters.
enum class Overlay {
  complete,  ///< every parameter must be present (the built-in default config)
  partial,   ///< only the keys present change (scenario files, --set)
};

/// Applies YAML `text` to the parameters; `source` names it in errors (a path, or "--set k=v").
/// Throws ConfigError on syntax errors, unknown or duplicate keys, wrong types, values out of
/// bounds, non-finite numbers, missing keys (complete mode) and empty documents.
void apply_yaml(const Describe& describe, std::string_view text, const std::string& source,
                Overlay mode);

/// Reads a file and applies it as a partial overlay. Throws ConfigError if it cannot be read.
void apply_yaml_file(const Describe& describe, const std::filesystem::path& path);

/// Applies one "key.path=value" override; table rows are addressed by name ("hubs.Preston.lat=53.8").
void apply_override(const Describe& describe, std::string_view assignment);

/// Whether the parameter at `key_path` (as --set writes it) is read only when a run's world is
/// built (ParamVisitor::at_start_only), for it or anything under it; nothing if there is no such key.
std::optional<bool> start_only_key(const Describe& describe, std::string_view key_path);

/// The parameters as YAML text, complete; applying it in complete mode reproduces them exactly.
std::string to_yaml(const Describe& describe);

/// A Markdown reference: one table row per parameter with meaning, unit, valid range and the
/// current value (the default, when called on the built-in config).
std::string reference_markdown(const Describe& describe, std::string_view title, std::string_view intro);

/// Shortest decimal text that parses back to exactly `value`.
std::string format_real(double value);

/// "[lo, hi]", with whole numbers for integer parameters.
std::string format_bounds(Bounds bounds, bool integral);

}  // namespace hubsim::io
