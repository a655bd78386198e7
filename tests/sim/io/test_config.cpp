// The configuration system: YAML overlays, --set overrides, errors with file:line:column and key
// path, the resolved-YAML round trip and the parameter reference.
#include <doctest/doctest.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <unistd.h>

#include "models/lancashire/embedded_config.hpp"
#include "models/lancashire/model.hpp"
#include "models/lancashire/params.hpp"
#include "sim/engine/config.hpp"
#include "sim/io/config.hpp"

using namespace hubsim;
namespace fs = std::filesystem;

namespace {

using engine::Config;

const engine::ModelDescription& lancashire() { return model::description(); }

/// The Lancashire config: the built-in default, overlaid by `file` and `sets`, then `changes`.
Config load(const std::optional<std::string>& file, const std::vector<std::string>& sets,
            const std::vector<std::string>& changes = {}) {
  return engine::load_config(lancashire(), file, sets, changes);
}

const model::Params& params(const Config& c) { return c.as<model::Params>(); }

// A tiny hand-made configuration, so that expected lines and columns are easy to count.
struct Row {
  std::string name;
  double size = 0;
};
struct Tiny {
  double rate = 0;
  std::int64_t count = 0;
  core::Month start{2020, 1};
  std::size_t mode = 0;
  std::vector<Row> rows;
};
constexpr std::array<std::string_view, 2> kModes{"slow", "fast"};

void describe_row(io::ParamVisitor& v, Row& r) {
  v.text("name", r.name, "Row name");
  v.real("size", r.size, {0, 10}, "m", "Size");
}

io::Describe tiny_describe(Tiny& t) {
  return [&t](io::ParamVisitor& v) {
    v.section("s", "A section.", [&] {
      v.real("rate", t.rate, {0, 1}, "1/year", "A rate");
      v.integer("count", t.count, {0, 100}, "items", "A count");
      v.month("start", t.start, "A month");
      v.choice("mode", t.mode, kModes, "A choice");
    });
    v.table("rows", "A table.", io::table_of(t.rows, describe_row, "name", &Row::name));
  };
}

// Line numbers: 1 "s:", 2 rate (value at column 9), 3 count (column 10), 4 start (column 10),
// 5 mode (column 9), 6 "rows:", 7 and 8 the rows (the "{" at column 5).
constexpr const char* kTinyYaml =
    "s:\n"
    "  rate: 0.5\n"
    "  count: 3\n"
    "  start: 2020-02\n"
    "  mode: fast\n"
    "rows:\n"
    "  - {name: a, size: 1}\n"
    "  - {name: b, size: 2}\n";

Tiny loaded_tiny() {
  Tiny t;
  io::apply_yaml(tiny_describe(t), kTinyYaml, "tiny.yaml", io::Overlay::complete);
  return t;
}

template <class F>
std::optional<io::ConfigError> error_of(F&& f) {
  try {
    f();
  } catch (const io::ConfigError& e) {
    return e;
  }
  return std::nullopt;
}

/// The ConfigError of applying `text` to a fully loaded tiny config as a partial overlay.
std::optional<io::ConfigError> tiny_error(const std::string& text) {
  Tiny t = loaded_tiny();
  return error_of([&] { io::apply_yaml(tiny_describe(t), text, "x.yaml", io::Overlay::partial); });
}

#define CHECK_ERROR(err, text, key)                  \
  do {                                               \
    const auto e_ = (err);                           \
    REQUIRE(e_.has_value());                         \
    CHECK(std::string(e_->what()) == (text));        \
    CHECK(e_->key_path() == (key));                  \
  } while (0)

/// A scratch file for load_config, removed by the destructor.
struct TempFile {
  fs::path path;
  explicit TempFile(const std::string& text, const std::string& name = "scenario.yaml") {
    const fs::path dir = fs::temp_directory_path() / ("hubsim_test_config_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    path = dir / name;
    std::ofstream(path, std::ios::binary) << text;
  }
  ~TempFile() {
    std::error_code ignored;
    fs::remove(path, ignored);
    fs::remove(path.parent_path(), ignored);  // only if empty
  }
  std::optional<std::string> file() const { return path.string(); }
};

std::optional<io::ConfigError> lancashire_error(const std::string& text) {
  TempFile f(text);
  auto e = error_of([&] { (void)load(f.file(), {}); });
  if (e) CHECK(e->source() == f.path.string());
  return e;
}

std::string prefix(const std::string& text) {
  return (fs::temp_directory_path() / ("hubsim_test_config_" + std::to_string(::getpid())) / "scenario.yaml").string() +
         text;
}

}  // namespace

TEST_CASE("config: a complete tiny document sets every kind of value") {
  const Tiny t = loaded_tiny();
  CHECK(t.rate == 0.5);
  CHECK(t.count == 3);
  CHECK(t.start == core::Month(2020, 2));
  CHECK(t.mode == 1);
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[1].name == "b");
  CHECK(t.rows[1].size == 2.0);
}

TEST_CASE("config: YAML syntax error names file, line and column") {
  auto e = tiny_error("s:\n  rate: [0.5\n");
  REQUIRE(e);
  CHECK(e->source() == "x.yaml");
  CHECK(e->line() == 3);
  CHECK(e->column() == 1);
  CHECK(e->key_path() == "");
  CHECK(std::string(e->what()).starts_with("x.yaml:3:1: YAML syntax error: "));
}

TEST_CASE("config: unknown key names file, line, column and the expected keys") {
  CHECK_ERROR(tiny_error("s:\n  rate: 0.5\n  rat: 1\n"), "x.yaml:3:3: s.rat: unknown key (expected one of: rate, count, start, mode)",
              "s.rat");
  CHECK_ERROR(tiny_error("t: 1\n"), "x.yaml:1:1: t: unknown key (expected one of: s, rows)", "t");
  CHECK_ERROR(tiny_error("rows:\n  a: {siz: 3}\n"), "x.yaml:2:7: rows.a.siz: unknown key (expected one of: name, size)",
              "rows.a.siz");
  CHECK_ERROR(lancashire_error("labour:\n  commute_minute: 60\n"),
              prefix(":2:3: labour.commute_minute: unknown key (expected one of: commute_minutes, "
                     "distance_decay_minutes, quit_rate_per_year, retire_rate_per_year, applications_per_month)"),
              "labour.commute_minute");
}

