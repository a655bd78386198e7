#pragma once
/// Internals of `hubsim analyse` shared by its sections (analyse_sections.cpp) and `hubsim report`.
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/app/analyse_format.hpp"
#include "sim/batch/experiment.hpp"
#include "sim/batch/plan.hpp"

namespace hubsim::engine {
struct ModelDescription;
}

namespace hubsim::app::detail {

/// A finished sweep, read strictly against its plan.
struct SweepData {
  std::filesystem::path dir;
  batch::Experiment experiment;
  batch::Plan plan;
  /// per outcome, per point: outcomes of the point's successful replicates
  std::vector<std::vector<std::vector<double>>> samples;
  /// per outcome, per point, per replicate: the outcome, NaN unless the run is ok (for pairing)
  std::vector<std::vector<std::vector<double>>> by_replicate;
  std::size_t ok = 0, not_ok = 0;
  std::vector<std::string> units;  ///< per outcome, from the first ok run file ("" if unknown)
  ParameterNames names;
  std::string provenance;  ///< "hubsim 0.3.0, commit e83b4c0b26d0, 2022-01/2035-12", from that run file
};

/// A point's label: its parameter values ("config" by file stem), or "base".
std::string point_label(const batch::Experiment& e, const batch::Plan& plan, std::size_t point, bool skip_draw = false);
/// The point whose label (or scenario file stem) is `name`; throws io::ConfigError on --baseline.
std::size_t find_point(const SweepData& d, const std::string& name);

std::string csv_field(const std::string& s);
/// Shortest round-trip text for CSV ("" for NaN).
std::string csv_num(double v);

/// One analysis table: what it found, for stdout, DIR/analysis/NAME.csv and its chart.
struct Section {
  std::string name;  ///< file stem under DIR/analysis
  std::string csv;
  bool chart = true;
  std::string caption;  ///< one sentence on what the chart shows (for the brief)
  std::string title;    ///< a heading for the brief
  std::string text;     ///< what it printed (filled when the sections are captured, for the brief)
};

/// Reads DIR strictly (experiment.yaml, summary.csv against its plan; units from one run file) and
/// names parameters from the model's description when there is one. Throws io::ConfigError when
/// DIR is not a finished sweep or none of its runs is ok.
SweepData load_sweep(const std::filesystem::path& dir, const engine::ModelDescription* model);

struct Options {
  int resamples = 1000;
  std::string baseline;
  std::string discover;
  std::FILE* out = stdout;  ///< where the sections print their tables (the report captures them)
};

/// Every section that applies to the sweep, in the order analyse prints them (after
/// check_options). With `capture`, what each prints goes to its Section::text, not to o.out.
std::vector<Section> run_sections(const SweepData& d, Options o, bool capture);

/// Checks --baseline and --discover against the sweep before anything is printed or written;
/// throws io::ConfigError naming the option.
void check_options(const SweepData& d, const Options& o);

void targets(const SweepData& d, const Options& o, std::vector<Section>& out);
void bands(const SweepData& d, const Options& o, std::vector<Section>& out);
void paired(const SweepData& d, const Options& o, std::vector<Section>& out);
void sobol(const SweepData& d, const Options& o, std::vector<Section>& out);
void morris(const SweepData& d, const Options& o, std::vector<Section>& out);
bool cost_per_job(const SweepData& d, const Options& o, std::vector<Section>& out);
/// PRIM boxes where --discover holds; with print false only checks the option (and computes).
void discover(const SweepData& d, const Options& o, std::vector<Section>& out, bool print = true);

}  // namespace hubsim::app::detail
