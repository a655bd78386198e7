#pragma once
/// --video and --gif: frames piped as raw pixels into Debian's ffmpeg, which is spawned with an
/// argument vector (posix_spawnp; no shell ever sees a path). No OpenGL here, so it is unit-tested.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>
#include <sys/types.h>

namespace hubsim::viz {

/// ffmpeg is missing, failed to start, or failed to encode; hubsim-view exits with 1.
class VideoError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Which frames a playback export shows: frame i is month `first + i * months_per_frame`, the
/// last one exactly `last` (so --to is always shown).
struct FramePlan {
  double first = 0;
  double months_per_frame = 0;
  int count = 1;
  double month(int i) const;
};

/// From month index `first` to `last` at `speed` months a second and `fps`: a frame every
/// speed / fps months; when those steps do not land on `last`, one frame more, with every step
/// shortened alike so that the last frame is `last`. With `seconds` > 0 the speed is instead set
/// so that the playback lasts exactly that long (round(seconds x fps) frames).
FramePlan plan_frames(double first, int last, double speed, int fps, double seconds = 0);

/// The arguments ffmpeg gets for `path` (".mp4": H.264, yuv420p; ".gif": a palette per frame),
/// reading `width` x `height` RGBX frames, bottom row first (as glReadPixels gives them), at
/// `fps` from its standard input and writing to `partial` (renamed to `path` when done).
std::vector<std::string> ffmpeg_arguments(const std::string& path, const std::string& partial, int width,
                                          int height, int fps);

/// An ffmpeg process encoding the frames it is given into `path`. The file appears (renamed from
/// `path`.part) only when every frame is encoded; after a failure nothing is left at `path`.
class VideoEncoder {
 public:
  VideoEncoder(const std::string& path, int width, int height, int fps);
  ~VideoEncoder();  ///< abandons an unfinished encoding: ffmpeg is stopped, the partial file removed
  VideoEncoder(const VideoEncoder&) = delete;
  VideoEncoder& operator=(const VideoEncoder&) = delete;

  /// One frame of width x height x 4 bytes, rows bottom-up. Throws VideoError if ffmpeg has gone.
  void add(const std::uint8_t* pixels);
  /// Closes the stream, waits for ffmpeg, and moves the file into place. Throws VideoError.
  void finish();

 private:
  std::string path_, partial_;
  std::size_t frame_bytes_ = 0;
  int pipe_ = -1;
  pid_t pid_ = -1;
};

}  // namespace hubsim::viz