TEST_CASE("config: wrong types are rejected at the value, quoted numbers included") {
  CHECK_ERROR(tiny_error("s:\n  rate: fast\n"), "x.yaml:2:9: s.rate: expected a number in [0.0, 1.0] (1/year), got \"fast\"",
              "s.rate");
  CHECK_ERROR(tiny_error("s:\n  rate: \"0.5\"\n"),
              "x.yaml:2:9: s.rate: expected a number in [0.0, 1.0] (1/year), got \"0.5\"", "s.rate");
  CHECK_ERROR(tiny_error("s:\n  count: [1, 2]\n"),
              "x.yaml:2:10: s.count: expected an integer in [0, 100] (items), got a list", "s.count");
  CHECK_ERROR(tiny_error("s: 3\n"), "x.yaml:1:4: s: expected a mapping, got \"3\"", "s");
  CHECK_ERROR(tiny_error("rows: 3\n"), "x.yaml:1:7: rows: expected a list of entries, or a mapping from name to changes",
              "rows");
  CHECK_ERROR(lancashire_error("labour:\n  commute_minutes: \"45\"\n"),
              prefix(":2:20: labour.commute_minutes: expected a number in [0.0, 600.0] (minutes), got \"45\""),
              "labour.commute_minutes");
}

TEST_CASE("config: out-of-range, non-finite and fractional values are rejected with the valid range") {
  CHECK_ERROR(tiny_error("s:\n  rate: 1.5\n"), "x.yaml:2:9: s.rate: value 1.5 is out of range; expected [0.0, 1.0] (1/year)",
              "s.rate");
  CHECK_ERROR(tiny_error("s:\n  count: -1\n"),
              "x.yaml:2:10: s.count: value -1 is out of range; expected [0, 100] (items)", "s.count");
  CHECK_ERROR(tiny_error("s:\n  rate: .nan\n"), "x.yaml:2:9: s.rate: expected a finite number, got \".nan\"", "s.rate");
  CHECK_ERROR(tiny_error("s:\n  rate: .inf\n"), "x.yaml:2:9: s.rate: expected a finite number, got \".inf\"", "s.rate");
  CHECK_ERROR(tiny_error("s:\n  rate: -.inf\n"), "x.yaml:2:9: s.rate: expected a finite number, got \"-.inf\"", "s.rate");
  CHECK_ERROR(tiny_error("s:\n  rate: nan\n"), "x.yaml:2:9: s.rate: expected a finite number, got \"nan\"", "s.rate");
  CHECK_ERROR(tiny_error("s:\n  count: 2.5\n"),
              "x.yaml:2:10: s.count: expected a whole number in [0, 100] (items), got \"2.5\"", "s.count");
  CHECK_ERROR(lancashire_error("hubs:\n  Preston: {lat: 80}\n"),
              prefix(":2:18: hubs.Preston.lat: value 80 is out of range; expected [49.0, 61.0] (degrees)"),
              "hubs.Preston.lat");
}

TEST_CASE("config: duplicate keys and missing values are errors") {
  CHECK_ERROR(tiny_error("s:\n  rate: 0.1\n  rate: 0.2\n"), "x.yaml:3:3: s.rate: duplicate key", "s.rate");
  CHECK_ERROR(tiny_error("s:\n  rate:\n"), "x.yaml:2:3: s.rate: missing value", "s.rate");
}

TEST_CASE("config: empty, comment-only and non-mapping documents are rejected") {
  CHECK_ERROR(tiny_error(""), "x.yaml: the configuration is empty", "");
  CHECK_ERROR(tiny_error("# nothing but a comment\n\n"), "x.yaml: the configuration is empty", "");
  CHECK_ERROR(tiny_error("- s\n- rows\n"), "x.yaml:1:1: expected a mapping of sections at the top level", "");
  CHECK_ERROR(tiny_error("just text\n"), "x.yaml:1:1: expected a mapping of sections at the top level", "");
  CHECK_ERROR(lancashire_error(""), prefix(": the configuration is empty"), "");
}

TEST_CASE("config: complete mode names the first missing key") {
  Tiny t;
  auto e = error_of([&] { io::apply_yaml(tiny_describe(t), "s:\n  rate: 0.5\n", "c.yaml", io::Overlay::complete); });
  CHECK_ERROR(e, "c.yaml:2:3: s.count: missing key", "s.count");
}

TEST_CASE("config: months must be YYYY-MM and choices one of the listed names") {
  CHECK_ERROR(tiny_error("s:\n  start: 2022-13\n"), "x.yaml:2:10: s.start: expected a month as YYYY-MM, got \"2022-13\"",
              "s.start");
  CHECK_ERROR(tiny_error("s:\n  start: 2022/01\n"), "x.yaml:2:10: s.start: expected a month as YYYY-MM, got \"2022/01\"",
              "s.start");
  CHECK_ERROR(tiny_error("s:\n  mode: medium\n"), "x.yaml:2:9: s.mode: expected one of slow, fast, got \"medium\"",
              "s.mode");
  CHECK_ERROR(lancashire_error("run:\n  start: 2022-13\n"),
              prefix(":2:10: run.start: expected a month as YYYY-MM, got \"2022-13\""), "run.start");
}

TEST_CASE("config: run.end before run.start fails at run.end") {
  CHECK_ERROR(lancashire_error("run:\n  start: 2030-01\n  end: 2025-06\n"),
              prefix(":3:8: run.end: run.end must not be before run.start"), "run.end");
}

TEST_CASE("config: table rows must be complete, uniquely named and refer to known hubs") {
  CHECK_ERROR(tiny_error("rows:\n  - {name: a}\n"), "x.yaml:2:5: rows[0].size: missing key", "rows[0].size");
  CHECK_ERROR(tiny_error("rows:\n  - {name: a, size: 1}\n  - {name: a, size: 2}\n"), "x.yaml:3:5: rows[1]: duplicate name \"a\"",
              "rows[1]");
  CHECK_ERROR(tiny_error("rows: []\n"), "x.yaml:1:7: rows: expected at least one entry", "rows");
  CHECK_ERROR(tiny_error("rows:\n  c: {size: 1}\n"), "x.yaml:2:3: rows.c: no entry with name \"c\"", "rows.c");
  CHECK_ERROR(lancashire_error("hubs:\n  - {name: Preston, kind: spoke, lat: 53.76, lon: -2.7}\n"),
              prefix(":2:5: hubs[0].digital_jobs: missing key"), "hubs[0].digital_jobs");
  // The rule is checked at the links table, after both tables were read.
  CHECK_ERROR(lancashire_error("links:\n  - {from: Preston, to: Atlantis, minutes: 5, knowledge_weight: 1}\n"),
              prefix(":2:3: links: link Preston-Atlantis names unknown hub \"Atlantis\""), "links");
}

TEST_CASE("config: an unreachable hub is reported by load_config as a links error") {
  auto e = lancashire_error("links:\n  - {from: Preston, to: Lancaster, minutes: 30, knowledge_weight: 1}\n");
  REQUIRE(e);
  CHECK(e->key_path() == "links");
  CHECK(e->line() == 0);
  CHECK(e->problem() == "hub \"Preston\" cannot be reached from \"Samlesbury\"");
  CHECK(std::string(e->what()) == prefix(": links: hub \"Preston\" cannot be reached from \"Samlesbury\""));
}

