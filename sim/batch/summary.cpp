#include "sim/batch/summary.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "sim/io/atomic_file.hpp"
#include "sim/io/config.hpp"
#include "sim/io/yaml_document.hpp"

namespace hubsim::batch {

Row planned_row(const Plan& plan, std::size_t run) {
  Row r;
  r.run = run;
  r.run_id = plan.run_id(run);
  r.point = plan.point_of(run);
  r.replicate = plan.replicate_of(run);
  r.seed = plan.seed(run);
  r.values = plan.values[r.point];
  return r;
}
namespace {

/// A field as summary_csv writes it: printable text only (run errors may quote anything), quoted
/// if it holds a comma or a quote.
std::string csv_field(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  if (!io::plain_text(s)) s = io::printable(s, std::string::npos);  // escapes the rest as \xNN, \u{...}
  if (s.find_first_of(",\"") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string real(double v) { return std::isfinite(v) ? io::format_real(v) : ""; }

struct Field {
  std::string text;
  int column = 0;  ///< 1-based byte column where the field starts
};

bool parse_double(const std::string& s, double& v) {
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return !s.empty() && ec == std::errc{} && ptr == s.data() + s.size();
}

/// Reads summary.csv line by line and field by field, failing at the exact line and column.
class CsvReader {
 public:
  CsvReader(const std::string& text, std::string source) : text_(text), source_(std::move(source)) {}

  [[noreturn]] void fail(int column, const std::string& key, const std::string& problem) const {
    throw io::ConfigError(source_, line_, column, io::printable(key), problem);
  }

  /// The next line's fields; false at the end of the file. `names` name the columns in errors.
  bool next(std::vector<Field>& out, const std::vector<std::string>& names) {
    if (at_ >= text_.size()) return false;
    ++line_;
    std::size_t end = text_.find('\n', at_);
    if (end == std::string::npos) end = text_.size();
    std::string_view line(text_.data() + at_, end - at_);
    at_ = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);  // CRLF, as an editor may save it
    line_end_ = static_cast<int>(line.size()) + 1;
    if (line.empty()) fail(1, "", "empty line; expected a row of " + std::to_string(names.size()) + " fields");
    out.clear();
    auto name = [&](std::size_t i) { return i < names.size() ? names[i] : ""; };
    std::size_t i = 0;
    while (true) {
      Field f;
      f.column = static_cast<int>(i) + 1;
      const std::size_t index = out.size();
      if (i < line.size() && line[i] == '"') {
        ++i;
        while (true) {
          if (i >= line.size()) fail(f.column, name(index), "quote never closed");
          if (line[i] == '"' && i + 1 < line.size() && line[i + 1] == '"') f.text += '"', i += 2;
          else if (line[i] == '"') break;
          else f.text += line[i++];
        }
        ++i;  // the closing quote
        if (i < line.size() && line[i] != ',')
          fail(static_cast<int>(i) + 1, name(index), "expected a comma after the closing quote");
      } else {
        while (i < line.size() && line[i] != ',') {
          if (line[i] == '"') fail(static_cast<int>(i) + 1, name(index), "stray quote in an unquoted field");
          f.text += line[i++];
        }
      }
      if (!io::plain_text(f.text))
        fail(f.column, name(index), "expected printable UTF-8 text (no NUL or control bytes), got \"" + io::printable(f.text) + "\"");
      out.push_back(std::move(f));
      if (i >= line.size()) break;
      ++i;  // the comma
    }
    return true;
  }

  int line() const { return line_; }
  /// The column just past the end of the line read last.
  int line_end() const { return line_end_; }

 private:
  const std::string& text_;
  std::string source_;
  std::size_t at_ = 0;
  int line_ = 0;
  int line_end_ = 1;
};

/// A whole number in [lo, hi], digits only (no sign, space or exponent).
std::uint64_t whole(const CsvReader& in, const Field& f, const std::string& column, std::uint64_t lo, std::uint64_t hi) {
  std::uint64_t v = 0;
  const char* b = f.text.data();
  const char* e = b + f.text.size();
  auto [ptr, ec] = std::from_chars(b, e, v);
  const bool digits = !f.text.empty() && std::all_of(b, e, [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || ec != std::errc{} || ptr != e || v < lo || v > hi)
    in.fail(f.column, column, "expected a whole number in [" + std::to_string(lo) + ", " + std::to_string(hi) + "], got \"" +
                                  io::printable(f.text) + "\"");
  return v;
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

Summary parse_summary_csv(const std::string& text, const std::string& source, const Summary& expected) {
  CsvReader in(text, source);
  std::vector<std::string> names = {"run_id", "point", "replicate", "seed"};
  names.insert(names.end(), expected.parameters.begin(), expected.parameters.end());
  names.insert(names.end(), expected.outcomes.begin(), expected.outcomes.end());
  names.push_back("status");
  names.push_back("error");
  const std::size_t k = expected.parameters.size(), m = expected.outcomes.size();
  std::vector<Field> f;
  if (!in.next(f, names)) throw io::ConfigError(source, 0, 0, "", "the summary is empty; re-run hubsim sweep --merge");
  for (std::size_t i = 0; i < std::min(f.size(), names.size()); ++i)
    if (f[i].text != names[i])
      in.fail(f[i].column, names[i], "expected the column \"" + io::printable(names[i]) + "\" here (experiment.yaml's "
                                     "parameters and outcomes), got \"" + io::printable(f[i].text) + "\"");
  if (f.size() != names.size())
    in.fail(f.size() > names.size() ? f[names.size()].column : in.line_end(), "",
            "the header has " + std::to_string(f.size()) + " columns, expected " + std::to_string(names.size()) +
                " (run_id, point, replicate, seed, the experiment's parameters and outcomes, status, error)");

  Summary s;
  s.parameters = expected.parameters;
  s.outcomes = expected.outcomes;
  const std::uint64_t points = expected.rows.empty() ? 0 : expected.rows.back().point;
  int replicates = 0;
  for (const auto& r : expected.rows) replicates = std::max(replicates, r.replicate + 1);
  while (in.next(f, names)) {
    const std::size_t run = s.rows.size();
    if (f.size() != names.size())
      in.fail(f.size() > names.size() ? f[names.size()].column : in.line_end(), f.size() > names.size() ? "" : names[f.size()],
              std::to_string(f.size()) + " fields, expected " + std::to_string(names.size()));
    if (run >= expected.rows.size())
      in.fail(1, "run_id", "more rows than the plan's " + std::to_string(expected.rows.size()) + " runs");
    const Row& want = expected.rows[run];
    Row r;
    r.run = run;
    r.run_id = f[0].text;
    if (r.run_id != want.run_id)
      in.fail(f[0].column, "run_id", "expected \"" + want.run_id + "\" (run " + std::to_string(run + 1) + " of the plan), got \"" +
                                         io::printable(r.run_id) + "\"");
    r.point = static_cast<std::size_t>(whole(in, f[1], "point", 0, points));
    if (r.point != want.point)
      in.fail(f[1].column, "point", "expected " + std::to_string(want.point) + " (run " + want.run_id + " of the plan), got " + f[1].text);
    r.replicate = static_cast<int>(whole(in, f[2], "replicate", 0, static_cast<std::uint64_t>(std::max(replicates, 1) - 1)));
    if (r.replicate != want.replicate)
      in.fail(f[2].column, "replicate", "expected " + std::to_string(want.replicate) + " (run " + want.run_id + " of the plan), got " + f[2].text);
    r.seed = static_cast<std::int64_t>(whole(in, f[3], "seed", 0, (std::uint64_t{1} << 53) - 1));
    if (r.seed != want.seed)
      in.fail(f[3].column, "seed", "expected " + std::to_string(want.seed) + " (run " + want.run_id + " of the plan), got " + f[3].text);
    const std::string& status = f[4 + k + m].text;
    if (status != "ok" && status != "failed" && status != "missing")
      in.fail(f[4 + k + m].column, "status", "expected ok, failed or missing, got \"" + io::printable(status) + "\"");
    for (std::size_t i = 0; i < k; ++i) {
      const Field& v = f[4 + i];
      if (v.text != want.values[i])
        in.fail(v.column, names[4 + i], "expected \"" + io::printable(want.values[i]) + "\" (point " + std::to_string(want.point) +
                                            " of the plan), got \"" + io::printable(v.text) + "\"");
      r.values.push_back(v.text);
    }
    for (std::size_t i = 0; i < m; ++i) {
      const Field& v = f[4 + k + i];
      double x = std::numeric_limits<double>::quiet_NaN();
      if (!v.text.empty() && status != "ok")
        in.fail(v.column, names[4 + k + i], "expected an empty field: the run's status is " + status);
      if (!v.text.empty() && (!parse_double(v.text, x) || !std::isfinite(x)))
        in.fail(v.column, names[4 + k + i], "expected a finite number or an empty field, got \"" + io::printable(v.text) + "\"");
      r.outcomes.push_back(x);
    }
    r.status = status;
    r.error = f.back().text;
    if (status == "ok" && !r.error.empty()) in.fail(f.back().column, "error", "expected an empty field: the run's status is ok");
    s.rows.push_back(std::move(r));
  }
  if (s.rows.size() != expected.rows.size())
    throw io::ConfigError(source, in.line() + 1, 1, "run_id",
                          "the summary has " + std::to_string(s.rows.size()) + " rows, expected the plan's " +
                              std::to_string(expected.rows.size()) + " runs; re-run hubsim sweep --merge");
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

}  // namespace hubsim::batch
