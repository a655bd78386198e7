// The sweep summary's CSV: written in a fixed form, read back strictly against the plan (issue 17:
// an edited summary.csv must give a clear error, never a crash or a silent NaN).
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "sim/batch/experiment.hpp"
#include "sim/batch/outcome.hpp"
#include "sim/batch/plan.hpp"
#include "sim/batch/summary.hpp"
#include "sim/io/config_error.hpp"

using namespace hubsim;
using namespace hubsim::batch;

namespace {

const char* kExperiment = R"(name: s
parameters:
  - {key: labour.commute_minutes, values: [30, 60]}
design: {kind: grid}
replicates: 2
outcomes:
  - {name: jobs, variable: employment}
  - {name: firms, variable: firms}
)";

/// What the plan says the summary holds (as hubsim analyse builds it), and a summary of it.
Summary expected_of(const Plan& plan) {
  Summary s;
  s.parameters = {"labour.commute_minutes"};
  s.outcomes = {"jobs", "firms"};
  for (std::size_t run = 0; run < plan.runs(); ++run) s.rows.push_back(planned_row(plan, run));
  return s;
}

struct Fixture {
  Experiment e = parse_experiment(kExperiment, "exp.yaml");
  Plan plan = make_plan(e);
  Summary expected = expected_of(plan);
  std::string csv;

  Fixture() {
    Summary s = expected;
    for (auto& r : s.rows) {
      r.outcomes = {1000.5 + static_cast<double>(r.run), 7};
      r.status = "ok";
    }
    s.rows[1].outcomes = {std::nan(""), std::nan("")};
    s.rows[1].status = "failed";
    s.rows[1].error = "disk full, \"really\"\nsecond line\twith a tab";
    csv = summary_csv(s);
  }

  std::string error_of(const std::string& text) const {
    try {
      parse_summary_csv(text, "summary.csv", expected);
    } catch (const io::ConfigError& e) {
      return e.what();
    }
    return "";
  }

  /// The CSV with `from` replaced by `to` once.
  std::string edited(const std::string& from, const std::string& to) const {
    std::string out = csv;
    const auto at = out.find(from);
    REQUIRE(at != std::string::npos);
    return out.replace(at, from.size(), to);
  }
};

}  // namespace

TEST_CASE("summary: what summary_csv writes reads back against the plan") {
  const Fixture f;
  const Summary s = parse_summary_csv(f.csv, "summary.csv", f.expected);
  REQUIRE(s.rows.size() == 4);
  CHECK(s.rows[0].outcomes == std::vector<double>{1000.5, 7});
  CHECK(s.rows[1].status == "failed");
  CHECK(std::isnan(s.rows[1].outcomes[0]));
  CHECK(s.rows[1].error == "disk full, \"really\" second line with a tab");  // one line, no control bytes
  CHECK(s.rows[3].point == 1);
  CHECK(s.rows[3].values == std::vector<std::string>{"60"});
  // An editor's CRLF line endings are fine.
  std::string crlf;
  for (char c : f.csv) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  CHECK(parse_summary_csv(crlf, "summary.csv", f.expected).rows.size() == 4);
}

