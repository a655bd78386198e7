// `hubsim calibrate`: the ABC-SMC loop over sweeps. Each batch of proposals (generation g, round
// r) becomes DIR/rounds/gGG_rRRR.yaml, a points-design experiment, and runs as a sweep into
// DIR/rounds/gGG_rRRR/; its summary.csv gives the targets of every proposal. Proposals depend
// only on the spec and on earlier summaries, so a re-run after a kill finds the finished rounds
// on disk, resumes the unfinished one and proposes nothing new until it catches up.
#include "sim/app/calibrate.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <map>
#include <numeric>
#include <optional>

#include "sim/app/python_script.hpp"
#include "sim/app/sweep.hpp"
#include "sim/batch/calibration_spec.hpp"
#include "sim/batch/design.hpp"
#include "sim/batch/dispatch.hpp"
#include "sim/batch/plan.hpp"
#include "sim/batch/posterior.hpp"
#include "sim/batch/summary.hpp"
#include "sim/engine/version.hpp"
#include "sim/io/config.hpp"
#include "sim/io/config_error.hpp"
#include "sim/io/run_file.hpp"
#include "sim/io/yaml_document.hpp"

namespace hubsim::app {
extern const char* const kPlotCalibrationScript;  // experiments/plot_calibration.py, compiled in

namespace fs = std::filesystem;
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Stops the loop without an error: a shard's slice is done, or a merge reached runs to do.
struct StopHere {
  std::string message;
};
struct Interrupted {};

std::string round_name(int generation, int round) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "g%02d_r%03d", generation, round);
  return buf;
}

std::string window_text(const batch::Window& w) {
  using K = batch::Window::Kind;
  switch (w.kind) {
    case K::last: return "last";
    case K::month: return w.from.iso();
    case K::year: return w.from.iso().substr(0, 4);
    case K::period: return w.from.iso() + ".." + w.to.iso();
  }
  return "last";
}

/// The experiment of one round: every proposal a point (values listed per parameter), the
/// spec's replicates with seeds of their own (independent of every other round's).
std::string round_experiment(const batch::CalibrationSpec& spec, int generation, int round,
                             const std::vector<std::vector<double>>& values) {
  YAML::Emitter y;
  y << YAML::Comment("written by hubsim calibrate " + spec.source.filename().string() + ": generation " +
                     std::to_string(generation) + ", round " + std::to_string(round));
  y << YAML::BeginMap;
  y << YAML::Key << "name" << YAML::Value << spec.name + "_" + round_name(generation, round);
  if (spec.base) y << YAML::Key << "base" << YAML::Value << fs::absolute(spec.source.parent_path() / *spec.base).lexically_normal().string();
  if (!spec.sets.empty()) {
    y << YAML::Key << "set" << YAML::Value << YAML::BeginMap;
    for (const auto& s : spec.sets) {
      const auto eq = s.find('=');
      y << YAML::Key << s.substr(0, eq) << YAML::Value << s.substr(eq + 1);
    }
    y << YAML::EndMap;
  }
  y << YAML::Key << "parameters" << YAML::Value << YAML::BeginSeq;
  for (std::size_t k = 0; k < spec.parameters.size(); ++k) {
    y << YAML::Flow << YAML::BeginMap << YAML::Key << "key" << YAML::Value << spec.parameters[k].prior.key;
    y << YAML::Key << "values" << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const auto& v : values) y << io::format_real(v[k]);
    y << YAML::EndSeq << YAML::EndMap;
  }
  y << YAML::EndSeq;
  y << YAML::Key << "design" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key << "kind" << YAML::Value << "points"
    << YAML::EndMap;
  y << YAML::Key << "replicates" << YAML::Value << spec.replicates;
  const std::uint64_t seed = batch::mix64(static_cast<std::uint64_t>(spec.seed) ^
                                          batch::mix64((static_cast<std::uint64_t>(generation) << 32) + static_cast<std::uint64_t>(round) + 1)) &
                             ((1ULL << 53) - 1);
  y << YAML::Key << "seed" << YAML::Value << seed;
  y << YAML::Key << "seeds" << YAML::Value << "independent";
  y << YAML::Key << "outcomes" << YAML::Value << YAML::BeginSeq;
  for (const auto& o : spec.outcomes) {
    y << YAML::Flow << YAML::BeginMap << YAML::Key << "name" << YAML::Value << o.name << YAML::Key << "variable" << YAML::Value
      << o.variable;
    if (!o.where.empty()) {
      y << YAML::Key << "where" << YAML::Value << YAML::Flow << YAML::BeginMap;
      for (const auto& [dim, label] : o.where) y << YAML::Key << dim << YAML::Value << YAML::DoubleQuoted << label;
      y << YAML::EndMap;
    }
    y << YAML::Key << "when" << YAML::Value << YAML::DoubleQuoted << window_text(o.when);
    using S = batch::OutcomeSpec::Stat;
    y << YAML::Key << "stat" << YAML::Value << (o.stat == S::value ? "value" : o.stat == S::mean ? "mean" : "sum");
    y << YAML::EndMap;
  }
  y << YAML::EndSeq << YAML::EndMap;
  return std::string(y.c_str()) + "\n";
}

