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
