#pragma once
/// Describing parameters once, for every use: a model's `describe(ParamVisitor&, Params&)` lists
/// each parameter with its key, bounds, unit and meaning; visitors read it from YAML, write it
/// back as resolved YAML, or render the reference documentation. No parameter is looked up by
/// string at run time: the visitors bind keys to typed fields once, before the run.
#include <array>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/calendar.hpp"

namespace hubsim::io {

/// Closed interval of valid values.
struct Bounds {
  double lo;
  double hi;
};

class ParamVisitor;

/// Type-erased view of a table (a YAML list of records such as hubs or links).
struct TableRef {
  std::function<std::size_t()> size;
  std::function<void(std::size_t)> resize;
  std::function<void(ParamVisitor&, std::size_t)> visit_row;
  /// Name of the field that identifies a row ("name"); empty if rows are only addressed by position.
  std::string key_field;
  std::function<std::string(std::size_t)> row_key;
  /// Whether an empty list is a valid value (a schedule with nothing on it); tables of things a
  /// model needs (hubs) must have rows.
  bool may_be_empty = false;
};

class ParamVisitor {
 public:
  virtual ~ParamVisitor() = default;
  /// A nested mapping; `body` describes its members.
  virtual void section(std::string_view key, std::string_view doc, const std::function<void()>& body) = 0;
  virtual void real(std::string_view key, double& value, Bounds bounds, std::string_view unit,
                    std::string_view doc) = 0;
  virtual void integer(std::string_view key, std::int64_t& value, Bounds bounds, std::string_view unit,
                       std::string_view doc) = 0;
  virtual void text(std::string_view key, std::string& value, std::string_view doc) = 0;
  /// One of a fixed set of names; `index` is the position of the chosen name in `options`.
  virtual void choice(std::string_view key, std::size_t& index, std::span<const std::string_view> options,
                      std::string_view doc) = 0;
  virtual void month(std::string_view key, core::Month& value, std::string_view doc) = 0;
  virtual void table(std::string_view key, std::string_view doc, const TableRef& rows) = 0;
  /// A rule spanning several values (e.g. end after start). Readers fail with the position of
  /// `key` in the current mapping when `ok` is false; other visitors ignore it.
  virtual void require(bool ok, std::string_view key, std::string_view problem) {
    (void)ok, (void)key, (void)problem;
  }

  /// Parameters described inside `body` are read only when a run's world is built (its population,
  /// its hubs and links): a dated change (`--change`, a live slider) may not touch them. All others
  /// can change between any two months.
  void at_start_only(const std::function<void()>& body) {
    ++at_start_only_;
    body();
    --at_start_only_;
  }
  /// Whether the parameter being described now is read only at the start.
  bool start_only() const { return at_start_only_ > 0; }

  /// An enum described by its names, in the enum's order.
  template <class Enum, std::size_t N>
  void enumeration(std::string_view key, Enum& value, const std::array<std::string_view, N>& names,
                   std::string_view doc) {
    auto index = static_cast<std::size_t>(value);
    choice(key, index, names, doc);
    value = static_cast<Enum>(index);
  }

 private:
  int at_start_only_ = 0;
};

/// Adapts a std::vector<Row> to a TableRef; rows are addressed in overlays by `Row::*key`.
template <class Row>
TableRef table_of(std::vector<Row>& rows, void (*describe_row)(ParamVisitor&, Row&),
                  std::string key_field = {}, std::string Row::*key = nullptr) {
  TableRef t;
  t.size = [&rows] { return rows.size(); };
  t.resize = [&rows](std::size_t n) { rows.resize(n); };
  t.visit_row = [&rows, describe_row](ParamVisitor& v, std::size_t i) { describe_row(v, rows[i]); };
  t.key_field = std::move(key_field);
  if (key) t.row_key = [&rows, key](std::size_t i) { return rows[i].*key; };
  return t;
}

}  // namespace hubsim::io
