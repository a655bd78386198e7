// Playback exports without a window: which months the frames show (the --to month always among
// them), the arguments ffmpeg gets (a vector, never a shell line), and a missing ffmpeg.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <string>

#include "viz/video.hpp"

using namespace hubsim::viz;

TEST_CASE("video: steps that land on --to end on it: 2022-01..07 at 6 months/s and 10 fps is 11 frames") {
  const FramePlan plan = plan_frames(0, 6, 6, 10);
  CHECK(plan.count == 11);
  CHECK(plan.months_per_frame == doctest::Approx(0.6));
  CHECK(plan.month(0) == 0);
  CHECK(plan.month(5) == doctest::Approx(3.0));
  CHECK(plan.month(10) == 6);
}

TEST_CASE("video: steps that overshoot --to get one more frame, on --to itself") {
  const FramePlan plan = plan_frames(0, 7, 6, 10);  // 7 months in steps of 0.6: 11.67 steps
  CHECK(plan.count == 13);
  CHECK(plan.month(12) == 7);  // August is drawn
  CHECK(plan.month(11) < 7);
  for (int i = 1; i < plan.count; ++i) CHECK(plan.month(i) > plan.month(i - 1));
}

TEST_CASE("video: --seconds sets the number of frames and spreads the months over them") {
  const FramePlan plan = plan_frames(0, 167, 6, 30, 30);  // the whole period in 30 s at 30 fps
  CHECK(plan.count == 900);
  CHECK(plan.month(0) == 0);
  CHECK(plan.month(899) == 167);
  CHECK(plan.months_per_frame == doctest::Approx(167.0 / 899));
  const FramePlan still = plan_frames(5, 5, 6, 30);  // --from = --to: one frame
  CHECK(still.count == 1);
  CHECK(still.month(0) == 5);
}

TEST_CASE("video: ffmpeg gets an argument vector, reading raw frames and writing the partial file") {
  const auto mp4 = ffmpeg_arguments("out dir/it's \"mine\".mp4", "out dir/it's \"mine\".mp4.part", 1920, 1080, 30);
  REQUIRE(mp4.size() > 10);
  CHECK(mp4.front() == "ffmpeg");
  CHECK(mp4.back() == "out dir/it's \"mine\".mp4.part");  // one argument, as given: no shell quoting
  auto after = [](const std::vector<std::string>& args, const std::string& flag) {
    const auto it = std::find(args.begin(), args.end(), flag);
    return it == args.end() || it + 1 == args.end() ? std::string() : *(it + 1);
  };
  CHECK(after(mp4, "-video_size") == "1920x1080");
  CHECK(after(mp4, "-framerate") == "30");
  CHECK(after(mp4, "-i") == "pipe:0");
  CHECK(after(mp4, "-c:v") == "libx264");
  CHECK(after(mp4, "-pix_fmt") == "yuv420p");
  CHECK(after(mp4, "-f") == "rawvideo");
  const auto gif = ffmpeg_arguments("a.gif", "a.gif.part", 640, 360, 10);
  CHECK(std::find(gif.begin(), gif.end(), "gif") != gif.end());
  CHECK(std::find(gif.begin(), gif.end(), "libx264") == gif.end());
}

TEST_CASE("video: without ffmpeg on the PATH the encoder says how to install it") {
  const char* old = std::getenv("PATH");
  const std::string saved = old ? old : "";
  setenv("PATH", "/nonexistent", 1);
  try {
    VideoEncoder encoder("/tmp/hubsim-viz-test-never.mp4", 16, 16, 10);
    FAIL("an encoder started without ffmpeg");
  } catch (const VideoError& e) {
    CHECK(std::string(e.what()).find("apt-get install ffmpeg") != std::string::npos);
  }
  setenv("PATH", saved.c_str(), 1);
}
