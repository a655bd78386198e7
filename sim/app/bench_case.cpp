// The child side of `hubsim bench`: one case per process, so that getrusage's peak RSS is the
// case's own, and one JSON line on stdout.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "sim/app/bench.hpp"
#include "sim/app/run_job.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/io/text.hpp"
#include "sim/batch/dispatch.hpp"
#include "sim/core/rng.hpp"
#include "sim/io/run_file.hpp"

namespace hubsim::app {
namespace fs = std::filesystem;
namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double peak_rss_bytes() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) * 1024.0;  // Linux reports KiB
}

Config case_config(const BenchArgs& args) {
  return engine::load_config(*args.model, args.config.empty() ? std::nullopt : std::optional(args.config), args.sets);
}

/// One timed run of the model, with the numbers a case reports.
struct Sample {
  double setup_s = 0, steps_s = 0, results_s = 0, write_s = 0;
  double agent_steps = 0, steps = 0, agents_end = 0;
  double rng_blocks = 0, rng_normals = 0;
  std::vector<std::string> phase_names;
  std::vector<double> phase_s;
};

Sample run_once(const BenchArgs& args, const fs::path& file) {
  Config config = case_config(args);
  if (!args.model->scale_key.empty())
    io::apply_override(config.describe(), args.model->scale_key + "=" + io::format_real(args.scale));
  if (args.months > 0) config.run.end = config.run.start + (args.months - 1);
  Sample s;
  auto t = Clock::now();
  engine::Simulation sim(config, args.threads);
  s.setup_s = since(t);
  // Draws made while building the world are setup, not step time.
  const auto blocks = core::t_rng_blocks, normals = core::t_rng_normals;
  t = Clock::now();
  // Rows alive at the end of each month (the model has just compacted its stores).
  sim.run_until(sim.total(), [&](int) { s.agent_steps += static_cast<double>(sim.world().agents()); });
  s.steps_s = since(t);
  // With one thread the arena runs every task on this thread, so its counters see every draw.
  s.rng_blocks = static_cast<double>(core::t_rng_blocks - blocks);
  s.rng_normals = static_cast<double>(core::t_rng_normals - normals);
  s.steps = config.run.steps();
  s.agents_end = static_cast<double>(sim.world().agents());
  s.phase_names = sim.scheduler().phase_names();
  s.phase_s = sim.scheduler().phase_seconds();
  t = Clock::now();
  io::RunData out = sim.results();
  s.results_s = since(t);
  t = Clock::now();
  io::write_run_file(file, out);
  s.write_s = since(t);
  return s;
}

/// Makes `x` count as used before the clock is read again: without it the compiler may compute
/// a loop's result after the second clock reading, or not at all.
void keep(double x) { asm volatile("" : : "x"(x) : "memory"); }

/// Cost of the model's typical draw, measured in a tight loop: a fresh stream (one Philox4x64-10
/// block) read twice as uniforms, as an agent does in a phase; and a normal deviate beyond the
/// quarter block it usually consumes (the ziggurat: one 64-bit word, rarely more).
std::pair<double, double> rng_cost_ns() {
  constexpr int n = 2'000'000;
  double acc = 0;
  auto t = Clock::now();
  for (int i = 0; i < n; ++i) {
    core::Rng rng(1, 3, 7, core::identity(3, 1, 0, static_cast<std::uint32_t>(i)));
    acc += rng.uniform() + rng.uniform();
  }
  keep(acc);
  const double block = since(t) / n * 1e9;
  core::Rng rng(1, 3, 7, 42);
  t = Clock::now();
  for (int i = 0; i < n; ++i) acc += rng.normal();
  keep(acc);
  const double normal = since(t) / n * 1e9 - block / 4;
  return {block, std::max(0.0, normal)};
}

