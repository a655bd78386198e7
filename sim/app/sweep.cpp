// Sweep directory layout: experiment.yaml (the definition, copied: a resume must match it),
// runs/<point>_<rep>.h5 (each written atomically; its presence means the run is done),
// runs/<point>_<rep>.error (why a run failed), summary.csv, sweep.nc, index.csv.
// Crash safety (tests/RELIABILITY.md): every file is written as NAME.tmp-PID, synced and renamed,
// so a SIGKILL leaves either the complete file or none (plus, at most, temporaries that the next
// sweep over the directory removes). The summary files appear only once every run is done.
#include "sim/app/sweep.hpp"

#include <tbb/info.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <set>

#include "sim/app/outputs.hpp"
#include "sim/app/run_job.hpp"
#include "sim/app/safe_read.hpp"
#include "sim/batch/dispatch.hpp"
#include "sim/batch/outcome.hpp"
#include "sim/batch/plan.hpp"
#include "sim/batch/progress_bar.hpp"
#include "sim/batch/summary.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/engine/version.hpp"
#include "sim/io/hub_groups.hpp"
#include "sim/io/run_file.hpp"
#include "sim/io/yaml_document.hpp"

namespace hubsim::app {
namespace fs = std::filesystem;
using batch::Row;

namespace {

struct Sweep {
  const engine::ModelDescription* model = nullptr;
  batch::Experiment experiment;
  batch::Plan plan;
  fs::path dir;
  std::string experiment_text;  ///< the experiment as read (recorded in sweep.nc)

  fs::path run_file(std::size_t run) const { return dir / "runs" / (plan.run_id(run) + ".h5"); }
  fs::path error_file(std::size_t run) const { return dir / "runs" / (plan.run_id(run) + ".error"); }

