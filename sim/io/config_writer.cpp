// Writing described parameters out: resolved YAML and the Markdown parameter reference.
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cmath>
#include <sstream>

#include "sim/io/config.hpp"

namespace hubsim::io {

std::string format_real(double value) {
  char buf[64];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, value);
  std::string s(buf, ptr);
  // Keep reals recognisable as reals in YAML ("45" would read back as the same double anyway).
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s;
}

std::string format_bounds(Bounds b, bool integral) {
  // Appended piece by piece: GCC 12 warns falsely (-Wrestrict) on "[" + std::string(...).
  auto number = [integral](double x) {
    return integral && std::fabs(x) < 9.2e18 ? std::to_string(static_cast<long long>(x)) : format_real(x);
  };
  std::string s = "[";
  s += number(b.lo);
  s += ", ";
  s += number(b.hi);
  s += "]";
  return s;
}

namespace {

class YamlWriter final : public ParamVisitor {
 public:
  explicit YamlWriter(YAML::Emitter& out) : out_(out) {}

  void section(std::string_view key, std::string_view, const std::function<void()>& body) override {
    out_ << YAML::Key << std::string(key) << YAML::Value << YAML::BeginMap;
    body();
    out_ << YAML::EndMap;
  }
  void real(std::string_view key, double& v, Bounds, std::string_view, std::string_view) override {
    out_ << YAML::Key << std::string(key) << YAML::Value << format_real(v);
  }
  void integer(std::string_view key, std::int64_t& v, Bounds, std::string_view, std::string_view) override {
    out_ << YAML::Key << std::string(key) << YAML::Value << v;
  }
  void text(std::string_view key, std::string& v, std::string_view) override {
    out_ << YAML::Key << std::string(key) << YAML::Value << YAML::DoubleQuoted << v;
  }
  void choice(std::string_view key, std::size_t& i, std::span<const std::string_view> options,
              std::string_view) override {
    out_ << YAML::Key << std::string(key) << YAML::Value << std::string(options[i]);
  }
  void month(std::string_view key, core::Month& v, std::string_view) override {
    out_ << YAML::Key << std::string(key) << YAML::Value << v.iso();
  }
  void table(std::string_view key, std::string_view, const TableRef& rows) override {
    out_ << YAML::Key << std::string(key) << YAML::Value << YAML::BeginSeq;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      out_ << YAML::Flow << YAML::BeginMap;
      rows.visit_row(*this, i);
      out_ << YAML::EndMap;
    }
    out_ << YAML::EndSeq;
  }

 private:
  YAML::Emitter& out_;
};

/// Collects one Markdown row per parameter; tables are documented once, by their row fields.
class MarkdownWriter final : public ParamVisitor {
 public:
  std::ostringstream out;

  void section(std::string_view key, std::string_view doc, const std::function<void()>& body) override {
    const std::string saved = prefix_;
    prefix_ += std::string(key) + ".";
    out << "\n## `" << prefix_.substr(0, prefix_.size() - 1) << "`\n\n" << doc << "\n\n";
    header();
    body();
    prefix_ = saved;
  }
  void real(std::string_view key, double& v, Bounds b, std::string_view unit, std::string_view doc) override {
    row(key, doc, unit, format_bounds(b, false), format_real(v));
  }
  void integer(std::string_view key, std::int64_t& v, Bounds b, std::string_view unit,
               std::string_view doc) override {
    row(key, doc, unit, format_bounds(b, true) + " integer", std::to_string(v));
  }
  void text(std::string_view key, std::string& v, std::string_view doc) override {
    row(key, doc, "", "text", "\"" + v + "\"");
  }
  void choice(std::string_view key, std::size_t& i, std::span<const std::string_view> options,
              std::string_view doc) override {
    std::string list;
    for (auto o : options) list += (list.empty() ? "" : ", ") + std::string("`") + std::string(o) + "`";
    row(key, doc, "", "one of " + list, std::string(options[i]));
  }
  void month(std::string_view key, core::Month& v, std::string_view doc) override {
    row(key, doc, "month", "YYYY-MM", v.iso());
  }
  void table(std::string_view key, std::string_view doc, const TableRef& rows) override {
    const std::string name = prefix_ + std::string(key);
    out << "\n## `" << name << "` (table)\n\n" << doc << "\n\n";
    if (rows.row_key)
      out << "Edit one row from a scenario or `--set` by its " << rows.key_field << ": `--set "
          << name << ".<" << rows.key_field << ">.<field>=<value>`; a list replaces the whole table.\n\n";
    if (rows.size() == 0) return;
    // Document the fields from the first row; list every row's values in a second table.
    const std::string saved = prefix_;
    prefix_ = name + "[].";
    table_values_ = true;
    header();
    rows.visit_row(*this, 0);
    table_values_ = false;
    prefix_ = saved;
    out << "\nValues:\n\n";
    YAML::Emitter e;
    YamlWriter w(e);
    e << YAML::BeginMap;
    w.table(key, doc, rows);
    e << YAML::EndMap;
    out << "```yaml\n" << e.c_str() << "\n```\n";
  }

 private:
  void header() {
    out << "| key | meaning | unit | valid range | " << (table_values_ ? "first row" : "default")
        << " | changes |\n"
        << "|---|---|---|---|---|---|\n";
  }
  void row(std::string_view key, std::string_view doc, std::string_view unit, const std::string& range,
           const std::string& value) {
    out << "| `" << prefix_ << key << "` | " << doc << " | " << unit << " | " << range << " | " << value << " | "
        << (start_only() ? "at start" : "any month") << " |\n";
  }
  std::string prefix_;
  bool table_values_ = false;
};

}  // namespace

std::string to_yaml(const Describe& describe) {
  YAML::Emitter out;
  out.SetIndent(2);
  YamlWriter w(out);
  out << YAML::BeginMap;
  describe(w);
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

std::string reference_markdown(const Describe& describe, std::string_view title, std::string_view intro) {
  MarkdownWriter w;
  w.out << "# " << title << "\n\n" << intro << "\n";
  describe(w);
  return w.out.str();
}

}  // namespace hubsim::io
