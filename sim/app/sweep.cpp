// Sweep directory layout: experiment.yaml (the definition, copied: a resume must match it),
// runs/<point>_<rep>.h5 (each written atomically; its presence means the run is done),
// runs/<point>_<rep>.error (why a run failed), summary.csv, summary.h5, index.csv.
// Crash safety (tests/RELIABILITY.md): every file is written as NAME.tmp-PID, synced and renamed,
// so a SIGKILL leaves either the complete file or none (plus, at most, temporaries that the next
// sweep over the directory removes). The summary files appear only once every run is done.
#include "sim/app/sweep.hpp"

#include <tbb/info.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <iostream>
#include <limits>
#include <mutex>
#include <optional>
#include <set>

#include "sim/app/run_job.hpp"
#include "sim/batch/dispatch.hpp"
#include "sim/batch/outcome.hpp"
#include "sim/batch/plan.hpp"
#include "sim/batch/progress_bar.hpp"
#include "sim/batch/summary.hpp"
#include "sim/io/run_file.hpp"

namespace hubsim::app {
namespace fs = std::filesystem;
using batch::Row;

namespace {

struct Sweep {
  const engine::ModelDescription* model = nullptr;
  batch::Experiment experiment;
  batch::Plan plan;
  fs::path dir;

  fs::path run_file(std::size_t run) const { return dir / "runs" / (plan.run_id(run) + ".h5"); }
  fs::path error_file(std::size_t run) const { return dir / "runs" / (plan.run_id(run) + ".error"); }

  Row blank_row(std::size_t run) const {
    Row r;
    r.run = run;
    r.run_id = plan.run_id(run);
    r.point = plan.point_of(run);
    r.replicate = plan.replicate_of(run);
    r.seed = plan.seed(run);
    r.values = plan.values[r.point];
    r.outcomes.assign(experiment.outcomes.size(), std::numeric_limits<double>::quiet_NaN());
    return r;
  }

  /// The row of a finished run; a run whose outcomes cannot be extracted is "failed".
  Row row_from(std::size_t run, const io::RunData& data) const {
    Row r = blank_row(run);
    try {
      const auto seed = data.int_attributes.find("seed");
      if (seed == data.int_attributes.end() || seed->second != r.seed)
        throw std::runtime_error("run file " + run_file(run).string() + " has another seed than the plan; "
                                 "was the experiment changed? remove the file or use a new directory");
      for (std::size_t i = 0; i < experiment.outcomes.size(); ++i)
        r.outcomes[i] = batch::extract_outcome(experiment.outcomes[i], data);
      r.status = "ok";
    } catch (const std::exception& e) {
      r.outcomes.assign(r.outcomes.size(), std::numeric_limits<double>::quiet_NaN());
      r.status = "failed";
      r.error = e.what();
    }
    return r;
  }

  Config config_of(std::size_t run) const {
    std::optional<std::string> base;
    if (experiment.base) base = experiment.resolve(*experiment.base).string();
    std::vector<std::string> sets = experiment.sets;
    const auto& values = plan.values[plan.point_of(run)];
    for (std::size_t i = 0; i < experiment.parameters.size(); ++i) {
      // "config" chooses the scenario file; every other key is an ordinary --set.
      if (experiment.parameters[i].key == "config") base = experiment.resolve(values[i]).string();
      else sets.push_back(experiment.parameters[i].key + "=" + values[i]);
    }
    Config config = engine::load_config(*model, base, sets);
    config.run.seed = plan.seed(run);
    return config;
  }

  /// Simulates one run and writes its file; never throws (a failure becomes the row's error).
  /// Returns nothing, and writes nothing, if `cancel` stopped the run before its last month.
  std::optional<Row> execute(std::size_t run, const std::atomic<bool>* cancel) const {
    std::error_code ec;
    try {
      Config config = config_of(run);
      RunOptions options;
      options.threads = 1;  // parallelism comes from running many runs at once
      options.cancel = cancel;
      io::RunData data = run_job(config, options);
      drop_timing_attributes(data);  // byte-identical run files on any number of jobs, shards or ranks
      io::write_run_file(run_file(run), data);
      fs::remove(error_file(run), ec);
      return row_from(run, data);
    } catch (const Cancelled&) {
      return std::nullopt;  // not a failure: the run is simply still to do
    } catch (const std::exception& e) {
      Row r = blank_row(run);
      r.status = "failed";
      r.error = e.what();
      try {
        batch::write_text_atomic(error_file(run), r.error + "\n");
      } catch (const std::exception&) {
      }  // the summary still records it for this process
      return r;
    }
  }

  /// Whether the run has finished (ok or failed) according to the directory.
  bool finished_on_disk(std::size_t run) const { return fs::exists(run_file(run)) || fs::exists(error_file(run)); }