/// Per proposal, per replicate: every target's value in that run (NaN where the run failed).
using RoundValues = std::vector<std::vector<std::vector<double>>>;

double weighted_quantile(std::vector<std::pair<double, double>> vw, double q) {
  vw.erase(std::remove_if(vw.begin(), vw.end(), [](auto& p) { return !std::isfinite(p.first); }), vw.end());
  if (vw.empty()) return kNaN;
  std::sort(vw.begin(), vw.end());
  double total = 0;
  for (const auto& p : vw) total += p.second;
  double c = 0;
  for (const auto& p : vw) {
    c += p.second;
    if (c >= q * total) return p.first;
  }
  return vw.back().first;
}

std::string num(double v) { return std::isfinite(v) ? io::format_real(v) : ""; }

/// Readable figures for the summary: 4 significant digits, thousands as 26,306.
std::string readable(double v) {
  if (!std::isfinite(v)) return "-";
  char buf[64];
  if (std::abs(v) >= 1000) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
    std::string s = buf, out;
    const std::size_t start = s[0] == '-' ? 1 : 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
      out += s[i];
      const std::size_t left = s.size() - i - 1;
      if (i >= start && left > 0 && left % 3 == 0) out += ',';
    }
    return out;
  }
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

class Calibration {
 public:
  Calibration(const CalibrateArgs& args, batch::CalibrationSpec spec, batch::Cluster& cluster)
      : args_(args), spec_(std::move(spec)), cluster_(cluster), dir_(args.output) {}

  std::vector<double> simulate(int generation, int round, const std::vector<std::vector<double>>& values) {
    const std::string name = round_name(generation, round);
    const fs::path yaml = dir_ / "rounds" / (name + ".yaml"), out = dir_ / "rounds" / name;
    const std::string text = round_experiment(spec_, generation, round, values);
    const bool done = fs::exists(out / "summary.csv") && fs::exists(out / "experiment.yaml") && batch::read_text(out / "experiment.yaml") == text;
    if (!done) run_round(name, yaml, out, text);
    RoundValues v = read_round(yaml, out);
    rounds_[{generation, round}] = v;
    runs_ += values.size() * static_cast<std::size_t>(spec_.replicates);
    return distances(v);
  }

  void report(const batch::Generation& g) {
    if (cluster_.rank() != 0 || args_.quiet) return;
    std::printf("generation %d: tolerance %s, %zu accepted of %zu proposed (%.1f%%) in %d rounds, ESS %.0f, %zu runs so far\n",
                g.index, std::isfinite(g.tolerance) ? readable(g.tolerance).c_str() : "none (the prior)", g.particles.size(),
                g.proposed, 100 * g.acceptance, g.rounds, g.ess, runs_);
    std::fflush(stdout);
  }

  const RoundValues& round(int generation, int r) const { return rounds_.at({generation, r}); }
  std::size_t runs() const { return runs_; }

