// hubsim: the command line over any registered model. Exit codes: 0 success, 1 internal or I/O
// failure (including writing a run file), 2 bad input (config, arguments, or an input run file
// that cannot be read).
#include "sim/app/cli.hpp"

#include <CLI/CLI.hpp>

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "sim/app/analyse.hpp"
#include "sim/app/report.hpp"
#include "sim/app/calibrate.hpp"
#include "sim/app/bench.hpp"
#include "sim/app/checkpoint.hpp"
#include "sim/app/inspect.hpp"
#include "sim/app/outputs.hpp"
#include "sim/app/progress.hpp"
#include "sim/app/rerun.hpp"
#include "sim/app/run_job.hpp"
#include "sim/app/safe_read.hpp"
#include "sim/app/sweep.hpp"
#include "sim/engine/version.hpp"
#include "sim/io/run_file.hpp"

namespace {

using namespace hubsim;

constexpr int kBadInput = 2;

using app::BadInputFile;

io::RunData read_input(const std::string& path) {
  try {
    app::check_input_file(path, "run file");
    return app::read_untrusted_run_file(path);
  } catch (const io::RunFileError& e) {
    throw BadInputFile(e.what());
  }
}

struct CommonConfigArgs {
  std::string config;
  std::vector<std::string> sets;
  std::vector<std::string> changes;  ///< "YYYY-MM:key=value"
  std::optional<std::string> file() const { return config.empty() ? std::nullopt : std::optional(config); }
};

std::vector<CLI::Option*> add_config_args(CLI::App* cmd, CommonConfigArgs& args) {
  return {cmd->add_option("config", args.config,
                          "Scenario YAML overlaid on the built-in config (default: the built-in config alone)"),
          cmd->add_option("--set", args.sets, "Override one parameter, e.g. --set labour.commute_minutes=60 "
                                              "or --set hubs.Preston.incubation_space=90 (repeatable)"),
          cmd->add_option("--change", args.changes,
                          "From a month on, give a parameter a new value: --change 2026-03:labour.commute_minutes=60 "
                          "(repeatable; only parameters that can change during a run; recorded in run.changes)")};
}

struct RunArgs {
  CommonConfigArgs config;
  std::string output;
  std::string from;
  std::string restart;          ///< continue from this checkpoint
  int checkpoint_every = 0;     ///< months between checkpoints, 0: none
  std::string checkpoint;       ///< where checkpoints go (default: next to the output)
  bool keep_checkpoint = false; ///< keep checkpoints once the run file is written
  std::optional<std::int64_t> seed;
  int threads = 0;
  bool quiet = false;
  bool record_timing = false;  ///< keep threads, wall time, start time and host in the file
  double max_memory_gib = 0;  ///< 0: 75% of physical memory
};

// SIGINT/SIGTERM (tests/RELIABILITY.md): the handler only raises a flag; run_job stops at the next
// month boundary and nothing is written. A second signal exits at once: a run file being written
// is then left as its temporary, never as a half-written file at the output path.
constexpr int kInterrupted = 130;  // 128 + SIGINT, as shells report it
std::atomic<bool> g_interrupted{false};

void on_interrupt(int) {
  if (g_interrupted.exchange(true)) ::_exit(kInterrupted);
}

void install_interrupt_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_interrupt;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

// Absurd populations or horizons fail here, before allocating, instead of exhausting memory.
void check_memory(const app::Config& config, const RunArgs& args) {
  const auto [limit, what] = app::memory_limit(args.max_memory_gib);
  const engine::MemoryEstimate need = config.model->estimate_memory(*config.params, config.run);
  if (need.bytes <= limit) return;
  const auto size = app::memory_size;
  char agents[32];
  std::snprintf(agents, sizeof agents, "%.3g", need.agents);
  const auto source = !args.from.empty() ? args.from : args.config.file().value_or("config");
  throw io::ConfigError(source, 0, 0, config.model->scale_key,
                        "this run would need about " + size(need.bytes) + " of memory (" + agents + " agents over " +
                            std::to_string(config.run.steps()) + " months), more than the limit of " + size(limit) +
                            " (" + what + "); lower population.scale, shorten the period or snapshot less often");
}

// The scenario name becomes a file name by default: anything but letters, digits, '-', '_' and '.'
// becomes '_', so a scenario such as "../x" or "a/b" cannot write outside runs/ (issue 8).
std::string safe_file_name(const std::string& name) {
  std::string out;
  for (const char c : name)
    out += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ? c : '_';
  // Nor hidden ("." first), nor empty.
  for (char& c : out) {
    if (c != '.') break;
    c = '_';
  }
  return out.empty() ? "_" : out;
}

// The config to run: from a checkpoint (--restart) or a run file (--from), or default + scenario +
// --set + --seed.
app::Config run_config(const engine::ModelDescription& model, const RunArgs& args,
                       std::optional<app::CheckpointInfo>& restart) {
  if (!args.restart.empty()) {
    app::check_input_file(args.restart, "--restart");
    try {
      restart = app::read_checkpoint_info(model, args.restart);
    } catch (const io::RunFileError& e) {
      throw BadInputFile(e.what());
    }
    return restart->config;
  }
  if (!args.from.empty()) {
    const io::RunData original = read_input(args.from);
    std::cerr << app::version_note(original, args.from);
    try {
      return app::config_from_run(model, original, args.from);
    } catch (const io::RunFileError& e) {
      throw BadInputFile(e.what());
    }
  }
  app::Config config = engine::load_config(model, args.config.file(), args.config.sets, args.config.changes);
  if (args.seed) {
    if (*args.seed < 0) throw io::ConfigError("--seed", 0, 0, "run.seed", "expected a non-negative integer");
    config.run.seed = *args.seed;
  }
  return config;
}

// Where a restarted run writes without -o. A path read from a file is never trusted: the one the
// checkpoint recorded is used only if it lies in the checkpoint's own directory (where `hubsim
// run` puts checkpoints by default, and where an edited "../../x" cannot point); otherwise the
// user must say where, with -o.
std::filesystem::path restart_output(const std::string& checkpoint, const app::CheckpointInfo& info) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path stored = info.output;
  const fs::path here = fs::weakly_canonical(fs::absolute(checkpoint), ec).parent_path();
  const bool beside = !stored.empty() && stored.is_absolute() && stored.has_filename() &&
                      stored.filename() != ".." && fs::weakly_canonical(stored, ec).parent_path() == here;
  if (!beside)
    throw io::ConfigError("--restart", 0, 0, "",
                          checkpoint + " records its run file as \"" + app::printable_path(stored.string()) +
                              "\", which is not in the checkpoint's directory; give the run file to write with -o");
  return stored;
}

