// The tables of `hubsim analyse`: each section computes, prints, and leaves its CSV for the
// driver to write (so that an option naming something the sweep lacks writes nothing).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>

#include "sim/app/analyse_detail.hpp"
#include "sim/batch/estimators.hpp"
#include "sim/io/config_error.hpp"
#include "sim/io/yaml_document.hpp"

namespace hubsim::app::detail {
namespace {

namespace fs = std::filesystem;
using batch::DesignKind;

bool per_point(DesignKind k) { return k == DesignKind::grid || k == DesignKind::points || k == DesignKind::posterior; }

double max_abs(const std::vector<double>& v) {
  double m = 0;
  for (double x : v)
    if (std::isfinite(x)) m = std::max(m, std::abs(x));
  return m;
}

std::string with_unit(const SweepData& d, std::size_t o) {
  const auto& u = d.units[o];
  return d.experiment.outcomes[o].name + (u.empty() ? "" : " (" + u + ")");
}

/// Scenarios for probabilities: per point, the posterior draws folded together; for sampled
/// designs (lhs, saltelli, morris) one scenario over every run, i.e. over the sampled inputs.
struct Scenario {
  std::string label;
  std::vector<std::size_t> points;  ///< one per posterior draw (or the single point)
};

std::vector<Scenario> scenarios(const SweepData& d) {
  std::vector<Scenario> out;
  if (!per_point(d.experiment.design.kind)) {
    Scenario all{"all sampled inputs", {}};
    for (std::size_t p = 0; p < d.plan.points(); ++p) all.points.push_back(p);
    out.push_back(all);
    return out;
  }
  std::map<std::string, std::size_t> index;
  for (std::size_t p = 0; p < d.plan.points(); ++p) {
    const std::string label = point_label(d.experiment, d.plan, p, true);
    auto [it, fresh] = index.emplace(label, out.size());
    if (fresh) out.push_back({label, {}});
    out[it->second].points.push_back(p);
  }
  return out;
}

bool has_draws(const SweepData& d) {
  return std::any_of(d.experiment.parameters.begin(), d.experiment.parameters.end(),
                     [](const auto& p) { return p.key == batch::kPosteriorDraw; });
}

}  // namespace

void targets(const SweepData& d, const Options& opt, std::vector<Section>& out) {
  if (d.experiment.targets.empty()) return;
  const bool draws = has_draws(d) && per_point(d.experiment.design.kind);
  Section s{"targets", "target,condition,scenario,runs,met,probability,ci_low,ci_high,method\n", true,
            "The probability that each scenario meets each target, with its 90% confidence interval.", "Does it reach the targets?", ""};
  std::fprintf(opt.out, "\nTargets: probability of meeting each (90%% CI: %s)\n",
              draws ? "two-level bootstrap over posterior draws, then seeds; Wilson over draws when all or none meet it"
                    : "Wilson score interval over runs");
  int few = 0, wide = 0, narrowest = 1 << 30;
  for (const auto& t : d.experiment.targets) {
    std::fprintf(opt.out, "\n%s: %s\n  %-34s %6s %6s %12s %18s\n", t.name.c_str(), t.condition.text().c_str(), "scenario", "runs",
                "met", "probability", "90% CI");
    for (const auto& sc : scenarios(d)) {
      std::vector<std::vector<bool>> groups;
      int met = 0, n = 0;
      for (std::size_t p : sc.points) {
        auto& g = groups.emplace_back();
        for (double v : d.samples[t.outcome][p]) g.push_back(t.condition.holds(v)), met += g.back(), ++n;
      }
      // A bootstrap of all-or-nothing outcomes has no spread: then Wilson over the draws, the
      // independent units (conservative, as the seeds within a draw add less than a draw).
      const bool degenerate = met == 0 || met == n;
      const bool boot = draws && !degenerate;
      batch::Interval ci = boot ? batch::grouped_bootstrap_probability(groups) : batch::wilson(met, n);
      if (draws && degenerate && n > 0) ci = batch::wilson(met == 0 ? 0 : static_cast<int>(groups.size()), static_cast<int>(groups.size()));
      std::fprintf(opt.out, "  %-34.34s %6d %6d %12s %8s .. %s\n", sc.label.c_str(), n, met, fixed2(ci.estimate).c_str(),
                  fixed2(ci.low).c_str(), fixed2(ci.high).c_str());
      s.csv += csv_field(t.name) + "," + csv_field(t.condition.text()) + "," + csv_field(sc.label) + "," + std::to_string(n) +
               "," + std::to_string(met) + "," + csv_num(ci.estimate) + "," + csv_num(ci.low) + "," + csv_num(ci.high) + "," +
               (boot ? "bootstrap" : draws ? "wilson_over_draws" : "wilson") + "\n";
      few += n < 20;
      wide += ci.high - ci.low > 0.3;
      narrowest = std::min(narrowest, n);
    }
  }
  if (few || wide) {
    std::string why;
    if (few) why = std::to_string(few) + " rest on fewer than 20 runs";
    if (wide) why += (why.empty() ? "" : " and ") + std::to_string(wide) + " have a 90% CI wider than 0.3";
    std::fprintf(opt.out,
                 "warning: of these probabilities, %s: with %d runs a probability of 0 or 1 still allows up to %s "
                 "(Wilson); use more replicates%s\n",
                 why.c_str(), narrowest, fixed2(batch::wilson(0, narrowest).high).c_str(), draws ? " and draws" : "");
  }
  out.push_back(std::move(s));
}

void bands(const SweepData& d, const Options& opt, std::vector<Section>& out) {
  const bool print = per_point(d.experiment.design.kind) && d.plan.points() <= 40;
  Section s{"bands", "outcome,unit,point,label,n,mean,p05,p95\n", print,
            "Each outcome's mean by point, with the 90% band (5th to 95th percentile) over seeds.", "Outcomes by scenario", ""};
  if (print) std::fprintf(opt.out, "\nMean and 90%% band (5th-95th percentile over replicates) by point\n");
  int smallest = 1 << 30;
  for (std::size_t o = 0; o < d.experiment.outcomes.size(); ++o) {
    const std::string& name = d.experiment.outcomes[o].name;
    double scale = 0;
    for (const auto& v : d.samples[o]) scale = std::max(scale, max_abs(v));
    if (print) std::fprintf(opt.out, "\n%-40s %6s %12s %26s\n", with_unit(d, o).c_str(), "n", "mean", "90% band");
    for (std::size_t p = 0; p < d.plan.points(); ++p) {
      const auto& v = d.samples[o][p];
      const double mean = batch::mean_of(v), lo = batch::quantile(v, 0.05), hi = batch::quantile(v, 0.95);
      const std::string label = point_label(d.experiment, d.plan, p);
      s.csv += csv_field(name) + "," + csv_field(d.units[o]) + "," + std::to_string(p) + "," + csv_field(label) + "," +
               std::to_string(v.size()) + "," + csv_num(mean) + "," + csv_num(lo) + "," + csv_num(hi) + "\n";
      if (print)
        std::fprintf(opt.out, "  %-38.38s %6zu %12s %12s .. %-12s\n", label.c_str(), v.size(), readable(mean, scale).c_str(),
                    readable(lo, scale).c_str(), readable(hi, scale).c_str());
      if (!v.empty()) smallest = std::min(smallest, static_cast<int>(v.size()));
    }
  }
  if (print && smallest < 20)
    std::fprintf(opt.out, "warning: a 90%% band from %d runs: fewer than 20 leave no run beyond the 5th or 95th percentile, so "
                "its ends are interpolated between the extreme runs; use 20 or more replicates for a band\n",
                smallest);
  out.push_back(std::move(s));
}

namespace {

bool paired_shape(const SweepData& d) {
  return per_point(d.experiment.design.kind) && d.experiment.common_seeds && d.plan.points() >= 2 &&
         d.plan.replicates >= 2 && d.plan.points() <= 200;
}

}  // namespace

void check_options(const SweepData& d, const Options& opt) {
  if (!opt.baseline.empty()) {
    if (!paired_shape(d))
      throw io::ConfigError("--baseline", 0, 0, "",
                            "paired differences need a grid or points design with common seeds, 2 to 200 points and 2+ "
                            "replicates");
    find_point(d, opt.baseline);
  }
  if (!opt.discover.empty()) {
    std::vector<Section> scratch;
    discover(d, opt, scratch, false);
  }
}

void paired(const SweepData& d, const Options& opt, std::vector<Section>& out) {
  if (!paired_shape(d)) return;
  // Scenarios, not points: a posterior design's draws are paired draw by draw and seed by seed.
  const auto scs = scenarios(d);
  for (const auto& sc : scs)
    if (sc.points.size() != scs.front().points.size()) return;
  const std::size_t base_point = opt.baseline.empty() ? 0 : find_point(d, opt.baseline);
  std::size_t base = 0;
  for (std::size_t i = 0; i < scs.size(); ++i)
    if (std::find(scs[i].points.begin(), scs[i].points.end(), base_point) != scs[i].points.end()) base = i;
  const std::string base_label = scs[base].label;
  const auto values = [&](std::size_t o, const Scenario& sc) {
    std::vector<double> v;
    for (std::size_t p : sc.points) v.insert(v.end(), d.by_replicate[o][p].begin(), d.by_replicate[o][p].end());
    return v;
  };
  Section s{"paired", "outcome,unit,point,label,baseline,pairs,mean_diff,ci_low,ci_high,variance_reduction\n", true,
            "What each scenario adds to the baseline " + base_label +
                ", paired by seed (common random numbers): the mean difference and its 90% confidence interval.",
            "What each scenario adds", ""};
  std::fprintf(opt.out, "\nPaired differences from %s, by seed%s (common seeds): mean, 90%% CI (t), variance reduction by pairing\n",
               base_label.c_str(), scs.front().points.size() > 1 ? " and posterior draw" : "");
  for (std::size_t o = 0; o < d.experiment.outcomes.size(); ++o) {
    std::fprintf(opt.out, "\n%-40s %6s %12s %26s %10s\n", with_unit(d, o).c_str(), "pairs", "difference", "90% CI", "var. red.");
    double scale = 0;
    for (const auto& v : d.samples[o]) scale = std::max(scale, max_abs(v));
    const auto b = values(o, scs[base]);
    for (std::size_t i = 0; i < scs.size(); ++i) {
      if (i == base) continue;
      const auto r = batch::paired_difference(values(o, scs[i]), b);
      const std::string& label = scs[i].label;
      char vr[32];
      std::snprintf(vr, sizeof vr, std::isfinite(r.variance_reduction) ? "%.1fx" : "-", r.variance_reduction);
      std::fprintf(opt.out, "  %-38.38s %6d %12s %12s .. %-12s %10s\n", (label + " - " + base_label).c_str(), r.pairs,
                   readable(r.diff.estimate, scale).c_str(), readable(r.diff.low, scale).c_str(),
                   readable(r.diff.high, scale).c_str(), vr);
      s.csv += csv_field(d.experiment.outcomes[o].name) + "," + csv_field(d.units[o]) + "," + std::to_string(scs[i].points.front()) +
               "," + csv_field(label) + "," + csv_field(base_label) + "," + std::to_string(r.pairs) + "," +
               csv_num(r.diff.estimate) + "," + csv_num(r.diff.low) + "," + csv_num(r.diff.high) + "," +
               csv_num(r.variance_reduction) + "\n";
    }
  }
  out.push_back(std::move(s));
}

void sobol(const SweepData& d, const Options& opt, std::vector<Section>& out) {
  const auto& ps = d.experiment.parameters;
  Section s{"sobol", "outcome,unit,parameter,label,S1,S1_low,S1_high,ST,ST_low,ST_high\n", true,
            "Sobol first-order (S1) and total (ST) indices with 95% bootstrap intervals: the share of the output's "
            "variance each parameter explains alone and with its interactions.", "Which parameters matter (Sobol indices)", ""};
  std::fprintf(opt.out, "\nSobol indices (Saltelli 2010 S1, Jansen ST; 95%% bootstrap CI, %d resamples), by ST\n", opt.resamples);
  double widest = 0, lowest = 0;
  for (std::size_t o = 0; o < d.experiment.outcomes.size(); ++o) {
    std::vector<double> y;
    for (const auto& reps : d.samples[o]) y.push_back(batch::mean_of(reps));
    const auto idx = batch::sobol_indices(y, static_cast<int>(ps.size()), opt.resamples);
    std::fprintf(opt.out, "\n%-48s %22s %22s\n", with_unit(d, o).c_str(), "S1 [95% CI]", "ST [95% CI]");
    std::vector<std::size_t> order(ps.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return idx.total[a].estimate > idx.total[b].estimate; });
    for (std::size_t i : order) {
      const auto& f = idx.first[i];
      const auto& t = idx.total[i];
      std::fprintf(opt.out, "  %-46.46s %6s [%5s, %5s] %6s [%5s, %5s]\n", d.names.label(ps[i].key).c_str(), fixed2(f.estimate).c_str(),
                  fixed2(f.low).c_str(), fixed2(f.high).c_str(), fixed2(t.estimate).c_str(), fixed2(t.low).c_str(),
                  fixed2(t.high).c_str());
      s.csv += csv_field(d.experiment.outcomes[o].name) + "," + csv_field(d.units[o]) + "," + csv_field(ps[i].key) + "," +
               csv_field(d.names.label(ps[i].key)) + "," + csv_num(f.estimate) + "," + csv_num(f.low) + "," +
               csv_num(f.high) + "," + csv_num(t.estimate) + "," + csv_num(t.low) + "," + csv_num(t.high) + "\n";
      widest = std::max({widest, f.high - f.low, t.high - t.low});
      lowest = std::min(lowest, f.estimate);
    }
  }
  if (widest > 0.3 || lowest < -0.05)
    std::fprintf(opt.out, "warning: N = %d base samples is too few for these indices to mean much (widest 95%% CI %.2f%s); "
                "S1 and ST are shares in [0, 1]: use N of 500 or more\n",
                d.experiment.design.samples, widest,
                lowest < -0.05 ? (", S1 as low as " + fixed2(lowest)).c_str() : "");
  out.push_back(std::move(s));
}

