#pragma once
/// Parallel primitives for phases: loops, a task group and per-thread state. Each loop iteration
/// must write only its own row (or its own hub's rows); with counter-based RNG that makes the
/// result independent of how the range is split.
///
/// Normal builds use TBB. ThreadSanitizer builds use plain std::threads instead: Debian's libtbb
/// is not built with TSan, so TSan cannot see TBB hand a task to a worker and reports TBB's own
/// task objects as races. TSan does see std::thread start and join, so every report left is
/// about hubsim's code (tests/RELIABILITY.md). This header is the one place that decides.
#include <tbb/task_arena.h>

#include <algorithm>
#include <cstddef>
#include <thread>
#include <utility>

#if defined(__SANITIZE_THREAD__)  // gcc
#define HUBSIM_PLAIN_THREADS 1
#elif defined(__has_feature)  // clang
#if __has_feature(thread_sanitizer)
#define HUBSIM_PLAIN_THREADS 1
#endif
#endif
#ifndef HUBSIM_PLAIN_THREADS
#define HUBSIM_PLAIN_THREADS 0
#endif

#if HUBSIM_PLAIN_THREADS
#include <algorithm>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>
#else
#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/task_group.h>
#endif

namespace hubsim::core {

#if HUBSIM_PLAIN_THREADS
namespace detail {
/// The std::thread path's stand-in for a task arena: the threads of the arena executing here.
inline thread_local std::size_t t_arena_threads = 0;
}  // namespace detail
#endif

/// Threads a parallel loop may use: those of the ThreadArena it runs in, else the number of
/// cores. TBB honours its arena by itself; the std::thread path asks here.
inline std::size_t concurrency() {
#if HUBSIM_PLAIN_THREADS
  if (detail::t_arena_threads > 0) return detail::t_arena_threads;
  return std::max(1u, std::thread::hardware_concurrency());
#else
  return static_cast<std::size_t>(tbb::this_task_arena::max_concurrency());
#endif
}

/// A run's own threads (`--threads`): its parallel loops use at most this many, whatever other
/// runs in the same process use (the viewer runs two simulations side by side). Nothing is set
/// process-wide.
class ThreadArena {
 public:
  /// 0 means all cores.
  explicit ThreadArena(int threads)
      : threads_(threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency())))
#if !HUBSIM_PLAIN_THREADS
        , arena_(threads_)
#endif
  {
  }
  int threads() const { return threads_; }

  /// Runs f() with this arena's threads available to the parallel loops inside it.
  template <class F>
  void execute(F&& f) {
#if HUBSIM_PLAIN_THREADS
    const auto outer = std::exchange(detail::t_arena_threads, static_cast<std::size_t>(threads_));
    try {
      f();
    } catch (...) {
      detail::t_arena_threads = outer;
      throw;
    }
    detail::t_arena_threads = outer;
#else
    arena_.execute(std::forward<F>(f));
#endif
  }

 private:
  int threads_;
#if !HUBSIM_PLAIN_THREADS
  tbb::task_arena arena_;
#endif
};

#if HUBSIM_PLAIN_THREADS
namespace detail {

/// Calls ranges(begin, end) on contiguous pieces of [0, n), one std::thread per piece. As many
/// pieces as TBB could make (it splits a range while it is longer than `grain`), but no more
/// than concurrency(); the calling thread runs the first. Exceptions reach the caller, as in TBB.
template <class Ranges>
void run_on_threads(std::size_t n, std::size_t grain, Ranges& ranges) {
  if (n == 0) return;
  grain = std::max<std::size_t>(grain, 1);
  const std::size_t pieces = std::min(concurrency(), (n + grain - 1) / grain);
  if (pieces <= 1) {
    ranges(std::size_t{0}, n);
    return;
  }
  std::vector<std::exception_ptr> errors(pieces);
  auto piece = [&](std::size_t k) {
    try {
      ranges(n * k / pieces, n * (k + 1) / pieces);
    } catch (...) {
      errors[k] = std::current_exception();
    }
  };
  {
    std::vector<std::jthread> threads;  // joined on leaving the block
    threads.reserve(pieces - 1);
    for (std::size_t k = 1; k < pieces; ++k) threads.emplace_back(piece, k);
    piece(0);
  }
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace detail
#endif

/// Calls body(i) for i in [0, n) in parallel.
template <class Body>
void parallel_for(std::size_t n, Body&& body, std::size_t grain = 2048) {
#if HUBSIM_PLAIN_THREADS
  auto ranges = [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i != end; ++i) body(i);
  };
  detail::run_on_threads(n, grain, ranges);
#else
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, grain), [&](const tbb::blocked_range<std::size_t>& r) {
    for (std::size_t i = r.begin(); i != r.end(); ++i) body(i);
  });
#endif
}

/// Calls body(begin, end) on disjoint sub-ranges covering [0, n), in parallel: for loops that
/// set up per-thread state (e.g. PerThread counters) once per range, not once per row.
template <class Body>
void parallel_for_ranges(std::size_t n, Body&& body, std::size_t grain = 4096) {
#if HUBSIM_PLAIN_THREADS
  detail::run_on_threads(n, grain, body);
#else
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, grain),
                    [&](const tbb::blocked_range<std::size_t>& r) { body(r.begin(), r.end()); });
#endif
}

#if HUBSIM_PLAIN_THREADS

/// Independent tasks: run(f) queues f, wait() runs the queue spread over concurrency() threads.
/// (tbb::task_group may start a task at run(); callers must not rely on either.)
class TaskGroup {
 public:
  template <class F>
  void run(F&& f) {
    tasks_.emplace_back(std::forward<F>(f));
  }
  void wait() {
    auto tasks = std::exchange(tasks_, {});
    parallel_for(tasks.size(), [&tasks](std::size_t i) { tasks[i](); }, 1);
  }

 private:
  std::vector<std::function<void()>> tasks_;
};

/// One T per thread that calls local(), made by `make` on first use; iterate to combine them
/// once the loop is over (in no particular order).
template <class T>
class PerThread {
 public:
  template <class Make>
  explicit PerThread(Make make) : make_(std::move(make)) {}

  T& local() {
    const std::lock_guard lock(mutex_);  // once per range, not per row: cheap enough
    const auto me = std::this_thread::get_id();
    for (std::size_t i = 0; i < owners_.size(); ++i)
      if (owners_[i] == me) return values_[i];
    owners_.push_back(me);
    return values_.emplace_back(make_());  // a deque: earlier elements stay where they are
  }

  auto begin() { return values_.begin(); }
  auto end() { return values_.end(); }
  auto begin() const { return values_.begin(); }
  auto end() const { return values_.end(); }

 private:
  std::function<T()> make_;
  std::mutex mutex_;
  std::vector<std::thread::id> owners_;
  std::deque<T> values_;
};

#else

using TaskGroup = tbb::task_group;
template <class T>
using PerThread = tbb::enumerable_thread_specific<T>;

#endif

}  // namespace hubsim::core
