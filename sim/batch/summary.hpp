#pragma once
/// The sweep's summary table (one row per run) and its files: summary.csv and index.csv (the
/// same table as NetCDF, sweep.nc, is written by sim/app/sweep.cpp through io::write_run_file).
/// Rows are always written in run order with fixed formatting, so the files depend only on the
/// run files, never on how (ranks, shards, resumes) they were produced.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/batch/plan.hpp"

namespace hubsim::batch {

struct Row {
  std::size_t run = 0;
  std::string run_id;
  std::size_t point = 0;
  int replicate = 0;
  std::int64_t seed = 0;
  std::vector<std::string> values;  ///< per parameter, as set
  std::vector<double> outcomes;     ///< per outcome; NaN unless status is "ok"
  std::string status;               ///< "ok", "failed" (error says why) or "missing" (not run yet)
  std::string error;
  std::string scenario;             ///< run.scenario of the run (for sweep.nc; not in summary.csv)
};

/// A run's row as the plan fixes it (run id, point, replicate, seed, parameter values), with no
/// outcomes and no status yet.
Row planned_row(const Plan& plan, std::size_t run);

struct Summary {
  std::vector<std::string> parameters;  ///< config key paths
  std::vector<std::string> outcomes;    ///< outcome names
  std::vector<Row> rows;                ///< in run order
};

/// CSV: run_id, point, replicate, seed, parameters..., outcomes..., status, error. Reals in
/// shortest round-trip form; NaN as an empty field.
std::string summary_csv(const Summary& s);
/// Parses what summary_csv wrote (for `hubsim analyse`), strictly, against what the plan says
/// it must hold: `expected` gives the parameter and outcome names and, per run in order, run_id,
/// point, replicate, seed and values (outcomes and status are what is read). Every field is
/// checked: the header and the plan's columns exactly, status ok|failed|missing, outcomes empty
/// or finite numbers (empty unless ok), text fields printable UTF-8 (no NUL or control bytes),
/// CSV quoting, the number of fields and of rows. Throws io::ConfigError naming
/// source:line:column and the column.
Summary parse_summary_csv(const std::string& text, const std::string& source, const Summary& expected);

/// index.csv: run_id, status, file (relative to the sweep directory; empty without a file).
std::string index_csv(const Summary& s, const std::vector<std::string>& files);

/// Writes `text` to `path` atomically (NAME.tmp-PID, fsync, rename); throws io::RunFileError.
void write_text_atomic(const std::filesystem::path& path, const std::string& text);
std::string read_text(const std::filesystem::path& path);

}  // namespace hubsim::batch