TEST_CASE("config: a partial overlay changes only the keys it gives") {
  Tiny t = loaded_tiny();
  io::apply_yaml(tiny_describe(t), "s:\n  count: 7\n", "p.yaml", io::Overlay::partial);
  CHECK(t.count == 7);
  CHECK(t.rate == 0.5);
  CHECK(t.mode == 1);
  CHECK(t.rows.size() == 2);

  const Config base = load(std::nullopt, {});
  TempFile f("labour:\n  commute_minutes: 60\nhubs:\n  Preston: {incubation_space: 99}\n");
  const Config c = load(f.file(), {});
  CHECK(params(c).labour.commute_minutes == 60.0);
  CHECK(params(c).labour.distance_decay_minutes == params(base).labour.distance_decay_minutes);
  REQUIRE(params(c).hubs.size() == params(base).hubs.size());
  CHECK(params(c).hubs[1].name == "Preston");
  CHECK(params(c).hubs[1].incubation_space == 99);
  CHECK(params(c).hubs[1].lat == params(base).hubs[1].lat);
  CHECK(params(c).hubs[0].incubation_space == params(base).hubs[0].incubation_space);
  CHECK(c.run.seed == base.run.seed);
  CHECK(params(c).links.size() == params(base).links.size());
}

TEST_CASE("config: a list replaces the whole table") {
  Tiny t = loaded_tiny();
  io::apply_yaml(tiny_describe(t), "rows:\n  - {name: z, size: 9}\n", "p.yaml", io::Overlay::partial);
  REQUIRE(t.rows.size() == 1);
  CHECK(t.rows[0].name == "z");
  CHECK(t.rows[0].size == 9.0);
  CHECK(t.count == 3);
}

TEST_CASE("config: --set overrides one value, table rows by name") {
  const Config c = load(std::nullopt, {"labour.commute_minutes=60", "hubs.Preston.lat=53.8",
                                                        "hubs.Rest of Lancashire.digital_jobs=9000", "run.seed=5"});
  CHECK(params(c).labour.commute_minutes == 60.0);
  CHECK(params(c).hubs[1].lat == 53.8);
  CHECK(params(c).hubs[6].digital_jobs == 9000);
  CHECK(c.run.seed == 5);
  CHECK(params(c).hubs[0].lat == 53.7733);

  // Later overrides win; --set applies after the scenario file.
  TempFile f("labour: {commute_minutes: 30}\n");
  const Config d = load(f.file(), {"labour.commute_minutes=50", "labour.commute_minutes=55"});
  CHECK(params(d).labour.commute_minutes == 55.0);

  Tiny t = loaded_tiny();
  io::apply_override(tiny_describe(t), "rows.b.size=7.25");
  CHECK(t.rows[1].size == 7.25);
  io::apply_override(tiny_describe(t), "s.mode=slow");
  CHECK(t.mode == 0);
}

TEST_CASE("config: a bad --set names the assignment and the key") {
  auto set_error = [](const std::string& s) { return error_of([&] { (void)load(std::nullopt, {s}); }); };
  CHECK_ERROR(set_error("labour.commute_minutes=700"),
              "--set labour.commute_minutes=700: labour.commute_minutes: value 700 is out of range; expected [0.0, 600.0] "
              "(minutes)",
              "labour.commute_minutes");
  CHECK_ERROR(set_error("labour.commute=60"),
              "--set labour.commute=60: labour.commute: unknown key (expected one of: commute_minutes, "
              "distance_decay_minutes, quit_rate_per_year, retire_rate_per_year, applications_per_month)",
              "labour.commute");
  CHECK_ERROR(set_error("hubs.Atlantis.lat=53"), "--set hubs.Atlantis.lat=53: hubs.Atlantis: no entry with name \"Atlantis\"",
              "hubs.Atlantis");
  CHECK_ERROR(set_error("labour.commute_minutes"), "--set labour.commute_minutes: expected key.path=value", "");
  CHECK_ERROR(set_error("labour..x=1"), "--set labour..x=1: labour..x: empty key in path", "labour..x");
  CHECK_ERROR(set_error("labour.commute_minutes=[1"),
              "--set labour.commute_minutes=[1: labour.commute_minutes: cannot parse value: end of sequence flow not found",
              "labour.commute_minutes");
  CHECK_ERROR(set_error("labour.commute_minutes=\"45\""),
              "--set labour.commute_minutes=\"45\": labour.commute_minutes: expected a number in [0.0, 600.0] (minutes), "
              "got \"45\"",
              "labour.commute_minutes");
  CHECK_ERROR(set_error("run.start=2022/01"), "--set run.start=2022/01: run.start: expected a month as YYYY-MM, got \"2022/01\"",
              "run.start");
  auto e = set_error("labour.commute_minutes=.nan");
  REQUIRE(e);
  CHECK(e->source().starts_with("--set"));
  CHECK(e->line() == 0);
  CHECK(e->problem() == "expected a finite number, got \".nan\"");
}

TEST_CASE("config: the resolved YAML reproduces the configuration exactly") {
  const Config a = load(std::nullopt, {"hubs.Preston.lat=53.123456789012345", "labour.quit_rate_per_year=0.1"});
  Config a_copy = a;
  const std::string text = io::to_yaml(a_copy.describe());
  Config b(lancashire());
  io::apply_yaml(b.describe(), text, "resolved", io::Overlay::complete);
  CHECK(io::to_yaml(b.describe()) == text);
  CHECK(b.run.scenario == a.run.scenario);
  CHECK(b.run.seed == a.run.seed);
  CHECK(b.run.start == a.run.start);
  CHECK(b.run.end == a.run.end);
  REQUIRE(params(b).hubs.size() == params(a).hubs.size());
  CHECK(params(b).hubs[0].name == "Samlesbury");
  CHECK(params(b).hubs[0].lat == 53.7733);
  CHECK(params(b).hubs[0].lon == -2.5694);
  CHECK(params(b).hubs[1].lat == 53.123456789012345);
  CHECK(params(b).hubs[7].kind == model::HubKind::external_metro);
  CHECK(params(b).hubs[7].earnings_index == params(a).hubs[7].earnings_index);
  CHECK(params(b).labour.quit_rate_per_year == 0.1);
  CHECK(params(b).labour.commute_minutes == params(a).labour.commute_minutes);
  CHECK(params(b).population.firm_size_alpha == params(a).population.firm_size_alpha);
  REQUIRE(params(b).links.size() == params(a).links.size());
  CHECK(params(b).links.back().from == params(a).links.back().from);
  CHECK(params(b).links.back().minutes == params(a).links.back().minutes);
  // and the text is the resolved YAML of the defaults (the seed shows as a plain integer).
  CHECK(text.find("  seed: " + std::to_string(a.run.seed) + "\n") != std::string::npos);

  const Config c = engine::load_complete_config(lancashire(), text, "stored");
  CHECK(params(c).hubs[1].lat == 53.123456789012345);
}

