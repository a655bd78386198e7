#include "sim/app/analyse.hpp"


#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <numeric>

#include "sim/app/analyse_detail.hpp"
#include "sim/app/python_script.hpp"
#include "sim/batch/estimators.hpp"
#include "sim/batch/plan.hpp"
#include "sim/batch/summary.hpp"
#include "sim/engine/config.hpp"
#include "sim/io/config.hpp"
#include "sim/io/run_file.hpp"
#include "sim/io/yaml_document.hpp"

namespace hubsim::app {
namespace fs = std::filesystem;

namespace detail {

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string csv_num(double v) {
  if (!std::isfinite(v)) return "";
  char buf[32];
  const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;  // shortest text that reads back exactly
  return std::string(buf, end);
}

std::string point_label(const batch::Experiment& e, const batch::Plan& plan, std::size_t point, bool skip_draw) {
  std::string out;
  for (std::size_t i = 0; i < e.parameters.size(); ++i) {
    const std::string& v = plan.values[point][i];
    // A posterior's draws (the particle and the values it sets) are folded into one scenario.
    if (skip_draw && (e.parameters[i].from_posterior || e.parameters[i].key == batch::kPosteriorDraw)) continue;
    const bool file = e.parameters[i].key == "config";
    if (!out.empty()) out += ' ';
    out += file ? fs::path(v).stem().string() : e.parameters[i].key + "=" + v;
  }
  return out.empty() ? "base" : out;
}

std::size_t find_point(const SweepData& d, const std::string& name) {
  std::string known;
  for (std::size_t p = 0; p < d.plan.points(); ++p) {
    const std::string label = point_label(d.experiment, d.plan, p);
    if (label == name || std::to_string(p) == name) return p;
    if (p < 8) known += (known.empty() ? "" : ", ") + label;
  }
  throw io::ConfigError("--baseline", 0, 0, "", "no point \"" + io::printable(name) + "\" in the sweep (points: " + known +
                                                    (d.plan.points() > 8 ? ", ..." : "") + "; or a point number)");
}

}  // namespace detail

namespace {

using detail::SweepData;

/// A file of the sweep directory that must be there, and be a regular file (a FIFO would hang).
void require_file(const fs::path& dir, const fs::path& path) {
  std::error_code ec;
  const auto st = fs::status(path, ec);
  if (!fs::exists(st))
    throw io::ConfigError(dir.string(), 0, 0, "", "not a finished sweep directory (no " + path.filename().string() +
                                                      "); run hubsim sweep EXPERIMENT.yaml -o " + dir.string() + " first");
  if (!fs::is_regular_file(st)) throw io::ConfigError(path.string(), 0, 0, "", "is not a regular file");
}

SweepData load(const fs::path& dir) {
  SweepData d;
  d.dir = dir;
  const fs::path exp_path = dir / "experiment.yaml", sum_path = dir / "summary.csv";
  require_file(dir, exp_path);
  require_file(dir, sum_path);
  d.experiment = batch::load_experiment(exp_path);
  d.plan = batch::make_plan(d.experiment);
  // What the summary must hold, run by run, according to the plan; it is read strictly against it.
  batch::Summary expected;
  for (const auto& p : d.experiment.parameters) expected.parameters.push_back(p.key);
  for (const auto& o : d.experiment.outcomes) expected.outcomes.push_back(o.name);
  for (std::size_t run = 0; run < d.plan.runs(); ++run) expected.rows.push_back(batch::planned_row(d.plan, run));
  const batch::Summary s = batch::parse_summary_csv(batch::read_text(sum_path), sum_path.string(), expected);
  const std::size_t m = d.experiment.outcomes.size();
  d.samples.assign(m, std::vector<std::vector<double>>(d.plan.points()));
  d.by_replicate.assign(m, std::vector<std::vector<double>>(
                               d.plan.points(), std::vector<double>(static_cast<std::size_t>(d.plan.replicates), NAN)));
  std::string first_ok;
  for (const auto& r : s.rows) {
    if (r.status != "ok") {
      ++d.not_ok;
      continue;
    }
    ++d.ok;
    if (first_ok.empty()) first_ok = r.run_id;
    for (std::size_t o = 0; o < m; ++o) {
      d.samples[o][r.point].push_back(r.outcomes[o]);
      d.by_replicate[o][r.point][static_cast<std::size_t>(r.replicate)] = r.outcomes[o];
    }
  }
  if (d.ok == 0)
    throw io::ConfigError(sum_path.string(), 0, 0, "", "nothing to analyse: none of its " + std::to_string(s.rows.size()) +
                                                         " runs is ok (failed or missing); re-run the sweep to retry them");
  // Units from one run file, for axes and tables; a file that cannot be read only loses them.
  d.units.assign(m, "");
  try {
    const io::RunData run = io::read_run_file(dir / "runs" / (first_ok + ".h5"));
    for (std::size_t o = 0; o < m; ++o)
      if (const auto* v = run.find(d.experiment.outcomes[o].variable)) d.units[o] = short_unit(v->units);
    const auto attr = [&](const char* key) {
      const auto it = run.text_attributes.find(key);
      return it == run.text_attributes.end() ? std::string("?") : it->second;
    };
    d.provenance = run.text_attributes.count("title") ? run.text_attributes.at("title") + "; " : "";
    d.provenance += "hubsim " + attr("hubsim_version") + ", commit " + attr("git_commit") + ", period " + attr("period");
  } catch (const std::exception&) {
  }
  return d;
}

/// Renders `csv` to `png` with the embedded matplotlib script; a note (not a failure) if it cannot.
/// No shell is involved: the interpreter is spawned with an argument vector (python - CSV PNG),
/// the script fed on its stdin, so no path can be read as a command, whatever it holds.
bool plot(const fs::path& csv, const fs::path& png, bool quiet) {
  const std::string failed = run_python_script(kPlotSweepScript, {csv.string(), png.string()});
  if (failed.empty()) {
    if (!quiet) std::printf("chart: %s\n", png.string().c_str());
    return true;
  }
  if (failed.rfind("cannot ", 0) == 0) std::fprintf(stderr, "hubsim: note: no chart: %s\n", failed.c_str());
  else std::fprintf(stderr, "hubsim: note: chart %s not written (%s); the CSV is complete\n", png.string().c_str(), failed.c_str());
  return false;
}

}  // namespace

bool render_chart(const std::string& csv, const std::string& png, bool quiet) { return plot(csv, png, quiet); }

namespace detail {

SweepData load_sweep(const fs::path& dir, const engine::ModelDescription* model) {
  SweepData d = load(dir);
  if (model) {
    engine::Config config = engine::load_config(*model, std::nullopt, {});
    d.names = ParameterNames(config.describe());
  }
  return d;
}

std::vector<Section> run_sections(const SweepData& d, Options o, bool capture) {
  std::vector<Section> sections;
  const auto kind = d.experiment.design.kind;
  const auto run = [&](const auto& section) {
    const std::size_t before = sections.size();
    char* text = nullptr;
    std::size_t size = 0;
    std::FILE* mem = capture ? ::open_memstream(&text, &size) : nullptr;
    if (mem) o.out = mem;
    section();
    if (mem) {
      std::fclose(mem);
      if (sections.size() > before) sections[before].text.assign(text, size);
      std::free(text);
    }
  };
  run([&] { targets(d, o, sections); });
  if (kind == batch::DesignKind::saltelli) run([&] { sobol(d, o, sections); });
  if (kind == batch::DesignKind::morris) run([&] { morris(d, o, sections); });
  bool cost = false;
  run([&] { cost = cost_per_job(d, o, sections); });
  if (!cost) run([&] { paired(d, o, sections); });
  run([&] { bands(d, o, sections); });
  if (!o.discover.empty()) run([&] { discover(d, o, sections); });
  return sections;
}

}  // namespace detail

int analyse_command(const AnalyseArgs& args) {
  const fs::path dir(args.dir);
  const SweepData d = detail::load_sweep(dir, args.model);
  detail::Options options{args.resamples, args.baseline, args.discover};
  detail::check_options(d, options);
  const auto kind = d.experiment.design.kind;
  std::printf("Sweep %s: %s design, %zu parameters, %zu points x %d replicates, %zu runs ok",
              d.experiment.name.c_str(), batch::to_string(kind), d.experiment.parameters.size(), d.plan.points(),
              d.plan.replicates, d.ok);
  if (d.not_ok) std::printf(" (%zu failed or missing: left out)", d.not_ok);
  std::printf("\n");

  // Everything is computed (and every option checked) before anything is written.
  const std::vector<detail::Section> sections = detail::run_sections(d, options, false);
  const fs::path out = dir / "analysis";
  fs::create_directories(out);
  for (const auto& s : sections) batch::write_text_atomic(out / (s.name + ".csv"), s.csv);
  std::printf("\ntables: %s\n", out.string().c_str());
  if (args.plot)
    for (const auto& s : sections)
      if (s.chart) plot(out / (s.name + ".csv"), out / (s.name + ".png"), false);
  return 0;
}

}  // namespace hubsim::app
