// The configuration system: YAML overlays, --set overrides, errors with file:line:column and key
// path, the resolved-YAML round trip and the parameter reference.
#include <doctest/doctest.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <unistd.h>

#include "sim/app/config_loader.hpp"
#include "sim/io/config.hpp"
#include "sim/io/embedded.hpp"

using namespace hubsim;
namespace fs = std::filesystem;

namespace {

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
  auto e = error_of([&] { (void)app::load_config(f.file(), {}); });
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
                     "distance_decay_minutes, quit_rate_per_year, retire_rate_per_year)"),
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

  const app::Config base = app::load_config(std::nullopt, {});
  TempFile f("labour:\n  commute_minutes: 60\nhubs:\n  Preston: {incubation_space: 99}\n");
  const app::Config c = app::load_config(f.file(), {});
  CHECK(c.params.labour.commute_minutes == 60.0);
  CHECK(c.params.labour.distance_decay_minutes == base.params.labour.distance_decay_minutes);
  REQUIRE(c.params.hubs.size() == base.params.hubs.size());
  CHECK(c.params.hubs[1].name == "Preston");
  CHECK(c.params.hubs[1].incubation_space == 99);
  CHECK(c.params.hubs[1].lat == base.params.hubs[1].lat);
  CHECK(c.params.hubs[0].incubation_space == base.params.hubs[0].incubation_space);
  CHECK(c.run.seed == base.run.seed);
  CHECK(c.params.links.size() == base.params.links.size());
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
  const app::Config c = app::load_config(std::nullopt, {"labour.commute_minutes=60", "hubs.Preston.lat=53.8",
                                                        "hubs.Rest of Lancashire.digital_jobs=9000", "run.seed=5"});
  CHECK(c.params.labour.commute_minutes == 60.0);
  CHECK(c.params.hubs[1].lat == 53.8);
  CHECK(c.params.hubs[6].digital_jobs == 9000);
  CHECK(c.run.seed == 5);
  CHECK(c.params.hubs[0].lat == 53.7733);

  // Later overrides win; --set applies after the scenario file.
  TempFile f("labour: {commute_minutes: 30}\n");
  const app::Config d = app::load_config(f.file(), {"labour.commute_minutes=50", "labour.commute_minutes=55"});
  CHECK(d.params.labour.commute_minutes == 55.0);

  Tiny t = loaded_tiny();
  io::apply_override(tiny_describe(t), "rows.b.size=7.25");
  CHECK(t.rows[1].size == 7.25);
  io::apply_override(tiny_describe(t), "s.mode=slow");
  CHECK(t.mode == 0);
}

TEST_CASE("config: a bad --set names the assignment and the key") {
  auto set_error = [](const std::string& s) { return error_of([&] { (void)app::load_config(std::nullopt, {s}); }); };
  CHECK_ERROR(set_error("labour.commute_minutes=700"),
              "--set labour.commute_minutes=700: labour.commute_minutes: value 700 is out of range; expected [0.0, 600.0] "
              "(minutes)",
              "labour.commute_minutes");
  CHECK_ERROR(set_error("labour.commute=60"),
              "--set labour.commute=60: labour.commute: unknown key (expected one of: commute_minutes, "
              "distance_decay_minutes, quit_rate_per_year, retire_rate_per_year)",
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
  const app::Config a = app::load_config(std::nullopt, {"hubs.Preston.lat=53.123456789012345", "labour.quit_rate_per_year=0.1"});
  app::Config a_copy = a;
  const std::string text = io::to_yaml(a_copy.describe());
  app::Config b;
  io::apply_yaml(b.describe(), text, "resolved", io::Overlay::complete);
  CHECK(io::to_yaml(b.describe()) == text);
  CHECK(b.run.scenario == a.run.scenario);
  CHECK(b.run.seed == a.run.seed);
  CHECK(b.run.start == a.run.start);
  CHECK(b.run.end == a.run.end);
  REQUIRE(b.params.hubs.size() == a.params.hubs.size());
  CHECK(b.params.hubs[0].name == "Samlesbury");
  CHECK(b.params.hubs[0].lat == 53.7733);
  CHECK(b.params.hubs[0].lon == -2.5694);
  CHECK(b.params.hubs[1].lat == 53.123456789012345);
  CHECK(b.params.hubs[7].kind == core::HubKind::external_metro);
  CHECK(b.params.hubs[7].pull == a.params.hubs[7].pull);
  CHECK(b.params.labour.quit_rate_per_year == 0.1);
  CHECK(b.params.labour.commute_minutes == a.params.labour.commute_minutes);
  CHECK(b.params.population.firm_size_alpha == a.params.population.firm_size_alpha);
  REQUIRE(b.params.links.size() == a.params.links.size());
  CHECK(b.params.links.back().from == a.params.links.back().from);
  CHECK(b.params.links.back().minutes == a.params.links.back().minutes);
  // and the text is the resolved YAML of the defaults (the seed shows as a plain integer).
  CHECK(text.find("  seed: " + std::to_string(a.run.seed) + "\n") != std::string::npos);

  const app::Config c = app::load_complete_config(text, "stored");
  CHECK(c.params.hubs[1].lat == 53.123456789012345);
}

TEST_CASE("config: format_real gives the shortest text that reads back exactly") {
  CHECK(io::format_real(45) == "45.0");
  CHECK(io::format_real(53.7733) == "53.7733");
  CHECK(io::format_real(0.1) == "0.1");
  CHECK(io::format_real(-2.5) == "-2.5");
  CHECK(io::format_real(1e7) == "1e+07");
}

TEST_CASE("config: the built-in config is complete and documented") {
  app::Config c;
  CHECK_NOTHROW(io::apply_yaml(c.describe(), io::default_config_yaml(), "built-in", io::Overlay::complete));
  CHECK(c.run.seed == 20220901);
  CHECK(c.params.hubs.size() == 9);

  const std::string md = io::reference_markdown(c.describe(), "Title", "Intro.");
  CHECK(md.starts_with("# Title\n\nIntro.\n"));
  CHECK(md.find("| `labour.commute_minutes` | Longest one-way commute a job seeker accepts; hubs farther away are out of "
                "reach | minutes | [0.0, 600.0] | " +
                io::format_real(c.params.labour.commute_minutes) + " |\n") != std::string::npos);
  CHECK(md.find("| `run.start` | First simulated month | month | YYYY-MM | 2022-01 |\n") != std::string::npos);
  CHECK(md.find("| `hubs[].lat` | Latitude (WGS84) of the hub's centre | degrees | [49.0, 61.0] | 53.7733 |\n") !=
        std::string::npos);
  CHECK(md.find("## `hubs` (table)") != std::string::npos);
}