TEST_CASE("config: format_real gives the shortest text that reads back exactly") {
  CHECK(io::format_real(45) == "45.0");
  CHECK(io::format_real(53.7733) == "53.7733");
  CHECK(io::format_real(0.1) == "0.1");
  CHECK(io::format_real(-2.5) == "-2.5");
  CHECK(io::format_real(1e7) == "1e+07");
}

TEST_CASE("config: the built-in config is complete and documented") {
  Config c(lancashire());
  CHECK(lancashire().default_config == model::kDefaultConfig);
  CHECK_NOTHROW(io::apply_yaml(c.describe(), model::kDefaultConfig, "built-in", io::Overlay::complete));
  CHECK(c.run.seed == 20220901);
  CHECK(params(c).hubs.size() == 9);

  const std::string md = io::reference_markdown(c.describe(), "Title", "Intro.");
  CHECK(md.starts_with("# Title\n\nIntro.\n"));
  CHECK(md.find("| key | meaning | unit | valid range | default | changes |\n|---|---|---|---|---|---|\n") !=
        std::string::npos);
  CHECK(md.find("| `labour.commute_minutes` | Longest one-way commute a job seeker accepts; hubs farther away are out of "
                "reach | minutes | [0.0, 600.0] | " +
                io::format_real(params(c).labour.commute_minutes) + " | any month |\n") != std::string::npos);
  CHECK(md.find("| `run.start` | First simulated month | month | YYYY-MM | 2022-01 | at start |\n") != std::string::npos);
  CHECK(md.find("| `hubs[].lat` | Latitude (WGS84) of the hub's centre | degrees | [49.0, 61.0] | 53.7733 | at start |\n") !=
        std::string::npos);
  CHECK(md.find("| `population.scale` | ") != std::string::npos);
  CHECK(md.find("| `hubs[].incubation_space` | ") != std::string::npos);
  CHECK(md.find("## `hubs` (table)") != std::string::npos);
  CHECK(md.find("| first row | changes |\n") != std::string::npos);  // tables' field lists too
}

namespace {

// The tiny config with its count and its rows' names read only at the start.
io::Describe tiny_scoped(Tiny& t) {
  return [&t](io::ParamVisitor& v) {
    v.section("s", "A section.", [&] {
      v.real("rate", t.rate, {0, 1}, "1/year", "A rate");
      v.at_start_only([&] { v.integer("count", t.count, {0, 100}, "items", "A count"); });
      CHECK_FALSE(v.start_only());
    });
    v.table("rows", "A table.", io::table_of(t.rows, +[](io::ParamVisitor& rv, Row& r) {
      rv.at_start_only([&] {
        CHECK(rv.start_only());
        rv.text("name", r.name, "Row name");
        rv.at_start_only([&] { CHECK(rv.start_only()); });  // nested: still start-only
        CHECK(rv.start_only());
      });
      CHECK_FALSE(rv.start_only());
      rv.real("size", r.size, {0, 10}, "m", "Size");
    }, "name", &Row::name));
  };
}

}  // namespace

TEST_CASE("config: start-only parameters are found by key path, and the reference says when they may change") {
  Tiny t = loaded_tiny();
  const auto d = tiny_scoped(t);
  CHECK(io::start_only_key(d, "s.rate") == false);
  CHECK(io::start_only_key(d, "s.count") == true);
  CHECK(io::start_only_key(d, "s") == true);  // something under it is start-only
  CHECK(io::start_only_key(d, "rows.a.size") == false);
  CHECK(io::start_only_key(d, "rows.a.name") == true);
  CHECK(io::start_only_key(d, "rows.b") == true);
  CHECK(io::start_only_key(d, "rows") == true);
  CHECK_FALSE(io::start_only_key(d, "s.nothing").has_value());
  CHECK_FALSE(io::start_only_key(d, "rows.c.size").has_value());
  CHECK_FALSE(io::start_only_key(d, "s.rat").has_value());  // a prefix of a key is not the key
  const std::string md = io::reference_markdown(d, "T", "I.");
  CHECK(md.find("| `s.rate` | A rate | 1/year | [0.0, 1.0] | 0.5 | any month |\n") != std::string::npos);
  CHECK(md.find("| `s.count` | A count | items | [0, 100] integer | 3 | at start |\n") != std::string::npos);
  CHECK(md.find("| `rows[].name` | Row name |  | text | \"a\" | at start |\n") != std::string::npos);
  CHECK(md.find("| `rows[].size` | Size | m | [0.0, 10.0] | 1.0 | any month |\n") != std::string::npos);

  Config c = load(std::nullopt, {});
  const auto lc = c.describe();
  CHECK(io::start_only_key(lc, "population.scale") == true);
  CHECK(io::start_only_key(lc, "hubs.Preston.lat") == true);
  CHECK(io::start_only_key(lc, "hubs.Preston.incubation_space") == false);
  CHECK(io::start_only_key(lc, "labour.commute_minutes") == false);
  CHECK(io::start_only_key(lc, "run.seed") == true);
  CHECK_FALSE(io::start_only_key(lc, "labour.nothing").has_value());
  CHECK_FALSE(io::start_only_key(lc, "hubs.Atlantis.lat").has_value());
}

TEST_CASE("config: parse_change reads YYYY-MM:key=value and names what is wrong") {
  const io::DatedChange c = engine::parse_change("2026-03:labour.commute_minutes=60");
  CHECK(c.month == core::Month(2026, 3));
  CHECK(c.set == "labour.commute_minutes=60");
  CHECK(engine::parse_change("2030-12:hubs.Rest of Lancashire.incubation_space=5").set ==
        "hubs.Rest of Lancashire.incubation_space=5");

  auto change_error = [](const std::string& text) { return error_of([&] { (void)engine::parse_change(text); }); };
  for (const std::string bad : {"labour.commute_minutes=60", "2026-03labour.commute_minutes=60", "2026-13:labour.commute_minutes=60",
                                "2026-3:labour.commute_minutes=60", "26-03:labour.commute_minutes=60", "", ":x=1",
                                "March 2026:labour.commute_minutes=60"}) {
    CAPTURE(bad);
    const auto e = change_error(bad);
    REQUIRE(e.has_value());
    CHECK(e->source() == "--change " + bad);
    CHECK(e->line() == 0);
    CHECK(e->problem().starts_with("expected YYYY-MM:key.path=value"));
  }
}

