// Which parameters a dated change may touch: a walk over the description that tracks key paths.
#include <optional>

#include "sim/io/config.hpp"

namespace hubsim::io {
namespace {

/// Finds `target` (a key path as --set writes it, table rows by name or position) and notes
/// whether it, or anything under it, is read only at the start.
class ScopeFinder final : public ParamVisitor {
 public:
  explicit ScopeFinder(std::string target) : target_(std::move(target)) {}
  std::optional<bool> start_only_found;  ///< empty: no such key

  void section(std::string_view key, std::string_view, const std::function<void()>& body) override {
    const std::string saved = prefix_;
    prefix_ += std::string(key) + ".";
    note(prefix_.substr(0, prefix_.size() - 1));
    body();
    prefix_ = saved;
  }
  void real(std::string_view key, double&, Bounds, std::string_view, std::string_view) override { leaf(key); }
  void integer(std::string_view key, std::int64_t&, Bounds, std::string_view, std::string_view) override { leaf(key); }
  void text(std::string_view key, std::string&, std::string_view) override { leaf(key); }
  void choice(std::string_view key, std::size_t&, std::span<const std::string_view>, std::string_view) override {
    leaf(key);
  }
  void month(std::string_view key, core::Month&, std::string_view) override { leaf(key); }
  void table(std::string_view key, std::string_view, const TableRef& rows) override {
    const std::string name = prefix_ + std::string(key);
    note(name);
    const std::string saved = prefix_;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const std::string row = name + "." + (rows.row_key ? rows.row_key(i) : std::to_string(i));
      prefix_ = row + ".";
      note(row);
      rows.visit_row(*this, i);
    }
    prefix_ = saved;
  }

 private:
  void leaf(std::string_view key) { note(prefix_ + std::string(key)); }
  // A path at or under the target: the target is start-only if any part of it is.
  void note(const std::string& path) {
    const bool at = path == target_;
    const bool under = path.size() > target_.size() && path.compare(0, target_.size(), target_) == 0 &&
                       path[target_.size()] == '.';
    if (!at && !under) return;
    start_only_found = start_only_found.value_or(false) || start_only();
  }
  std::string prefix_;
  std::string target_;
};

}  // namespace

std::optional<bool> start_only_key(const Describe& describe, std::string_view key_path) {
  ScopeFinder finder{std::string(key_path)};
  describe(finder);
  return finder.start_only_found;
}

}  // namespace hubsim::io