  /// What the directory says about a run: its file, its error, or nothing yet.
  Row row_on_disk(std::size_t run) const {
    if (fs::exists(run_file(run))) {
      try {
        return row_from(run, io::read_run_file(run_file(run)));
      } catch (const io::RunFileError& e) {
        Row r = blank_row(run);
        r.status = "failed";
        r.error = e.what();
        return r;
      }
    }
    Row r = blank_row(run);
    if (fs::exists(error_file(run))) {
      std::string text = batch::read_text(error_file(run));
      while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
      r.status = "failed";
      r.error = text;
    } else {
      r.status = "missing";
    }
    return r;
  }
};

std::pair<int, int> parse_shard(const std::string& s) {
  int k = 0, n = 0;
  char slash = 0, extra = 0;
  if (std::sscanf(s.c_str(), "%d%c%d%c", &k, &slash, &n, &extra) != 3 || slash != '/' || n < 1 || k < 1 || k > n)
    throw io::ConfigError("--shard", 0, 0, "", "expected K/N with 1 <= K <= N, got \"" + s + "\"");
  return {k, n};
}

/// Creates the directory, or checks that it holds this same experiment (resuming a different
/// one would mix runs of two plans).
void prepare_directory(const fs::path& dir, const std::string& experiment_text) {
  fs::create_directories(dir / "runs");
  const fs::path copy = dir / "experiment.yaml";
  if (fs::exists(copy)) {
    if (batch::read_text(copy) != experiment_text)
      throw io::ConfigError(copy.string(), 0, 0, "",
                            "this directory holds a different experiment; use a new -o directory "
                            "(or remove it to start again)");
    return;
  }
  batch::write_text_atomic(copy, experiment_text);
}

/// Removes the temporaries (NAME.tmp-PID) that killed processes left in `dir` for the names `ours`
/// accepts. Only this process writes those names now (its runs, its summary), so none is live.
void remove_temporaries(const fs::path& dir, const std::function<bool(const std::string&)>& ours) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    const auto at = name.rfind(".tmp-");
    if (at != std::string::npos && ours(name.substr(0, at))) fs::remove(entry.path(), ec);
  }
}

const std::set<std::string> kSummaryFiles = {"summary.csv", "summary.h5", "index.csv"};

/// Writes summary.csv, summary.h5 and index.csv from `known` rows and, for the others, the
/// run files; returns the rows' statuses counted as (failed, missing). summary.csv comes last,
/// so once it exists the other two are complete as well.
std::pair<std::size_t, std::size_t> write_summary(const Sweep& sweep, std::vector<std::optional<Row>>& known) {
  batch::Summary summary;
  for (const auto& p : sweep.experiment.parameters) summary.parameters.push_back(p.key);
  for (const auto& o : sweep.experiment.outcomes) summary.outcomes.push_back(o.name);
  std::vector<std::string> files;
  std::size_t failed = 0, missing = 0;
  for (std::size_t run = 0; run < sweep.plan.runs(); ++run) {
    Row r = known[run] ? std::move(*known[run]) : sweep.row_on_disk(run);
    failed += r.status == "failed";
    missing += r.status == "missing";
    files.push_back(fs::exists(sweep.run_file(run)) ? "runs/" + r.run_id + ".h5" : "");
    summary.rows.push_back(std::move(r));
  }
  batch::write_summary_h5(sweep.dir / "summary.h5", summary);
  batch::write_text_atomic(sweep.dir / "index.csv", batch::index_csv(summary, files));
  batch::write_text_atomic(sweep.dir / "summary.csv", batch::summary_csv(summary));
  return {failed, missing};
}

}  // namespace

