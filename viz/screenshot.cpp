#include "viz/screenshot.hpp"

#define GL_GLEXT_PROTOTYPES  // framebuffer objects are core since GL 3.0; libOpenGL exports them
#include <GL/gl.h>
#include <GL/glext.h>
#include <stb_image_write.h>  // libstb exports the implementation: no STB_IMAGE_WRITE_IMPLEMENTATION

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <vector>

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

}  // namespace

void write_screenshot(const std::string& path, const Replay& replay, ViewState& state, const Fonts& fonts, int width,
                      int height) {
  Offscreen target(width, height);
  if (!target.complete())
    throw ScreenshotError("cannot render " + std::to_string(width) + "x" + std::to_string(height) + " offscreen");
  for (int i = 0; i < kSettleFrames; ++i) render_frame(replay, state, fonts, width, height);
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

}  // namespace hubsim::viz
