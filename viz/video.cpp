#include "viz/video.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstring>
#include <filesystem>

extern char** environ;

namespace hubsim::viz {

double FramePlan::month(int i) const {
  // The last frame is the last month exactly, not the sum of count - 1 rounded steps.
  return i + 1 >= count ? first + (count - 1) * months_per_frame : first + i * months_per_frame;
}

FramePlan plan_frames(double first, int last, double speed, int fps, double seconds) {
  FramePlan plan;
  plan.first = first;
  const double span = std::max(0.0, last - first);
  if (seconds > 0) {
    plan.count = std::max(1, static_cast<int>(std::lround(seconds * fps)));
    plan.months_per_frame = plan.count > 1 ? span / (plan.count - 1) : 0;
    return plan;
  }
  const double step = speed / fps;
  // Enough steps of at most speed / fps to reach `last`, all of one length.
  plan.count = static_cast<int>(std::ceil(span / step - 1e-6)) + 1;
  plan.months_per_frame = plan.count > 1 ? span / (plan.count - 1) : 0;
  // Keep the step at speed/fps while the steps land on `last` (the usual case): exact spacing.
  if (std::abs(span / step - std::round(span / step)) < 1e-6) plan.months_per_frame = step;
  return plan;
}

std::vector<std::string> ffmpeg_arguments(const std::string& path, const std::string& partial, int width,
                                          int height, int fps) {
  const bool gif = std::filesystem::path(path).extension() == ".gif";
  std::vector<std::string> args = {"ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
                                   "-f", "rawvideo", "-pixel_format", "rgb0",
                                   "-video_size", std::to_string(width) + "x" + std::to_string(height),
                                   "-framerate", std::to_string(fps), "-i", "pipe:0"};
  if (gif) {
    // A palette per frame (stats_mode=single, new=1): nothing is buffered, unlike a whole-run palette.
    args.insert(args.end(), {"-vf", "vflip,split[a][b];[a]palettegen=stats_mode=single[p];[b][p]paletteuse=new=1",
                             "-f", "gif"});
  } else {
    args.insert(args.end(), {"-vf", "vflip", "-c:v", "libx264", "-preset", "medium", "-crf", "23", "-pix_fmt",
                             "yuv420p", "-movflags", "+faststart", "-f", "mp4"});
  }
  args.push_back(partial);
  return args;
}

VideoEncoder::VideoEncoder(const std::string& path, int width, int height, int fps)
    : path_(path), partial_(path + ".part"), frame_bytes_(static_cast<std::size_t>(width) * height * 4) {
  const std::vector<std::string> args = ffmpeg_arguments(path_, partial_, width, height, fps);
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw VideoError(std::string("cannot make a pipe for ffmpeg: ") + std::strerror(errno));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[0], STDIN_FILENO);  // dup2 clears O_CLOEXEC on stdin
  const int rc = posix_spawnp(&pid_, "ffmpeg", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[0]);
  if (rc != 0) {
    ::close(fds[1]);
    pid_ = -1;
    throw VideoError(std::string("cannot run ffmpeg (") + std::strerror(rc) + "): install it with apt-get install ffmpeg");
  }
  pipe_ = fds[1];
  std::signal(SIGPIPE, SIG_IGN);  // ffmpeg dying must be an error from write(), not the end of the viewer
}

VideoEncoder::~VideoEncoder() {
  if (pipe_ >= 0) ::close(pipe_);
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  std::error_code ec;
  std::filesystem::remove(partial_, ec);
}

void VideoEncoder::add(const std::uint8_t* pixels) {
  std::size_t done = 0;
  while (done < frame_bytes_) {
    const ssize_t n = ::write(pipe_, pixels + done, frame_bytes_ - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw VideoError("ffmpeg stopped taking frames for " + path_ + " (see its message above)");
    done += static_cast<std::size_t>(n);
  }
}

void VideoEncoder::finish() {
  ::close(pipe_);
  pipe_ = -1;
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw VideoError("ffmpeg could not encode " + path_ + " (see its message above)");
  std::error_code ec;
  std::filesystem::rename(partial_, path_, ec);
  if (ec) throw VideoError("cannot write " + path_ + ": " + ec.message());
}

}  // namespace hubsim::viz