int run_command(const engine::ModelDescription& model, const RunArgs& args) {
  std::optional<app::CheckpointInfo> restart;
  app::Config config = run_config(model, args, restart);
  check_memory(config, args);
  std::filesystem::path out_path(args.output);
  if (out_path.empty()) {
    if (restart) out_path = restart_output(args.restart, *restart);
    else if (!args.from.empty()) out_path = app::default_rerun_path(args.from);
    else out_path = "runs/" + safe_file_name(config.run.scenario) + ".h5";
  }
  const std::filesystem::path checkpoint =
      args.checkpoint.empty() ? app::default_checkpoint_path(out_path) : std::filesystem::path(args.checkpoint);
  // Every file this run will write is checked now, not after the simulation (issue 17).
  app::check_output_file(out_path, args.output.empty() ? "output" : "-o");
  if (args.checkpoint_every > 0) app::check_output_file(checkpoint, "--checkpoint");
  if (out_path.has_parent_path()) std::filesystem::create_directories(out_path.parent_path());
  if (args.checkpoint_every > 0 && checkpoint.has_parent_path())
    std::filesystem::create_directories(checkpoint.parent_path());
  if (args.checkpoint_every > 0) app::remove_stale_temporaries(checkpoint);  // left by a killed write

  if (!args.quiet)
    std::fprintf(stderr, "hubsim %s: scenario %s, seed %lld, %s..%s%s%s\n", engine::kVersion, config.run.scenario.c_str(),
                 static_cast<long long>(config.run.seed), config.run.start.iso().c_str(), config.run.end.iso().c_str(),
                 args.from.empty() ? "" : ", re-running ", args.from.c_str());
  if (!args.quiet && !args.restart.empty())
    std::fprintf(stderr, "hubsim: continuing from %s after %d months (%s onward)\n", args.restart.c_str(),
                 restart->months_done, (config.run.start + restart->months_done).iso().c_str());
  app::Progress progress(!args.quiet);
  app::RunOptions options;
  options.threads = args.threads;
  options.on_step = [&](int done, int total, const std::string& label) { progress.update(done, total, label); };
  options.cancel = &g_interrupted;
  options.checkpoint_every = args.checkpoint_every;
  options.checkpoint = checkpoint;
  options.output = out_path;
  options.restart = args.restart;
  install_interrupt_handlers();
  io::RunData run = app::run_job(config, options);
  progress.finish();
  const auto threads = run.int_attributes["threads"];
  const double wall_seconds = run.real_attributes["wall_seconds"];
  if (!args.record_timing) app::drop_timing_attributes(run);
  // Timed so the cost of output stays visible next to the simulation time (budget: < 10%).
  const auto t0 = std::chrono::steady_clock::now();
  io::write_run_file(out_path, run);
  const double write_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  // The run file supersedes the run's checkpoints: the one it wrote and the one it continued from.
  if (!args.keep_checkpoint) {
    std::error_code ignored;
    if (args.checkpoint_every > 0) std::filesystem::remove(checkpoint, ignored);
    if (!args.restart.empty()) std::filesystem::remove(args.restart, ignored);
  }

  if (model.summary) std::cout << model.summary(run);
  std::cout << "\nRun written to " << out_path.string() << " (" << threads << " threads, " << wall_seconds
            << " s simulated, written in " << write_seconds << " s)\n";
  return 0;
}

}  // namespace

