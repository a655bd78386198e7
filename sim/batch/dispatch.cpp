#include "sim/batch/dispatch.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <stdexcept>
#include <thread>

#ifdef HUBSIM_HAVE_MPI
#include <mpi.h>
#endif

namespace hubsim::batch {

namespace {

bool raised(const std::atomic<bool>* stop) { return stop && stop->load(); }

}  // namespace

bool run_local(const std::vector<std::size_t>& todo, int jobs, const Task& task, const OnDone& on_done,
               const std::atomic<bool>* stop) {
  std::atomic<std::size_t> next{0};
  std::mutex done_mutex;
  auto worker = [&] {
    for (std::size_t k; !raised(stop) && (k = next.fetch_add(1)) < todo.size();) {
      task(todo[k]);
      const std::lock_guard lock(done_mutex);
      on_done(todo[k]);
    }
  };
  const int n = std::max(1, std::min<int>(jobs, static_cast<int>(todo.size())));
  std::vector<std::thread> threads;
  for (int i = 1; i < n; ++i) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
  return next.load() >= todo.size();  // every index was taken, hence run
}

#ifdef HUBSIM_HAVE_MPI

namespace {

/// worker -> 0: {the index it just ran (-1 at first), 1 if its stop flag is up}
constexpr int kTagRequest = 1;
constexpr int kTagWork = 2;  ///< 0 -> worker: the next index, or -1 to stop

bool under_mpirun() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"})
    if (std::getenv(v)) return true;
  return false;
}

}  // namespace

Cluster::Cluster() {
  if (!under_mpirun()) return;
  int provided = 0;
  // Only the main thread calls MPI; rank 0's worker thread just runs tasks.
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  initialised_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

Cluster::~Cluster() {
  if (initialised_) MPI_Finalize();
}

void Cluster::barrier() const {
  if (initialised_) MPI_Barrier(MPI_COMM_WORLD);
}

void Cluster::abort(int code) const {
  if (initialised_ && size_ > 1) MPI_Abort(MPI_COMM_WORLD, code);
  std::exit(code);
}

bool Cluster::run(const std::vector<std::size_t>& todo, const Task& task, const OnDone& on_done,
                  const std::atomic<bool>* stop) const {
  if (!distributed()) return run_local(todo, 1, task, on_done, stop);
  if (rank_ != 0) {
    // A stopped rank still asks once more (rank 0 answers every request, so it never waits for a
    // rank that left); the answer is then -1, as rank 0 halts the sweep on hearing of the stop.
    long long request[2] = {-1, 0}, index = -1;
    for (;;) {
      MPI_Send(request, 2, MPI_LONG_LONG, 0, kTagRequest, MPI_COMM_WORLD);
      MPI_Recv(&index, 1, MPI_LONG_LONG, 0, kTagWork, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      if (index < 0) return !raised(stop);
      task(static_cast<std::size_t>(index));
      request[0] = index;
      request[1] = raised(stop) ? 1 : 0;
    }
  }
  std::mutex mutex;  // guards next, halted and on_done between the two threads of rank 0
  std::size_t next = 0;
  bool halted = false;  // a stop flag was seen here or on another rank: hand out nothing more
  auto take = [&]() -> long long {
    const std::lock_guard lock(mutex);
    halted = halted || raised(stop);
    return !halted && next < todo.size() ? static_cast<long long>(todo[next++]) : -1;
  };
  auto done = [&](std::size_t i) {
    const std::lock_guard lock(mutex);
    on_done(i);
  };
  std::thread local([&] {
    for (long long i; (i = take()) >= 0;) {
      task(static_cast<std::size_t>(i));
      done(static_cast<std::size_t>(i));
    }
  });
  // Poll rather than block: Open MPI's blocking receive spins a core, which the local worker
  // and the other ranks need (ranks often outnumber cores with --oversubscribe).
  int active = size_ - 1;
  while (active > 0) {
    int flag = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, kTagRequest, MPI_COMM_WORLD, &flag, &status);
    if (!flag) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      continue;
    }
    long long request[2] = {-1, 0};
    MPI_Recv(request, 2, MPI_LONG_LONG, status.MPI_SOURCE, kTagRequest, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (request[0] >= 0) done(static_cast<std::size_t>(request[0]));
    if (request[1]) {
      const std::lock_guard lock(mutex);
      halted = true;
    }
    const long long index = take();
    if (index < 0) --active;
    MPI_Send(&index, 1, MPI_LONG_LONG, status.MPI_SOURCE, kTagWork, MPI_COMM_WORLD);
  }
  local.join();
  return next >= todo.size();
}

#else  // without MPI every process is a lone rank 0

Cluster::Cluster() {
  // Several copies of a non-MPI hubsim under mpirun would each run the whole sweep into the
  // same directory: refuse rather than race.
  const char* size = std::getenv("OMPI_COMM_WORLD_SIZE");
  if (!size) size = std::getenv("PMI_SIZE");
  if (size && std::atoi(size) > 1)
    throw std::runtime_error("this hubsim was built without MPI; rebuild with libopenmpi-dev installed, "
                             "or split the sweep with --shard K/N");
}
Cluster::~Cluster() = default;
void Cluster::barrier() const {}
void Cluster::abort(int code) const { std::exit(code); }
bool Cluster::run(const std::vector<std::size_t>& todo, const Task& task, const OnDone& on_done,
                  const std::atomic<bool>* stop) const {
  return run_local(todo, 1, task, on_done, stop);
}

#endif

}  // namespace hubsim::batch
