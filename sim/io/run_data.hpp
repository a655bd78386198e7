#pragma once
/// What one run produces, in memory, independent of any file format: named dimensions with
/// coordinates, variables over those dimensions, and provenance attributes. The HDF5 run file
/// (run_file.hpp) is one serialisation of it; tests and the CLI summary read it directly.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sim/core/calendar.hpp"

namespace hubsim::io {

/// A named dimension and its coordinate values (exactly one of `labels` or `values` is used).
struct Dimension {
  std::string name;                 ///< e.g. "hub"
  std::string long_name;            ///< e.g. "hub of the Lancashire digital ecosystem"
  std::string units;                ///< "" for labels
  std::vector<std::string> labels;  ///< string coordinate (hub names, sectors, ...)
  std::vector<double> values;       ///< numeric coordinate
  /// Store the numeric coordinate as int64 (row numbers, counts). Coordinates that are exactly
  /// 0, 1, ..., n-1 (row numbers: event, link, snapshot rows) are stored as int64 in any case.
  bool integer = false;
  std::size_t size() const { return labels.empty() ? values.size() : labels.size(); }
};

/// A variable over named dimensions, stored row-major (last dimension fastest).
struct Variable {
  std::string name;
  std::string long_name;
  std::string units;
  std::vector<std::string> dims;  ///< names of Dimensions; "time" is the run's months
  std::vector<double> values;
  bool integer = false;           ///< counts: stored as int64 in files

  // CF metadata (sim/io/FORMAT.md, "CF conventions"); every field is optional, and the writer
  // leaves out what is empty. Models set them; for variables that do not, the writer infers
  // what it safely can from the long_name (a code list "0 a, 1 b", "(index into hub)",
  // "end of month", "this month", "annual rate").
  /// Codes of a coded integer variable (CF flag_values) and what each means (CF flag_meanings:
  /// one entry per code; the writer turns spaces and other characters CF does not allow into '_').
  std::vector<std::int64_t> flag_values = {};
  std::vector<std::string> flag_meanings = {};
  /// The values are 0-based positions along this label dimension (e.g. "hub"): written as
  /// flag_values 0..n-1 with the dimension's labels as flag_meanings, and `hubsim_index_of`.
  std::string index_of = {};
  /// CF cell_methods over time: "time: sum" (a total over the month), "time: point (end of
  /// month)" (a state at the month's end), "time: mean" (a monthly rate or average).
  std::string cell_methods = {};
  /// Further text attributes, written as they are (e.g. CF sample_dimension, comment).
  std::map<std::string, std::string> attributes = {};
  /// CF auxiliary coordinates (the `coordinates` attribute), besides `date`, which every variable
  /// over time names: e.g. a sweep's outcomes name its parameters and seeds.
  std::vector<std::string> coordinates = {};
  /// A text variable (`textual`): one string per element in `text`, row-major, and no `values`;
  /// stored as variable-length UTF-8 strings.
  bool textual = false;
  std::vector<std::string> text = {};
};

/// Everything a run writes. `months` defines the "time" dimension.
struct RunData {
  std::vector<core::Month> months;
  std::vector<Dimension> dimensions;  ///< besides time: hub, ...
  std::vector<Variable> variables;
  std::map<std::string, std::string> text_attributes;  ///< provenance: config, scenario, version...
  std::map<std::string, std::int64_t> int_attributes;  ///< seed, threads...
  std::map<std::string, double> real_attributes;       ///< wall time...

  const Variable* find(const std::string& name) const {
    for (const auto& v : variables)
      if (v.name == name) return &v;
    return nullptr;
  }
  const Dimension* find_dimension(const std::string& name) const {
    for (const auto& d : dimensions)
      if (d.name == name) return &d;
    return nullptr;
  }
};

}  // namespace hubsim::io