TEST_CASE("config: a dated change holds from its month on") {
  const Config base = load(std::nullopt, {});
  REQUIRE(params(base).labour.commute_minutes != 60.0);
  const Config c = load(std::nullopt, {}, {"2026-03:labour.commute_minutes=60"});
  REQUIRE(c.run.changes.size() == 1);
  CHECK(c.run.changes[0].month == core::Month(2026, 3));
  CHECK(c.run.changes[0].set == "labour.commute_minutes=60");
  // The config itself keeps the starting value; config_at applies the schedule.
  CHECK(params(c).labour.commute_minutes == params(base).labour.commute_minutes);
  CHECK(params(engine::config_at(c, core::Month(2022, 1))).labour.commute_minutes == params(base).labour.commute_minutes);
  CHECK(params(engine::config_at(c, core::Month(2026, 2))).labour.commute_minutes == params(base).labour.commute_minutes);
  CHECK(params(engine::config_at(c, core::Month(2026, 3))).labour.commute_minutes == 60.0);
  CHECK(params(engine::config_at(c, core::Month(2035, 12))).labour.commute_minutes == 60.0);
  // Nothing else changes.
  const Config later = engine::config_at(c, core::Month(2030, 1));
  CHECK(params(later).labour.quit_rate_per_year == params(base).labour.quit_rate_per_year);
  CHECK(later.run.seed == base.run.seed);

  // Several changes apply in order: a later one of the same key wins from its month on, and two
  // in the same month apply in the order given.
  const Config d = load(std::nullopt, {"labour.commute_minutes=30"},
                        {"2024-01:labour.commute_minutes=50", "2026-03:labour.commute_minutes=60",
                         "2026-03:labour.commute_minutes=70", "2025-06:labour.quit_rate_per_year=0.2"});
  CHECK(params(engine::config_at(d, core::Month(2023, 12))).labour.commute_minutes == 30.0);
  CHECK(params(engine::config_at(d, core::Month(2024, 1))).labour.commute_minutes == 50.0);
  CHECK(params(engine::config_at(d, core::Month(2025, 5))).labour.quit_rate_per_year ==
        params(base).labour.quit_rate_per_year);
  CHECK(params(engine::config_at(d, core::Month(2025, 6))).labour.quit_rate_per_year == 0.2);
  CHECK(params(engine::config_at(d, core::Month(2026, 2))).labour.commute_minutes == 50.0);
  CHECK(params(engine::config_at(d, core::Month(2026, 3))).labour.commute_minutes == 70.0);

  // The schedule is part of the resolved config: its YAML reproduces it.
  Config d_copy = d;
  const std::string text = io::to_yaml(d_copy.describe());
  const Config e = engine::load_complete_config(lancashire(), text, "stored");
  REQUIRE(e.run.changes.size() == 4);
  CHECK(e.run.changes[2].month == core::Month(2026, 3));
  CHECK(e.run.changes[2].set == "labour.commute_minutes=70");
  CHECK(params(engine::config_at(e, core::Month(2026, 3))).labour.commute_minutes == 70.0);
}

TEST_CASE("config: a dated change of a parameter read only at the start is refused") {
  auto change_error = [](const std::string& change) {
    return error_of([&] { (void)load(std::nullopt, {}, {change}); });
  };
  for (const std::string change : {"2026-03:population.scale=0.5", "2026-03:hubs.Preston.lat=53.8",
                                   "2026-03:run.seed=3", "2026-03:links.0.minutes=10"}) {
    CAPTURE(change);
    const auto e = change_error(change);
    REQUIRE(e.has_value());
    CHECK(std::string(e->what()).find("cannot change during a run") != std::string::npos);
    CHECK(e->source().starts_with("--change"));
    CHECK(e->key_path() == change.substr(8, change.find('=') - 8));
  }
  // The same values are fine with --set, before the run.
  CHECK_NOTHROW((void)load(std::nullopt, {"population.scale=0.5", "hubs.Preston.lat=53.8"}));
  // A parameter that can change, next to one that cannot, under the same table row.
  CHECK_NOTHROW((void)load(std::nullopt, {}, {"2026-03:hubs.Preston.incubation_space=10"}));
  // A schedule in a scenario file is checked the same way, and the error names the file.
  TempFile f("run:\n  changes:\n    - {month: 2026-03, set: population.scale=0.5}\n");
  auto e = error_of([&] { (void)load(f.file(), {}); });
  REQUIRE(e);
  CHECK(e->source() == f.path.string() + " (run.changes[0]: 2026-03 population.scale=0.5)");
  CHECK(std::string(e->what()).find("cannot change during a run") != std::string::npos);
  CHECK(e->key_path() == "population.scale");
}

TEST_CASE("config: a dated change outside the period, of an unknown key or to a bad value is refused") {
  auto change_error = [](const std::vector<std::string>& sets, const std::string& change) {
    return error_of([&] { (void)load(std::nullopt, sets, {change}); });
  };
  // Outside the period (2022-01..2035-12 by default, or as --set makes it).
  for (const std::string change : {"2021-12:labour.commute_minutes=60", "2036-01:labour.commute_minutes=60"}) {
    CAPTURE(change);
    const auto e = change_error({}, change);
    REQUIRE(e.has_value());
    CHECK(e->key_path() == "run.changes");
    CHECK(e->problem() == "month " + change.substr(0, 7) + " is outside the period 2022-01..2035-12");
  }
  CHECK(change_error({"run.end=2024-12"}, "2025-01:labour.commute_minutes=60").has_value());
  CHECK_FALSE(change_error({"run.end=2024-12"}, "2024-12:labour.commute_minutes=60").has_value());
  CHECK_FALSE(change_error({}, "2022-01:labour.commute_minutes=60").has_value());  // the first month is in

  // An out-of-range value, checked with the parameter's own bounds.
  auto e = change_error({}, "2026-03:labour.commute_minutes=700");
  REQUIRE(e.has_value());
  CHECK(e->key_path() == "labour.commute_minutes");
  CHECK(e->problem() == "value 700 is out of range; expected [0.0, 600.0] (minutes)");
  CHECK(e->source().starts_with("--change"));
  CHECK(std::string(e->what()).find("2026-03 labour.commute_minutes=700") != std::string::npos);
  e = change_error({}, "2026-03:labour.quit_rate_per_year=-1");
  REQUIRE(e.has_value());
  CHECK(e->key_path() == "labour.quit_rate_per_year");
  CHECK(e->problem().find("out of range") != std::string::npos);

  // Unknown keys, rows and malformed assignments.
  e = change_error({}, "2026-03:labour.commute=60");
  REQUIRE(e.has_value());
  CHECK(e->key_path() == "labour.commute");
  CHECK(e->problem() == "no such parameter");
  CHECK(change_error({}, "2026-03:hubs.Atlantis.incubation_space=5").has_value());
  CHECK(change_error({}, "2026-03:labour.commute_minutes").has_value());
  CHECK(change_error({}, "2026-03:labour.commute_minutes=fast").has_value());
}

