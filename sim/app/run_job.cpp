#include "sim/app/run_job.hpp"

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <ctime>
#include <memory>
#include <type_traits>

#include "sim/app/checkpoint.hpp"
#include "sim/app/safe_read.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/io/run_file.hpp"

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

void drop_timing_attributes(io::RunData& run) {
  auto timing = [](const auto& kv) { return is_timing_attribute(kv.first); };
  std::erase_if(run.text_attributes, timing);
  std::erase_if(run.int_attributes, timing);
  std::erase_if(run.real_attributes, timing);
}

io::RunData run_job(const Config& config, const RunOptions& options) {
  const std::string started = utc_now_iso();
  const auto t0 = std::chrono::steady_clock::now();

  std::unique_ptr<engine::Simulation> sim;
  if (options.restart.empty()) {
    sim = std::make_unique<engine::Simulation>(config, options.threads);
  } else {
    try {
      sim = restore_simulation(options.restart, config, options.threads);
    } catch (const io::RunFileError& e) {
      throw BadInputFile(e.what());  // bad input; failing to write a checkpoint stays an I/O error
    }
  }
  while (!sim->finished()) {
    sim->step();
    const int done = sim->done(), total = sim->total();
    const std::string month = (config.run.start + (done - 1)).iso();
    if (options.on_step) options.on_step(done, total, month);
    // Between months no task is running and no state is half-updated: the one safe place to save
    // the state or to stop.
    const bool stop = options.cancel && options.cancel->load() && done < total;
    const bool save = options.checkpoint_every > 0 && done < total && (done % options.checkpoint_every == 0 || stop);
    if (save) write_checkpoint(options.checkpoint, *sim, options.output);
    if (stop)
      throw Cancelled("stopped after " + month +
                      (options.checkpoint_every > 0 ? "; state saved to " + options.checkpoint.string() +
                                                          " (continue with: hubsim run --restart " +
                                                          options.checkpoint.string() + ")"
                                                    : ""));
  }

  io::RunData out = sim->results();
  out.text_attributes["started_at"] = started;
  out.text_attributes["host"] = host_name();
  out.int_attributes["threads"] = sim->threads();
  out.real_attributes["wall_seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return out;
}

}  // namespace hubsim::app