void morris(const SweepData& d, const Options& opt, std::vector<Section>& out) {
  const auto& ps = d.experiment.parameters;
  Section s{"morris",
            "outcome,unit,parameter,label,rank,mu_star,mu_star_low,mu_star_high,mu,mu_low,mu_high,sigma,sigma_low,"
            "sigma_high,sign,positive,negative,effects\n",
            true,
            "Morris screening: mu*, the mean absolute effect of moving each lever across its range, with 95% bootstrap "
            "intervals over trajectories; grey where the effect's sign differs between trajectories.", "Which levers matter most (Morris screening)", ""};
  std::fprintf(opt.out, "\nMorris elementary effects (change in the outcome over each parameter's whole range), ranked by mu*;\n"
              "95%% bootstrap CIs over trajectories (%d resamples); sign: + or - when every effect has it, else mixed\n",
              opt.resamples);
  int trajectories = 0;
  for (std::size_t o = 0; o < d.experiment.outcomes.size(); ++o) {
    std::vector<double> y;
    for (const auto& reps : d.samples[o]) y.push_back(batch::mean_of(reps));
    const auto idx = batch::morris_bootstrap(d.plan.unit, y, static_cast<int>(ps.size()), opt.resamples);
    trajectories = idx.trajectories;
    const double scale = max_abs(idx.point.mu_star);
    std::fprintf(opt.out, "\n%-58s %4s %24s %10s %10s %6s\n", with_unit(d, o).c_str(), "rank", "mu* [95% CI]", "mu", "sigma", "sign");
    std::vector<std::size_t> order(ps.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](auto a, auto b) { return idx.point.mu_star[a] > idx.point.mu_star[b]; });
    for (std::size_t r = 0; r < order.size(); ++r) {
      const std::size_t i = order[r];
      const std::string sign = idx.sign[i] > 0 ? "+" : idx.sign[i] < 0 ? "-" : "mixed";
      const std::string ci = readable(idx.mu_star[i].estimate, scale) + " [" + readable(idx.mu_star[i].low, scale) + ", " +
                             readable(idx.mu_star[i].high, scale) + "]";
      std::fprintf(opt.out, "  %-56.56s %4zu %24s %10s %10s %6s\n", d.names.label(ps[i].key).c_str(), r + 1, ci.c_str(),
                  readable(idx.mu[i].estimate, scale).c_str(), readable(idx.sigma[i].estimate, scale).c_str(), sign.c_str());
      s.csv += csv_field(d.experiment.outcomes[o].name) + "," + csv_field(d.units[o]) + "," + csv_field(ps[i].key) + "," +
               csv_field(d.names.label(ps[i].key)) + "," + std::to_string(r + 1);
      for (const auto* iv : {&idx.mu_star[i], &idx.mu[i], &idx.sigma[i]})
        for (double v : {iv->estimate, iv->low, iv->high}) s.csv.append(",").append(csv_num(v));
      s.csv.append(",").append(sign);
      for (int n : {idx.positive[i], idx.negative[i], idx.point.effects[i]}) s.csv.append(",").append(std::to_string(n));
      s.csv += '\n';
    }
  }
  if (trajectories < 20)
    std::fprintf(opt.out, "warning: %d trajectories: mu* CIs this wide rank only the levers whose intervals do not overlap; "
                "use 20 or more trajectories (and replicates) to separate the rest\n",
                trajectories);
  out.push_back(std::move(s));
}

