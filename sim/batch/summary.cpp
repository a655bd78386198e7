#include "sim/batch/summary.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include "sim/io/atomic_file.hpp"
#include "sim/io/config.hpp"
#include "sim/io/detail/h5.hpp"

namespace hubsim::batch {
namespace {

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += "\"\"";
    else out += (c == '\n' || c == '\r') ? ' ' : c;
  }
  return out + "\"";
}

std::string real(double v) { return std::isfinite(v) ? io::format_real(v) : ""; }

/// Splits one CSV line (quoted fields, doubled quotes).
std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') out.back() += '"', ++i;
      else if (c == '"') quoted = false;
      else out.back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

bool parse_double(const std::string& s, double& v) {
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return !s.empty() && ec == std::errc{} && ptr == s.data() + s.size();
}

}  // namespace

std::string summary_csv(const Summary& s) {
  // Appending field by field (not "," + field) also sidesteps a GCC 12 -Wrestrict false positive.
  std::string out = "run_id,point,replicate,seed";
  auto field = [&out](const std::string& f) {
    out += ',';
    out += f;
  };
  for (const auto& p : s.parameters) field(csv_field(p));
  for (const auto& o : s.outcomes) field(csv_field(o));
  out += ",status,error\n";
  for (const auto& r : s.rows) {
    out += r.run_id;
    field(std::to_string(r.point));
    field(std::to_string(r.replicate));
    field(std::to_string(r.seed));
    for (const auto& v : r.values) field(csv_field(v));
    for (double v : r.outcomes) field(real(v));
    field(r.status);
    field(csv_field(r.error));
    out += '\n';
  }
  return out;
}

Summary parse_summary_csv(const std::string& text, const std::string& source) {
  std::istringstream in(text);
  std::string line;
  if (!std::getline(in, line)) throw std::runtime_error(source + ": empty summary");
  const auto header = split_csv(line);
  if (header.size() < 6 || header[0] != "run_id" || header[header.size() - 2] != "status")
    throw std::runtime_error(source + ": not a hubsim sweep summary");
  Summary s;
  std::size_t lineno = 1;
  // Which columns are parameters and which outcomes is known only to the caller (the
  // experiment); here everything between seed and status counts as an outcome, and the caller
  // moves the first k to parameters with split_columns.
  for (std::size_t i = 4; i + 2 < header.size(); ++i) s.outcomes.push_back(header[i]);
  while (std::getline(in, line)) {
    ++lineno;
    if (line.empty()) continue;
    const auto f = split_csv(line);
    if (f.size() != header.size()) throw std::runtime_error(source + ":" + std::to_string(lineno) + ": wrong number of fields");
    Row r;
    r.run = s.rows.size();
    r.run_id = f[0];
    r.point = std::stoul(f[1]);
    r.replicate = std::stoi(f[2]);
    r.seed = std::stoll(f[3]);
    for (std::size_t i = 4; i + 2 < f.size(); ++i) {
      double v = std::numeric_limits<double>::quiet_NaN();
      parse_double(f[i], v);
      r.outcomes.push_back(v);
      r.values.push_back(f[i]);  // the text too, for parameter columns
    }
    r.status = f[f.size() - 2];
    r.error = f.back();
    s.rows.push_back(std::move(r));
  }
  return s;
}

std::string index_csv(const Summary& s, const std::vector<std::string>& files) {
  std::string out = "run_id,status,file\n";
  for (std::size_t i = 0; i < s.rows.size(); ++i)
    out += s.rows[i].run_id + "," + s.rows[i].status + "," + csv_field(i < files.size() ? files[i] : "") + "\n";
  return out;
}

void write_text_atomic(const std::filesystem::path& path, const std::string& text) {
  io::atomic_replace(path, [&](const std::filesystem::path& tmp) {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();  // a failure to flush shows only here
    if (!out) throw std::runtime_error("cannot write " + tmp.string());
  });
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

namespace {

using namespace io::detail;

void write_contents(const File& f, const Summary& s) {
  const auto file = f.get();
  std::vector<std::string> ids, status, error;
  std::vector<std::int64_t> point, rep, seed;
  for (const auto& r : s.rows) {
    ids.push_back(r.run_id), status.push_back(r.status), error.push_back(r.error);
    point.push_back(static_cast<std::int64_t>(r.point)), rep.push_back(r.replicate), seed.push_back(r.seed);
  }
  write_column(file, "run_id", ids);
  write_column(file, "point", point);
  write_column(file, "replicate", rep);
  write_column(file, "seed", seed);
  // Columns are named from the root ("parameters/<key>") so that errors name them in full.
  create_group(file, "parameters").close("/parameters");
  for (std::size_t i = 0; i < s.parameters.size(); ++i) {
    std::vector<std::string> text;
    std::vector<double> num;
    bool numeric = true;
    for (const auto& r : s.rows) {
      text.push_back(r.values[i]);
      double v = 0;
      numeric = numeric && parse_double(r.values[i], v);
      num.push_back(v);
    }
    const std::string name = "parameters/" + s.parameters[i];
    if (numeric) write_column(file, name, num);
    else write_column(file, name, text);
  }
  create_group(file, "outcomes").close("/outcomes");
  for (std::size_t i = 0; i < s.outcomes.size(); ++i) {
    std::vector<double> v;
    for (const auto& r : s.rows) v.push_back(r.outcomes[i]);
    write_column(file, "outcomes/" + s.outcomes[i], v);
  }
  write_column(file, "status", status);
  write_column(file, "error", error);
}

}  // namespace

void write_summary_h5(const std::filesystem::path& path, const Summary& s) {
  io::atomic_replace(path, [&](const std::filesystem::path& tmp) {
    std::lock_guard lock(library_mutex());
    ErrorSilencer quiet;
    File file = create_file(tmp, {.link_order = true, .v18_format = true});
    write_contents(file, s);
    file.close("file");
  });
}

}  // namespace hubsim::batch
