#include "sim/app/python_script.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace hubsim::app {

std::string run_python_script(std::string_view script, const std::vector<std::string>& args) {
  const char* env = std::getenv("HUBSIM_PYTHON");
  const std::string python = env && *env ? env : (std::filesystem::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
  std::fflush(stdout);
  std::fflush(stderr);
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return std::string("cannot make a pipe (") + std::strerror(errno) + ")";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[0], STDIN_FILENO);  // dup2 clears close-on-exec
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGTERM);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
  std::vector<std::string> words{python, "-"};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  const int spawned = ::posix_spawnp(&pid, python.c_str(), &actions, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  ::close(fds[0]);
  if (spawned != 0) {
    ::close(fds[1]);
    return "cannot start " + python + " (" + std::strerror(spawned) + ")";
  }
  // A python that exits early must not kill us with SIGPIPE: ignore it while writing.
  void (*old)(int) = std::signal(SIGPIPE, SIG_IGN);
  for (std::size_t done = 0; done < script.size();) {
    const ssize_t n = ::write(fds[1], script.data() + done, script.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // the interpreter stopped reading; its exit status says why
    done += static_cast<std::size_t>(n);
  }
  ::close(fds[1]);
  std::signal(SIGPIPE, old);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return {};
  // The script explains itself (e.g. matplotlib missing) on stderr; this says what happened.
  return python + (WIFEXITED(status) ? " exited " + std::to_string(WEXITSTATUS(status))
                                     : " was killed by signal " + std::to_string(WTERMSIG(status)));
}

}  // namespace hubsim::app
