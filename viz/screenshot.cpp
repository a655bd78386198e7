#include "viz/screenshot.hpp"

#define GL_GLEXT_PROTOTYPES  // framebuffer objects are core since GL 3.0; libOpenGL exports them
#include <GL/gl.h>
#include <GL/glext.h>
#include <stb_image_write.h>  // libstb exports the implementation: no STB_IMAGE_WRITE_IMPLEMENTATION

#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <vector>

#include "viz/video.hpp"

namespace hubsim::viz {
namespace {

// ImGui lays out auto-sized content over a frame or two; the third frame is the settled one.
constexpr int kSettleFrames = 3;

// A framebuffer with one RGBA8 colour renderbuffer, bound while it lives.
class Offscreen {
 public:
  Offscreen(int width, int height) {
    glGenFramebuffers(1, &fbo_);
    glGenRenderbuffers(1, &colour_);
    glBindRenderbuffer(GL_RENDERBUFFER, colour_);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, colour_);
    complete_ = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
  }
  ~Offscreen() {
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glDeleteRenderbuffers(1, &colour_);
    glDeleteFramebuffers(1, &fbo_);
  }
  Offscreen(const Offscreen&) = delete;
  Offscreen& operator=(const Offscreen&) = delete;
  bool complete() const { return complete_; }

 private:
  GLuint fbo_ = 0, colour_ = 0;
  bool complete_ = false;
};

// Reads the bound framebuffer and writes it as a PNG (rows flipped, alpha made opaque).
void save_png(const std::string& path, int width, int height) {
  glFinish();
  const auto w = static_cast<std::size_t>(width), h = static_cast<std::size_t>(height), stride = w * 4;
  std::vector<std::uint8_t> pixels(stride * h), flipped(stride * h);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  if (glGetError() != GL_NO_ERROR) throw ScreenshotError("cannot read back the rendered frame");
  // OpenGL's rows run bottom-up, PNG's top-down.
  for (std::size_t y = 0; y < h; ++y) std::memcpy(&flipped[y * stride], &pixels[(h - 1 - y) * stride], stride);
  for (std::size_t i = 3; i < flipped.size(); i += 4) flipped[i] = 255;  // blending leaves alpha < 1
  const std::filesystem::path out(path);
  std::error_code ec;
  if (out.has_parent_path()) std::filesystem::create_directories(out.parent_path(), ec);
  if (stbi_write_png(path.c_str(), width, height, 4, flipped.data(), static_cast<int>(stride)) == 0)
    throw ScreenshotError("cannot write " + path);
}

}  // namespace

bool is_frame_file(const std::filesystem::path& p) {
  const std::string name = p.filename().string();
  return name.size() == 15 && name.rfind("frame-", 0) == 0 && p.extension() == ".png" &&
         std::all_of(name.begin() + 6, name.begin() + 11, [](char c) { return c >= '0' && c <= '9'; });
}

void remove_frames(const std::string& dir) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.is_regular_file() && is_frame_file(entry.path())) std::filesystem::remove(entry.path(), ec);
}

void write_screenshot(const std::string& path, const Scene& scene, ViewState& state, const Fonts& fonts,
                      LiveSession* live, int width, int height, const std::string& layout_path) {
  Offscreen target(width, height);
  if (!target.complete())
    throw ScreenshotError("cannot render " + std::to_string(width) + "x" + std::to_string(height) + " offscreen");
  std::vector<DrawnNode> nodes;  // of the last frame only: the one that is saved
  for (int i = 0; i < kSettleFrames; ++i)
    render_frame(scene, state, fonts, live, width, height, 0.0, i + 1 == kSettleFrames ? &nodes : nullptr);
  save_png(path, width, height);
  if (layout_path.empty()) return;
  std::ofstream out(layout_path);
  out << drawn_nodes_json(nodes, width, height);
  if (!out.flush()) throw ScreenshotError("cannot write " + layout_path);
}