int sweep_command(const SweepArgs& args) {
  batch::Cluster cluster;
  const bool leader = cluster.rank() == 0;
  Sweep sweep;
  sweep.model = args.model;
  fs::path experiment_path = args.path;
  if (args.merge && fs::is_directory(args.path)) {
    sweep.dir = args.path;
    experiment_path = sweep.dir / "experiment.yaml";
  } else {
    if (args.output.empty()) throw io::ConfigError("-o", 0, 0, "", "the sweep directory (-o DIR) is required");
    sweep.dir = args.output;
  }
  if (args.merge && !args.shard.empty()) throw io::ConfigError("--merge", 0, 0, "", "--merge takes no --shard");
  if (!fs::is_regular_file(experiment_path))
    throw io::ConfigError(experiment_path.string(), 0, 0, "", "cannot read the experiment file");
  const std::string text = batch::read_text(experiment_path);
  sweep.experiment = batch::parse_experiment(text, experiment_path);
  sweep.plan = batch::make_plan(sweep.experiment);
  const std::size_t total = sweep.plan.runs();

  std::vector<std::optional<Row>> known(total);
  if (!args.merge) {
    const auto [k, n] = args.shard.empty() ? std::pair{1, 1} : parse_shard(args.shard);
    std::vector<std::size_t> todo;
    if (leader) {
      try {
        prepare_directory(sweep.dir, text);
        // Resume: a run whose file reads back is done; anything else is (re)run.
        std::set<std::string> ours;  // this shard's file names in runs/
        for (std::size_t run = 0; run < total; ++run) {
          if (run % static_cast<std::size_t>(n) != static_cast<std::size_t>(k - 1)) continue;
          ours.insert(sweep.run_file(run).filename().string());
          ours.insert(sweep.error_file(run).filename().string());
          if (fs::exists(sweep.run_file(run))) {
            Row r = sweep.row_on_disk(run);
            if (r.status == "ok") {
              known[run] = std::move(r);
              continue;
            }
            std::error_code ec;
            fs::remove(sweep.run_file(run), ec);
          }
          todo.push_back(run);
        }
        remove_temporaries(sweep.dir / "runs", [&](const std::string& name) { return ours.count(name) > 0; });
        if (args.shard.empty()) {
          // Only a whole sweep writes the summary; an old one would describe runs about to change.
          remove_temporaries(sweep.dir, [](const std::string& name) {
            return name == "experiment.yaml" || kSummaryFiles.count(name) > 0;
          });
          if (!todo.empty())
            for (const auto& name : kSummaryFiles) fs::remove(sweep.dir / name);
        }
      } catch (const io::ConfigError& e) {
        if (!cluster.distributed()) throw;
        std::cerr << "hubsim: error: " << e.what() << "\n";
        cluster.abort(2);
      }
    }
    const std::size_t mine = static_cast<std::size_t>(std::count_if(known.begin(), known.end(), [](auto& r) { return r.has_value(); }));
    const int jobs = args.jobs > 0 ? args.jobs : tbb::info::default_concurrency();
    if (leader && !args.quiet)
      std::fprintf(stderr, "hubsim sweep %s: %zu points x %d replicates = %zu runs%s; %zu to do on %s\n",
                   sweep.experiment.name.c_str(), sweep.plan.points(), sweep.plan.replicates, total,
                   args.shard.empty() ? "" : (" (shard " + args.shard + ")").c_str(), todo.size(),
                   cluster.distributed() ? (std::to_string(cluster.size()) + " MPI ranks").c_str()
                                         : (std::to_string(jobs) + " threads").c_str());
    batch::ProgressBar progress(todo.size() + mine, mine, leader && !args.quiet);
    std::mutex rows_mutex;
    auto task = [&](std::size_t run) {
      std::optional<Row> r = sweep.execute(run, args.cancel);
      const std::lock_guard lock(rows_mutex);
      known[run] = std::move(r);
    };
    // Rows of this process's runs are in `known` (none if cancelled); other ranks' runs, whose
    // rows are read back from their files at the end, count as done once their file is there.
    auto on_done = [&](std::size_t run) {
      const std::lock_guard lock(rows_mutex);
      if (known[run]) progress.tick(known[run]->status != "ok");
      else if (cluster.distributed() && sweep.finished_on_disk(run)) progress.tick(!fs::exists(sweep.run_file(run)));
    };
    const bool all_started = cluster.distributed() ? cluster.run(todo, task, on_done, args.cancel)
                                                   : batch::run_local(todo, jobs, task, on_done, args.cancel);
    progress.finish();
    const bool interrupted = !all_started || (args.cancel && args.cancel->load());
    if (interrupted) cluster.skip_finalize();
    if (!leader) return interrupted ? kSweepInterrupted : 0;
    if (interrupted) {
      // A signal after the last run finished leaves nothing to do: the sweep counts as complete.
      const auto left = std::count_if(todo.begin(), todo.end(),
                                      [&](std::size_t run) { return !known[run] && !sweep.finished_on_disk(run); });
      if (left > 0) {
        std::string again = "hubsim sweep " + args.path + " -o " + sweep.dir.string();
        if (!args.shard.empty()) again += " --shard " + args.shard;
        std::fprintf(stderr, "hubsim: interrupted, %zu of %zu runs done (their files are kept in %s); "
                     "re-run the same command to finish: %s\n", todo.size() + mine - static_cast<std::size_t>(left),
                     todo.size() + mine, (sweep.dir / "runs").string().c_str(), again.c_str());
        return kSweepInterrupted;
      }
    }
    if (!args.shard.empty()) {
      if (!args.quiet)
        std::fprintf(stderr, "shard %s done; when every shard is, join them: hubsim sweep --merge %s\n",
                     args.shard.c_str(), sweep.dir.string().c_str());
      return 0;
    }
  }

  if (!leader) return 0;
  const auto [failed, missing] = write_summary(sweep, known);
  if (!args.quiet) {
    std::printf("%zu runs: %zu ok, %zu failed, %zu missing\n", total, total - failed - missing, failed, missing);
    std::printf("summary: %s (and summary.h5), index: %s\n", (sweep.dir / "summary.csv").string().c_str(),
                (sweep.dir / "index.csv").string().c_str());
  }
  if (failed) std::fprintf(stderr, "hubsim: warning: %zu runs failed; their errors are in summary.csv\n", failed);
  if (missing) {
    std::fprintf(stderr, "hubsim: error: %zu runs have no file yet: run the missing shards, then --merge again\n", missing);
    return 1;
  }
  return 0;
}

}  // namespace hubsim::app
