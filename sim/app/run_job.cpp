#include "sim/app/run_job.hpp"

#include <tbb/global_control.h>
#include <tbb/info.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <ctime>
#include <memory>
#include <type_traits>

#include "models/lancashire/agents.hpp"
#include "models/lancashire/model.hpp"
#include "sim/app/checkpoint.hpp"
#include "sim/app/safe_read.hpp"
#include "sim/app/version.hpp"
#include "sim/core/scheduler.hpp"
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

namespace {

/// Bytes of one row of an agent store: its columns' element sizes plus the id and alive flag.
template <class Columns>
double row_bytes() {
  Columns columns;
  double bytes = sizeof(core::AgentId) + 1;
  columns.for_each_column([&](auto& col) { bytes += sizeof(typename std::decay_t<decltype(col)>::value_type); });
  return bytes;
}

}  // namespace

MemoryEstimate estimate_memory(const Config& config) {
  const model::Params& p = config.params;
  const double months = config.run.steps();
  double jobs = 0, entrants_per_year = p.talent.reskilled_per_year + p.talent.apprentices_per_year;
  for (const auto& h : p.hubs) {
    jobs += static_cast<double>(h.digital_jobs);
    entrants_per_year += static_cast<double>(h.graduates_per_year);
  }
  const double scale = p.population.scale;
  // Upper bound on workers alive at once: the initial workforce and seekers, plus every entrant
  // over the period as if nobody left. Firms: at most half as many (the mean firm has ~5 staff).
  const double workers = scale * (jobs * (1 + p.population.seeker_share) + entrants_per_year * months / 12);
  const double firms = workers / 2;
  // x2: std::vector doubles its capacity when it grows; phases keep per-row scratch of similar size.
  double bytes = 2 * (workers * row_bytes<model::WorkerColumns>() + firms * row_bytes<model::FirmColumns>());
  // Snapshots: each row kept as agent columns (~20 bytes), concatenated once more, then as doubles.
  const auto every = p.output.snapshot_every_months;
  if (every > 0) bytes += std::floor(months / static_cast<double>(every)) * (workers * 72 + firms * 96);
  // Time series: flows (4 kinds x hubs^2) and ~50 (time, hub) variables, as records and as RunData.
  const double hubs = static_cast<double>(p.hubs.size());
  bytes += 2 * 8 * months * (4 * hubs * hubs + 50 * hubs);
  return {workers + firms, bytes};
}

io::RunData run_job(Config& config, const RunOptions& options) {
  const int threads = options.threads > 0 ? options.threads : tbb::info::default_concurrency();
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  const std::string started = utc_now_iso();
  const auto t0 = std::chrono::steady_clock::now();

  std::unique_ptr<model::LancashireModel> model;
  int months_done = 0;
  if (options.restart.empty()) {
    model = std::make_unique<model::LancashireModel>(config.params, config.run);
  } else {
    try {
      model = restore_model(options.restart, config, months_done);
    } catch (const io::RunFileError& e) {
      throw BadInputFile(e.what());  // bad input; failing to write a checkpoint stays an I/O error
    }
  }
  core::Scheduler scheduler(static_cast<std::uint64_t>(config.run.seed));
  model->schedule(scheduler);
  const auto on_step = [&](int done, int total) {
    const std::string month = (config.run.start + (done - 1)).iso();
    if (options.on_step) options.on_step(done, total, month);
    // Between months no task is running and no state is half-updated: the one safe place to save
    // the state or to stop.
    const bool stop = options.cancel && options.cancel->load() && done < total;
    const bool save = options.checkpoint_every > 0 && done < total && (done % options.checkpoint_every == 0 || stop);
    if (save) write_checkpoint(options.checkpoint, *model, config, done, options.output);
    if (stop)
      throw Cancelled("stopped after " + month +
                      (options.checkpoint_every > 0 ? "; state saved to " + options.checkpoint.string() +
                                                          " (continue with: hubsim run --restart " +
                                                          options.checkpoint.string() + ")"
                                                    : ""));
  };
  scheduler.run(config.run.start, config.run.steps(), on_step, months_done);

  io::RunData out = model->results();
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
