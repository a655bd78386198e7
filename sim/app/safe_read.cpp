#include "sim/app/safe_read.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <string>

#include "sim/io/run_file.hpp"

namespace hubsim::app {
namespace {

// A run file of a million events reads in well under a second; a minute means a loop in HDF5.
constexpr unsigned kTrialSeconds = 60;

// A RunFileError in the child is passed back through a pipe with this exit code, so the parent
// reports it without reading a bad file a second time (some damaged files take seconds to fail).
constexpr int kCleanError = 3;

void write_all(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0 && errno != EINTR) return;
    if (n > 0) done += static_cast<std::size_t>(n);
  }
}

std::string read_all(int fd) {
  std::string text;
  char buf[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n > 0) text.append(buf, static_cast<std::size_t>(n));
    else if (n == 0 || errno != EINTR) return text;
  }
}

}  // namespace

void try_in_child(const std::filesystem::path& path, const std::function<void()>& attempt) {
  int message[2];
  if (::pipe(message) != 0) return;  // no isolation available: the caller reads in-process
  const pid_t child = ::fork();
  if (child < 0) {
    ::close(message[0]), ::close(message[1]);
    return;
  }
  if (child == 0) {
    // The child only reads: no core dump or sanitizer report if it crashes (the parent reports
    // it), and _exit skips atexit handlers and stdio buffers it shares with the parent.
    ::close(message[0]);
    const rlimit no_core{0, 0};
    ::setrlimit(RLIMIT_CORE, &no_core);
    const int null = ::open("/dev/null", O_WRONLY);
    if (null >= 0) ::dup2(null, STDERR_FILENO);
    ::alarm(kTrialSeconds);
    try {
      attempt();
    } catch (const io::RunFileError& e) {
      write_all(message[1], e.what());
      ::_exit(kCleanError);
    } catch (...) {
      // Another clean error (e.g. a bad config inside the file): the parent's own attempt throws it.
    }
    ::_exit(0);
  }
  ::close(message[1]);
  const std::string error = read_all(message[0]);  // until the child exits (EOF)
  ::close(message[0]);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0) {
    if (errno != EINTR) return;
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == kCleanError && !error.empty()) throw io::RunFileError(error);
  // Other exit codes come from sanitizer builds, which turn a crash into a report + exit.
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
