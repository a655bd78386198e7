// Sobol points by Antonov-Saleev's Gray-code recurrence: each point differs from the previous one
// by XOR with one direction number, so generating a point costs O(dims).
#include "sim/batch/sobol_sequence.hpp"

#include <array>
#include <stdexcept>
#include <string>

namespace hubsim::batch {
namespace {

/// One dimension's primitive polynomial (degree s, interior coefficients a) and initial m_1..m_s.
struct Primitive {
  int s;
  unsigned a;
  std::array<unsigned, 8> m;
};

// Dimensions 2.. of Joe & Kuo (2008), "new-joe-kuo-6.21201" (dimension 1 is the van der Corput
// sequence, all m_k = 1, and needs no entry).
constexpr std::array<Primitive, kMaxSobolDims - 1> kPrimitives = {{
    {1, 0, {1}},
    {2, 1, {1, 3}},
    {3, 1, {1, 3, 1}},
    {3, 2, {1, 1, 1}},
    {4, 1, {1, 1, 3, 3}},
    {4, 4, {1, 3, 5, 13}},
    {5, 2, {1, 1, 5, 5, 17}},
    {5, 4, {1, 1, 5, 5, 5}},
    {5, 7, {1, 1, 7, 11, 19}},
    {5, 11, {1, 1, 5, 1, 1}},
    {5, 13, {1, 1, 1, 3, 11}},
    {5, 14, {1, 3, 5, 5, 31}},
    {6, 1, {1, 3, 3, 9, 7, 49}},
    {6, 13, {1, 1, 1, 15, 21, 21}},
    {6, 16, {1, 3, 1, 13, 27, 49}},
    {6, 19, {1, 1, 1, 15, 7, 5}},
    {6, 22, {1, 3, 1, 15, 13, 25}},
    {6, 25, {1, 1, 5, 5, 19, 61}},
    {7, 1, {1, 3, 7, 11, 23, 15, 103}},
    {7, 4, {1, 3, 7, 13, 13, 15, 69}},
    {7, 7, {1, 1, 3, 13, 7, 35, 63}},
    {7, 8, {1, 3, 5, 9, 1, 25, 53}},
    {7, 14, {1, 3, 1, 13, 9, 35, 107}},
    {7, 19, {1, 3, 1, 5, 27, 61, 31}},
    {7, 21, {1, 1, 5, 11, 19, 41, 61}},
    {7, 28, {1, 3, 5, 3, 3, 13, 69}},
    {7, 31, {1, 1, 7, 13, 1, 19, 1}},
    {7, 32, {1, 3, 7, 5, 13, 19, 59}},
    {7, 37, {1, 1, 3, 9, 25, 29, 41}},
    {7, 41, {1, 3, 5, 13, 23, 1, 55}},
    {7, 42, {1, 3, 7, 3, 13, 59, 17}},
    {7, 50, {1, 3, 1, 3, 5, 53, 69}},
    {7, 55, {1, 1, 5, 5, 23, 33, 13}},
    {7, 56, {1, 1, 7, 7, 1, 61, 123}},
    {7, 59, {1, 1, 7, 9, 13, 61, 49}},
    {7, 62, {1, 3, 3, 5, 3, 55, 33}},
    {8, 14, {1, 3, 1, 15, 31, 13, 49, 245}},
    {8, 21, {1, 3, 5, 15, 31, 59, 63, 97}},
    {8, 22, {1, 3, 1, 11, 11, 11, 77, 249}},
}};

constexpr int kBits = 32;

}  // namespace

SobolSequence::SobolSequence(int dims) : dims_(dims) {
  if (dims < 1 || dims > kMaxSobolDims)
    throw std::invalid_argument("Sobol sequence: " + std::to_string(dims) + " dimensions; supported 1.." +
                                std::to_string(kMaxSobolDims));
  state_.assign(static_cast<std::size_t>(dims), 0);
  direction_.assign(static_cast<std::size_t>(dims) * kBits, 0);
  for (int k = 0; k < kBits; ++k) direction_[static_cast<std::size_t>(k)] = 1u << (kBits - 1 - k);
  for (int j = 1; j < dims; ++j) {
    const Primitive& p = kPrimitives[static_cast<std::size_t>(j - 1)];
    std::uint32_t* v = &direction_[static_cast<std::size_t>(j) * kBits];
    for (int k = 0; k < p.s; ++k) v[k] = p.m[static_cast<std::size_t>(k)] << (kBits - 1 - k);
    // Bratley & Fox's recurrence over the polynomial's coefficients.
    for (int k = p.s; k < kBits; ++k) {
      std::uint32_t x = v[k - p.s] ^ (v[k - p.s] >> p.s);
      for (int i = 1; i < p.s; ++i)
        if ((p.a >> (p.s - 1 - i)) & 1u) x ^= v[k - i];
      v[k] = x;
    }
  }
}

std::vector<double> SobolSequence::next() {
  std::vector<double> point(static_cast<std::size_t>(dims_));
  if (index_ > 0) {
    // The bit that changes between Gray codes of index-1 and index: its lowest zero bit.
    int c = 0;
    for (std::uint64_t i = index_ - 1; i & 1u; i >>= 1) ++c;
    if (c >= kBits) throw std::length_error("Sobol sequence exhausted (2^32 points)");
    for (int j = 0; j < dims_; ++j)
      state_[static_cast<std::size_t>(j)] ^= direction_[static_cast<std::size_t>(j) * kBits + static_cast<std::size_t>(c)];
  }
  for (int j = 0; j < dims_; ++j)
    point[static_cast<std::size_t>(j)] = static_cast<double>(state_[static_cast<std::size_t>(j)]) / 4294967296.0;
  ++index_;
  return point;
}

}  // namespace hubsim::batch
