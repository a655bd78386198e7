#pragma once
/// Running a list of independent tasks (sweep runs) on local threads or across MPI ranks with
/// dynamic load balancing. Knows nothing about simulations: a task is a run index.
#include <atomic>
#include <cstddef>
#include <functional>
#include <vector>

namespace hubsim::batch {

/// Must not throw: the caller records failures itself (one failing run never stops the others).
using Task = std::function<void(std::size_t)>;
/// Called once per task that returned, serialised (never concurrently), on any thread. A task cut
/// short by `stop` (see below) is reported too: only the caller knows whether it finished.
using OnDone = std::function<void(std::size_t)>;

/// `stop` (optional, e.g. raised by SIGINT): once true, no further task starts; running tasks are
/// left to end by themselves (a sweep's runs watch the same flag). The functions below return
/// false if `stop` kept some index of `todo` from starting, true if every one was run.

/// Runs every index of `todo` on `jobs` threads, each taking the next index when it is free.
bool run_local(const std::vector<std::size_t>& todo, int jobs, const Task& task, const OnDone& on_done,
               const std::atomic<bool>* stop = nullptr);

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
  /// Makes the destructor skip MPI_Finalize. For interrupted sweeps: mpirun forwards Ctrl-C as
  /// SIGTERM while it tears the job down, and a finalize would then wait for that teardown (until
  /// mpirun's SIGKILL a second later) instead of letting the rank exit.
  void skip_finalize() { initialised_ = false; }

  /// Rank 0 hands out the indices of `todo` one at a time to whichever rank asks (rank 0 runs
  /// tasks too, on a second thread); other ranks ask, run, and ask again until told to stop.
  /// `todo` and `on_done` matter on rank 0 only; on_done sees every index a rank ran. `stop` on
  /// any rank stops rank 0 handing out work (so one interrupted rank stops the whole sweep); every
  /// rank still returns once its running task ends, so nothing waits forever.
  bool run(const std::vector<std::size_t>& todo, const Task& task, const OnDone& on_done,
           const std::atomic<bool>* stop = nullptr) const;

 private:
  int rank_ = 0;
  int size_ = 1;
  bool initialised_ = false;
};

}  // namespace hubsim::batch
