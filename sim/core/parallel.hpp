#pragma once
/// Parallel loops for phases. Each iteration must write only its own row (or its own hub's
/// rows); with counter-based RNG that makes the result independent of how TBB splits the range.
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <cstddef>

namespace hubsim::core {

/// Calls body(i) for i in [0, n) in parallel.
template <class Body>
void parallel_for(std::size_t n, Body&& body, std::size_t grain = 2048) {
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, grain), [&](const tbb::blocked_range<std::size_t>& r) {
    for (std::size_t i = r.begin(); i != r.end(); ++i) body(i);
  });
}

/// Calls body(begin, end) on disjoint sub-ranges covering [0, n), in parallel: for loops that
/// set up per-thread state (e.g. tbb::enumerable_thread_specific counters) once per range, not
/// once per row.
template <class Body>
void parallel_for_ranges(std::size_t n, Body&& body, std::size_t grain = 4096) {
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, grain),
                    [&](const tbb::blocked_range<std::size_t>& r) { body(r.begin(), r.end()); });
}

}  // namespace hubsim::core
