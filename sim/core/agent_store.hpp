#pragma once
/// Structure-of-arrays storage for one kind of agent. Rows are kept in ascending id order:
/// births append (ids only grow), deaths are tombstoned and compacted stably, so the order in
/// which agents are visited never depends on history or on threads.
///
/// Each row has two names. Its id is a sequence number (row order, lookups). Its identity
/// (sim/core/rng.hpp) says who the agent is, and keys its random streams: ids shift when another
/// agent is added earlier, identities never do, so scenarios share their draws.
#include <algorithm>
#include <cassert>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/core/parallel.hpp"
#include "sim/core/rng.hpp"

namespace hubsim::core {

using AgentId = std::uint64_t;

/// `Columns` is a struct of std::vector members with
///   template <class F> void for_each_column(F&& f) { f(col_a); f(col_b); ... }
template <class Columns>
class AgentStore {
 public:
  /// Rows, including tombstoned ones until the next compact().
  std::size_t size() const { return ids_.size(); }
  std::size_t live() const { return live_; }
  AgentId id(std::size_t row) const { return ids_[row]; }
  /// The row's stable identity: the key of its random streams, and its name in output files.
  Identity identity(std::size_t row) const { return identities_[row]; }
  bool alive(std::size_t row) const { return alive_[row] != 0; }
  AgentId next_id() const { return next_id_; }

  Columns& columns() { return columns_; }
  const Columns& columns() const { return columns_; }

  void reserve(std::size_t n) {
    ids_.reserve(n);
    identities_.reserve(n);
    alive_.reserve(n);
    columns_.for_each_column([n](auto& col) { col.reserve(n); });
  }

  /// Appends a row with the next id, the given identity and value-initialised columns; returns its row.
  std::size_t add(Identity identity) {
    ids_.push_back(next_id_++);
    identities_.push_back(identity);
    alive_.push_back(1);
    columns_.for_each_column([](auto& col) { col.emplace_back(); });
    ++live_;
    return ids_.size() - 1;
  }

  /// Appends `n` rows at once (ids consecutive), with identities `first_identity` and the next
  /// n - 1 serials; returns the first new row. Throws std::length_error if the serials run out.
  std::size_t add_many(std::size_t n, Identity first_identity) {
    if (n > 0 && (first_identity & kMaxSerial) + (n - 1) > kMaxSerial)
      throw std::length_error("more than 2^24 agents of one kind, origin and month");
    const std::size_t first = ids_.size();
    for (std::size_t i = 0; i < n; ++i) ids_.push_back(next_id_++), identities_.push_back(first_identity + i);
    alive_.resize(first + n, 1);
    columns_.for_each_column([first, n](auto& col) { col.resize(first + n); });
    live_ += n;
    return first;
  }

  /// Marks a row dead; it stays readable until compact(). Safe to call from parallel loops for
  /// distinct rows; the live count is fixed up in compact().
  void remove(std::size_t row) { alive_[row] = 0; }

  /// For every row, its row after the next compaction or npos (dead). Moves nothing.
  std::vector<std::size_t> compaction_map() const {
    std::vector<std::size_t> remap(ids_.size(), npos);
    std::size_t out = 0;
    for (std::size_t row = 0; row < ids_.size(); ++row)
      if (alive_[row]) remap[row] = out++;
    return remap;
  }

  /// Drops dead rows, keeping id order; returns how many. Rows before the first dead one stay
  /// put, and columns are squeezed in parallel (each by one task: they are independent), reading
  /// the 1-byte alive flags rather than an 8-byte row map: this runs every month over every agent.
  std::size_t drop_dead() {
    const auto first = static_cast<std::size_t>(std::find(alive_.begin(), alive_.end(), 0) - alive_.begin());
    const std::size_t n = ids_.size();
    if (first == n) {
      live_ = n;
      return 0;
    }
    const std::size_t out = first + static_cast<std::size_t>(std::count(alive_.begin() + first, alive_.end(), 1));
    auto squeeze = [this, first, n, out](auto& col) {
      std::size_t to = first;
      for (std::size_t row = first; row < n; ++row)
        if (alive_[row]) col[to++] = std::move(col[row]);
      col.resize(out);
    };
    TaskGroup tasks;
    tasks.run([&] { squeeze(ids_); });
    tasks.run([&] { squeeze(identities_); });
    columns_.for_each_column([&](auto& col) { tasks.run([&squeeze, &col] { squeeze(col); }); });
    tasks.wait();
    alive_.assign(out, 1);
    live_ = out;
    return n - out;
  }

  /// Drops dead rows, keeping id order. Returns, for every old row, its new row or npos.
  std::vector<std::size_t> compact() {
    auto remap = compaction_map();
    drop_dead();
    return remap;
  }

  /// The row of a live or tombstoned agent, by binary search on the sorted ids.
  std::optional<std::size_t> find(AgentId id) const {
    auto it = std::lower_bound(ids_.begin(), ids_.end(), id);
    if (it == ids_.end() || *it != id) return std::nullopt;
    return static_cast<std::size_t>(it - ids_.begin());
  }

  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  /// Saves or restores every row (ids, alive flags, all columns) and the next id through a
  /// checkpoint archive (sim/io/checkpoint_file.hpp); columns are named by position under `prefix`.
  /// On restore, a store whose columns disagree in length or whose ids are out of order is refused.
  template <class Archive>
  void transfer(Archive& ar, const std::string& prefix) {
    ar.array(prefix + "/id", ids_);
    ar.fixed_as(prefix + "/identity", identities_, ids_.size());
    ar.fixed_as(prefix + "/alive", alive_, ids_.size());
    int column = 0;
    columns_.for_each_column([&](auto& col) {
      const std::string name = prefix + "/column_" + (column < 10 ? "0" : "") + std::to_string(column);
      ar.fixed_as(name, col, ids_.size());
      ++column;
    });
    ar.value(prefix + "/next_id", next_id_);
    if constexpr (Archive::reading) {
      for (std::size_t row = 0; row < ids_.size(); ++row)
        if (ids_[row] >= next_id_ || (row > 0 && ids_[row] <= ids_[row - 1]))
          ar.fail(prefix + "/id is not strictly increasing below next_id");
      live_ = static_cast<std::size_t>(std::count_if(alive_.begin(), alive_.end(), [](std::uint8_t a) { return a != 0; }));
    }
  }

 private:
  std::vector<AgentId> ids_;
  std::vector<Identity> identities_;
  std::vector<std::uint8_t> alive_;
  Columns columns_;
  AgentId next_id_ = 1;
  std::size_t live_ = 0;
};

}  // namespace hubsim::core
