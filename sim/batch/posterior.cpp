#include "sim/batch/posterior.hpp"

#include <charconv>
#include <cmath>
#include <numeric>

#include "sim/batch/design.hpp"
#include "sim/io/config.hpp"
#include "sim/io/config_error.hpp"
#include "sim/io/yaml_document.hpp"

namespace hubsim::batch {
namespace {

/// Splits one CSV line at commas (the format has no quoted fields: keys and numbers only).
std::vector<std::string> fields(const std::string& line) {
  std::vector<std::string> out(1);
  for (char c : line) {
    if (c == ',') out.emplace_back();
    else out.back() += c;
  }
  return out;
}

double number(const std::string& s, const std::string& source, int line, int column, const std::string& key) {
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc{} || ptr != s.data() + s.size() || !std::isfinite(v))
    throw io::ConfigError(source, line, column, key, "expected a finite number, got \"" + io::printable(s) + "\"");
  return v;
}

}  // namespace

std::string ensemble_csv(const Ensemble& e) {
  std::string out = "particle,weight";
  for (const auto& k : e.keys) {
    out += ',';
    out += k;
  }
  out += "\n";
  for (std::size_t i = 0; i < e.particle.size(); ++i) {
    out += std::to_string(e.particle[i]);
    out += ',';
    out += io::format_real(e.weight[i]);
    for (double v : e.values[i]) {
      out += ',';
      out += io::format_real(v);
    }
    out += "\n";
  }
  return out;
}

Ensemble parse_ensemble_csv(const std::string& text, const std::string& source) {
  Ensemble e;
  std::size_t at = 0;
  int line = 0;
  std::size_t columns = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    std::string row = text.substr(at, end - at);
    at = end + 1;
    ++line;
    if (!row.empty() && row.back() == '\r') row.pop_back();
    if (row.empty()) continue;
    const auto f = fields(row);
    if (line == 1) {
      if (f.size() < 3 || f[0] != "particle" || f[1] != "weight")
        throw io::ConfigError(source, 1, 1, "", "not a posterior ensemble: expected the header particle,weight,KEY... "
                                                "(hubsim calibrate writes it as DIR/posterior.csv)");
      for (std::size_t c = 2; c < f.size(); ++c) {
        if (f[c].empty() || !io::plain_text(f[c]))
          throw io::ConfigError(source, 1, 0, "", "column " + std::to_string(c + 1) + " has no valid parameter key");
        e.keys.push_back(f[c]);
      }
      columns = f.size();
      continue;
    }
    if (f.size() != columns)
      throw io::ConfigError(source, line, 1, "", "expected " + std::to_string(columns) + " fields, got " + std::to_string(f.size()));
    int column = 1;
    const double p = number(f[0], source, line, column, "particle");
    if (p != std::floor(p) || p < 0) throw io::ConfigError(source, line, 1, "particle", "expected a whole number >= 0");
    column += static_cast<int>(f[0].size()) + 1;
    const double w = number(f[1], source, line, column, "weight");
    if (w < 0) throw io::ConfigError(source, line, column, "weight", "expected a weight >= 0");
    column += static_cast<int>(f[1].size()) + 1;
    std::vector<double> values;
    for (std::size_t c = 2; c < f.size(); ++c) {
      values.push_back(number(f[c], source, line, column, e.keys[c - 2]));
      column += static_cast<int>(f[c].size()) + 1;
    }
    e.particle.push_back(static_cast<std::int64_t>(p));
    e.weight.push_back(w);
    e.values.push_back(std::move(values));
  }
  if (e.keys.empty()) throw io::ConfigError(source, 0, 0, "", "is empty: not a posterior ensemble");
  const double total = std::accumulate(e.weight.begin(), e.weight.end(), 0.0);
  if (e.particle.empty() || !(total > 0)) throw io::ConfigError(source, 0, 0, "", "holds no particle with a positive weight");
  for (double& w : e.weight) w /= total;
  return e;
}

std::vector<std::size_t> systematic_draws(const std::vector<double>& weights, int n, std::uint64_t seed) {
  // One offset in [0, 1/n) from the seed, then n equally spaced pointers into the cumulative weights.
  const double u = DesignRng(seed).uniform() / n;
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<std::size_t> out;
  double cumulative = 0;
  std::size_t i = 0;
  for (int k = 0; k < n; ++k) {
    const double target = (u + static_cast<double>(k) / n) * total;
    while (i + 1 < weights.size() && cumulative + weights[i] <= target) cumulative += weights[i++];
    out.push_back(i);
  }
  return out;
}

}  // namespace hubsim::batch
