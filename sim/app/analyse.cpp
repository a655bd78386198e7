#include "sim/app/analyse.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <numeric>

#include "sim/batch/estimators.hpp"
#include "sim/batch/plan.hpp"
#include "sim/batch/summary.hpp"
#include "sim/io/config.hpp"

namespace hubsim::app {
namespace fs = std::filesystem;

namespace {

std::string num(double v) {
  if (!std::isfinite(v)) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

std::string quoted(const std::string& s) {
  if (s.find_first_of(",\"") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

/// A point's label in tables and charts: its parameter values ("config" by file stem).
std::string point_label(const batch::Experiment& e, const batch::Plan& plan, std::size_t point) {
  std::string out;
  for (std::size_t i = 0; i < e.parameters.size(); ++i) {
    const std::string& v = plan.values[point][i];
    const bool file = e.parameters[i].key == "config";
    if (!out.empty()) out += ' ';
    out += file ? fs::path(v).stem().string() : e.parameters[i].key + "=" + v;
  }
  return out.empty() ? "base" : out;
}

struct Data {
  batch::Experiment experiment;
  batch::Plan plan;
  /// per outcome, per point: outcomes of the point's successful replicates
  std::vector<std::vector<std::vector<double>>> samples;
  std::size_t not_ok = 0;
};

/// A file of the sweep directory that must be there, and be a regular file (a FIFO would hang).
void require_file(const fs::path& dir, const fs::path& path) {
  std::error_code ec;
  const auto st = fs::status(path, ec);
  if (!fs::exists(st))
    throw io::ConfigError(dir.string(), 0, 0, "", "not a finished sweep directory (no " + path.filename().string() +
                                                      "); run hubsim sweep EXPERIMENT.yaml -o " + dir.string() + " first");
  if (!fs::is_regular_file(st)) throw io::ConfigError(path.string(), 0, 0, "", "is not a regular file");
}

Data load(const fs::path& dir) {
  Data d;
  const fs::path exp_path = dir / "experiment.yaml", sum_path = dir / "summary.csv";
  require_file(dir, exp_path);
  require_file(dir, sum_path);
  d.experiment = batch::load_experiment(exp_path);
  d.plan = batch::make_plan(d.experiment);
  // What the summary must hold, run by run, according to the plan; it is read strictly against it.
  batch::Summary expected;
  for (const auto& p : d.experiment.parameters) expected.parameters.push_back(p.key);
  for (const auto& o : d.experiment.outcomes) expected.outcomes.push_back(o.name);
  for (std::size_t run = 0; run < d.plan.runs(); ++run) {
    batch::Row r;
    r.run = run;
    r.run_id = d.plan.run_id(run);
    r.point = d.plan.point_of(run);
    r.replicate = d.plan.replicate_of(run);
    r.seed = d.plan.seed(run);
    r.values = d.plan.values[r.point];
    expected.rows.push_back(std::move(r));
  }
  const batch::Summary s = batch::parse_summary_csv(batch::read_text(sum_path), sum_path.string(), expected);
  const std::size_t m = d.experiment.outcomes.size();
  d.samples.assign(m, std::vector<std::vector<double>>(d.plan.points()));
  for (const auto& r : s.rows) {
    if (r.status != "ok") {
      ++d.not_ok;
      continue;
    }
    for (std::size_t o = 0; o < m; ++o) d.samples[o][r.point].push_back(r.outcomes[o]);
  }
  return d;
}

/// One number per point (replicate mean; NaN where no replicate succeeded) for the estimators.
std::vector<double> point_means(const Data& d, std::size_t outcome) {
  std::vector<double> y;
  for (const auto& reps : d.samples[outcome]) y.push_back(batch::mean_of(reps));
  return y;
}

void bands(const Data& d, const fs::path& out, bool print) {
  std::string csv = "outcome,point,label,n,mean,p05,p95\n";
  if (print) std::printf("\nMean and 90%% band (5th-95th percentile over replicates) by point\n");
  for (std::size_t o = 0; o < d.experiment.outcomes.size(); ++o) {
    const std::string& name = d.experiment.outcomes[o].name;
    if (print) std::printf("\n%-40s %6s %14s %14s %14s\n", name.c_str(), "n", "mean", "p05", "p95");
    for (std::size_t p = 0; p < d.plan.points(); ++p) {
      const auto& v = d.samples[o][p];
      const double mean = batch::mean_of(v), lo = batch::quantile(v, 0.05), hi = batch::quantile(v, 0.95);
      const std::string label = point_label(d.experiment, d.plan, p);
      csv += quoted(name) + "," + std::to_string(p) + "," + quoted(label) + "," + std::to_string(v.size()) + "," +
             num(mean) + "," + num(lo) + "," + num(hi) + "\n";
      if (print) std::printf("  %-38.38s %6zu %14s %14s %14s\n", label.c_str(), v.size(), num(mean).c_str(), num(lo).c_str(), num(hi).c_str());
    }
  }
  batch::write_text_atomic(out, csv);
}

void sobol(const Data& d, const fs::path& out, int resamples) {
  const auto& ps = d.experiment.parameters;
  std::string csv = "outcome,parameter,S1,S1_low,S1_high,ST,ST_low,ST_high\n";
  std::printf("\nSobol indices (Saltelli 2010 S1, Jansen ST; 95%% bootstrap CI, %d resamples), by ST\n", resamples);
  for (std::size_t o = 0; o < d.experiment.outcomes.size(); ++o) {
    const auto idx = batch::sobol_indices(point_means(d, o), static_cast<int>(ps.size()), resamples);
    std::printf("\n%-40s %24s %24s\n", d.experiment.outcomes[o].name.c_str(), "S1 [95% CI]", "ST [95% CI]");
    std::vector<std::size_t> order(ps.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return idx.total[a].estimate > idx.total[b].estimate; });
    for (std::size_t i : order) {
      const auto& f = idx.first[i];
      const auto& t = idx.total[i];
      std::printf("  %-38.38s %6.3f [%6.3f, %6.3f] %6.3f [%6.3f, %6.3f]\n", ps[i].key.c_str(), f.estimate, f.low, f.high,
                  t.estimate, t.low, t.high);
    }
    for (std::size_t i = 0; i < ps.size(); ++i)
      csv += quoted(d.experiment.outcomes[o].name) + "," + quoted(ps[i].key) + "," + num(idx.first[i].estimate) + "," +
             num(idx.first[i].low) + "," + num(idx.first[i].high) + "," + num(idx.total[i].estimate) + "," +
             num(idx.total[i].low) + "," + num(idx.total[i].high) + "\n";
  }
  batch::write_text_atomic(out, csv);
}

void morris(const Data& d, const fs::path& out) {
  const auto& ps = d.experiment.parameters;
  std::string csv = "outcome,parameter,rank,mu_star,mu,sigma,effects\n";
  std::printf("\nMorris elementary effects (per unit of each parameter's range), ranked by mu*\n");
  for (std::size_t o = 0; o < d.experiment.outcomes.size(); ++o) {
    const auto idx = batch::morris_indices(d.plan.unit, point_means(d, o), static_cast<int>(ps.size()));
    std::printf("\n%-40s %5s %12s %12s %12s\n", d.experiment.outcomes[o].name.c_str(), "rank", "mu*", "mu", "sigma");
    std::vector<std::size_t> order(ps.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return idx.mu_star[a] > idx.mu_star[b]; });
    for (std::size_t r = 0; r < order.size(); ++r) {
      const std::size_t i = order[r];
      std::printf("  %-38.38s %5zu %12s %12s %12s\n", ps[i].key.c_str(), r + 1, num(idx.mu_star[i]).c_str(),
                  num(idx.mu[i]).c_str(), num(idx.sigma[i]).c_str());
      csv += quoted(d.experiment.outcomes[o].name) + "," + quoted(ps[i].key) + "," + std::to_string(r + 1) + "," +
             num(idx.mu_star[i]) + "," + num(idx.mu[i]) + "," + num(idx.sigma[i]) + "," + std::to_string(idx.effects[i]) + "\n";
    }
  }
  batch::write_text_atomic(out, csv);
}

/// Renders `csv` to `png` with the embedded matplotlib script; a note (not a failure) if it cannot.
/// No shell is involved: the interpreter is spawned with an argument vector (python - CSV PNG),
/// the script fed on its stdin, so no path can be read as a command, whatever it holds.
void plot(const fs::path& csv, const fs::path& png) {
  const char* env = std::getenv("HUBSIM_PYTHON");
  const std::string python = env && *env ? env : (fs::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
  std::fflush(stdout);
  std::fflush(stderr);
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    std::fprintf(stderr, "hubsim: note: no chart: cannot make a pipe (%s)\n", std::strerror(errno));
    return;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[0], STDIN_FILENO);  // dup2 clears close-on-exec
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGTERM);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
  std::string a0 = python, a1 = "-", a2 = csv.string(), a3 = png.string();
  char* argv[] = {a0.data(), a1.data(), a2.data(), a3.data(), nullptr};
  pid_t pid = -1;
  const int spawned = ::posix_spawnp(&pid, python.c_str(), &actions, &attr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  ::close(fds[0]);
  if (spawned != 0) {
    ::close(fds[1]);
    std::fprintf(stderr, "hubsim: note: no chart: cannot start %s (%s)\n", python.c_str(), std::strerror(spawned));
    return;
  }
  // A python that exits early must not kill us with SIGPIPE: ignore it while writing.
  void (*old)(int) = std::signal(SIGPIPE, SIG_IGN);
  const std::string_view script(kPlotSweepScript);
  for (std::size_t done = 0; done < script.size();) {
    const ssize_t n = ::write(fds[1], script.data() + done, script.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // the interpreter stopped reading; its exit status says why
    done += static_cast<std::size_t>(n);
  }
  ::close(fds[1]);
  std::signal(SIGPIPE, old);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
    std::printf("chart: %s\n", png.string().c_str());
  } else {
    // The script explains itself (e.g. matplotlib missing) on stderr; say what was skipped.
    const std::string how = WIFEXITED(status) ? "exited " + std::to_string(WEXITSTATUS(status))
                                              : "was killed by signal " + std::to_string(WTERMSIG(status));
    std::fprintf(stderr, "hubsim: note: chart %s not written (%s %s); the CSV is complete\n", png.string().c_str(),
                 python.c_str(), how.c_str());
  }
}

}  // namespace

int analyse_command(const AnalyseArgs& args) {
  const fs::path dir(args.dir);
  const Data d = load(dir);
  const fs::path out = dir / "analysis";
  fs::create_directories(out);
  const auto kind = d.experiment.design.kind;
  std::printf("Sweep %s: %s design, %zu parameters, %zu points x %d replicates", d.experiment.name.c_str(),
              batch::to_string(kind), d.experiment.parameters.size(), d.plan.points(), d.plan.replicates);
  if (d.not_ok) std::printf(" (%zu runs failed or missing: left out)", d.not_ok);
  std::printf("\n");

  std::vector<std::pair<fs::path, fs::path>> charts;
  if (kind == batch::DesignKind::saltelli) {
    sobol(d, out / "sobol.csv", args.resamples);
    charts.emplace_back(out / "sobol.csv", out / "sobol.png");
  } else if (kind == batch::DesignKind::morris) {
    morris(d, out / "morris.csv");
    charts.emplace_back(out / "morris.csv", out / "morris.png");
  }
  // Bands make sense per point only for grids and hypercubes, but are always written.
  const bool by_point = kind == batch::DesignKind::grid || kind == batch::DesignKind::lhs;
  bands(d, out / "bands.csv", by_point && d.plan.points() <= 40);
  if (by_point) charts.emplace_back(out / "bands.csv", out / "bands.png");
  std::printf("\ntables: %s\n", out.string().c_str());
  if (args.plot)
    for (const auto& [csv, png] : charts) plot(csv, png);
  return 0;
}

}  // namespace hubsim::app