// ---- Hostile and careless input (issue 17): aliases, tags, directives, hidden characters, renames,
// line endings. The config corpus (tests/config_corpus) runs the same classes through the CLI.

namespace {

std::string utf8(char32_t c) {
  std::string s;
  if (c < 0x80) {
    s += static_cast<char>(c);
  } else if (c < 0x800) {
    s += static_cast<char>(0xc0 | (c >> 6));
    s += static_cast<char>(0x80 | (c & 0x3f));
  } else if (c < 0x10000) {
    s += static_cast<char>(0xe0 | (c >> 12));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
    s += static_cast<char>(0x80 | (c & 0x3f));
  } else {
    s += static_cast<char>(0xf0 | (c >> 18));
    s += static_cast<char>(0x80 | ((c >> 12) & 0x3f));
    s += static_cast<char>(0x80 | ((c >> 6) & 0x3f));
    s += static_cast<char>(0x80 | (c & 0x3f));
  }
  return s;
}

constexpr const char* kNoAliases = "YAML anchors and aliases are not supported";

}  // namespace

TEST_CASE("config: YAML anchors, aliases and merge keys are refused where they stand") {
  CHECK_ERROR(tiny_error("s:\n  rate: &r 0.5\n"),
              std::string("x.yaml:2:9: s.rate: ") + kNoAliases + " (&r); write the value out", "s.rate");
  CHECK_ERROR(tiny_error("s:\n  rate: *r\n"), std::string("x.yaml:2:9: s.rate: ") + kNoAliases + " (*r); write the value out",
              "s.rate");
  CHECK_ERROR(tiny_error("rows:\n  - {name: a, size: 1}\n  - *a\n"),
              std::string("x.yaml:3:5: rows[1]: ") + kNoAliases + " (*a); write the value out", "rows[1]");
  CHECK_ERROR(tiny_error("s: &s\n  rate: 0.5\n"), std::string("x.yaml:1:4: s: ") + kNoAliases + " (&s); write the value out",
              "s");
  CHECK_ERROR(tiny_error("s:\n  <<: {rate: 0.5}\n"), "x.yaml:2:3: s.<<: YAML merge keys (<<) are not supported; write the keys out",
              "s.<<");
  // A quoted "<<" is only a key like any other.
  CHECK_ERROR(tiny_error("s:\n  \"<<\": 1\n"), "x.yaml:2:3: s.<<: unknown key (expected one of: rate, count, start, mode)",
              "s.<<");
  // The examples: an anchored sector name used as the scenario (which renamed the sector to
  // "scenario" and passed `check`), and an alias of a number (refused with a wrong message).
  CHECK_ERROR(lancashire_error("sectors: {electech: {name: &x electech}}\nrun: {scenario: *x}\n"),
              prefix(std::string(":1:28: sectors.electech.name: ") + kNoAliases + " (&x); write the value out"),
              "sectors.electech.name");
  CHECK_ERROR(lancashire_error("run: {seed: &n 5}\nlabour: {commute_minutes: *n}\n"),
              prefix(std::string(":1:13: run.seed: ") + kNoAliases + " (&n); write the value out"), "run.seed");
}

TEST_CASE("config: YAML tags and directives are refused") {
  CHECK_ERROR(tiny_error("s:\n  rate: !!float 0.5\n"),
              "x.yaml:2:9: s.rate: YAML tags are not supported (!!float); write the value without a tag", "s.rate");
  CHECK_ERROR(tiny_error("s:\n  rate: ! 0.5\n"), "x.yaml:2:9: s.rate: YAML tags are not supported (!); write the value without a tag",
              "s.rate");
  CHECK_ERROR(tiny_error("rows:\n  a: {name: !!str b}\n"),
              "x.yaml:2:13: rows.a.name: YAML tags are not supported (!!str); write the value without a tag", "rows.a.name");
  CHECK_ERROR(tiny_error("s: !!map {rate: 0.5}\n"), "x.yaml:1:4: s: YAML tags are not supported (!!map); write the value without a tag",
              "s");
  CHECK_ERROR(tiny_error("%YAML 1.2\n---\ns: {rate: 0.5}\n"), "x.yaml:1:1: YAML directives (%YAML) are not supported; remove the line",
              "");
  CHECK_ERROR(tiny_error("# tags\n%TAG ! tag:x.example,2000:\n---\ns: {rate: !r 0.5}\n"),
              "x.yaml:2:1: YAML directives (%TAG) are not supported; remove the line", "");
  // A "%" later in a line, or in a comment, is text.
  Tiny t = loaded_tiny();
  io::apply_yaml(tiny_describe(t), "# 100% sure\nrows:\n  a: {name: \"50%\"}\n", "x.yaml", io::Overlay::partial);
  CHECK(t.rows[0].name == "50%");
}

