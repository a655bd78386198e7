#pragma once
/// Calendar months: the simulation's unit of time.
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace hubsim::core {

/// A calendar month, stored as months since January of year 0 so that arithmetic is trivial.
class Month {
 public:
  constexpr Month() = default;
  constexpr Month(int year, int month) : index_(year * 12 + (month - 1)) {}
  static constexpr Month from_index(int index) { Month m; m.index_ = index; return m; }

  constexpr int year() const { return index_ / 12; }
  /// 1..12
  constexpr int month() const { return index_ % 12 + 1; }
  constexpr int index() const { return index_; }
  constexpr Month operator+(int months) const { return from_index(index_ + months); }
  constexpr int operator-(Month other) const { return index_ - other.index_; }
  constexpr auto operator<=>(const Month&) const = default;

  /// "2022-01"
  std::string iso() const;
  /// Parses "YYYY-MM" with 1900 <= YYYY <= 2200; nullopt on anything else.
  static std::optional<Month> parse(std::string_view text);

 private:
  int index_ = 0;
};

/// Days from 1970-01-01 to the first day of `m` (proleptic Gregorian), for CF time coordinates.
long days_since_epoch(Month m);

}  // namespace hubsim::core
