#pragma once
/// `hubsim bench`: throughput, time per phase, memory, HDF5 and RNG shares of the full model at
/// several population sizes and thread counts, end-to-end time of a run and sweep throughput
/// (issue 7; docs/PERFORMANCE.md). Each case runs in a child process (`hubsim bench --case ...`)
/// so that its peak RSS is its own.
#include <map>
#include <string>
#include <vector>

namespace hubsim::engine {
struct ModelDescription;
}

namespace hubsim::app {

struct BenchArgs {
  const engine::ModelDescription* model = nullptr;  ///< what is benchmarked
  std::string config;              ///< scenario YAML ("" = built-in default)
  std::vector<std::string> sets;   ///< --set overrides
  int reps = 3;                    ///< timed repetitions per case (after one warm-up)
  bool quick = false;              ///< smaller cases, one repetition: under 30 s on 2 cores
  std::string csv;                 ///< also write one CSV row per case here
  int months = 0;                  ///< simulated months per scaling case (0: 60, quick: 12)
  std::vector<double> agents;      ///< agents per scaling case (default 50k, 250k, 1M)
  // Child mode (internal): one case, one JSON line on stdout.
  std::string child_case;          ///< "model" or "sweep"
  double scale = 1;
  int threads = 1;
};

/// One case's numbers, as the child reports them (a flat JSON object).
struct BenchResult {
  std::map<std::string, double> numbers;
  std::map<std::string, std::string> texts;
  std::vector<std::pair<std::string, double>> phase_ms;  ///< per step, in schedule order
};

int bench_command(const BenchArgs& args);

/// The child side: runs one case and prints its JSON line.
int bench_child(const BenchArgs& args);

/// Agents (averaged over the months) per unit of the model's population scale, from a run at scale 1.
double bench_agents_per_scale(const BenchArgs& args);

/// Parses one line printed by bench_child (flat object, one nested "phase_ms" object).
BenchResult parse_bench_json(const std::string& line);
std::string bench_json(const BenchResult& r);

}  // namespace hubsim::app