TEST_CASE("config: text and keys refuse characters that hide or reorder text, naming the code point") {
  const char32_t refused[] = {0x80,   0x85,   0x9b,   0x9f,   0xad,   0x61c,  0x200b, 0x200c, 0x200d, 0x200e,
                              0x200f, 0x2028, 0x2029, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2060, 0x2066,
                              0x2067, 0x2068, 0x2069, 0xfeff, 0xfffe, 0xffff, 0xe0001, 0xe0041, 0x10fffe};
  for (const char32_t c : refused) {
    CAPTURE(static_cast<unsigned>(c));
    const std::string name = io::code_point_name(c);
    auto e = tiny_error("rows:\n  a: {name: \"x" + utf8(c) + "y\"}\n");
    REQUIRE(e);
    CHECK(e->line() == 2);
    CHECK(e->column() == 13);
    CHECK(e->key_path() == "rows.a.name");
    CHECK(e->problem().starts_with(name + " ("));
    CHECK(e->problem().find(") is not allowed; got \"x\\") != std::string::npos);  // and shown escaped
    e = tiny_error("s:\n  ra" + utf8(c) + "te: 0.5\n");
    REQUIRE(e);
    CHECK(e->line() == 2);
    CHECK(e->column() == 3);
    CHECK(e->problem().starts_with(name + " ("));
    CHECK(e->problem().find(") is not allowed in a key") != std::string::npos);
    CHECK(e->key_path().find(utf8(c)) == std::string::npos);  // the key path is shown escaped
  }
  CHECK(io::code_point_name(0x202e) == "U+202E");
  CHECK(io::code_point_name(0x85) == "U+0085");
  CHECK(io::code_point_name(0xe0041) == "U+E0041");
  CHECK(std::string(io::disallowed_character(0x202e)) == "bidi override");

  // Surrogates and overlong forms are not UTF-8; what they would encode is named.
  CHECK_ERROR(tiny_error("rows:\n  a: {name: \"x\xed\xa0\x80\"}\n"),
              "x.yaml:2:13: rows.a.name: U+D800 (a UTF-16 surrogate, not a character) is not allowed; got \"x\\xed\\xa0\\x80\"",
              "rows.a.name");
  CHECK_ERROR(tiny_error("rows:\n  a: {name: \"\xc0\xaf\"}\n"),
              "x.yaml:2:13: rows.a.name: overlong UTF-8 (\\xc0\\xaf for U+002F) is not allowed; got \"\\xc0\\xaf\"",
              "rows.a.name");
  CHECK_ERROR(tiny_error("rows:\n  a: {name: \"\xe0\x80\xaf\"}\n"),
              "x.yaml:2:13: rows.a.name: overlong UTF-8 (\\xe0\\x80\\xaf for U+002F) is not allowed; got \"\\xe0\\x80\\xaf\"",
              "rows.a.name");
  CHECK_ERROR(tiny_error("rows:\n  a: {name: \"\xf4\x90\x80\x80\"}\n"),
              "x.yaml:2:13: rows.a.name: expected printable UTF-8 text, got \"\\xf4\\x90\\x80\\x80\"", "rows.a.name");
  CHECK_ERROR(tiny_error("rows:\n  a: {name: \"\\ud800\"}\n"),
              "x.yaml:2:20: rows.a.name: the escape of U+D800 (a UTF-16 surrogate, not a character) is not allowed; "
              "write the character itself, or \\U and 8 hex digits",
              "rows.a.name");
  // A terminal escape sequence written as a YAML escape is a C0 control: refused, shown escaped.
  CHECK_ERROR(tiny_error("rows:\n  a: {name: \"\\e[31m\"}\n"),
              "x.yaml:2:13: rows.a.name: expected printable UTF-8 text, got \"\\x1b[31m\"", "rows.a.name");
  // Everywhere else, non-ASCII text is welcome, and survives the writer/reader round trip.
  Tiny t = loaded_tiny();
  const std::string text = "Caf\xc3\xa9 \xe2\x80\x94 \xe6\x9d\xb1\xe4\xba\xac \xf0\x9f\x98\x80 \xc2\xa0";
  io::apply_yaml(tiny_describe(t), "rows:\n  a: {name: \"" + text + "\"}\n", "x.yaml", io::Overlay::partial);
  CHECK(t.rows[0].name == text);
  Tiny again;
  io::apply_yaml(tiny_describe(again), io::to_yaml(tiny_describe(t)), "round trip", io::Overlay::complete);
  CHECK(again.rows[0].name == text);
}

TEST_CASE("config: renaming a row onto another row's name is refused; swaps and self-renames are fine") {
  const std::string dup = "(another entry has it; names must be unique)";
  CHECK_ERROR(tiny_error("rows:\n  a: {name: b}\n"), "x.yaml:2:13: rows.a.name: duplicate name \"b\" " + dup, "rows.a.name");
  CHECK_ERROR(tiny_error("rows:\n  a: {name: c}\n  b: {name: c}\n"), "x.yaml:2:13: rows.a.name: duplicate name \"c\" " + dup,
              "rows.a.name");
  CHECK_ERROR(lancashire_error("sectors: {electech: {name: health_tech}}\n"),
              prefix(":1:28: sectors.electech.name: duplicate name \"health_tech\" " + dup), "sectors.electech.name");
  CHECK_ERROR(lancashire_error("hubs:\n  Preston: {name: Lancaster}\n"),
              prefix(":2:19: hubs.Preston.name: duplicate name \"Lancaster\" " + dup), "hubs.Preston.name");
  CHECK_ERROR(lancashire_error("anchors:\n  UCLan: {name: BAE Systems}\n"),
              prefix(":2:17: anchors.UCLan.name: duplicate name \"BAE Systems\" " + dup), "anchors.UCLan.name");
  auto set_error = [](const std::string& s) { return error_of([&] { (void)load(std::nullopt, {s}); }); };
  CHECK_ERROR(set_error("sectors.electech.name=health_tech"),
              "--set sectors.electech.name=health_tech: sectors.electech.name: duplicate name \"health_tech\" " + dup,
              "sectors.electech.name");
  CHECK_ERROR(set_error("anchors.UCLan.name=National Cyber Force"),
              "--set anchors.UCLan.name=National Cyber Force: anchors.UCLan.name: duplicate name \"National Cyber Force\" " + dup,
              "anchors.UCLan.name");

  // Rows are found by the names they had before the mapping: a swap swaps, and a name given in the
  // same mapping does not exist yet.
  Tiny t = loaded_tiny();
  io::apply_yaml(tiny_describe(t), "rows:\n  a: {name: b}\n  b: {name: a, size: 9}\n", "x.yaml", io::Overlay::partial);
  CHECK(t.rows[0].name == "b");
  CHECK(t.rows[0].size == 1.0);
  CHECK(t.rows[1].name == "a");
  CHECK(t.rows[1].size == 9.0);
  CHECK_ERROR(tiny_error("rows:\n  a: {name: z}\n  z: {size: 3}\n"), "x.yaml:3:3: rows.z: no entry with name \"z\"", "rows.z");
  io::apply_yaml(tiny_describe(t), "rows:\n  a: {name: a}\n", "x.yaml", io::Overlay::partial);
  CHECK(t.rows[1].name == "a");
  const Config swapped = load(std::nullopt, {"sectors={electech: {name: health_tech}, health_tech: {name: electech}}"});
  CHECK(params(swapped).sectors[3].name == "health_tech");
  CHECK(params(swapped).sectors[4].name == "electech");
}