BenchResult model_case(const BenchArgs& args, const fs::path& dir) {
  std::vector<Sample> samples;
  run_once(args, dir / "warmup.h5");  // page cache, allocator, CPU frequency
  for (int i = 0; i < std::max(1, args.reps); ++i) samples.push_back(run_once(args, dir / "case.h5"));
  auto med = [&](auto get) {
    std::vector<double> v;
    for (const auto& s : samples) v.push_back(get(s));
    return median(v);
  };
  const Sample& last = samples.back();  // counts are identical in every repetition
  BenchResult r;
  auto& x = r.numbers;
  r.texts["case"] = "model";
  x["scale"] = args.scale;
  x["threads"] = args.threads;
  x["months"] = last.steps;
  x["reps"] = static_cast<double>(samples.size());
  x["agents"] = last.agent_steps / last.steps;  // averaged over the months
  x["agents_end"] = last.agents_end;
  x["steps_s"] = med([](const Sample& s) { return s.steps_s; });
  x["setup_s"] = med([](const Sample& s) { return s.setup_s; });
  x["write_s"] = med([](const Sample& s) { return s.write_s; });
  x["run_s"] = med([](const Sample& s) { return s.setup_s + s.steps_s + s.results_s + s.write_s; });
  x["agent_steps_per_s"] = last.agent_steps / x["steps_s"];
  x["agent_steps_per_s_per_core"] = x["agent_steps_per_s"] / args.threads;
  x["step_ms"] = x["steps_s"] / last.steps * 1e3;
  x["hdf5_share"] = med([](const Sample& s) { return s.write_s / (s.setup_s + s.steps_s + s.results_s + s.write_s); });
  x["peak_rss_mb"] = peak_rss_bytes() / (1 << 20);
  x["bytes_per_agent"] = peak_rss_bytes() / last.agents_end;
  const auto [block_ns, normal_ns] = rng_cost_ns();
  x["rng_ns_per_block"] = block_ns;
  x["rng_ns_per_normal"] = normal_ns;
  // Counted on this thread only: exact with one thread; the parent fills in the rest.
  if (args.threads == 1) {
    x["rng_blocks_per_agent_step"] = last.rng_blocks / last.agent_steps;
    x["rng_normals_per_agent_step"] = last.rng_normals / last.agent_steps;
    x["rng_share"] = (last.rng_blocks * block_ns + last.rng_normals * normal_ns) * 1e-9 / x["steps_s"];
  }
  for (std::size_t p = 0; p < last.phase_names.size(); ++p) {
    std::vector<double> v;
    for (const auto& s : samples) v.push_back(s.phase_s[p] / s.steps * 1e3);
    r.phase_ms.emplace_back(last.phase_names[p], median(v));
  }
  return r;
}

/// Rounds of `threads` single-threaded runs of the full period at once, as `hubsim sweep` runs them.
BenchResult sweep_case(const BenchArgs& args, const fs::path& dir) {
  const auto jobs = static_cast<std::size_t>(std::max(1, args.threads));
  auto round = [&] {
    std::vector<std::size_t> todo(jobs);
    for (std::size_t i = 0; i < jobs; ++i) todo[i] = i;
    const auto t = Clock::now();
    batch::run_local(todo, static_cast<int>(jobs), [&](std::size_t i) {
      Config config = case_config(args);
      RunOptions options;
      options.threads = 1;
      io::write_run_file(dir / ("sweep" + std::to_string(i) + ".h5"), run_job(config, options));
    }, [](std::size_t) {});
    return static_cast<double>(jobs) / since(t);
  };
  round();  // warm-up
  std::vector<double> rates;
  for (int i = 0; i < std::max(1, args.reps); ++i) rates.push_back(round());
  BenchResult r;
  r.texts["case"] = "sweep";
  r.numbers["threads"] = static_cast<double>(jobs);
  r.numbers["reps"] = static_cast<double>(rates.size());
  r.numbers["runs_per_s"] = median(rates);
  r.numbers["peak_rss_mb"] = peak_rss_bytes() / (1 << 20);
  return r;
}

}  // namespace

double bench_agents_per_scale(const BenchArgs& args) {
  BenchArgs one = args;
  one.scale = 1;
  const fs::path file = fs::temp_directory_path() / ("hubsim-bench-calibrate-" + std::to_string(::getpid()) + ".h5");
  const Sample s = run_once(one, file);
  std::error_code ec;
  fs::remove(file, ec);
  return s.agent_steps / s.steps;
}

int bench_child(const BenchArgs& args) {
  const fs::path dir = fs::temp_directory_path() / ("hubsim-bench-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  BenchResult r = args.child_case == "sweep" ? sweep_case(args, dir) : model_case(args, dir);
  std::error_code ec;
  fs::remove_all(dir, ec);
  r.texts["scenario"] = case_config(args).run.scenario;
  std::cout << bench_json(r) << std::endl;
  return 0;
}

}  // namespace hubsim::app