 private:
  void run_round(const std::string& name, const fs::path& yaml, const fs::path& out, const std::string& text) {
    const bool leader = cluster_.rank() == 0;
    // --merge joins the first unfinished round (the one the shards ran), then stops at the next.
    if (args_.merge && merged_) {
      if (leader) batch::write_text_atomic(yaml, text);
      throw StopHere{"round " + name + " is next: run its shards (hubsim calibrate " + args_.spec + " -o " + args_.output +
                     " --shard K/N), then --merge again"};
    }
    merged_ = args_.merge;
    if (leader) {
      fs::create_directories(dir_ / "rounds");
      if (!fs::exists(yaml) || batch::read_text(yaml) != text) batch::write_text_atomic(yaml, text);
    }
    cluster_.barrier();
    SweepArgs s;
    s.model = args_.model;
    s.path = yaml.string();
    s.output = out.string();
    s.jobs = args_.jobs;
    s.quiet = true;  // one line per round instead (below)
    s.cancel = args_.cancel;
    s.cluster = &cluster_;
    s.merge = args_.merge;
    s.shard = args_.shard;
    if (args_.merge) s.path = out.string();
    if (!args_.quiet && leader) {
      std::printf("round %s: %s\n", name.c_str(), args_.merge ? "joining the shards" : !args_.shard.empty() ? ("shard " + args_.shard).c_str() : "running");
      std::fflush(stdout);
    }
    const int code = sweep_command(s);
    cluster_.barrier();
    if (code == 130) throw Interrupted{};
    if (code == 1) throw StopHere{"round " + name + " has runs missing: run every shard of it, then --merge again"};
    if (!args_.shard.empty())
      throw StopHere{"shard " + args_.shard + " of round " + name + " done; when every shard is: hubsim calibrate " +
                     args_.spec + " -o " + args_.output + " --merge"};
  }

  RoundValues read_round(const fs::path& yaml, const fs::path& out) const {
    const batch::Experiment e = batch::load_experiment(yaml);
    const batch::Plan plan = batch::make_plan(e);
    batch::Summary expected;
    for (const auto& p : e.parameters) expected.parameters.push_back(p.key);
    for (const auto& o : e.outcomes) expected.outcomes.push_back(o.name);
    for (std::size_t run = 0; run < plan.runs(); ++run) expected.rows.push_back(batch::planned_row(plan, run));
    const auto summary = batch::parse_summary_csv(batch::read_text(out / "summary.csv"), (out / "summary.csv").string(), expected);
    RoundValues v(plan.points(), std::vector<std::vector<double>>(static_cast<std::size_t>(plan.replicates)));
    for (const auto& row : summary.rows) {
      auto& cell = v[row.point][static_cast<std::size_t>(row.replicate)];
      for (const auto& t : spec_.targets) cell.push_back(row.status == "ok" ? t.value(row.outcomes) : kNaN);
    }
    return v;
  }

  /// sqrt(mean over fitted targets of ((mean over seeds - observed) / sd)^2): the RMS miss in
  /// observation standard deviations (Toni et al. 2009's distance on scaled summaries). A
  /// proposal whose runs failed, or whose target is undefined (NaN), is infinitely far.
  std::vector<double> distances(const RoundValues& v) const {
    std::vector<double> out;
    for (const auto& point : v) {
      double sum = 0;
      int fitted = 0;
      for (std::size_t t = 0; t < spec_.targets.size(); ++t) {
        const auto& target = spec_.targets[t];
        if (!target.fitted) continue;
        double mean = 0;
        for (const auto& rep : point) mean += rep[t];
        mean /= static_cast<double>(point.size());
        const double z = (mean - target.observed) / target.sd;
        sum += z * z;
        ++fitted;
      }
      const double d = std::sqrt(sum / fitted);
      out.push_back(std::isfinite(d) ? d : std::numeric_limits<double>::infinity());
    }
    return out;
  }

  const CalibrateArgs& args_;
  batch::CalibrationSpec spec_;
  batch::Cluster& cluster_;
  fs::path dir_;
  std::map<std::pair<int, int>, RoundValues> rounds_;
  std::size_t runs_ = 0;
  bool merged_ = false;
};

io::Variable vector_variable(std::string name, std::string long_name, std::string dim, std::vector<double> values, bool integer = false) {
  io::Variable v{std::move(name), std::move(long_name), "", {std::move(dim)}, std::move(values), integer};
  return v;
}