bool cost_per_job(const SweepData& d, const Options& opt, std::vector<Section>& out) {
  const auto& e = d.experiment;
  // The shape (sim/batch/README.md, "Cost per job"): one `config` parameter, common seeds, the
  // first file the reference, every other named without_X, and an outcome spend_m.
  if (e.parameters.size() != 1 || e.parameters[0].key != "config" || !e.common_seeds || d.plan.points() < 2) return false;
  std::size_t spend = e.outcomes.size();
  for (std::size_t o = 0; o < e.outcomes.size(); ++o)
    if (e.outcomes[o].name == "spend_m") spend = o;
  if (spend == e.outcomes.size()) return false;
  std::vector<std::string> levers;
  for (std::size_t p = 1; p < d.plan.points(); ++p) {
    const std::string stem = fs::path(d.plan.values[p][0]).stem().string();
    if (stem.rfind("without_", 0) != 0) return false;
    levers.push_back(stem.substr(8));
  }
  // spend_m is a rate in GBP m/year; as a mean over a period it is multiplied by its years.
  const auto& w = e.outcomes[spend].when;
  const bool rate = e.outcomes[spend].stat == batch::OutcomeSpec::Stat::mean &&
                    (w.kind == batch::Window::Kind::period || w.kind == batch::Window::Kind::year);
  const double years = rate ? static_cast<double>(w.to - w.from + 1) / 12.0 : 1.0;
  Section s{"cost", "lever,label,outcome,unit,spend_m,effect,effect_low,effect_high,per_m,per_m_low,per_m_high,gbp_k_per_unit,pairs\n",
            true,
            "What each lever adds in 2035 per GBP m spent on it (the strategy with and without the lever, paired by seed), "
            "with 90% confidence intervals, ranked.", "What a job costs", ""};
  const std::string base = fs::path(d.plan.values[0][0]).stem().string();
  std::fprintf(opt.out, "\nCost per job: %s minus without_X, paired by seed (90%% CI, t); spend = %s over %.0f years\n", base.c_str(),
              e.outcomes[spend].name.c_str(), years);
  for (std::size_t o = 0; o < e.outcomes.size(); ++o) {
    if (o == spend) continue;
    struct Row {
      std::size_t lever;
      double spend;
      batch::PairedDifference r;
    };
    std::vector<Row> rows;
    for (std::size_t p = 1; p < d.plan.points(); ++p) {
      const auto r = batch::paired_difference(d.by_replicate[o][0], d.by_replicate[o][p]);
      const auto c = batch::paired_difference(d.by_replicate[spend][0], d.by_replicate[spend][p]);
      rows.push_back({p - 1, c.diff.estimate * years, r});
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
      const double x = a.spend > 0 ? a.r.diff.estimate / a.spend : -1e300, y = b.spend > 0 ? b.r.diff.estimate / b.spend : -1e300;
      return x > y;
    });
    const std::string unit = d.units[o].empty() ? "units" : d.units[o];
    std::fprintf(opt.out, "\n%s: added by each lever, per GBP m spent\n  %-56s %9s %24s %24s %10s\n", with_unit(d, o).c_str(), "lever",
                 "GBP m", "added [90% CI]", "per GBP m [90% CI]", unit == "jobs" ? "GBP k/job" : "GBP k/unit");
    for (const auto& row : rows) {
      const std::string key = levers[row.lever];
      std::string label = d.names.section("interventions." + key);
      if (label == "interventions." + key) label = key;
      const double m = row.spend > 0 ? 1.0 / row.spend : NAN;
      const double per = row.r.diff.estimate * m, lo = row.r.diff.low * m, hi = row.r.diff.high * m;
      const bool money = unit.rfind("GBP", 0) == 0;
      const double each = !money && row.r.diff.low > 0 ? row.spend * 1000.0 / row.r.diff.estimate : NAN;  // only if surely positive
      const std::string added = readable(row.r.diff.estimate) + " [" + readable(row.r.diff.low) + ", " + readable(row.r.diff.high) + "]";
      const std::string pm = readable(per) + " [" + readable(lo) + ", " + readable(hi) + "]";
      std::fprintf(opt.out, "  %-56.56s %9s %24s %24s %10s\n", label.c_str(), readable(row.spend).c_str(), added.c_str(), pm.c_str(),
                  std::isfinite(each) ? readable(each).c_str() : "-");
      s.csv += csv_field(key) + "," + csv_field(label) + "," + csv_field(e.outcomes[o].name) + "," + csv_field(unit) + "," +
               csv_num(row.spend) + "," + csv_num(row.r.diff.estimate) + "," + csv_num(row.r.diff.low) + "," +
               csv_num(row.r.diff.high) + "," + csv_num(per) + "," + csv_num(lo) + "," + csv_num(hi) + "," + csv_num(each) +
               "," + std::to_string(row.r.pairs) + "\n";
    }
  }
  std::fprintf(opt.out, "GBP k/job (or /unit): GBP k spent per job (per unit of a non-money outcome), shown only where the whole 90%% CI "
              "of the effect is above zero\n");
  out.push_back(std::move(s));
  return true;
}

}  // namespace hubsim::app::detail
