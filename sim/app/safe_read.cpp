#include "sim/app/safe_read.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>

#include "sim/io/run_file.hpp"

namespace hubsim::app {
namespace {

// A run file of a million events reads in well under a second; a minute means a loop in HDF5.
constexpr unsigned kTrialSeconds = 60;

}  // namespace

void try_in_child(const std::filesystem::path& path, const std::function<void()>& attempt) {
  const pid_t child = ::fork();
  if (child < 0) return;  // no isolation available: the caller reads in-process
  if (child == 0) {
    // The child only reads: no core dump or sanitizer report if it crashes (the parent reports
    // it), and _exit skips atexit handlers and stdio buffers it shares with the parent.
    const rlimit no_core{0, 0};
    ::setrlimit(RLIMIT_CORE, &no_core);
    const int null = ::open("/dev/null", O_WRONLY);
    if (null >= 0) ::dup2(null, STDERR_FILENO);
    ::alarm(kTrialSeconds);
    try {
      attempt();
    } catch (...) {
      // A clean error: the parent's own attempt throws the same one.
    }
    ::_exit(0);
  }
  int status = 0;
  while (::waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) return;
  }
  // Exit codes other than 0 come from sanitizer builds, which turn a crash into a report + exit.
  if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
    throw io::RunFileError(path.string() + ": corrupt file: reading it failed in a checked child process (exit " +
                           std::to_string(WEXITSTATUS(status)) + ")");
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    throw io::RunFileError(path.string() + ": corrupt file: " +
                           (sig == SIGALRM ? "reading it did not finish within " + std::to_string(kTrialSeconds) + " s"
                                           : std::string("the HDF5 library crashed reading it (") +
                                                 ::strsignal(sig) + ")"));
  }
}

io::RunData read_untrusted_run_file(const std::filesystem::path& path) {
  try_in_child(path, [&] { (void)io::read_run_file(path); });
  return io::read_run_file(path);
}

}  // namespace hubsim::app