/// Everything the calibration produced, written into DIR (leader only), charts last.
void write_results(const CalibrateArgs& args, const batch::CalibrationSpec& spec, const Calibration& cal,
                   const std::vector<batch::Generation>& gens) {
  const std::size_t all_runs = cal.runs();
  const fs::path dir = args.output;
  const auto priors = spec.priors();
  const batch::Generation& post = gens.back();
  const std::size_t k = priors.size(), n = post.particles.size(), nt = spec.targets.size();
  const auto reps = static_cast<std::size_t>(spec.replicates);

  // generations.csv
  std::string g_csv = "generation,tolerance,rounds,proposed,accepted,acceptance_rate,ess,runs,cumulative_runs\n";
  std::size_t cumulative = 0;
  for (const auto& g : gens) {
    cumulative += g.proposed * reps;
    g_csv += std::to_string(g.index) + "," + num(g.tolerance) + "," + std::to_string(g.rounds) + "," + std::to_string(g.proposed) +
             "," + std::to_string(g.particles.size()) + "," + num(g.acceptance) + "," + num(g.ess) + "," +
             std::to_string(g.proposed * reps) + "," + std::to_string(cumulative) + "\n";
  }

  // The ensemble: posterior.csv (what a sweep's posterior design reads) and particles.csv.
  batch::Ensemble ensemble;
  for (const auto& p : priors) ensemble.keys.push_back(p.key);
  std::vector<std::vector<double>> target_mean(n, std::vector<double>(nt, 0.0));
  std::string p_csv = "particle,weight,distance,generation,round,proposal,run_directory";
  for (const auto& p : priors) p_csv += "," + p.key;
  for (const auto& t : spec.targets) p_csv += "," + t.name;
  p_csv += "\n";
  for (std::size_t i = 0; i < n; ++i) {
    const auto& part = post.particles[i];
    ensemble.particle.push_back(static_cast<std::int64_t>(i));
    ensemble.weight.push_back(post.weight[i]);
    std::vector<double> values;
    for (std::size_t a = 0; a < k; ++a) values.push_back(priors[a].value(part.z[a]));
    ensemble.values.push_back(values);
    const auto& runs = cal.round(part.generation, part.round)[part.index];
    for (std::size_t t = 0; t < nt; ++t) {
      for (const auto& rep : runs) target_mean[i][t] += rep[t] / static_cast<double>(runs.size());
    }
    p_csv += std::to_string(i) + "," + num(post.weight[i]) + "," + num(part.distance) + "," + std::to_string(part.generation) + "," +
             std::to_string(part.round) + "," + std::to_string(part.index) + ",rounds/" + round_name(part.generation, part.round);
    for (double v : values) p_csv.append(",").append(num(v));
    for (double v : target_mean[i]) p_csv.append(",").append(num(v));
    p_csv += "\n";
  }

  // Predictive distributions of every target: over the prior generation's runs and the
  // posterior's (each run weighted by its particle's weight / seeds).
  const auto predictive = [&](const batch::Generation& g, std::size_t t, double q) {
    std::vector<std::pair<double, double>> vw;
    for (std::size_t i = 0; i < g.particles.size(); ++i) {
      const auto& part = g.particles[i];
      for (const auto& rep : cal.round(part.generation, part.round)[part.index])
        vw.emplace_back(rep[t], g.weight[i] / static_cast<double>(reps));
    }
    return weighted_quantile(vw, q);
  };
  std::string pred = "target,label,role,observed,sd,prior_p5,prior_p50,prior_p95,posterior_p5,posterior_p50,posterior_p95,observed_inside_90,source\n";
  std::vector<std::array<double, 6>> bands;
  for (std::size_t t = 0; t < nt; ++t) {
    const auto& target = spec.targets[t];
    std::array<double, 6> b{predictive(gens.front(), t, 0.05), predictive(gens.front(), t, 0.5), predictive(gens.front(), t, 0.95),
                            predictive(post, t, 0.05),        predictive(post, t, 0.5),        predictive(post, t, 0.95)};
    bands.push_back(b);
    const bool inside = target.observed >= b[3] && target.observed <= b[5];
    const auto quoted = [](const std::string& s) {
      std::string q = "\"";
      for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
      return q + "\"";
    };
    pred += target.name + "," + quoted(target.label) + "," + (target.fitted ? "fitted" : "held_out") + "," + num(target.observed) +
            "," + num(target.sd);
    for (double x : b) pred.append(",").append(num(x));
    pred += std::string(",") + (inside ? "yes" : "no") + "," + quoted(target.source) + "\n";
  }

  // posterior.nc: the same, as one NetCDF-4 dataset for xarray.
  io::RunData nc;
  io::Dimension particle{"particle", "particle of the final ABC-SMC generation", "", {}, {}};
  for (std::size_t i = 0; i < n; ++i) particle.values.push_back(static_cast<double>(i));
  particle.integer = true;
  io::Dimension parameter{"parameter", "calibrated parameter (config key path)", "", ensemble.keys, {}};
  io::Dimension target_dim{"target", "calibration target", "", {}, {}};
  for (const auto& t : spec.targets) target_dim.labels.push_back(t.name);
  io::Dimension generation{"generation", "ABC-SMC generation (0: the prior)", "", {}, {}};
  for (const auto& g : gens) generation.values.push_back(g.index);
  generation.integer = true;
  nc.dimensions = {particle, parameter, target_dim, generation};
  nc.variables.push_back(vector_variable("weight", "normalised importance weight of the particle", "particle", ensemble.weight));
  std::vector<double> dist, values(n * k), targets(n * nt);
  for (std::size_t i = 0; i < n; ++i) {
    dist.push_back(post.particles[i].distance);
    for (std::size_t a = 0; a < k; ++a) values[i * k + a] = ensemble.values[i][a];
    for (std::size_t t = 0; t < nt; ++t) targets[i * nt + t] = target_mean[i][t];
  }
  nc.variables.push_back(vector_variable("distance", "ABC distance of the particle (RMS of (simulated - observed) / sd over fitted targets)", "particle", dist));
  io::Variable pv{"value", "the particle's parameter values", "", {"particle", "parameter"}, values, false};
  nc.variables.push_back(pv);
  io::Variable tv{"simulated", "each target's value at the particle (mean over its seeds)", "", {"particle", "target"}, targets, false};
  nc.variables.push_back(tv);
  std::vector<double> lo, hi, obs, sd, fitted;
  for (const auto& p : priors) lo.push_back(p.lo), hi.push_back(p.hi);
  for (const auto& t : spec.targets) obs.push_back(t.observed), sd.push_back(t.sd), fitted.push_back(t.fitted ? 1 : 0);
  nc.variables.push_back(vector_variable("prior_low", "lower end of the prior's support", "parameter", lo));
  nc.variables.push_back(vector_variable("prior_high", "upper end of the prior's support", "parameter", hi));
  nc.variables.push_back(vector_variable("observed", "the target's observed value", "target", obs));
  nc.variables.push_back(vector_variable("observed_sd", "the observation's uncertainty (standard deviation)", "target", sd));
  nc.variables.push_back(vector_variable("fitted", "1: the target is in the distance (fitted); 0: held out", "target", fitted, true));
  std::vector<double> tol, proposed, acceptance, ess, runs;
  for (const auto& g : gens) {
    tol.push_back(std::isfinite(g.tolerance) ? g.tolerance : kNaN);
    proposed.push_back(static_cast<double>(g.proposed));
    acceptance.push_back(g.acceptance);
    ess.push_back(g.ess);
    runs.push_back(static_cast<double>(g.proposed * reps));
  }
  nc.variables.push_back(vector_variable("tolerance", "the generation's ABC tolerance (NaN: the prior)", "generation", tol));
  nc.variables.push_back(vector_variable("proposed", "parameter sets simulated in the generation", "generation", proposed, true));
  nc.variables.push_back(vector_variable("acceptance_rate", "accepted / proposed", "generation", acceptance));
  nc.variables.push_back(vector_variable("ess", "effective sample size of the weights (Kish)", "generation", ess));
  nc.variables.push_back(vector_variable("runs", "model runs in the generation (proposed x seeds)", "generation", runs, true));
  nc.text_attributes["title"] = "hubsim calibrate " + spec.name + ": ABC-SMC posterior ensemble";
  nc.text_attributes["hubsim_file"] = "calibration";
  nc.text_attributes["calibration"] = spec.text;
  nc.text_attributes["hubsim_version"] = engine::kVersion;
  nc.text_attributes["git_commit"] = engine::kGitCommit;
  nc.text_attributes["source"] = "hubsim calibrate";

  // summary.txt: what `hubsim analyse DIR` prints.
  std::string s;
  char line[512];
  std::snprintf(line, sizeof line, "hubsim calibrate %s: ABC-SMC, %d particles, %d seed(s) each; %zu generations after the prior\n"
                "%zu model runs in all: %zu in these generations, %zu in a last generation stopped unfinished "
                "(by the acceptance floor or the budget)\n\n",
                spec.name.c_str(), spec.method.particles, spec.replicates, gens.size() - 1, all_runs, cumulative, all_runs - cumulative);
  s += line;
  s += "generation  tolerance  proposed  accepted  acceptance      ESS     runs\n";
  for (const auto& g : gens) {
    std::snprintf(line, sizeof line, "%10d %10s %9zu %9zu %10.1f%% %8.0f %8zu\n", g.index,
                  std::isfinite(g.tolerance) ? readable(g.tolerance).c_str() : "prior", g.proposed, g.particles.size(),
                  100 * g.acceptance, g.ess, g.proposed * reps);
    s += line;
  }
  s += "\nposterior (weighted median and 90% interval) against the prior; width: the 90% interval as a share of the prior's\n";
  std::snprintf(line, sizeof line, "  %-44s %21s %10s %23s %6s\n", "parameter", "prior", "median", "90% interval", "width");
  s += line;
  for (std::size_t a = 0; a < k; ++a) {
    std::vector<std::pair<double, double>> vw;
    for (std::size_t i = 0; i < n; ++i) vw.emplace_back(ensemble.values[i][a], ensemble.weight[i]);
    const double p5 = weighted_quantile(vw, 0.05), p50 = weighted_quantile(vw, 0.5), p95 = weighted_quantile(vw, 0.95);
    const double width = priors[a].log_uniform ? (std::log(p95) - std::log(p5)) / (std::log(priors[a].hi) - std::log(priors[a].lo))
                                               : (p95 - p5) / (priors[a].hi - priors[a].lo);
    std::snprintf(line, sizeof line, "  %-44.44s %10s..%-10s %10s %11s..%-11s %5.0f%%\n", priors[a].key.c_str(), readable(priors[a].lo).c_str(),
                  readable(priors[a].hi).c_str(), readable(p50).c_str(), readable(p5).c_str(), readable(p95).c_str(), 100 * width);
    s += line;
  }
  s += "\ntargets: observed against the 90% predictive band over the prior and over the posterior (particles x seeds)\n";
  std::snprintf(line, sizeof line, "  %-28s %-9s %19s %25s %25s %7s\n", "target", "role", "observed (sd)", "prior 90%", "posterior 90%", "inside");
  s += line;
  int held = 0, held_in = 0, fit = 0, fit_in = 0;
  for (std::size_t t = 0; t < nt; ++t) {
    const auto& target = spec.targets[t];
    const auto& b = bands[t];
    const bool inside = target.observed >= b[3] && target.observed <= b[5];
    (target.fitted ? fit : held) += 1;
    (target.fitted ? fit_in : held_in) += inside;
    std::snprintf(line, sizeof line, "  %-28.28s %-9s %10s (%6s) %11s..%-11s %11s..%-11s %7s\n", target.name.c_str(),
                  target.fitted ? "fitted" : "held out", readable(target.observed).c_str(), readable(target.sd).c_str(),
                  readable(b[0]).c_str(), readable(b[2]).c_str(), readable(b[3]).c_str(), readable(b[5]).c_str(), inside ? "yes" : "no");
    s += line;
  }
  std::snprintf(line, sizeof line, "\ncoverage of the 90%% posterior predictive band: fitted %d of %d, held out %d of %d\n", fit_in, fit,
                held_in, held);
  s += line;
  s += "files: posterior.csv (the ensemble a sweep's posterior design draws from), posterior.nc, particles.csv, "
       "generations.csv, predictive.csv, *.png\n";

  batch::write_text_atomic(dir / "generations.csv", g_csv);
  batch::write_text_atomic(dir / "particles.csv", p_csv);
  batch::write_text_atomic(dir / "predictive.csv", pred);
  io::write_run_file(dir / "posterior.nc", nc);
  batch::write_text_atomic(dir / "posterior.csv", batch::ensemble_csv(ensemble));
  batch::write_text_atomic(dir / "summary.txt", s);  // last: its presence means the calibration finished
  if (!args.quiet) std::printf("\n%s", s.c_str());
  if (args.plot) {
    const std::string failed = run_python_script(kPlotCalibrationScript, {dir.string()});
    if (!failed.empty()) std::fprintf(stderr, "hubsim: note: charts not written (%s); the tables are complete\n", failed.c_str());
    else if (!args.quiet) std::printf("charts: %s\n", (dir / "marginals.png, pairs.png, predictive.png").string().c_str());
  }
}