  Row blank_row(std::size_t run) const {
    Row r = batch::planned_row(plan, run);
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
      if (auto it = data.text_attributes.find("scenario"); it != data.text_attributes.end()) r.scenario = it->second;
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
      else if (batch::is_override(experiment.parameters[i])) sets.push_back(experiment.parameters[i].key + "=" + values[i]);
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

  /// The scenario a run has (or would have): from its config, once per design point (the
  /// replicates of a point differ only in their seeds).
  std::string scenario_of(std::size_t run) const {
    const std::size_t point = plan.point_of(run);
    if (auto it = scenarios.find(point); it != scenarios.end()) return it->second;
    std::string name;
    try {
      name = config_of(run).run.scenario;
    } catch (const std::exception&) {
    }
    return scenarios[point] = name;
  }
  mutable std::map<std::size_t, std::string> scenarios;  ///< scenario_of's, by design point

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

// ---------------------------------------------------------------------------------------------
// Checks before any simulation (issue 17): everything that would make runs fail, or make the
// sweep exceed memory, is found from the experiment, the model's config and a one-month probe
// run, and reported as a config error (exit 2) pointing into the experiment file.

/// Design points are checked as whole configs up to a budget of this many parameter values
/// applied (each costs ~50 us): all of them in any usual sweep, at most 5,000 points, at least 100;
/// beyond that, an even spread including the first and last. Each parameter's own values (every
/// listed value, both ends of every range) are always checked.
constexpr std::size_t kValuesChecked = 20000;

[[noreturn]] void fail_at(const batch::Experiment& e, batch::Pos at, const std::string& key, const std::string& problem) {
  throw io::ConfigError(e.source.string(), at.line, at.column, key, problem);
}

/// A file the experiment names must be a readable regular file (a FIFO would hang the sweep).
void check_input_file(const batch::Experiment& e, const std::filesystem::path& path, batch::Pos at, const std::string& key) {
  std::error_code ec;
  const auto st = fs::status(path, ec);
  if (!fs::exists(st)) fail_at(e, at, key, "no such file " + io::printable(path.string()));
  if (fs::is_directory(st)) fail_at(e, at, key, io::printable(path.string()) + " is a directory, not a scenario file");
  if (!fs::is_regular_file(st)) fail_at(e, at, key, io::printable(path.string()) + " is not a regular file");
  if (::access(path.c_str(), R_OK) != 0) fail_at(e, at, key, "cannot read " + io::printable(path.string()));
}

/// Whether a config error is about the key itself (it does not exist) rather than its value.
bool unknown_key(const io::ConfigError& err) {
  return err.problem().starts_with("unknown key") || err.problem().starts_with("no entry with") ||
         err.problem().starts_with("empty key");
}

std::string point_text(const batch::Experiment& e, const batch::Plan& plan, std::size_t point) {
  std::string out;
  for (std::size_t i = 0; i < e.parameters.size(); ++i)
    out += (out.empty() ? "" : ", ") + e.parameters[i].key + "=" + plan.values[point][i];
  return out.empty() ? "no parameters" : out;
}

/// The config of every point before any run: the model's default, then the point's scenario file
/// (base or the "config" parameter), read once each.
class Configs {
 public:
  Configs(const engine::ModelDescription& model, const batch::Experiment& e) : model_(model), e_(e) {}

  /// Default + scenario file + the experiment's fixed sets; errors in the sets point at them.
  const Config& base(const std::optional<std::string>& file) {
    const std::string name = file.value_or("");
    if (auto it = bases_.find(name); it != bases_.end()) return it->second;
    Config c(model_);
    io::apply_yaml(c.describe(), model_.default_config, model_.default_config_source, io::Overlay::complete);
    if (file) io::apply_yaml_file(c.describe(), *file);  // errors name the scenario file's own line
    for (std::size_t i = 0; i < e_.sets.size(); ++i) {
      try {
        io::apply_override(c.describe(), e_.sets[i]);
      } catch (const io::ConfigError& err) {
        const std::string key = e_.sets[i].substr(0, e_.sets[i].find('='));
        fail_at(e_, e_.set_at[i], "set." + (unknown_key(err) && !err.key_path().empty() ? err.key_path() : key),
                err.problem() + in(file));
      }
    }
    return bases_.emplace(name, std::move(c)).first->second;
  }

  /// The scenario file of the experiment (its base), resolved.
  std::optional<std::string> base_file() const {
    if (!e_.base) return std::nullopt;
    return e_.resolve(*e_.base).string();
  }

  /// " (with scenario F)" when several scenario files are in play.
  std::string in(const std::optional<std::string>& file) const {
    const bool several = std::any_of(e_.parameters.begin(), e_.parameters.end(), [](auto& p) { return p.key == "config"; });
    return several && file ? " (with scenario " + io::printable(*file) + ")" : "";
  }

 private:
  const engine::ModelDescription& model_;
  const batch::Experiment& e_;
  std::map<std::string, Config> bases_;
};

/// What the checks learnt: the largest memory estimate over the points checked, and one config
/// per scenario file to probe the model's outputs with.
struct Checked {
  engine::MemoryEstimate largest;
  int months = 0;  ///< of the largest run
  std::vector<std::pair<std::string, Config>> probes;  ///< (scenario file or "", a point's config)
};

/// Every parameter's own values, alone on each scenario: the key exists, each listed value and
/// both ends of a range are valid for it.
void check_parameter_values(Configs& configs, const batch::Experiment& e, const std::vector<std::optional<std::string>>& files) {
  for (std::size_t i = 0; i < e.parameters.size(); ++i) {
    const batch::Parameter& p = e.parameters[i];
    if (!batch::is_override(p)) continue;
    const std::string here = "parameters[" + std::to_string(i) + "]";
    std::vector<std::pair<std::string, batch::Pos>> tries;
    std::vector<std::string> where;
    if (p.range) {
      tries = {{batch::parameter_value(p, 0), p.range_at}, {batch::parameter_value(p, 1), p.range_at}};
      where = {here + ".range", here + ".range"};
    } else {
      for (std::size_t j = 0; j < p.values.size(); ++j) {
        tries.emplace_back(p.values[j], p.value_at[j]);
        where.push_back(here + ".values[" + std::to_string(j) + "]");
      }
    }
    for (const auto& file : files) {
      for (std::size_t t = 0; t < tries.size(); ++t) {
        Config c = configs.base(file);
        try {
          io::apply_override(c.describe(), p.key + "=" + tries[t].first);
        } catch (const io::ConfigError& err) {
          if (unknown_key(err))
            fail_at(e, p.key_at, here + ".key", err.key_path() + ": " + err.problem() + configs.in(file));
          // Only the key's own problems: a rule relating it to another parameter is checked per point.
          if (err.key_path() == p.key)
            fail_at(e, tries[t].second, where[t], p.key + "=" + io::printable(tries[t].first) + ": " + err.problem() + configs.in(file));
        }
      }
    }
  }
}

/// Builds and checks the config of `point` as its runs will load it.
Config point_config(Configs& configs, const batch::Experiment& e, const batch::Plan& plan, std::size_t point) {
  std::optional<std::string> file = configs.base_file();
  for (std::size_t i = 0; i < e.parameters.size(); ++i)
    if (e.parameters[i].key == "config") file = e.resolve(plan.values[point][i]).string();
  Config c = configs.base(file);
  const std::string where = "point " + std::to_string(point) + " of the design (" + point_text(e, plan, point) + ")";
  for (std::size_t i = 0; i < e.parameters.size(); ++i) {
    if (!batch::is_override(e.parameters[i])) continue;
    try {
      io::apply_override(c.describe(), e.parameters[i].key + "=" + plan.values[point][i]);
    } catch (const io::ConfigError& err) {
      fail_at(e, e.parameters[i].at, "parameters[" + std::to_string(i) + "]",
              where + ": " + (err.key_path().empty() ? "" : err.key_path() + ": ") + err.problem());
    }
  }
  try {
    engine::check_config(c, e.source.string());
  } catch (const io::ConfigError& err) {
    fail_at(e, e.parameters_at, "parameters", where + " cannot run: " + (err.key_path().empty() ? "" : err.key_path() + ": ") +
                                                  err.problem());
  }
  return c;
}

/// Points to check as whole configs: all, or an even spread within the budget, with both ends.
std::vector<std::size_t> points_to_check(std::size_t points, std::size_t parameters) {
  const std::size_t budget = std::clamp<std::size_t>(kValuesChecked / std::max<std::size_t>(parameters, 1), 100, 5000);
  std::vector<std::size_t> out;
  if (points <= budget) {
    for (std::size_t p = 0; p < points; ++p) out.push_back(p);
    return out;
  }
  for (std::size_t i = 0; i < budget; ++i) out.push_back(i * (points - 1) / (budget - 1));
  return out;
}

/// The position in the experiment of the outcome field an OutcomeError blames.
batch::Pos outcome_pos(const batch::OutcomeSpec& o, const std::string& field) {
  if (field == "variable") return o.variable_at;
  if (field == "when") return o.when_at.line ? o.when_at : o.at;
  const std::string dim = field == "hub" ? "hub" : field.substr(field.find('.') + 1);
  for (std::size_t i = 0; i < o.where.size(); ++i)
    if (o.where[i].first == dim) return o.where_at[i];
  return o.at;
}

/// Outcomes against what the model writes: a one-month run of `config` gives its variables and
/// their dimensions' labels (hubs, sectors, groups); and each outcome's months against the period.
void check_outcomes(const batch::Experiment& e, const Config& config, const std::string& scenario) {
  Config probe = config;
  probe.run.end = probe.run.start;
  probe.run.changes.clear();
  io::RunData data;
  try {
    engine::Simulation sim(probe, 1);
    sim.step();
    data = sim.world().results();
  } catch (const std::exception& err) {
    fail_at(e, e.parameters_at.line ? e.parameters_at : batch::Pos{}, e.parameters_at.line ? "parameters" : "",
            "the model cannot start a run of this experiment" + scenario + ": " + err.what());
  }
  for (std::size_t i = 0; i < e.outcomes.size(); ++i) {
    try {
      batch::check_outcome(e.outcomes[i], data);
    } catch (const batch::OutcomeError& err) {
      const std::string key = "outcomes[" + std::to_string(i) + "]." + (err.field().starts_with("where.") || err.field() == "hub"
                                                                             ? (err.field() == "hub" ? "hub" : err.field())
                                                                             : err.field());
      fail_at(e, outcome_pos(e.outcomes[i], err.field()), key, err.problem() + scenario);
    }
  }
}

void check_windows(const batch::Experiment& e, const Config& config, const std::string& where) {
  for (std::size_t i = 0; i < e.outcomes.size(); ++i) {
    try {
      batch::check_window(e.outcomes[i], config.run.start, config.run.end);
    } catch (const batch::OutcomeError& err) {
      fail_at(e, outcome_pos(e.outcomes[i], "when"), "outcomes[" + std::to_string(i) + "].when", err.problem() + where);
    }
  }
}

/// Every check of the experiment against the model's config; throws io::ConfigError (exit 2).
/// The outputs are checked by check_probes, once memory is known to suffice.
Checked check_experiment(const engine::ModelDescription& model, const batch::Experiment& e, const batch::Plan& plan) {
  if (e.base) check_input_file(e, e.resolve(*e.base), e.base_at, "base");
  std::vector<std::optional<std::string>> files;  // the distinct scenario files in play
  for (std::size_t i = 0; i < e.parameters.size(); ++i) {
    const auto& p = e.parameters[i];
    if (p.key != "config") continue;
    for (std::size_t j = 0; j < p.values.size(); ++j) {
      check_input_file(e, e.resolve(p.values[j]), p.value_at[j], "parameters[" + std::to_string(i) + "].values[" + std::to_string(j) + "]");
      files.emplace_back(e.resolve(p.values[j]).string());
    }
  }
  Configs configs(model, e);
  if (files.empty()) files.push_back(configs.base_file());
  for (const auto& f : files) configs.base(f);  // the scenario files and the fixed sets
  check_parameter_values(configs, e, files);

  Checked out;
  std::set<std::string> probed;
  for (std::size_t point : points_to_check(plan.points(), e.parameters.size())) {
    const Config c = point_config(configs, e, plan, point);
    const auto need = model.estimate_memory(*c.params, c.run);
    if (need.bytes > out.largest.bytes) out.largest = need, out.months = c.run.steps();
    const std::string where = plan.points() > 1 ? " (point " + std::to_string(point) + " of the design: " + point_text(e, plan, point) + ")" : "";
    check_windows(e, c, where);
    // One probe per scenario file: the model's outputs do not depend on parameter values otherwise.
    std::string file;
    for (std::size_t i = 0; i < e.parameters.size(); ++i)
      if (e.parameters[i].key == "config") file = plan.values[point][i];
    if (probed.insert(file).second) out.probes.emplace_back(file.empty() ? "" : configs.in(e.resolve(file).string()), c);
  }
  return out;
}

void check_probes(const batch::Experiment& e, const Checked& checked) {
  for (const auto& [scenario, config] : checked.probes) check_outcomes(e, config, scenario);
}

/// Refuses a sweep whose concurrent runs would not fit in memory, as `hubsim run` refuses a run.
void check_memory(const engine::ModelDescription& model, const batch::Experiment& e, const Checked& checked, int concurrent,
                  double max_memory_gib) {
  const auto [limit, what] = memory_limit(max_memory_gib);
  const double need = checked.largest.bytes * concurrent;
  if (need <= limit) return;
  char agents[32];
  std::snprintf(agents, sizeof agents, "%.3g", checked.largest.agents);
  const std::string each = memory_size(checked.largest.bytes) + " each for up to " + agents + " agents over " +
                           std::to_string(checked.months) + " months";
  throw io::ConfigError(e.source.string(), 0, 0, model.scale_key,
                        concurrent > 1
                            ? std::to_string(concurrent) + " runs at once would need about " + memory_size(need) + " of memory (" + each +
                                  "), more than the limit of " + memory_size(limit) + " (" + what +
                                  "); run fewer at once (-j), lower population.scale, shorten the period or snapshot less often"
                            : "a run of this sweep would need about " + memory_size(need) + " of memory (" + agents +
                                  " agents over " + std::to_string(checked.months) + " months), more than the limit of " +
                                  memory_size(limit) + " (" + what + "); lower population.scale, shorten the period or snapshot less often");
}

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

// ---------------------------------------------------------------------------------------------
// The sweep as one dataset (sweep.nc; sim/io/FORMAT.md, "Sweep files"): a run file's layout with
// a `run` dimension instead of one run.

bool all_numbers(const std::vector<std::string>& texts) {
  for (const auto& t : texts) {
    char* end = nullptr;
    const double x = std::strtod(t.c_str(), &end);
    if (t.empty() || end != t.c_str() + t.size() || !std::isfinite(x)) return false;
  }
  return true;
}

io::Variable run_variable(std::string name, std::string long_name, std::vector<double> values, bool integer) {
  io::Variable v{std::move(name), std::move(long_name), "", {"run"}, std::move(values), integer};
  return v;
}

io::Variable run_text(std::string name, std::string long_name, std::vector<std::string> text) {
  io::Variable v{std::move(name), std::move(long_name), "", {"run"}, {}, false};
  v.textual = true;
  v.text = std::move(text);
  return v;
}

std::string spec_text(const batch::OutcomeSpec& o) {
  std::string out = o.variable;
  for (const auto& [dim, label] : o.where) out += ", " + dim + " " + label;
  using K = batch::Window::Kind;
  switch (o.when.kind) {
    case K::month: out += ", " + o.when.from.iso(); break;
    case K::year: out += ", " + std::to_string(o.when.from.year()); break;
    case K::period: out += ", " + o.when.from.iso() + ".." + o.when.to.iso(); break;
    case K::last: out += ", last month"; break;
  }
  using S = batch::OutcomeSpec::Stat;
  out += o.stat == S::value ? ", value" : o.stat == S::mean ? ", mean" : ", sum";
  return out;
}

/// The coordinates along `run` and the outcomes; `first` (an ok run's data, if any) gives the
/// outcomes' units and the hub groups.
io::RunData sweep_dataset(const Sweep& sweep, const std::vector<Row>& rows, const io::RunData* first,
                          const std::string& made_by) {
  io::RunData out;
  io::Dimension run{"run", "run of the sweep: <point>_<replicate> (its file is runs/<run>.h5)", "", {}, {}};
  for (const auto& r : rows) run.labels.push_back(r.run_id);
  out.dimensions.push_back(std::move(run));
  std::vector<double> point, replicate, seed;
  std::vector<std::string> status, scenario, error;
  for (const auto& r : rows) {
    point.push_back(static_cast<double>(r.point));
    replicate.push_back(r.replicate);
    seed.push_back(static_cast<double>(r.seed));
    status.push_back(r.status);
    scenario.push_back(r.scenario);
    error.push_back(r.error);
  }
  std::vector<std::string> coords{"point", "replicate", "seed", "status", "scenario"};
  out.variables.push_back(run_variable("point", "design point of the run", point, true));
  out.variables.push_back(run_variable("replicate", "replicate of the run at its point", replicate, true));
  out.variables.push_back(run_variable("seed", "random seed of the run (run.seed)", seed, true));
  out.variables.push_back(run_text("status", "ok, failed (see error) or missing (not run yet)", status));
  out.variables.push_back(run_text("scenario", "run.scenario of the run", scenario));
  const auto& e = sweep.experiment;
  for (std::size_t i = 0; i < e.parameters.size(); ++i) {
    std::vector<std::string> values;
    for (const auto& r : rows) values.push_back(r.values.at(i));
    const std::string key = e.parameters[i].key;
    const std::string long_name = "swept parameter " + key + (key == "config" ? " (the scenario file)" : "");
    if (all_numbers(values)) {
      std::vector<double> numbers;
      for (const auto& v : values) numbers.push_back(std::strtod(v.c_str(), nullptr));
      out.variables.push_back(run_variable(key, long_name, numbers, false));
    } else {
      out.variables.push_back(run_text(key, long_name, values));
    }
    coords.push_back(key);
  }
  for (std::size_t i = 0; i < e.outcomes.size(); ++i) {
    const auto& o = e.outcomes[i];
    std::vector<double> values;
    for (const auto& r : rows) values.push_back(r.outcomes.at(i));
    io::Variable v = run_variable(o.name, "outcome: " + spec_text(o) + " (NaN unless status is ok)", values, false);
    if (first != nullptr)
      if (const io::Variable* source = first->find(o.variable)) v.units = source->units;
    v.coordinates = coords;
    out.variables.push_back(std::move(v));
  }
  out.variables.push_back(run_text("error", "why the run failed (empty unless status is failed)", error));
  out.text_attributes["title"] = "hubsim sweep " + e.name;
  out.text_attributes["hubsim_file"] = "sweep";
  out.text_attributes["experiment_name"] = e.name;
  out.text_attributes["experiment"] = sweep.experiment_text;
  out.text_attributes["hubsim_version"] = engine::kVersion;
  out.text_attributes["git_commit"] = engine::kGitCommit;
  out.text_attributes["source"] = made_by;
  if (first != nullptr)
    if (auto it = first->text_attributes.find("hub_groups"); it != first->text_attributes.end())
      out.text_attributes["hub_groups"] = it->second;
  return out;
}

/// The data of the first run that is ok, read from its file (nothing if none is, or it cannot be read).
std::optional<io::RunData> first_ok_run(const Sweep& sweep, const std::vector<Row>& rows) {
  for (const auto& r : rows) {
    if (r.status != "ok") continue;
    try {
      return io::read_run_file(sweep.run_file(r.run));
    } catch (const io::RunFileError&) {
      return std::nullopt;
    }
  }
  return std::nullopt;
}

// summary.h5 was the sweep's table before format 3 (sweep.nc replaced it): removed with the others.
const std::set<std::string> kSummaryFiles = {"summary.csv", "sweep.nc", "index.csv", "summary.h5"};

/// Writes sweep.nc, index.csv and summary.csv from `known` rows and, for the others, the run
/// files; returns the rows' statuses counted as (failed, missing). summary.csv comes last, so
/// once it exists the other two are complete as well.
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
    files.push_back(fs::is_regular_file(sweep.run_file(run)) ? "runs/" + r.run_id + ".h5" : "");
    if (r.status != "ok") r.scenario = sweep.scenario_of(run);
    summary.rows.push_back(std::move(r));
  }
  std::error_code ec;
  fs::remove(sweep.dir / "summary.h5", ec);  // format 2's table, replaced by sweep.nc
  const auto first = first_ok_run(sweep, summary.rows);
  io::write_run_file(sweep.dir / "sweep.nc", sweep_dataset(sweep, summary.rows, first ? &*first : nullptr, "hubsim sweep"));
  batch::write_text_atomic(sweep.dir / "index.csv", batch::index_csv(summary, files));
  batch::write_text_atomic(sweep.dir / "summary.csv", batch::summary_csv(summary));
  return {failed, missing};
}

/// `--merge EDITED.yaml` recomputes outcomes from the run files, so EDITED must describe the same
/// runs as the experiment the directory holds: the same base, fixed sets, run ids, seeds and
/// parameter values. Otherwise: io::ConfigError (exit 2), nothing written.
void check_same_plan(const Sweep& sweep, const fs::path& stored) {
  const batch::Experiment old = batch::parse_experiment(batch::read_text(stored), stored);
  const batch::Plan plan = batch::make_plan(old);
  const batch::Experiment& e = sweep.experiment;
  auto refuse = [&](const std::string& what) {
    throw io::ConfigError(e.source.string(), 0, 0, "",
                          "--merge only recomputes outcomes, but this experiment's " + what + " differs from " +
                              stored.string() + "'s (its runs would not be the ones on disk); run it into a new -o "
                              "directory instead");
  };
  if (old.base != e.base) refuse("base");
  if (old.sets != e.sets) refuse("set");
  std::vector<std::string> keys_old, keys_new;
  for (const auto& p : old.parameters) keys_old.push_back(p.key);
  for (const auto& p : e.parameters) keys_new.push_back(p.key);
  if (keys_old != keys_new) refuse("parameters");
  if (plan.runs() != sweep.plan.runs()) refuse("number of runs");
  for (std::size_t run = 0; run < plan.runs(); ++run) {
    if (plan.run_id(run) != sweep.plan.run_id(run) || plan.seed(run) != sweep.plan.seed(run))
      refuse("design or seeds (run " + plan.run_id(run) + ")");
    if (plan.values[plan.point_of(run)] != sweep.plan.values[sweep.plan.point_of(run)])
      refuse("parameter values (run " + plan.run_id(run) + ")");
  }
}

/// "VARIABLE" or "VARIABLE@HUBS" of `collect --series`.
struct SeriesSpec {
  std::string text, variable, hubs, name;
};

SeriesSpec parse_series(const std::string& text) {
  SeriesSpec s;
  s.text = text;
  const auto at = text.find('@');
  s.variable = text.substr(0, at);
  if (at != std::string::npos) s.hubs = text.substr(at + 1);
  if (s.variable.empty() || (at != std::string::npos && s.hubs.empty()))
    throw io::ConfigError("--series", 0, 0, "", "\"" + io::printable(text) + "\": expected VARIABLE or VARIABLE@HUBS "
                          "(a hub or a group of hubs, e.g. employment@county)");
  s.name = s.variable;
  if (!s.hubs.empty()) {
    s.name += '_';
    for (const char c : s.hubs)
      s.name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  }
  return s;
}

/// Where one series' values come from in a run, found from the first ok run and required of
/// every other: the variable, which hubs are summed, and the dims kept.
struct SeriesPlan {
  std::vector<std::string> dims;        ///< kept, after "run": time first
  std::vector<std::size_t> hubs;        ///< summed hub indices (if hubs given)
  std::size_t hub_axis = 0;             ///< axis of "hub" in the variable
  std::size_t slice = 0;                ///< values per run
  std::vector<std::size_t> extents;     ///< of the source variable
};

SeriesPlan plan_series(const SeriesSpec& s, const io::RunData& run, const std::string& file) {
  auto bad = [&](const std::string& problem) {
    throw io::ConfigError("--series", 0, 0, "", io::printable(s.text) + ": " + problem + " (in " + file + ")");
  };
  const io::Variable* v = run.find(s.variable);
  if (v == nullptr) {
    std::string names;
    for (const auto& o : run.variables)
      if (!o.dims.empty() && o.dims.front() == "time") names += (names.empty() ? "" : ", ") + o.name;
    bad("no variable " + io::printable(s.variable) + " (time series: " + names + ")");
  }
  if (v->dims.empty() || v->dims.front() != "time") bad("not a time series (its dims do not start with time)");
  if (v->textual) bad("a text variable");
  SeriesPlan p;
  for (const auto& d : v->dims) {
    if (d == "time") p.extents.push_back(run.months.size());
    else p.extents.push_back(run.find_dimension(d)->size());
  }
  for (std::size_t i = 0; i < v->dims.size(); ++i) {
    if (!s.hubs.empty() && v->dims[i] == "hub") {
      p.hub_axis = i;
      continue;
    }
    p.dims.push_back(v->dims[i]);
  }
  if (!s.hubs.empty()) {
    if (p.dims.size() == v->dims.size()) bad("has no hub dimension to select " + io::printable(s.hubs) + " from");
    if (auto group = io::hub_group(run, s.hubs)) {
      p.hubs = *group;
    } else {
      const io::Dimension* hub = run.find_dimension("hub");
      for (std::size_t i = 0; i < hub->labels.size(); ++i)
        if (hub->labels[i] == s.hubs) p.hubs = {i};
      if (p.hubs.empty()) {
        std::string known;
        for (const auto& [name, _] : io::hub_groups(run)) known += ", " + name;
        for (const auto& h : hub->labels) known += ", " + h;
        bad("no hub or group of hubs \"" + io::printable(s.hubs) + "\" (expected all" + known + ")");
      }
    }
    if (s.hubs == "all") {
      p.hubs.clear();
      for (std::size_t i = 0; i < p.extents[p.hub_axis]; ++i) p.hubs.push_back(i);
    }
  }
  p.slice = 1;
  for (std::size_t i = 0; i < p.extents.size(); ++i)
    if (s.hubs.empty() || i != p.hub_axis) p.slice *= p.extents[i];
  return p;
}

/// One run's values of a planned series (summed over the selected hubs).
void extract_series(const SeriesPlan& p, const SeriesSpec& s, const io::Variable& v, double* out) {
  if (s.hubs.empty()) {
    std::copy(v.values.begin(), v.values.end(), out);
    return;
  }
  std::size_t outer = 1, inner = 1;
  for (std::size_t i = 0; i < p.hub_axis; ++i) outer *= p.extents[i];
  for (std::size_t i = p.hub_axis + 1; i < p.extents.size(); ++i) inner *= p.extents[i];
  const std::size_t hubs = p.extents[p.hub_axis];
  std::fill(out, out + outer * inner, 0.0);
  for (std::size_t o = 0; o < outer; ++o)
    for (std::size_t h : p.hubs)
      for (std::size_t i = 0; i < inner; ++i) out[o * inner + i] += v.values[(o * hubs + h) * inner + i];
}

}  // namespace

int collect_command(const CollectArgs& args) {
  const auto t0 = std::chrono::steady_clock::now();
  Sweep sweep;
  sweep.model = args.model;
  sweep.dir = args.dir;
  const fs::path experiment_path = sweep.dir / "experiment.yaml";
  std::error_code ec;
  if (!fs::is_directory(sweep.dir, ec))
    throw io::ConfigError("collect", 0, 0, "", io::printable(args.dir) + ": no such sweep directory");
  if (!fs::exists(experiment_path, ec))
    throw io::ConfigError("collect", 0, 0, "", io::printable(args.dir) + ": not a sweep directory (no experiment.yaml)");
  sweep.experiment_text = io::read_small_file(experiment_path, "an experiment");
  sweep.experiment = batch::parse_experiment(sweep.experiment_text, experiment_path);
  sweep.plan = batch::make_plan(sweep.experiment);
  const fs::path out = args.output.empty() ? sweep.dir / "sweep.nc" : fs::path(args.output);
  check_output_file(out, "-o");
  std::vector<SeriesSpec> specs;
  std::set<std::string> names;
  for (const auto& text : args.series) {
    specs.push_back(parse_series(text));
    if (!names.insert(specs.back().name).second)
      throw io::ConfigError("--series", 0, 0, "", io::printable(text) + ": given twice");
  }

  const std::size_t total = sweep.plan.runs();
  std::vector<Row> rows;
  rows.reserve(total);
  std::optional<io::RunData> first;
  std::string first_file;
  std::vector<SeriesPlan> plans;
  std::vector<std::vector<double>> series(specs.size());
  for (std::size_t run = 0; run < total; ++run) {
    const fs::path file = sweep.run_file(run);
    if (!fs::exists(file, ec)) {
      Row r = sweep.row_on_disk(run);  // failed (runs/<id>.error) or missing
      r.scenario = sweep.scenario_of(run);
      rows.push_back(std::move(r));
      continue;
    }
    io::RunData data;
    try {
      data = io::read_run_file(file);
    } catch (const io::RunFileError& e) {
      throw BadInputFile(e.what());
    }
    Row r = sweep.row_from(run, data);
    if (r.status != "ok") throw BadInputFile(file.string() + ": " + r.error);
    if (!first) {
      first_file = file.string();
      for (const auto& spec : specs) plans.push_back(plan_series(spec, data, first_file));
      for (std::size_t i = 0; i < specs.size(); ++i) series[i].assign(total * plans[i].slice, std::nan(""));
      first = data;
    } else if (!specs.empty()) {
      if (data.months != first->months)
        throw BadInputFile(file.string() + ": its months differ from those of " + first_file + "; collect series "
                           "of runs over one period");
      std::set<std::string> used;
      for (const auto& p : plans) used.insert(p.dims.begin(), p.dims.end());
      if (!specs.empty() && std::any_of(specs.begin(), specs.end(), [](const SeriesSpec& x) { return !x.hubs.empty(); }))
        used.insert("hub");
      for (const auto& d : first->dimensions) {
        if (!used.count(d.name)) continue;
        const io::Dimension* here = data.find_dimension(d.name);
        if (here == nullptr || here->labels != d.labels || here->size() != d.size())
          throw BadInputFile(file.string() + ": its dimension " + d.name + " differs from that of " + first_file);
      }
    }
    for (std::size_t i = 0; i < specs.size(); ++i) {
      const io::Variable* v = data.find(specs[i].variable);
      if (v == nullptr || v->dims != first->find(specs[i].variable)->dims)
        throw BadInputFile(file.string() + ": no variable " + specs[i].variable + " shaped as in " + first_file);
      extract_series(plans[i], specs[i], *v, series[i].data() + run * plans[i].slice);
    }
    rows.push_back(std::move(r));
  }

  if (!first && !specs.empty())
    throw io::ConfigError("--series", 0, 0, "", io::printable(args.series.front()) + ": " + io::printable(args.dir) +
                                                    " has no finished run to read series from");
  io::RunData data = sweep_dataset(sweep, rows, first ? &*first : nullptr, "hubsim collect");
  if (first && !specs.empty()) {
    data.months = first->months;
    for (std::size_t i = 0; i < specs.size(); ++i) {
      const io::Variable& source = *first->find(specs[i].variable);
      for (const auto& d : plans[i].dims)
        if (d != "time" && data.find_dimension(d) == nullptr) data.dimensions.push_back(*first->find_dimension(d));
      io::Variable v{specs[i].name, source.long_name, source.units, {"run"}, std::move(series[i]), false};
      v.dims.insert(v.dims.end(), plans[i].dims.begin(), plans[i].dims.end());
      if (!specs[i].hubs.empty()) v.long_name += "; summed over hubs " + specs[i].hubs;
      v.long_name += " (NaN unless status is ok)";
      v.cell_methods = source.cell_methods;
      data.variables.push_back(std::move(v));
    }
    // Series name the same coordinates as the outcomes.
    std::vector<std::string> coords{"point", "replicate", "seed", "status", "scenario"};
    for (const auto& p : sweep.experiment.parameters) coords.push_back(p.key);
    for (auto& v : data.variables)
      if (std::find(v.dims.begin(), v.dims.end(), "time") != v.dims.end()) v.coordinates = coords;
  }
  io::write_run_file(out, data);
  const auto ok = static_cast<std::size_t>(std::count_if(rows.begin(), rows.end(), [](const Row& r) { return r.status == "ok"; }));
  if (!args.quiet)
    std::printf("collected %zu runs (%zu ok) with %zu outcomes and %zu series into %s in %.2f s\n", total, ok,
                sweep.experiment.outcomes.size(), specs.size(), out.string().c_str(),
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  return 0;
}

void check_before_runs(const engine::ModelDescription& model, const batch::Experiment& e) {
  const batch::Plan plan = batch::make_plan(e);
  check_probes(e, check_experiment(model, e, plan));
}

int sweep_command(const SweepArgs& args) {
  std::optional<batch::Cluster> own;
  if (!args.cluster) own.emplace();
  batch::Cluster& cluster = args.cluster ? *args.cluster : *own;
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
  const std::string text = io::read_small_file(experiment_path, "an experiment");
  sweep.experiment = batch::parse_experiment(text, experiment_path);
  sweep.plan = batch::make_plan(sweep.experiment);
  sweep.experiment_text = text;
  const std::size_t total = sweep.plan.runs();
  // --merge with an edited experiment: only its outcomes (and name) may differ from the one the
  // directory holds, which it then replaces (written below, with the summary).
  const fs::path stored = sweep.dir / "experiment.yaml";
  const bool replace_experiment = args.merge && !fs::is_directory(args.path) && fs::exists(stored) &&
                                  batch::read_text(stored) != text;
  if (replace_experiment && leader) check_same_plan(sweep, stored);

  std::vector<std::optional<Row>> known(total);
  if (!args.merge) {
    const auto [k, n] = args.shard.empty() ? std::pair{1, 1} : parse_shard(args.shard);
    std::vector<std::size_t> todo;
    const int jobs = args.jobs > 0 ? args.jobs : tbb::info::default_concurrency();
    if (leader) {
      try {
        // Everything that can be checked before simulating, before the directory is touched.
        const Checked checked = check_experiment(*sweep.model, sweep.experiment, sweep.plan);
        const std::size_t runs_here = args.shard.empty() ? total : (total + static_cast<std::size_t>(n) - 1) / static_cast<std::size_t>(n);
        const int concurrent = cluster.distributed() ? 1 : static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(jobs), runs_here));
        check_memory(*sweep.model, sweep.experiment, checked, concurrent, args.max_memory_gib);
        check_probes(sweep.experiment, checked);
        // A posterior design's ensemble (as parsed) is kept in the directory for analyse and --merge.
        const bool posterior = sweep.experiment.design.kind == batch::DesignKind::posterior;
        const std::string& ensemble = sweep.experiment.design.posterior_text;
        const fs::path kept = sweep.dir / "posterior.csv";
        if (posterior && fs::exists(kept) && batch::read_text(kept) != ensemble)
          throw io::ConfigError(kept.string(), 0, 0, "", "the sweep was made with another posterior ensemble than " +
                                                             sweep.experiment.design.posterior_file + "; use a new directory");
        prepare_directory(sweep.dir, text);
        if (posterior) batch::write_text_atomic(kept, ensemble);
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
      const auto failed = static_cast<std::size_t>(
          std::count_if(known.begin(), known.end(), [](const auto& r) { return r && r->status == "failed"; }));
      if (!args.quiet)
        std::fprintf(stderr, "shard %s done; when every shard is, join them: hubsim sweep --merge %s\n",
                     args.shard.c_str(), sweep.dir.string().c_str());
      if (failed) {
        std::fprintf(stderr, "hubsim: error: %zu runs of shard %s failed (exit code %d); the finished runs are kept; "
                     "their errors are in %s/*.error; re-run the same command to retry them\n",
                     failed, args.shard.c_str(), kSweepFailedRuns, (sweep.dir / "runs").string().c_str());
        return kSweepFailedRuns;
      }
      return 0;
    }
  }

  if (!leader) return 0;
  if (replace_experiment) {
    // The old summary describes the old outcomes: gone first, so the directory never pairs the
    // new experiment with it; then the experiment; then the new summary (summary.csv last).
    for (const auto& name : kSummaryFiles) fs::remove(sweep.dir / name);
    batch::write_text_atomic(stored, text);
  }
  const auto [failed, missing] = write_summary(sweep, known);
  if (!args.quiet) {
    if (replace_experiment)
      std::printf("outcomes recomputed from the run files with %s; %s now holds it\n", args.path.c_str(),
                  stored.string().c_str());
    std::printf("%zu runs: %zu ok, %zu failed, %zu missing\n", total, total - failed - missing, failed, missing);
    std::printf("summary: %s (and sweep.nc), index: %s\n", (sweep.dir / "summary.csv").string().c_str(),
                (sweep.dir / "index.csv").string().c_str());
  }
  if (missing) {
    std::fprintf(stderr, "hubsim: error: %zu runs have no file yet: run the missing shards, then --merge again\n", missing);
    return 1;
  }
  if (failed) {
    std::fprintf(stderr, "hubsim: error: %zu of %zu runs failed (exit code %d); the finished runs are kept; their "
                 "errors are in %s; re-run the same command to retry them\n", failed, total, kSweepFailedRuns,
                 (sweep.dir / "summary.csv").string().c_str());
    return kSweepFailedRuns;
  }
  return 0;
}

}  // namespace hubsim::app
