#pragma once
/// The one error type for bad configuration: it always says where (file, line, column),
/// which key, and what was expected. The CLI maps it to exit code 2.
#include <stdexcept>
#include <string>

namespace hubsim::io {

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
  static std::string format(const std::string& source, int line, int column, const std::string& key,
                            const std::string& problem) {
    // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on chains of operator+.
    std::string out = source;
    if (line > 0) {
      out += ':';
      out += std::to_string(line);
      out += ':';
      out += std::to_string(column);
    }
    out += ": ";
    if (!key.empty()) {
      out += key;
      out += ": ";
    }
    out += problem;
    return out;
  }
  std::string source_;
  int line_;
  int column_;
  std::string key_path_;
  std::string problem_;
};

}  // namespace hubsim::io