/// The directory: new, or holding this very calibration (re-running resumes it).
void prepare(const batch::CalibrationSpec& spec, const fs::path& dir) {
  const fs::path stored = dir / "calibration.yaml";
  if (fs::exists(stored)) {
    if (batch::read_text(stored) != spec.text)
      throw io::ConfigError(stored.string(), 0, 0, "", "holds another calibration; use a new directory (or remove it)");
    return;
  }
  if (fs::exists(dir) && !fs::is_empty(dir))
    throw io::ConfigError(dir.string(), 0, 0, "", "is not empty and holds no calibration; use a new directory");
  fs::create_directories(dir / "rounds");
  batch::write_text_atomic(stored, spec.text);
}

}  // namespace

bool is_calibration_dir(const std::string& dir) {
  // A calibration's own directory, or a copy of its results (experiments/calibration/lancashire/).
  const fs::path d(dir);
  return fs::exists(d / "calibration.yaml") || (fs::exists(d / "posterior.nc") && fs::exists(d / "summary.txt"));
}

int calibration_summary(const std::string& dir) {
  const fs::path path = fs::path(dir) / "summary.txt";
  if (!fs::exists(path))
    throw io::ConfigError(dir, 0, 0, "", "the calibration has not finished (no summary.txt); re-run hubsim calibrate SPEC -o " + dir);
  std::fputs(batch::read_text(path).c_str(), stdout);
  return 0;
}

