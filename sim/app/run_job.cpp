#include "sim/app/run_job.hpp"

#include <tbb/global_control.h>
#include <tbb/info.h>
#include <unistd.h>

#include <chrono>
#include <ctime>

#include "models/lancashire/model.hpp"
#include "sim/app/version.hpp"
#include "sim/core/scheduler.hpp"

namespace hubsim::app {
namespace {

std::string utc_now_iso() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string host_name() {
  char buf[256] = {};
  return gethostname(buf, sizeof buf - 1) == 0 ? buf : "unknown";
}

}  // namespace

bool is_timing_attribute(const std::string& name) {
  return name == "threads" || name == "wall_seconds" || name == "started_at" || name == "host";
}

io::RunData run_job(Config& config, const RunOptions& options) {
  const int threads = options.threads > 0 ? options.threads : tbb::info::default_concurrency();
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  const std::string started = utc_now_iso();
  const auto t0 = std::chrono::steady_clock::now();

  model::LancashireModel model(config.params, config.run);
  core::Scheduler scheduler(static_cast<std::uint64_t>(config.run.seed));
  model.schedule(scheduler);
  scheduler.run(config.run.start, config.run.steps(), [&](int done, int total) {
    if (options.on_step) options.on_step(done, total, (config.run.start + (done - 1)).iso());
  });

  io::RunData out = model.results();
  out.text_attributes["title"] = "hubsim run of the Lancashire digital hub ecosystem";
  out.text_attributes["scenario"] = config.run.scenario;
  out.text_attributes["config"] = io::to_yaml(config.describe());
  out.text_attributes["hubsim_version"] = kVersion;
  out.text_attributes["git_commit"] = kGitCommit;
  out.text_attributes["period"] = config.run.start.iso() + "/" + config.run.end.iso();
  out.int_attributes["seed"] = config.run.seed;
  out.text_attributes["started_at"] = started;
  out.text_attributes["host"] = host_name();
  out.int_attributes["threads"] = threads;
  out.real_attributes["population_scale"] = config.params.population.scale;
  out.real_attributes["wall_seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

}  // namespace hubsim::app