TEST_CASE("config: --set values get the same refusals as files, and messages show them escaped") {
  auto set_error = [](const std::string& s) { return error_of([&] { (void)load(std::nullopt, {s}); }); };
  CHECK_ERROR(set_error("labour.commute_minutes=60\n---\n70"),
              "--set labour.commute_minutes=60\\x0a---\\x0a70: labour.commute_minutes: more than one YAML document; expected one",
              "labour.commute_minutes");
  CHECK_ERROR(set_error("run.scenario=a\nb"),
              "--set run.scenario=a\\x0ab: run.scenario: control character \\x0a in the value; a --set value is one line of text",
              "run.scenario");
  CHECK_ERROR(set_error("labour.commute_minutes=!!str 60"),
              "--set labour.commute_minutes=!!str 60: labour.commute_minutes: YAML tags are not supported (!!str); write the "
              "value without a tag",
              "labour.commute_minutes");
  CHECK_ERROR(set_error("run.scenario=*x"),
              std::string("--set run.scenario=*x: run.scenario: ") + kNoAliases + " (*x); write the value out", "run.scenario");
  CHECK_ERROR(set_error("hubs=[&h {name: a}]"),
              std::string("--set hubs=[&h {name: a}]: hubs[0]: ") + kNoAliases + " (&h); write the value out", "hubs[0]");
  CHECK_ERROR(set_error("run.scenario=%x"),
              "--set run.scenario=%x: run.scenario: a value starting with % must be quoted (YAML reads %x as a directive)",
              "run.scenario");
  CHECK_ERROR(set_error("labour.commute\n_minutes=60"),
              "--set labour.commute\\x0a_minutes=60: labour.commute\\x0a_minutes: control character in the key; expected "
              "key.path=value on one line",
              "labour.commute\n_minutes");
  CHECK_ERROR(set_error("run.scenario=x" + utf8(0x202e)),
              "--set run.scenario=x\\u202e: run.scenario: U+202E (bidi override) is not allowed; got \"x\\u202e\"", "run.scenario");
  // Quotes and backslashes in a key cannot break the document the override stands for.
  CHECK_ERROR(set_error("labour.\"x\\=1"), "--set labour.\"x\\=1: labour.\"x\\: unknown key (expected one of: commute_minutes, "
                                           "distance_decay_minutes, quit_rate_per_year, retire_rate_per_year, applications_per_month)",
              "labour.\"x\\");
  // Quoted, "%" and "*" are text.
  const Config c = load(std::nullopt, {"run.scenario=\"%x *y &z !w\""});
  CHECK(c.run.scenario == "%x *y &z !w");
}

TEST_CASE("config: CR-only line endings are line breaks; UTF-16 and UTF-32 files are refused") {
  Tiny t = loaded_tiny();
  io::apply_yaml(tiny_describe(t), "s:\r  rate: 0.25\r  count: 7\r", "x.yaml", io::Overlay::partial);
  CHECK(t.rate == 0.25);
  CHECK(t.count == 7);
  io::apply_yaml(tiny_describe(t), "s:\r\n  rate: 0.75\r\n", "x.yaml", io::Overlay::partial);  // CRLF as before
  CHECK(t.rate == 0.75);
  io::apply_yaml(tiny_describe(t), "s:\r\n  rate: 0.5\r  count: 9\n  mode: slow\r", "x.yaml", io::Overlay::partial);
  CHECK(t.rate == 0.5);
  CHECK(t.count == 9);
  CHECK(t.mode == 0);
  CHECK_ERROR(tiny_error("s:\r  rate: 0.25\r  count: 700\r"), "x.yaml:3:10: s.count: value 700 is out of range; expected [0, 100] (items)",
              "s.count");
  CHECK_ERROR(tiny_error("\xef\xbb\xbfs:\r  rat: 1\r"), "x.yaml:2:3: s.rat: unknown key (expected one of: rate, count, start, mode)",
              "s.rat");
  CHECK_ERROR(tiny_error(std::string("\xff\xfes\0:\0", 6)),
              "x.yaml: the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8", "");
  CHECK_ERROR(tiny_error(std::string("\xfe\xff\0s\0:", 6)),
              "x.yaml: the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8", "");
  CHECK_ERROR(tiny_error(std::string("\xff\xfe\0\0s\0\0\0", 8)),
              "x.yaml: the file is UTF-32 (it starts with a UTF-32 byte order mark); save it as UTF-8", "");
  CHECK_ERROR(tiny_error(std::string("s\0:\0", 4)),
              "x.yaml: the file is not UTF-8 text (NUL bytes at its start: UTF-16, UTF-32 or binary)", "");
}

TEST_CASE("config: messages show untrusted text escaped, on one line") {
  CHECK(io::escape_text("a\nb\tc\x7f") == "a\\x0ab\\x09c\\x7f");
  CHECK(io::escape_text("\x1b[31mred\x1b[0m") == "\\x1b[31mred\\x1b[0m");
  CHECK(io::escape_text(std::string("x") + utf8(0x202e) + std::string("y") + utf8(0x200b) + utf8(0xfeff)) ==
        "x\\u202ey\\u200b\\ufeff");
  CHECK(io::escape_text(utf8(0x85) + utf8(0x9b)) == "\\u0085\\u009b");
  CHECK(io::escape_text(utf8(0xe0041)) == "\\U000e0041");
  CHECK(io::escape_text("caf\xc3(\xff") == "caf\\xc3(\\xff");
  CHECK(io::escape_text("\xed\xa0\x80\xc0\xaf") == "\\xed\\xa0\\x80\\xc0\\xaf");
  const std::string fine = "Caf\xc3\xa9 \xe6\x9d\xb1\xe4\xba\xac \xf0\x9f\x98\x80";
  CHECK(io::escape_text(fine) == fine);
  for (const std::string& s : {std::string("a\nb"), std::string("x") + utf8(0x202e), std::string("\xff\xfe"),
                              std::string(300, 'k')})
    CHECK(io::escape_text(io::escape_text(s, 100), 100) == io::escape_text(s, 100));  // idempotent, cut included
  CHECK(io::escape_text(std::string(50, 'a'), 10) == std::string(10, 'a') + "...");
  CHECK(io::escape_text("\xc3\xa9\xc3\xa9\xc3\xa9", 3) == "\xc3\xa9\xc3\xa9...");  // never half a character

  CHECK(io::decode_utf8("\xc0\xaf", 0).status == io::Utf8Step::overlong);
  CHECK(io::decode_utf8("\xed\xa0\x80", 0).status == io::Utf8Step::surrogate);
  CHECK(io::decode_utf8("\xf4\x90\x80\x80", 0).status == io::Utf8Step::invalid);
  CHECK(io::decode_utf8("\xe2\x80", 0).status == io::Utf8Step::invalid);
  CHECK(io::decode_utf8("\xf4\x8f\xbf\xbf", 0).code_point == 0x10ffff);

  // Every part of a ConfigError may hold input; what() is one visible line whatever they hold.
  const io::ConfigError e("a\nb.yaml", 1, 2, "k\x1b", "bad" + utf8(0x2028) + "value");
  CHECK(std::string(e.what()) == "a\\x0ab.yaml:1:2: k\\x1b: bad\\u2028value");
  CHECK(e.source() == "a\nb.yaml");  // the parts stay as they were
  const auto change = error_of([] { (void)load(std::nullopt, {}, {"2026-03:labour.commute_minutes=7\n00"}); });
  REQUIRE(change);
  CHECK(std::string(change->what()).find('\n') == std::string::npos);
}

TEST_CASE("config: the shipped configs and scenarios load (no anchors, tags or directives in them)") {
  const fs::path root = HUBSIM_SOURCE_DIR;
  std::vector<fs::path> files{root / "configs" / "lancashire.yaml"};
  for (const auto& entry : fs::directory_iterator(root / "configs" / "scenarios"))
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  CHECK(files.size() >= 5);
  for (const auto& f : files) {
    CAPTURE(f.string());
    CHECK_NOTHROW((void)load(f.string(), {}));
  }
}
