#include "sim/app/analyse_format.hpp"

#include <cmath>
#include <cstdio>
#include <functional>
#include <vector>

namespace hubsim::app {
namespace {

std::string first_clause(std::string_view doc, std::string_view stops) {
  const std::size_t at = doc.find_first_of(stops);
  std::string s(doc.substr(0, at));
  while (!s.empty() && (s.back() == ' ' || s.back() == ',')) s.pop_back();
  if (s.size() > 70) s = s.substr(0, 67) + "...";
  return s;
}

/// Collects each parameter's doc and unit and the doc of its section.
class Collector final : public io::ParamVisitor {
 public:
  struct Entry {
    std::string key, doc, unit, section_doc;
  };
  std::vector<Entry> entries;
  std::map<std::string, std::string> sections;

  void section(std::string_view key, std::string_view doc, const std::function<void()>& body) override {
    const std::string saved = prefix_, saved_doc = doc_;
    prefix_ += std::string(key) + ".";
    doc_ = std::string(doc);
    sections[prefix_.substr(0, prefix_.size() - 1)] = first_clause(doc, ":");
    body();
    prefix_ = saved, doc_ = saved_doc;
  }
  void real(std::string_view key, double&, io::Bounds, std::string_view unit, std::string_view doc) override { add(key, unit, doc); }
  void integer(std::string_view key, std::int64_t&, io::Bounds, std::string_view unit, std::string_view doc) override {
    add(key, unit, doc);
  }
  void text(std::string_view key, std::string&, std::string_view doc) override { add(key, "", doc); }
  void choice(std::string_view key, std::size_t&, std::span<const std::string_view>, std::string_view doc) override {
    add(key, "", doc);
  }
  void month(std::string_view key, core::Month&, std::string_view doc) override { add(key, "month", doc); }
  void table(std::string_view, std::string_view, const io::TableRef&) override {}  // rows: shown by key

 private:
  void add(std::string_view key, std::string_view unit, std::string_view doc) {
    entries.push_back({prefix_ + std::string(key), std::string(doc), std::string(unit), doc_});
  }
  std::string prefix_, doc_;
};

std::string with_commas(long long n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (n < 0 ? "-" : "") + out;
}

}  // namespace

std::string readable(double v, double scale) {
  if (!std::isfinite(v)) return "-";
  const double a = std::abs(v);
  if (a == 0 || (scale > 0 && a < 1e-4 * scale) || a < 1e-9) return a == 0 ? "0" : "~0";
  char buf[48];
  if (a >= 100) return with_commas(std::llround(v));
  std::snprintf(buf, sizeof buf, "%.3g", v);
  std::string s = buf;
  if (s.find('e') != std::string::npos) {  // below 1e-4: keep it fixed, three significant digits
    std::snprintf(buf, sizeof buf, "%.*f", std::min(12, 2 - static_cast<int>(std::floor(std::log10(a)))), v);
    s = buf;
  }
  return s;
}

std::string fixed2(double v) {
  if (!std::isfinite(v)) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return std::string(buf) == "-0.00" ? "0.00" : buf;
}

ParameterNames::ParameterNames(const io::Describe& describe) {
  Collector c;
  describe(c);
  sections_ = c.sections;
  // A doc shared by several parameters ("0 = off, 1 = the planned level") names none of them.
  std::map<std::string, int> uses;
  for (const auto& e : c.entries) ++uses[e.doc];
  for (const auto& e : c.entries) {
    units_[e.key] = e.unit;
    const bool shared = uses[e.doc] > 1 && !e.section_doc.empty();
    std::string label = shared ? first_clause(e.section_doc, ":") : first_clause(e.doc, ";(");
    const std::string leaf = e.key.substr(e.key.rfind('.') + 1);
    if (shared && leaf != "intensity") label += " (" + leaf + ")";
    labels_[e.key] = label.empty() ? e.key : label;
  }
}

std::string ParameterNames::label(const std::string& key) const {
  const auto it = labels_.find(key);
  return it == labels_.end() ? key : it->second;
}

std::string ParameterNames::unit(const std::string& key) const {
  const auto it = units_.find(key);
  return it == units_.end() ? "" : it->second;
}

std::string ParameterNames::section(const std::string& key) const {
  const auto it = sections_.find(key);
  return it == sections_.end() ? key : it->second;
}

std::string short_unit(std::string unit) {
  if (unit == "1") return "";
  std::string out;
  for (std::size_t from = 0;;) {
    const std::size_t at = unit.find("million", from);
    out.append(unit, from, at == std::string::npos ? std::string::npos : at - from);
    if (at == std::string::npos) return out;
    out += 'm';
    from = at + 7;
  }
}

}  // namespace hubsim::app