TEST_CASE("summary: every field is parsed strictly, with line, column and column name") {
  const Fixture f;
  CHECK(f.error_of(f.edited("0000_01,0,", "0000_01,-1,")) ==
        "summary.csv:3:9: point: expected a whole number in [0, 1], got \"-1\"");
  CHECK(f.error_of(f.edited("0000_01,0,", "0000_01,18446744073709551615,")) ==
        "summary.csv:3:9: point: expected a whole number in [0, 1], got \"18446744073709551615\"");
  CHECK(f.error_of(f.edited("0000_01,0,", "0000_01,999,")) == "summary.csv:3:9: point: expected a whole number in [0, 1], got \"999\"");
  CHECK(f.error_of(f.edited("0000_01,0,", "0000_01,1,")) == "summary.csv:3:9: point: expected 0 (run 0000_01 of the plan), got 1");
  CHECK(f.error_of(f.edited("0000_01,0,", "0000_01,+0,")).find("3:9: point: expected a whole number") != std::string::npos);
  CHECK(f.error_of(f.edited("0001_00,1,0,", "0001_00,1,7,")).find("4:11: replicate: expected a whole number in [0, 1]") !=
        std::string::npos);
  CHECK(f.error_of(f.edited(",1000.5,", ",abc,")) == "summary.csv:2:25: jobs: expected a finite number or an empty field, got \"abc\"");
  CHECK(f.error_of(f.edited(",1000.5,", ",nan,")).find("jobs: expected a finite number") != std::string::npos);
  CHECK(f.error_of(f.edited(",1000.5,", ",1e999,")).find("jobs: expected a finite number") != std::string::npos);
  CHECK(f.error_of(f.edited(",1000.5,", std::string(",10\0" "00,", 7))) ==
        "summary.csv:2:25: jobs: expected printable UTF-8 text (no NUL or control bytes), got \"10\\x0000\"");
  CHECK(f.error_of(f.edited(",ok,\n", ",okay,\n")).find("status: expected ok, failed or missing, got \"okay\"") != std::string::npos);
  CHECK(f.error_of(f.edited(",ok,\n", ",ok,oops\n")).find("error: expected an empty field: the run's status is ok") !=
        std::string::npos);
  CHECK(f.error_of(f.edited(",,,failed,", ",5,,failed,")).find("jobs: expected an empty field: the run's status is failed") !=
        std::string::npos);
  CHECK(f.error_of(f.edited("0000_00,", "0000_0X,")) == "summary.csv:2:1: run_id: expected \"0000_00\" (run 1 of the plan), got \"0000_0X\"");
  CHECK(f.error_of(f.edited(",30,1000.5", ",31,1000.5")).find("labour.commute_minutes: expected \"30\" (point 0 of the plan)") !=
        std::string::npos);
  CHECK(f.error_of(f.edited("run_id,point", "run_id,pont")).find("summary.csv:1:8: point: expected the column \"point\"") == 0);
  CHECK(f.error_of(f.edited(",status,error\n", ",status\n")).find("summary.csv:1:69: the header has 8 columns, expected 9") == 0);
  CHECK(f.error_of(f.edited(",ok,\n", ",ok,,\n")).find("summary.csv:2:") == 0);
  CHECK(f.error_of(f.edited("\"disk full", "\"disk ful\"l")).find("expected a comma after the closing quote") != std::string::npos);
  CHECK(f.error_of(f.edited("\"disk full, \"\"really\"\" second line with a tab\"", "\"open")).find("error: quote never closed") !=
        std::string::npos);
  CHECK(f.error_of(f.edited(",1000.5,", ",10\"00.5,")).find("jobs: stray quote") != std::string::npos);
  CHECK(f.error_of(f.csv + "\n").find("summary.csv:6:1: empty line") == 0);
  CHECK(f.error_of(f.csv.substr(0, f.csv.rfind("0001_01"))) ==
        "summary.csv:5:1: run_id: the summary has 3 rows, expected the plan's 4 runs; re-run hubsim sweep --merge");
  CHECK(f.error_of(f.csv + "0001_02,1,0,1,60,1,2,ok,\n").find("summary.csv:6:1: run_id: more rows than the plan's 4 runs") == 0);
  CHECK(f.error_of("").find("summary.csv: the summary is empty") == 0);
  CHECK(f.error_of("\xef\xbb\xbf" + f.csv).find("summary.csv:1:1: run_id: expected the column \"run_id\"") == 0);
  CHECK(f.error_of(f.edited(",ok,\n", ",ok,caf\xc3(\n")).find("error: expected printable UTF-8 text") != std::string::npos);
}

TEST_CASE("summary: fields are written as printable text, whatever an error message held") {
  Summary s;
  s.outcomes = {"x"};
  Row r;
  r.run_id = "0000_00";
  r.outcomes = {std::nan("")};
  r.status = "failed";
  static const char raw[] = "bad\0byte\x1b[31m red \xe2\x80\xae bidi";
  r.error = std::string(raw, sizeof raw - 1);
  s.rows.push_back(r);
  const std::string csv = summary_csv(s);
  CHECK(csv.find("bad\\x00byte\\x1b[31m red \\u{202e} bidi") != std::string::npos);
}