static int dispatch_cli(int argc, char** argv, const engine::ModelDescription& model, const std::string& about) {
  CLI::App cli{about};
  cli.set_version_flag("--version", std::string(engine::kVersion) + " (" + engine::kGitCommit + ")");
  cli.require_subcommand(1);

  RunArgs run_args;
  auto* run = cli.add_subcommand("run", "Simulate a scenario, print a summary and write an HDF5 run file");
  const auto config_options = add_config_args(run, run_args.config);
  run->add_option("-o,--output", run_args.output,
                  "Run file to write (default: runs/<scenario>.h5; with --from: <RUN>.rerun.h5 next to RUN; "
                  "with --restart: the file the stopped run was to write)");
  // Checked as run.seed in a config is (the same bounds and messages), before CLI11 converts it:
  // CLI11 2.1 would turn 99999999999999999999 into INT64_MAX silently (issue 17).
  auto* seed_option =
      run->add_option("--seed", run_args.seed, "Random seed (overrides run.seed; 0 to 2^53-1)")
          ->transform(CLI::Validator(
              [](std::string& value) -> std::string {
                io::RunSettings probe;
                try {
                  io::apply_override([&probe](io::ParamVisitor& v) { io::describe(v, probe); }, "run.seed=" + value);
                } catch (const io::ConfigError& e) {
                  return e.key_path() + ": " + e.problem();
                }
                value = std::to_string(probe.seed);  // what CLI11 then converts: "1e3" is 1000, as in a config
                return {};
              },
              ""));
  auto* from_option = run->add_option("--from", run_args.from,
                                      "Re-run the config and seed stored in this run file; the new file is "
                                      "byte-identical to it (made by the same hubsim without --record-timing)");
  for (auto* other : config_options) from_option->excludes(other);
  from_option->excludes(seed_option);
  auto* restart_option =
      run->add_option("--restart", run_args.restart,
                      "Continue a stopped run from its checkpoint (written with --checkpoint-every); the run file "
                      "is byte-identical to that of a run that never stopped");
  for (auto* other : config_options) restart_option->excludes(other);
  restart_option->excludes(seed_option)->excludes(from_option);
  run->add_option("--checkpoint-every", run_args.checkpoint_every,
                  "Save the full state every N months (and when interrupted), replacing the previous checkpoint")
      ->check(CLI::Range(1, 100000));
  run->add_option("--checkpoint", run_args.checkpoint,
                  "Checkpoint file (default: <output stem>.checkpoint.h5 next to the run file)");
  run->add_flag("--keep-checkpoint", run_args.keep_checkpoint,
                "Keep the checkpoint written (and the one given to --restart) once the run file is written; "
                "by default both are deleted then");
  run->add_option("--threads", run_args.threads,
                  "Worker threads; results are identical for any number (default: all cores)")
      ->check(CLI::Range(0, 1024));
  run->add_flag("-q,--quiet", run_args.quiet, "No progress output");
  run->add_flag("--record-timing", run_args.record_timing,
                "Also record threads, wall_seconds, started_at and host in the run file (left out by default, so "
                "that the same config, seed and version give a byte-identical file)");
  run->add_option("--max-memory", run_args.max_memory_gib,
                  "Refuse runs estimated to need more than this many GiB (default: 75% of physical memory)")
      ->check(CLI::PositiveNumber);

  std::string inspect_path;
  auto* inspect = cli.add_subcommand("inspect", "Print what a run file holds: scenario, period, provenance, "
                                                "dimensions, variables and headline outcomes (or what a "
                                                "checkpoint holds and how to continue it)");
  inspect->add_option("file", inspect_path, "Run file (.h5) written by hubsim run, or a checkpoint")->required();

  CommonConfigArgs check_args;
  auto* check = cli.add_subcommand("check", "Validate a config and print it fully resolved, as YAML");
  add_config_args(check, check_args);

  auto* params = cli.add_subcommand("params", "Print the parameter reference (Markdown), with the built-in defaults");

  // Batch mode (sim/batch/README.md).
  app::SweepArgs sweep_args;
  auto* sweep = cli.add_subcommand("sweep", "Run an experiment's parameter sweep (points x replicates) in parallel, "
                                            "resumably; writes DIR/runs/*.h5, DIR/summary.csv, DIR/sweep.nc (the "
                                            "summary as one NetCDF dataset) and DIR/index.csv");
  sweep->add_option("experiment", sweep_args.path, "Experiment YAML (see experiments/sweeps/); with --merge, "
                                                     "the sweep directory may be given instead")->required();
  sweep->footer("Recompute outcomes without simulating: edit the experiment's outcomes, then\n"
                "  hubsim sweep EDITED.yaml -o DIR --merge\n"
                "reads every run file in DIR/runs, rewrites the summary and replaces DIR/experiment.yaml with\n"
                "EDITED.yaml (only its outcomes and name may differ: the runs must be the same). Joining shards:\n"
                "  hubsim sweep --merge DIR");
  sweep->add_option("-o,--output", sweep_args.output, "Sweep directory; re-running the same command resumes it");
  sweep->add_option("-j,--jobs", sweep_args.jobs, "Runs at once (default: all cores); under mpirun, one per rank")
      ->check(CLI::Range(0, 4096));
  sweep->add_option("--shard", sweep_args.shard, "K/N: run only runs with index % N == K-1 (cluster array jobs); "
                                                 "join the shards with --merge");
  sweep->add_flag("--merge", sweep_args.merge,
                  "Run nothing: build the summary and index from the run files present (joins --shard slices); "
                  "with an edited experiment, recompute its outcomes and record it as DIR/experiment.yaml");
  sweep->add_flag("-q,--quiet", sweep_args.quiet, "No progress output");
  sweep->add_option("--max-memory", sweep_args.max_memory_gib,
                    "Refuse sweeps whose runs at once are estimated to need more than this many GiB "
                    "(default: 75% of physical memory)")
      ->check(CLI::PositiveNumber);
  app::CollectArgs collect_args;
  auto* collect = cli.add_subcommand("collect", "Write a finished sweep as one NetCDF-4 file over a `run` dimension "
                                                "(parameters, seed and scenario as coordinates; outcomes and chosen "
                                                "time series as variables) for xarray and pandas");
  collect->add_option("dir", collect_args.dir, "Sweep directory (hubsim sweep -o DIR)")->required();
  collect->add_option("-o,--output", collect_args.output, "File to write (default: DIR/sweep.nc)");
  collect->add_option("--series", collect_args.series,
                      "A time series to include for every run: VARIABLE (all its dims, e.g. employment) or "
                      "VARIABLE@HUBS summed over a hub or group (employment@county, hires@Preston); repeatable");
  collect->add_flag("-q,--quiet", collect_args.quiet, "No report");
  app::CalibrateArgs calibrate_args;
  auto* calibrate = cli.add_subcommand("calibrate", "Calibrate uncertain parameters to targets by ABC-SMC (adaptive "
                                                    "tolerances), running each batch of proposals as a sweep; writes "
                                                    "the posterior ensemble, generations, predictive checks and charts");
  calibrate->add_option("spec", calibrate_args.spec, "Calibration YAML (see experiments/calibration/lancashire.yaml)")->required();
  calibrate->add_option("-o,--output", calibrate_args.output, "Calibration directory; re-running the same command resumes it")
      ->required();
  calibrate->add_option("-j,--jobs", calibrate_args.jobs, "Runs at once (default: all cores); under mpirun, one per rank")
      ->check(CLI::Range(0, 4096));
  calibrate->add_option("--budget", calibrate_args.budget, "Most model runs in all: stop after the last generation that fits "
                                                           "(a quick check of the whole path)")
      ->check(CLI::PositiveNumber);
  calibrate->add_option("--shard", calibrate_args.shard, "K/N: run slice K of the pending round, then stop (array jobs); "
                                                         "join with --merge");
  calibrate->add_flag("--merge", calibrate_args.merge, "Join the shards of the pending round and go on until the next "
                                                       "round needs runs");
  calibrate->add_flag("!--no-plot", calibrate_args.plot, "Skip the PNG charts");
  calibrate->add_flag("-q,--quiet", calibrate_args.quiet, "No progress output");
  app::AnalyseArgs analyse_args;
  auto* analyse = cli.add_subcommand("analyse", "Sensitivity analysis of a finished sweep: Sobol or Morris indices and "
                                                "outcome bands, as tables, CSV and PNG charts under DIR/analysis/");
  analyse->add_option("dir", analyse_args.dir, "Sweep directory (hubsim sweep -o DIR)")->required();
  analyse->add_option("--bootstrap", analyse_args.resamples, "Bootstrap resamples for Sobol and Morris CIs")->check(CLI::Range(10, 100000));
  analyse->add_flag("!--no-plot", analyse_args.plot, "Skip the PNG charts");
  analyse->add_option("--baseline", analyse_args.baseline,
                      "Point that paired differences are taken from: its label (a scenario file's stem) or number "
                      "(default: the first point)");
  analyse->add_option("--discover", analyse_args.discover,
                      "Scenario discovery: PRIM boxes of the inputs where 'OUTCOME OP NUMBER' holds "
                      "(e.g. 'employment_2035 >= 50000'; OP one of >= > <= <)");
  app::ReportArgs report_args;
  auto* report = cli.add_subcommand("report", "Write a policy brief: one self-contained HTML page (charts embedded) "
                                              "with every analysis of one or more finished sweeps");
  report->add_option("dirs", report_args.dirs, "Sweep directories (hubsim sweep -o DIR), in the order shown")->required();
  report->add_option("-o,--output", report_args.output, "The HTML file to write")->required();
  report->add_option("--discover", report_args.discover,
                     "Add PRIM boxes where 'OUTCOME OP NUMBER' holds, for every sweep with that outcome");
  report->add_option("--bootstrap", report_args.resamples, "Bootstrap resamples for Sobol and Morris CIs")
      ->check(CLI::Range(10, 100000));

  // Performance (issue 7, docs/PERFORMANCE.md); --case/--scale/--threads run one case (internal).
  app::BenchArgs bench_args;
  auto* bench = cli.add_subcommand("bench", "Benchmark the full model: agent-steps/s at ~50k, 250k and 1M agents on 1 "
                                            "and all threads, time per phase, peak memory, HDF5 and RNG shares, "
                                            "end-to-end run time and sweep throughput");
  bench->add_option("config", bench_args.config, "Scenario YAML (default: the built-in config)");
  bench->add_option("--set", bench_args.sets, "Override one parameter (repeatable)");
  bench->add_option("--reps", bench_args.reps, "Timed repetitions per case, after a warm-up (median reported)")
      ->check(CLI::Range(1, 100));
  bench->add_flag("--quick", bench_args.quick, "Smaller cases and one repetition (under 30 s)");
  bench->add_option("--csv", bench_args.csv, "Also write one CSV row per case to this file");
  bench->add_option("--months", bench_args.months, "Months simulated per scaling case (default 60; --quick 12)")
      ->check(CLI::Range(1, 2400));
  bench->add_option("--agents", bench_args.agents, "Agents per scaling case, comma-separated "
                                                  "(default 50000,250000,1000000)")
      ->delimiter(',')->allow_extra_args(false)->check(CLI::PositiveNumber);
  bench->add_option("--case", bench_args.child_case, "")->check(CLI::IsMember({"model", "sweep"}))->group("");
  bench->add_option("--scale", bench_args.scale, "")->check(CLI::PositiveNumber)->group("");
  bench->add_option("--threads", bench_args.threads, "")->check(CLI::Range(1, 1024))->group("");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return cli.exit(e);  // --help, --version: printed as CLI11 does
    // Any other command-line error: one line, "hubsim: error: ...", exit 2 (issue 17).
    std::string names;
    for (const CLI::App* sub : cli.get_subcommands([](const CLI::App*) { return true; }))
      names += (names.empty() ? "" : ", ") + sub->get_name();
    const auto parsed = cli.get_subcommands();
    std::string message = e.what();
    if (parsed.empty() && argc > 1 && argv[1][0] != '-')  // CLI11 says "A subcommand is required"
      message = "unknown subcommand \"" + std::string(argv[1]) + "\"; expected one of " + names;
    else if (parsed.empty() && argc > 1)
      message = "unknown option \"" + std::string(argv[1]) + "\"; expected a subcommand first, one of " + names;
    else if (parsed.empty())
      message = "a subcommand is required; expected one of " + names;
    for (std::size_t at; (at = message.find('\n')) != std::string::npos;) message.replace(at, 1, "; ");
    std::cerr << "hubsim: error: " << io::escape_text(message, 480) << " (see hubsim"
              << (parsed.empty() ? "" : " " + parsed.back()->get_name()) << " --help)\n";
    return kBadInput;
  }

  try {
    if (*run) return run_command(model, run_args);
    if (*sweep) {
      sweep_args.model = &model;
      sweep_args.cancel = &g_interrupted;  // stops starting runs and cancels running ones (sweep.hpp)
      install_interrupt_handlers();
      return app::sweep_command(sweep_args);
    }
    if (*calibrate) {
      calibrate_args.model = &model;
      calibrate_args.cancel = &g_interrupted;
      install_interrupt_handlers();
      return app::calibrate_command(calibrate_args);
    }
    if (*analyse && app::is_calibration_dir(analyse_args.dir)) return app::calibration_summary(analyse_args.dir);
    if (*analyse) {
      analyse_args.model = &model;
      return app::analyse_command(analyse_args);
    }
    if (*report) {
      report_args.model = &model;
      return app::report_command(report_args);
    }
    if (*collect) {
      collect_args.model = &model;
      return app::collect_command(collect_args);
    }
    if (*bench) {
      bench_args.model = &model;
      return app::bench_command(bench_args);
    }
    if (*inspect) {
      io::RunData data;
      try {
        data = read_input(inspect_path);
      } catch (const BadInputFile&) {
        // Not a run file: it may be a checkpoint (looked for only now, to keep run files fast).
        std::optional<std::string> checkpoint;
        try {
          checkpoint = app::checkpoint_text(model, inspect_path);
        } catch (const io::RunFileError& e) {
          throw BadInputFile(e.what());
        }
        if (!checkpoint) throw;
        std::cout << *checkpoint;
        return 0;
      }
      std::cout << app::inspect_text(inspect_path, data);
      return 0;
    }
    if (*check) {
      app::Config config = engine::load_config(model, check_args.file(), check_args.sets, check_args.changes);
      std::cout << io::to_yaml(config.describe());
      return 0;
    }
    if (*params) {
      app::Config config = engine::load_config(model, std::nullopt, {});
      std::cout << io::reference_markdown(
          config.describe(), "hubsim parameter reference",
          "Every parameter of the " + model.default_config_source + ", with its meaning, unit, valid range, "
          "default, and whether it can change during a run.\nGenerated by `hubsim params`; a test fails if this file "
          "is out of date.\nScenario files overlay any subset of these keys; `--set key.path=value` overrides one; "
          "`--change YYYY-MM:key.path=value` changes one from a month on (\"any month\" parameters only).");
      return 0;
    }
  } catch (const app::Cancelled& e) {
    std::cerr << "hubsim: interrupted, " << io::escape_text(e.what()) << "; no run file written\n";
    return kInterrupted;
  } catch (const io::ConfigError& e) {
    std::cerr << "hubsim: error: " << e.what() << "\n";  // escaped when it was made
    return kBadInput;
  } catch (const BadInputFile& e) {
    // Messages about files may quote their content: shown escaped, never as raw terminal codes.
    std::cerr << "hubsim: error: " << io::escape_text(e.what(), 2000) << "\n";
    return kBadInput;
  } catch (const io::RunFileError& e) {
    std::cerr << "hubsim: error: " << io::escape_text(e.what(), 2000) << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "hubsim: internal error: " << io::escape_text(e.what(), 2000) << "\n";
    return 1;
  }
  return 0;
}

int hubsim::app::run_cli(int argc, char** argv, const engine::ModelDescription& model, const std::string& about) {
  // A closed pipe (`hubsim run | head -3`) must not kill a run while it writes its file: writes to
  // it fail instead, and are reported below once the work is safe.
  ::signal(SIGPIPE, SIG_IGN);
  const int code = dispatch_cli(argc, argv, model, about);
  std::cout.flush();
  if (code == 0 && !std::cout.good()) {
    std::cerr << "hubsim: error: cannot write to standard output (" << std::strerror(errno) << ")\n";
    return 1;
  }
  return code;
}
