#pragma once
/// What `hubsim analyse` and `hubsim report` show people: numbers as 30,105 or ~0 rather than
/// 30105.2 or -1.41619e-05, parameters by name ("J. Flexible delivery such as digital bootcamps"
/// for interventions.J.intensity) from the model's own parameter description, and units.
#include <map>
#include <string>

#include "sim/io/config.hpp"

namespace hubsim::app {

/// A number for a table: thousands separated and whole above 100, three significant digits
/// below, "~0" when smaller than 1e-4 of `scale` (the largest magnitude it is shown beside).
std::string readable(double v, double scale = 0);
/// A probability or a share: two decimals ("0.05").
std::string fixed2(double v);

/// Parameter names and units from a model's description (io::ParamVisitor), keyed as --set writes
/// them. A parameter whose meaning is shared by its siblings (every intervention's "intensity")
/// is named by its section ("J. Flexible delivery such as digital bootcamps"); any other by its
/// own description, up to the first ';' or '('.
class ParameterNames {
 public:
  ParameterNames() = default;
  explicit ParameterNames(const io::Describe& describe);
  /// The readable name, or the key itself when the description does not know it.
  std::string label(const std::string& key) const;
  std::string unit(const std::string& key) const;
  /// A section's name by its key ("interventions.J"): its description up to the first ':'.
  std::string section(const std::string& key) const;

 private:
  std::map<std::string, std::string> labels_, units_, sections_;
};

/// A variable's unit as run files write it, shortened for axes ("GBP million/year" -> "GBP m/year").
std::string short_unit(std::string unit);

}  // namespace hubsim::app
