// libFuzzer target: arbitrary bytes as a sweep experiment (batch::parse_experiment, through the
// hardened YAML reader) and as a sweep's summary.csv (batch::parse_summary_csv, against a fixed
// plan). Each input must either be rejected with io::ConfigError or be accepted with its promises
// kept: an accepted experiment's plan has design_points(e) points within the limits, every point a
// value per parameter, run ids unique and seeds below 2^53; an accepted summary has the plan's rows
// with finite outcomes (or NaN where empty) and printable text. Nothing else may escape, crash,
// allocate without bound or hang.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>

#include "sim/batch/experiment.hpp"
#include "sim/batch/plan.hpp"
#include "sim/batch/summary.hpp"
#include "sim/io/config_error.hpp"
#include "sim/io/yaml_document.hpp"

using namespace hubsim;

namespace {

// Plans up to this size are built and checked; larger accepted ones only have their size checked
// (a million-run plan is legal but slow to build for every input).
constexpr double kBuiltPoints = 20000;

void check_experiment(const std::string& text) {
  batch::Experiment e;
  try {
    e = batch::parse_experiment(text, "fuzz.yaml");
  } catch (const io::ConfigError&) {
    return;
  }
  const double points = batch::design_points(e);
  if (!(points >= 1) || points > batch::kMaxRuns || points * e.replicates > batch::kMaxRuns ||
      points * static_cast<double>(e.parameters.size()) > batch::kMaxPlanCells)
    std::abort();  // accepted beyond the limits
  for (const auto& o : e.outcomes)
    if (!io::plain_text(o.name) || !io::plain_text(o.variable)) std::abort();
  if (points > kBuiltPoints) return;
  const batch::Plan plan = batch::make_plan(e);
  if (static_cast<double>(plan.points()) != points) std::abort();
  std::set<std::string> ids;
  for (std::size_t p = 0; p < plan.points(); ++p)
    if (plan.values[p].size() != e.parameters.size()) std::abort();
  for (std::size_t run = 0; run < plan.runs() && run < 1000; ++run) {
    if (!ids.insert(plan.run_id(run)).second) std::abort();
    if (plan.seed(run) < 0 || plan.seed(run) >= (std::int64_t{1} << 53)) std::abort();
  }
}

/// The plan of a small experiment; fuzz bytes are read as its summary.csv.
const batch::Summary& expected_summary() {
  static const batch::Summary s = [] {
    const batch::Experiment e = batch::parse_experiment(
        "name: s\nparameters:\n  - {key: labour.commute_minutes, values: [30, 60]}\ndesign: {kind: grid}\n"
        "replicates: 2\noutcomes:\n  - {name: jobs, variable: employment}\n  - {name: leavers, variable: leavers}\n",
        "fuzz_summary.yaml");
    const batch::Plan plan = batch::make_plan(e);
    batch::Summary out;
    out.parameters = {"labour.commute_minutes"};
    out.outcomes = {"jobs", "leavers"};
    for (std::size_t run = 0; run < plan.runs(); ++run) out.rows.push_back(batch::planned_row(plan, run));
    return out;
  }();
  return s;
}

void check_summary(const std::string& text) {
  const batch::Summary& want = expected_summary();
  batch::Summary got;
  try {
    got = batch::parse_summary_csv(text, "summary.csv", want);
  } catch (const io::ConfigError&) {
    return;
  }
  if (got.rows.size() != want.rows.size()) std::abort();
  for (std::size_t i = 0; i < got.rows.size(); ++i) {
    const batch::Row& r = got.rows[i];
    if (r.point != want.rows[i].point || r.run_id != want.rows[i].run_id || r.outcomes.size() != 2) std::abort();
    for (double v : r.outcomes)
      if (std::isinf(v) || (!std::isnan(v) && r.status != "ok")) std::abort();
    if (!io::plain_text(r.error) || (r.status != "ok" && r.status != "failed" && r.status != "missing")) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  check_experiment(text);
  check_summary(text);
  return 0;
}