int calibrate_command(const CalibrateArgs& args) {
  if (args.output.empty()) throw io::ConfigError("-o", 0, 0, "", "the calibration directory (-o DIR) is required");
  if (args.merge && !args.shard.empty()) throw io::ConfigError("--merge", 0, 0, "", "--merge takes no --shard");
  batch::CalibrationSpec spec = batch::load_calibration_spec(args.spec);
  // Everything that can be checked before simulating: keys and both ends of every prior, the
  // design's corners as whole configs, outcome variables, labels and months (a probe run).
  check_before_runs(*args.model, spec.as_experiment());
  batch::Cluster cluster;
  const bool leader = cluster.rank() == 0;
  if (leader) prepare(spec, args.output);
  cluster.barrier();
  if (leader && !args.quiet)
    std::printf("hubsim calibrate %s: ABC-SMC over %zu parameters, %zu fitted and %zu held-out targets, %d particles x %d seed(s)%s\n",
                spec.name.c_str(), spec.parameters.size(),
                static_cast<std::size_t>(std::count_if(spec.targets.begin(), spec.targets.end(), [](auto& t) { return t.fitted; })),
                static_cast<std::size_t>(std::count_if(spec.targets.begin(), spec.targets.end(), [](auto& t) { return !t.fitted; })),
                spec.method.particles, spec.replicates,
                args.budget ? (", at most " + std::to_string(args.budget) + " runs").c_str() : "");
  const auto start = std::chrono::steady_clock::now();
  Calibration cal(args, spec, cluster);
  batch::AbcSettings settings = spec.method;
  if (args.budget) settings.budget = std::max<std::size_t>(1, args.budget / static_cast<std::size_t>(spec.replicates));
  std::vector<batch::Generation> gens;
  try {
    gens = batch::abc_smc(
        spec.priors(), settings, [&](int g, int r, const auto& values) { return cal.simulate(g, r, values); },
        [&](const batch::Generation& g) { cal.report(g); });
  } catch (const StopHere& stop) {
    if (leader) std::printf("%s\n", stop.message.c_str());
    return 0;
  } catch (const Interrupted&) {
    if (leader)
      std::fprintf(stderr, "hubsim: interrupted; the finished runs are kept in %s/rounds; re-run the same command to resume "
                   "(the same proposals follow, so the posterior is the same)\n", args.output.c_str());
    cluster.skip_finalize();
    return 130;
  }
  if (!leader) return 0;
  write_results(args, spec, cal, gens);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!args.quiet) std::printf("wall time of this invocation: %.0f s for %zu runs read or run\n", seconds, cal.runs());
  return 0;
}

}  // namespace hubsim::app
