#pragma once
/// The Sobol low-discrepancy sequence (Gray-code order, unscrambled), with Joe and Kuo's
/// "new-joe-kuo-6.21201" primitive polynomials and initial direction numbers for the first
/// kMaxSobolDims dimensions. Saltelli designs need 2 x (parameters) dimensions.
#include <cstdint>
#include <vector>

namespace hubsim::batch {

inline constexpr int kMaxSobolDims = 40;

class SobolSequence {
 public:
  /// Throws std::invalid_argument unless 1 <= dims <= kMaxSobolDims.
  explicit SobolSequence(int dims);
  int dims() const { return dims_; }
  /// The next point in [0, 1)^dims; the first call returns the origin.
  std::vector<double> next();

 private:
  int dims_;
  std::uint64_t index_ = 0;
  std::vector<std::uint32_t> state_;      ///< current point as 32-bit fractions, one per dim
  std::vector<std::uint32_t> direction_;  ///< 32 direction numbers per dim, row-major
};

}  // namespace hubsim::batch
