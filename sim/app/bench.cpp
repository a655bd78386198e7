// `hubsim bench`: runs each case as a child process (`hubsim bench --case ...`), collects their
// JSON lines, and prints a table, the JSON lines and (with --csv) a CSV file.
#include "sim/app/bench.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <tbb/info.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include "sim/io/text.hpp"
#include "sim/io/config_error.hpp"

extern char** environ;

namespace hubsim::app {

using io::format;
using io::thousands;
namespace fs = std::filesystem;
namespace {

/// Runs this executable with `args`; returns its stdout (or discards it). Throws if it fails.
std::string run_self(const std::vector<std::string>& args, bool capture) {
  std::vector<std::string> all{"/proc/self/exe"};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  int out[2];
  if (::pipe(out) != 0) throw std::runtime_error("cannot create a pipe");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (capture) posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  else posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  posix_spawn_file_actions_addclose(&actions, out[1]);
  pid_t pid = 0;
  const int err = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);
  std::string text;
  char buf[4096];
  for (ssize_t n; err == 0 && (n = ::read(out[0], buf, sizeof buf)) > 0;) text.append(buf, static_cast<std::size_t>(n));
  ::close(out[0]);
  int status = 0;
  if (err != 0 || ::waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error("benchmark case failed: hubsim " + args.front() + " " + (args.size() > 1 ? args[1] : ""));
  return text;
}

std::vector<std::string> config_args(const BenchArgs& a) {
  std::vector<std::string> v;
  if (!a.config.empty()) v.push_back(a.config);
  for (const auto& s : a.sets) v.insert(v.end(), {"--set", s});
  return v;
}

BenchResult child(const BenchArgs& a, const std::string& kind, double scale, int threads, int months, int reps) {
  std::vector<std::string> args{"bench", "--case", kind, "--scale", format("%.17g", scale), "--threads",
                                std::to_string(threads), "--reps", std::to_string(reps)};
  if (months > 0) args.insert(args.end(), {"--months", std::to_string(months)});
  const auto more = config_args(a);
  args.insert(args.end(), more.begin(), more.end());
  std::istringstream lines(run_self(args, true));
  std::string last;
  for (std::string line; std::getline(lines, line);)
    if (!line.empty() && line.front() == '{') last = line;
  if (last.empty()) throw std::runtime_error("benchmark case printed no result");
  return parse_bench_json(last);
}

/// Wall seconds of `hubsim run` of the whole period: start, simulate, write, exit.
BenchResult end_to_end(const BenchArgs& a, int reps) {
  const fs::path file = fs::temp_directory_path() / ("hubsim-bench-e2e-" + std::to_string(::getpid()) + ".h5");
  std::vector<std::string> args{"run", "-q", "-o", file.string()};
  const auto more = config_args(a);
  args.insert(args.end(), more.begin(), more.end());
  std::vector<double> wall;
  for (int i = 0; i <= reps; ++i) {  // the first is the warm-up
    const auto t0 = std::chrono::steady_clock::now();
    run_self(args, false);
    if (i > 0) wall.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  std::error_code ec;
  fs::remove(file, ec);
  std::sort(wall.begin(), wall.end());
  BenchResult r;
  r.texts["case"] = "end_to_end";
  r.numbers["threads"] = tbb::info::default_concurrency();
  r.numbers["reps"] = reps;
  r.numbers["wall_s"] = wall.size() % 2 ? wall[wall.size() / 2] : (wall[wall.size() / 2 - 1] + wall[wall.size() / 2]) / 2;
  return r;
}

double num(const BenchResult& r, const char* key) {
  const auto it = r.numbers.find(key);
  return it == r.numbers.end() ? 0 : it->second;
}

std::string table(const std::vector<BenchResult>& cases) {
  std::string out = format("%-10s %7s %11s %11s %9s %9s %8s %7s %6s %6s\n", "agents", "threads", "agent-st/s",
                           "per core", "ms/step", "RSS MB", "B/agent", "HDF5 %", "RNG %", "months");
  std::vector<const BenchResult*> models;
  for (const auto& c : cases) {
    if (c.texts.at("case") != "model") continue;
    models.push_back(&c);
    out += format("%-10s %7.0f %11s %11s %9.2f %9.0f %8.0f %7.2f %6.1f %6.0f\n", thousands(num(c, "agents")).c_str(),
                  num(c, "threads"), thousands(num(c, "agent_steps_per_s")).c_str(),
                  thousands(num(c, "agent_steps_per_s_per_core")).c_str(), num(c, "step_ms"), num(c, "peak_rss_mb"),
                  num(c, "bytes_per_agent"), 100 * num(c, "hdf5_share"), 100 * num(c, "rng_share"), num(c, "months"));
  }
  if (!models.empty()) {
    out += "\nms per step by phase\n" + format("%-20s", "phase");
    for (const auto* c : models) out += format(" %10s", (thousands(num(*c, "agents") / 1000) + "k/" + format("%.0f", num(*c, "threads"))).c_str());
    out += "\n";
    for (std::size_t p = 0; p < models.front()->phase_ms.size(); ++p) {
      out += format("%-20s", models.front()->phase_ms[p].first.c_str());
      for (const auto* c : models) out += format(" %10.3f", p < c->phase_ms.size() ? c->phase_ms[p].second : 0.0);
      out += "\n";
    }
  }
  for (const auto& c : cases) {
    if (c.texts.at("case") == "end_to_end")
      out += format("\nend to end, default period (start, simulate, write, exit): %.3f s (median of %.0f)\n",
                    num(c, "wall_s"), num(c, "reps"));
    if (c.texts.at("case") == "sweep")
      out += format("sweep throughput: %.2f runs/s (%.0f single-threaded runs at once, full period)\n",
                    num(c, "runs_per_s"), num(c, "threads"));
  }
  return out;
}

void write_csv(const std::string& path, const std::vector<BenchResult>& cases) {
  std::vector<std::string> columns{"case", "scenario"};
  auto add = [&](const std::string& k) {
    if (std::find(columns.begin(), columns.end(), k) == columns.end()) columns.push_back(k);
  };
  for (const auto& c : cases) {
    for (const auto& [k, v] : c.numbers) add(k);
    for (const auto& [k, v] : c.phase_ms) add("phase_ms_" + k);
  }
  std::ofstream f(path);
  for (std::size_t i = 0; i < columns.size(); ++i) f << (i ? "," : "") << columns[i];
  f << "\n";
  for (const auto& c : cases) {
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const auto& k = columns[i];
      f << (i ? "," : "");
      if (auto t = c.texts.find(k); t != c.texts.end()) f << t->second;
      else if (auto n = c.numbers.find(k); n != c.numbers.end()) f << format("%.6g", n->second);
      else
        for (const auto& [name, ms] : c.phase_ms)
          if ("phase_ms_" + name == k) f << format("%.6g", ms);
    }
    f << "\n";
  }
  if (!f) throw std::runtime_error("cannot write " + path);
}

}  // namespace

int bench_command(const BenchArgs& args) {
  if (!args.child_case.empty()) return bench_child(args);
  const int reps = args.quick ? 1 : std::max(1, args.reps);
  const int months = args.months > 0 ? args.months : args.quick ? 12 : 60;
  std::vector<double> agents = args.agents;
  if (agents.empty()) agents = args.quick ? std::vector<double>{50e3, 250e3} : std::vector<double>{50e3, 250e3, 1e6};
  const int cores = tbb::info::default_concurrency();
  std::vector<int> threads{1};
  if (cores > 1) threads.push_back(cores);

  BenchArgs calibrate = args;
  calibrate.months = months;
  const double per_scale = bench_agents_per_scale(calibrate);
  std::fprintf(stderr, "hubsim bench: %.0f agents per unit of the population scale over %d months\n", per_scale, months);
  std::vector<BenchResult> cases;
  for (double target : agents) {
    const double scale = target / per_scale;
    std::size_t single = cases.size();  // index of this target's one-thread case
    for (int t : threads) {
      std::fprintf(stderr, "hubsim bench: ~%s agents (scale %.3g), %d thread%s...\n", thousands(target).c_str(), scale, t,
                   t == 1 ? "" : "s");
      cases.push_back(child(args, "model", scale, t, months, reps));
      auto& c = cases.back();
      // Draws per agent-step do not depend on threads; cost per agent-step per core does.
      if (t != 1 && single < cases.size()) {
        for (const char* k : {"rng_blocks_per_agent_step", "rng_normals_per_agent_step"})
          c.numbers[k] = num(cases[single], k);
        c.numbers["rng_share"] = (num(c, "rng_blocks_per_agent_step") * num(c, "rng_ns_per_block") +
                                  num(c, "rng_normals_per_agent_step") * num(c, "rng_ns_per_normal")) *
                                 1e-9 * num(c, "agent_steps_per_s_per_core");
      }
    }
  }
  std::fprintf(stderr, "hubsim bench: end to end...\n");
  cases.push_back(end_to_end(args, reps));
  std::fprintf(stderr, "hubsim bench: sweep throughput...\n");
  cases.push_back(child(args, "sweep", 1, cores, 0, reps));

  std::cout << table(cases) << "\n";
  for (const auto& c : cases) std::cout << bench_json(c) << "\n";
  if (!args.csv.empty()) write_csv(args.csv, cases);
  return 0;
}

}  // namespace hubsim::app
