#pragma once
/// Running a list of independent tasks (sweep runs) on local threads or across MPI ranks with
/// dynamic load balancing. Knows nothing about simulations: a task is a run index.
#include <cstddef>
#include <functional>
#include <vector>

namespace hubsim::batch {

/// Must not throw: the caller records failures itself (one failing run never stops the others).
using Task = std::function<void(std::size_t)>;
/// Called once per finished task, serialised (never concurrently), on any thread.
using OnDone = std::function<void(std::size_t)>;

/// Runs every index of `todo` on `jobs` threads, each taking the next index when it is free.
void run_local(const std::vector<std::size_t>& todo, int jobs, const Task& task, const OnDone& on_done);

/// MPI, when hubsim was built with it and started by mpirun; otherwise a single "rank 0".
class Cluster {
 public:
  Cluster();  ///< initialises MPI only under mpirun (plain `hubsim sweep` never touches MPI)
  ~Cluster();
  Cluster(const Cluster&) = delete;
  Cluster& operator=(const Cluster&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool distributed() const { return size_ > 1; }
  /// Blocks until every rank arrives (no-op without MPI).
  void barrier() const;
  /// Ends every rank at once (rank 0 failing before it could hand out work).
  [[noreturn]] void abort(int code) const;

  /// Rank 0 hands out the indices of `todo` one at a time to whichever rank asks (rank 0 runs
  /// tasks too, on a second thread); other ranks ask, run, and ask again until told to stop.
  /// `todo` and `on_done` matter on rank 0 only; on_done sees every finished index.
  void run(const std::vector<std::size_t>& todo, const Task& task, const OnDone& on_done) const;

 private:
  int rank_ = 0;
  int size_ = 1;
  bool initialised_ = false;
};

}  // namespace hubsim::batch