namespace {

// Renders the playback `plan` describes, one frame at a time, and hands each to `save(i)` while
// it is still in the bound framebuffer; the particles move with the frames' clock.
void play(const FramePlan& plan, int fps, const Scene& scene, ViewState& state, const Fonts& fonts, LiveSession* live,
          int width, int height, const std::function<void(int)>& save) {
  state.playing = false;  // each frame's month is set exactly; draw_frame only draws
  for (int i = 0; i < plan.count; ++i) {
    state.month = plan.month(i);
    state.anim_seconds = static_cast<double>(i) / fps;
    for (int k = 0; k < (i == 0 ? kSettleFrames : 1); ++k) render_frame(scene, state, fonts, live, width, height, 0.0);
    save(i);
  }
}

}  // namespace

int write_frames(const std::string& dir, int fps, const FramePlan& plan, const Scene& scene, ViewState& state,
                 const Fonts& fonts, LiveSession* live, int width, int height, bool replace) {
  Offscreen target(width, height);
  if (!target.complete())
    throw ScreenshotError("cannot render " + std::to_string(width) + "x" + std::to_string(height) + " offscreen");
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw ScreenshotError("cannot create " + dir + ": " + ec.message());
  if (replace) remove_frames(dir);
  play(plan, fps, scene, state, fonts, live, width, height, [&](int i) {
    char name[32];
    std::snprintf(name, sizeof name, "frame-%05d.png", i);
    save_png((std::filesystem::path(dir) / name).string(), width, height);
  });
  return plan.count;
}

int write_video(const std::string& path, int fps, const FramePlan& plan, const Scene& scene, ViewState& state,
                const Fonts& fonts, LiveSession* live, int width, int height) {
  Offscreen target(width, height);
  if (!target.complete())
    throw ScreenshotError("cannot render " + std::to_string(width) + "x" + std::to_string(height) + " offscreen");
  const std::filesystem::path out(path);
  std::error_code ec;
  if (out.has_parent_path()) std::filesystem::create_directories(out.parent_path(), ec);
  std::vector<std::uint8_t> pixels(static_cast<std::size_t>(width) * height * 4);
  try {
    VideoEncoder encoder(path, width, height, fps);
    play(plan, fps, scene, state, fonts, live, width, height, [&](int) {
      glPixelStorei(GL_PACK_ALIGNMENT, 1);
      glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());  // bottom-up: ffmpeg flips
      if (glGetError() != GL_NO_ERROR) throw ScreenshotError("cannot read back the rendered frame");
      encoder.add(pixels.data());
    });
    encoder.finish();
  } catch (const VideoError& e) {
    throw ScreenshotError(e.what());
  }
  return plan.count;
}

FrameTimes bench_frames(int frames, const Scene& scene, ViewState& state, const Fonts& fonts, LiveSession* live,
                        int width, int height) {
  Offscreen target(width, height);
  if (!target.complete())
    throw ScreenshotError("cannot render " + std::to_string(width) + "x" + std::to_string(height) + " offscreen");
  for (int i = 0; i < kSettleFrames; ++i) render_frame(scene, state, fonts, live, width, height, 0.0);
  // Playback as a workshop sees it: the month advances with the clock and loops, particles move.
  state.playing = true;
  state.loop = true;
  constexpr double kFrameSeconds = 1.0 / 60;  // the clock of a 60 fps display
  std::vector<double> ms;
  for (int i = 0; i < frames; ++i) {
    const double t0 = glfwGetTime();
    render_frame(scene, state, fonts, live, width, height, kFrameSeconds);
    glFinish();  // count the GPU's (here: Mesa's) work, not just the submission
    ms.push_back((glfwGetTime() - t0) * 1000.0);
  }
  std::sort(ms.begin(), ms.end());
  return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 95 / 100)], frames};
}

}  // namespace hubsim::viz
