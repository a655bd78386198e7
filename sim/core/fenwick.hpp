#pragma once
/// A Fenwick (binary indexed) tree of non-negative integer weights: weighted picks in O(log n)
/// with updates, where a linear scan over the weights would make a hub's matching cost grow
/// with applicants x firms (quadratically in the population).
#include <cstdint>
#include <vector>

namespace hubsim::core {

class Fenwick {
 public:
  /// Builds the tree over `weights` in O(n).
  template <class Weights>
  explicit Fenwick(const Weights& weights) : tree_(weights.size() + 1, 0) {
    for (std::size_t i = 1; i < tree_.size(); ++i) {
      tree_[i] += static_cast<std::int64_t>(weights[i - 1]);
      if (const std::size_t up = i + (i & (~i + 1)); up < tree_.size()) tree_[up] += tree_[i];
    }
    for (top_ = 1; top_ * 2 < tree_.size(); top_ *= 2) {
    }
  }

  void add(std::size_t i, std::int64_t delta) {
    for (++i; i < tree_.size(); i += i & (~i + 1)) tree_[i] += delta;
  }

  /// The smallest i with w[0] + ... + w[i] > pick, for 0 <= pick < total: the same element as
  /// scanning `while (pick >= w[i]) pick -= w[i++];` (zero weights are skipped alike).
  std::size_t find(std::int64_t pick) const {
    std::size_t pos = 0;
    for (std::size_t step = top_; step > 0; step /= 2)
      if (pos + step < tree_.size() && tree_[pos + step] <= pick) pick -= tree_[pos += step];
    return pos;
  }

 private:
  std::vector<std::int64_t> tree_;  // 1-based
  std::size_t top_ = 1;             // highest power of two below the size
};

}  // namespace hubsim::core
