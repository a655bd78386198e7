#include <doctest/doctest.h>
#include <hdf5.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "sim/io/run_file.hpp"
#include "tests/temp_dir.hpp"

namespace fs = std::filesystem;
using hubsim::core::Month;
using namespace hubsim::io;
using hubsim::testing::TempDir;

namespace {

RunData sample_run() {
  RunData run;
  run.months = {Month(2022, 1), Month(2022, 2), Month(2022, 3)};
  run.dimensions.push_back({"hub", "hub of the Lancashire digital ecosystem", "", {"Preston", "Lancaster"}, {}});
  run.dimensions.push_back({"kind", "firm size class", "employees", {}, {1.0, 10.5, 250.0}});
  run.variables.push_back({"firms", "number of firms", "1", {"time", "hub"}, {10, 20, 11, 21, -3, 9007199254740992.0}, true});
  run.variables.push_back({"mean_wage", "mean monthly wage", "GBP", {"time"}, {2100.5, 2101.25, -0.125}, false});
  run.variables.push_back({"share", "share by kind", "", {"time", "kind"}, {0.1, 0.2, 0.7, 0.3, 0.3, 0.4, 1e-300, 0.5, 0.5}, false});
  run.text_attributes = {{"scenario", "baseline"}, {"config", "hubs: [Preston]\nseed: 42\n"}, {"empty", ""},
                         {"unicode", "Lancashire \xE2\x80\x94 caf\xC3\xA9"}};
  run.int_attributes = {{"seed", 42}, {"threads", -8}, {"big", 1234567890123456789LL}};
  run.real_attributes = {{"wall_time_s", 1.2345678901234567}, {"tiny", 5e-324}};
  return run;
}

void check_equal(const RunData& a, const RunData& b) {
  REQUIRE(a.months.size() == b.months.size());
  for (std::size_t i = 0; i < a.months.size(); ++i) CHECK(a.months[i] == b.months[i]);
  REQUIRE(a.dimensions.size() == b.dimensions.size());
  for (std::size_t i = 0; i < a.dimensions.size(); ++i) {
    CHECK(a.dimensions[i].name == b.dimensions[i].name);
    CHECK(a.dimensions[i].long_name == b.dimensions[i].long_name);
    CHECK(a.dimensions[i].units == b.dimensions[i].units);
    CHECK(a.dimensions[i].labels == b.dimensions[i].labels);
    CHECK(a.dimensions[i].values == b.dimensions[i].values);
  }
  REQUIRE(a.variables.size() == b.variables.size());
  for (std::size_t i = 0; i < a.variables.size(); ++i) {
    CHECK(a.variables[i].name == b.variables[i].name);
    CHECK(a.variables[i].long_name == b.variables[i].long_name);
    CHECK(a.variables[i].units == b.variables[i].units);
    CHECK(a.variables[i].dims == b.variables[i].dims);
    CHECK(a.variables[i].values == b.variables[i].values);
    CHECK(a.variables[i].integer == b.variables[i].integer);
  }
  CHECK(a.text_attributes == b.text_attributes);
  CHECK(a.int_attributes == b.int_attributes);
  CHECK(a.real_attributes == b.real_attributes);
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

void spit(const fs::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary) << bytes;
}

// Leftovers next to `path`: the file itself or any "<name>.tmp-*".
std::vector<fs::path> leftovers(const fs::path& path) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(path.parent_path())) {
    const auto name = e.path().filename().string();
    if (name == path.filename().string() || name.starts_with(path.filename().string() + ".tmp-"))
      out.push_back(e.path());
  }
  return out;
}

void check_read_fails(const fs::path& path) {
  try {
    (void)read_run_file(path);
    FAIL("read_run_file did not throw for " << path);
  } catch (const RunFileError& e) {
    INFO(e.what());
    CHECK(std::string(e.what()).find(path.string()) != std::string::npos);
  }
}

bool shell_ok(const std::string& cmd) { return std::system(cmd.c_str()) == 0; }

}  // namespace

TEST_CASE("run file: round trip is exact and keeps order") {
  TempDir dir("hubsim_run_file");
  const auto path = dir.path / "run.h5";
  const RunData run = sample_run();
  write_run_file(path, run);
  check_equal(read_run_file(path), run);
}

TEST_CASE("run file: empty run and a variable over no dims round-trip") {
  TempDir dir("hubsim_run_file");
  RunData run;
  run.dimensions.push_back({"hub", "", "", {}, {}});
  run.variables.push_back({"none", "", "", {"time", "hub"}, {}, true});
  run.variables.push_back({"scalar", "a scalar", "s", {}, {3.5}, false});
  write_run_file(dir.path / "empty.h5", run);
  check_equal(read_run_file(dir.path / "empty.h5"), run);
}

TEST_CASE("run file: same data gives byte-identical files") {
  TempDir dir("hubsim_run_file");
  write_run_file(dir.path / "a.h5", sample_run());
  // Straddle a second boundary so any embedded timestamp would show up.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  write_run_file(dir.path / "b.h5", sample_run());
  const auto a = slurp(dir.path / "a.h5");
  CHECK(a.size() > 1000);
  CHECK(a == slurp(dir.path / "b.h5"));
}

TEST_CASE("run file: no temporary left after success or failure") {
  TempDir dir("hubsim_run_file");
  const auto path = dir.path / "run.h5";
  write_run_file(path, sample_run());
  CHECK(leftovers(path) == std::vector<fs::path>{path});

  const auto bad_path = dir.path / "bad.h5";
  RunData bad = sample_run();
  bad.variables[0].values.pop_back();
  CHECK_THROWS_WITH_AS(write_run_file(bad_path, bad), doctest::Contains("firms has 5 values"), RunFileError);
  CHECK(leftovers(bad_path).empty());

  RunData unknown = sample_run();
  unknown.variables[1].dims = {"region"};
  CHECK_THROWS_WITH_AS(write_run_file(bad_path, unknown), doctest::Contains("unknown dimension 'region'"),
                       RunFileError);
  RunData fractional = sample_run();
  fractional.variables[0].values[0] = 1.5;
  CHECK_THROWS_AS(write_run_file(bad_path, fractional), RunFileError);
  CHECK(leftovers(bad_path).empty());

  // A failure inside HDF5 itself (directory not writable as a file) also cleans up.
  const auto in_missing_dir = dir.path / "nope" / "run.h5";
  CHECK_THROWS_AS(write_run_file(in_missing_dir, sample_run()), RunFileError);
  CHECK(!fs::exists(dir.path / "nope"));
}

TEST_CASE("run file: unreadable files throw RunFileError naming the path") {
  TempDir dir("hubsim_run_file");
  const auto good = dir.path / "good.h5";
  write_run_file(good, sample_run());
  const auto bytes = slurp(good);

  check_read_fails(dir.path / "missing.h5");
  spit(dir.path / "empty.h5", "");
  check_read_fails(dir.path / "empty.h5");
  spit(dir.path / "truncated.h5", bytes.substr(0, bytes.size() / 2));
  check_read_fails(dir.path / "truncated.h5");
  std::mt19937 rng(7);
  std::string noise(4096, '\0');
  for (auto& c : noise) c = static_cast<char>(rng());
  spit(dir.path / "random.h5", noise);
  check_read_fails(dir.path / "random.h5");

  // A valid HDF5 file that is not a run.
  const auto foreign = dir.path / "foreign.h5";
  {
    const hid_t f = H5Fcreate(foreign.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    REQUIRE(f >= 0);
    const hsize_t n = 4;
    const hid_t s = H5Screate_simple(1, &n, nullptr);
    const hid_t d = H5Dcreate2(f, "x", H5T_IEEE_F64LE, s, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    const double v[4] = {1, 2, 3, 4};
    REQUIRE(H5Dwrite(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v) >= 0);
    H5Dclose(d);
    H5Sclose(s);
    H5Fclose(f);
  }
  check_read_fails(foreign);
  CHECK_THROWS_WITH_AS(read_run_file(foreign), doctest::Contains("no hubsim_format_version attribute"),
                       RunFileError);
  // And a run from a future format version.
  const auto future = dir.path / "future.h5";
  fs::copy_file(good, future);
  {
    const hid_t f = H5Fopen(future.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    REQUIRE(f >= 0);
    const hid_t a = H5Aopen(f, "hubsim_format_version", H5P_DEFAULT);
    const int next = kRunFormatVersion + 1;
    REQUIRE(H5Awrite(a, H5T_NATIVE_INT, &next) >= 0);
    H5Aclose(a);
    H5Fclose(f);
  }
  CHECK_THROWS_WITH_AS(read_run_file(future), doctest::Contains("format version 4, this hubsim reads 3"),
                       RunFileError);
  check_equal(read_run_file(good), sample_run());  // the original is untouched
}

TEST_CASE("run file: readable by h5dump and h5py") {
  TempDir dir("hubsim_run_file");
  const auto path = dir.path / "run.h5";
  write_run_file(path, sample_run());
  if (shell_ok("command -v h5dump >/dev/null 2>&1")) {
    CHECK(shell_ok("h5dump -H '" + path.string() + "' >/dev/null 2>&1"));
  } else {
    MESSAGE("h5dump not on PATH: skipped");
  }
  if (shell_ok("/usr/bin/python3 -c 'import h5py' >/dev/null 2>&1")) {
    const std::string script =
        "import h5py, sys\n"
        "f = h5py.File(sys.argv[1], 'r')\n"
        "assert list(f['time'][:]) == [0.0, 31.0, 59.0], f['time'][:]\n"
        "assert f['time'].attrs['units'] == b'days since 2022-01-01'  # netCDF text (NC_CHAR): bytes in h5py\n"
        "assert [s.decode() for s in f['hub'][:]] == ['Preston', 'Lancaster']\n"
        "assert [d.label for d in f['firms'].dims] == ['', '']\n"
        "assert f['firms'].dims[1][0].name == '/hub'\n"
        "assert f['firms'].dtype == 'int64' and f['firms'][2, 0] == -3 and f['firms'][1, 1] == 21\n"
        "assert f.attrs['scenario'] == 'baseline' and f.attrs['Conventions'] == 'CF-1.8'\n";
    const auto py = dir.path / "check.py";
    spit(py, script);
    CHECK(shell_ok("/usr/bin/python3 '" + py.string() + "' '" + path.string() + "'"));
  } else {
    MESSAGE("/usr/bin/python3 lacks h5py: skipped");
  }
}

namespace {

// A run shaped like the Lancashire model's: flows over four dims, an event table over a long
// `event` dimension, an empty dimension (a run with no snapshots) and a scalar.
RunData wide_run(std::size_t events) {
  RunData run;
  for (int i = 0; i < 24; ++i) run.months.push_back(Month(2022, 1) + i);
  const std::vector<std::string> hubs{"Samlesbury", "Preston", "Lancaster"};
  run.dimensions.push_back({"hub", "hub", "", hubs, {}});
  run.dimensions.push_back({"flow_kind", "kind of flow", "", {"talent", "capital", "knowledge", "contracts"}, {}});
  run.dimensions.push_back({"origin", "hub a flow leaves", "", hubs, {}});
  run.dimensions.push_back({"destination", "hub a flow reaches", "", hubs, {}});
  run.dimensions.push_back({"snapshot", "agent snapshot row", "", {}, {}});
  Dimension event{"event", "event number", "", {}, {}};
  for (std::size_t i = 0; i < events; ++i) event.values.push_back(static_cast<double>(i));
  run.dimensions.push_back(event);
  Variable flows{"flows", "flows between hubs", "people", {"time", "flow_kind", "origin", "destination"}, {}, false};
  for (std::size_t i = 0; i < 24u * 4 * 3 * 3; ++i) flows.values.push_back(static_cast<double>(i % 11) * 0.5);
  run.variables.push_back(flows);
  Variable month{"event_month", "month index of the event", "", {"event"}, {}, true};
  Variable value{"event_value", "value of the event", "GBP", {"event"}, {}, false};
  for (std::size_t i = 0; i < events; ++i) {
    month.values.push_back(static_cast<double>(i * 24 / std::max<std::size_t>(events, 1)));
    value.values.push_back(static_cast<double>(i % 977) * 1.25);
  }
  run.variables.push_back(month);
  run.variables.push_back(value);
  run.variables.push_back({"snapshot_hub", "hub of the agent", "", {"snapshot"}, {}, true});
  run.variables.push_back({"population", "people", "people", {}, {1234}, true});
  run.text_attributes["scenario"] = "wide";
  return run;
}

std::vector<hsize_t> chunk_of(const fs::path& path, const char* name) {
  const hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  const hid_t d = H5Dopen2(f, name, H5P_DEFAULT);
  const hid_t p = H5Dget_create_plist(d);
  std::vector<hsize_t> chunk(8, 0);
  const int rank = H5Pget_layout(p) == H5D_CHUNKED ? H5Pget_chunk(p, 8, chunk.data()) : 0;
  chunk.resize(static_cast<std::size_t>(std::max(rank, 0)));
  H5Pclose(p);
  H5Dclose(d);
  H5Fclose(f);
  return chunk;
}

// Opens a copy of a good run read-write so a test can damage it with the raw C API.
template <typename F>
fs::path tampered(const fs::path& good, const fs::path& out, F&& damage) {
  fs::copy_file(good, out, fs::copy_options::overwrite_existing);
  const hid_t f = H5Fopen(out.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  REQUIRE(f >= 0);
  damage(f);
  REQUIRE(H5Fclose(f) >= 0);
  return out;
}

void replace_string_attribute(hid_t obj, const char* name, const std::string& value) {
  if (H5Aexists(obj, name) > 0) REQUIRE(H5Adelete(obj, name) >= 0);
  const hid_t t = H5Tcopy(H5T_C_S1);
  H5Tset_size(t, H5T_VARIABLE);
  const hid_t s = H5Screate(H5S_SCALAR);
  const hid_t a = H5Acreate2(obj, name, t, s, H5P_DEFAULT, H5P_DEFAULT);
  const char* p = value.c_str();
  REQUIRE(H5Awrite(a, t, &p) >= 0);
  H5Aclose(a);
  H5Sclose(s);
  H5Tclose(t);
}

void on_dataset(hid_t f, const char* name, auto&& fn) {
  const hid_t d = H5Dopen2(f, name, H5P_DEFAULT);
  REQUIRE(d >= 0);
  fn(d);
  H5Dclose(d);
}

void check_read_fails_with(const fs::path& path, const std::string& expected) {
  try {
    (void)read_run_file(path);
    FAIL("read_run_file did not throw for " << path);
  } catch (const RunFileError& e) {
    INFO(e.what());
    CHECK(std::string(e.what()).find(path.string()) != std::string::npos);
    CHECK(std::string(e.what()).find(expected) != std::string::npos);
  }
}

}  // namespace

TEST_CASE("run file: 4-D variables, empty dimensions and a long event table round-trip") {
  TempDir dir("hubsim_run_file");
  const RunData run = wide_run(200'000);
  write_run_file(dir.path / "a.h5", run);
  check_equal(read_run_file(dir.path / "a.h5"), run);
  write_run_file(dir.path / "b.h5", run);
  CHECK(slurp(dir.path / "a.h5") == slurp(dir.path / "b.h5"));
  // Reading one variable over all time touches one chunk per slice of the other dims.
  CHECK(chunk_of(dir.path / "a.h5", "flows") == std::vector<hsize_t>{24, 4, 3, 3});
  CHECK(chunk_of(dir.path / "a.h5", "event_value") == std::vector<hsize_t>{131072});
  CHECK(chunk_of(dir.path / "a.h5", "snapshot_hub").empty());  // empty: contiguous
  CHECK(fs::file_size(dir.path / "a.h5") < 200'000 * 3 * 8 / 2);  // compressed

  const RunData none = wide_run(0);
  write_run_file(dir.path / "none.h5", none);
  check_equal(read_run_file(dir.path / "none.h5"), none);
}

TEST_CASE("run file: hostile files are rejected without huge allocations") {
  TempDir dir("hubsim_run_file");
  const auto good = dir.path / "good.h5";
  write_run_file(good, sample_run());

  // hubsim_dims that disagree with the stored shape, name unknown dims, or are not text.
  check_read_fails_with(tampered(good, dir.path / "lie_shape.h5", [](hid_t f) {
    on_dataset(f, "firms", [](hid_t d) { replace_string_attribute(d, "hubsim_dims", "time kind"); });
  }), "shape does not match its dims (time kind)");
  check_read_fails_with(tampered(good, dir.path / "lie_rank.h5", [](hid_t f) {
    on_dataset(f, "firms", [](hid_t d) { replace_string_attribute(d, "hubsim_dims", "time hub hub hub"); });
  }), "shape does not match");
  check_read_fails_with(tampered(good, dir.path / "lie_unknown.h5", [](hid_t f) {
    on_dataset(f, "firms", [](hid_t d) { replace_string_attribute(d, "hubsim_dims", "time region"); });
  }), "unknown dimension 'region'");
  check_read_fails_with(tampered(good, dir.path / "lie_type.h5", [](hid_t f) {
    on_dataset(f, "firms", [](hid_t d) {
      REQUIRE(H5Adelete(d, "hubsim_dims") >= 0);
      const hid_t s = H5Screate(H5S_SCALAR);
      const hid_t a = H5Acreate2(d, "hubsim_dims", H5T_STD_I32LE, s, H5P_DEFAULT, H5P_DEFAULT);
      const int two = 2;
      H5Awrite(a, H5T_NATIVE_INT, &two);
      H5Aclose(a);
      H5Sclose(s);
    });
  }), "is not a string");
  check_read_fails_with(tampered(good, dir.path / "no_dims.h5", [](hid_t f) {
    on_dataset(f, "firms", [](hid_t d) { REQUIRE(H5Adelete(d, "hubsim_dims") >= 0); });
  }), "no hubsim_dims attribute");

  // A dimension scale declaring 2^33 reals (64 GiB) that stores nothing: refused before reading.
  check_read_fails_with(tampered(good, dir.path / "huge.h5", [](hid_t f) {
    const hsize_t n = hsize_t{1} << 33, chunk = hsize_t{1} << 20;
    const hid_t s = H5Screate_simple(1, &n, nullptr);
    const hid_t p = H5Pcreate(H5P_DATASET_CREATE);
    H5Pset_chunk(p, 1, &chunk);
    const hid_t d = H5Dcreate2(f, "huge", H5T_IEEE_F64LE, s, H5P_DEFAULT, p, H5P_DEFAULT);
    REQUIRE(d >= 0);
    const hid_t t = H5Tcopy(H5T_C_S1);
    H5Tset_size(t, 16);
    const hid_t scalar = H5Screate(H5S_SCALAR);
    const hid_t a = H5Acreate2(d, "CLASS", t, scalar, H5P_DEFAULT, H5P_DEFAULT);  // what H5DSset_scale writes
    H5Awrite(a, t, "DIMENSION_SCALE");
    H5Aclose(a);
    H5Sclose(scalar);
    H5Tclose(t);
    H5Dclose(d);
    H5Pclose(p);
    H5Sclose(s);
  }), "claims 8589934592 elements but stores only 0 bytes");

  // Links to elsewhere, and groups where datasets belong.
  check_read_fails_with(tampered(good, dir.path / "external.h5", [](hid_t f) {
    REQUIRE(H5Lcreate_external("/etc/hostname", "/x", f, "elsewhere", H5P_DEFAULT, H5P_DEFAULT) >= 0);
  }), "soft or external link");
  check_read_fails_with(tampered(good, dir.path / "group.h5", [](hid_t f) {
    H5Gclose(H5Gcreate2(f, "extra", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
  }), "cannot open dataset /extra");
  // The format version as text instead of an integer.
  check_read_fails_with(tampered(good, dir.path / "text_version.h5", [](hid_t f) {
    replace_string_attribute(f, "hubsim_format_version", "1");
  }), "hubsim_format_version is not an integer");
  check_equal(read_run_file(good), sample_run());
}

namespace {

// A run with the CF metadata a model sets, and variables that rely on what the writer infers.
RunData cf_run() {
  RunData run;
  run.months = {Month(2022, 1), Month(2022, 2), Month(2022, 3)};
  run.dimensions.push_back({"hub", "hub", "", {"Preston", "Rest of Lancashire"}, {}});
  Dimension event{"event", "event number", "", {}, {0, 1, 2}};
  run.dimensions.push_back(event);
  Dimension year{"year", "calendar year", "", {}, {2022, 2023}, true};
  run.dimensions.push_back(year);
  Variable kind{"event_kind", "kind of event", "", {"event"}, {0, 2, 1}, true};
  kind.flag_values = {0, 1, 2};
  kind.flag_meanings = {"firm birth", "closure", "equity deal (value: GBP)"};
  run.variables.push_back(kind);
  Variable where{"event_hub", "hub of the event", "", {"event"}, {1, 0, 1}, true};
  where.index_of = "hub";
  run.variables.push_back(where);
  run.variables.push_back({"guess_hub", "hub (index into hub)", "", {"event"}, {0, 0, 1}, true});
  run.variables.push_back({"guess_kind", "status: 0 seeking, 1 employed (this month), 2 left", "", {"event"}, {0, 1, 2}, true});
  run.variables.push_back({"staff", "stable id of the employer, 0 if none", "", {"event"}, {0, 5, 7}, true});
  Variable jobs{"jobs", "jobs, end of month", "jobs", {"time", "hub"}, {1, 2, 3, 4, 5, 6}, true};
  run.variables.push_back(jobs);
  run.variables.push_back({"hires", "hires this month", "people", {"time", "hub"}, {1, 2, 3, 4, 5, 6}, true});
  Variable gva{"gva", "GVA", "GBP million/year", {"time"}, {1.5, 2.5, 3.5}, false};
  gva.cell_methods = "time: mean";
  gva.attributes["comment"] = "an annual rate";
  gva.coordinates = {"staff"};
  run.variables.push_back(gva);
  Variable names{"label", "a text column", "", {"hub"}, {}, false};
  names.textual = true;
  names.text = {"one", "two \xE2\x80\x94 three"};
  run.variables.push_back(names);
  run.variables.push_back({"per_year", "per year", "", {"year"}, {7, 8}, true});
  return run;
}

}  // namespace

TEST_CASE("run file: CF metadata is written, inferred where a model sets none, and read back") {
  TempDir dir("hubsim_cf");
  const auto path = dir.path / "cf.h5";
  write_run_file(path, cf_run());
  const RunData back = read_run_file(path);
  check_equal(back, cf_run());
  const auto& kind = *back.find("event_kind");
  CHECK(kind.flag_values == std::vector<std::int64_t>{0, 1, 2});
  CHECK(kind.flag_meanings == std::vector<std::string>{"firm_birth", "closure", "equity_deal_value_GBP"});
  CHECK(back.find("event_hub")->index_of == "hub");
  CHECK(back.find("event_hub")->flag_values.empty());  // they follow from hub's labels
  CHECK(back.find("guess_hub")->index_of == "hub");
  CHECK(back.find("guess_kind")->flag_values == std::vector<std::int64_t>{0, 1, 2});
  CHECK(back.find("guess_kind")->flag_meanings == std::vector<std::string>{"seeking", "employed", "left"});
  CHECK(back.find("staff")->flag_values.empty());
  CHECK(back.find("jobs")->cell_methods == "time: point (end of month)");
  CHECK(back.find("hires")->cell_methods == "time: sum");
  CHECK(back.find("gva")->cell_methods == "time: mean");
  CHECK(back.find("gva")->attributes.at("comment") == "an annual rate");
  CHECK(back.find("gva")->coordinates == std::vector<std::string>{"staff"});
  CHECK(back.find("label")->textual);
  CHECK(back.find("label")->text == cf_run().find("label")->text);
  CHECK(back.find_dimension("event")->integer);  // row numbers are stored as int64
  CHECK(back.find_dimension("year")->integer);
  CHECK(back.find_dimension("year")->values == std::vector<double>{2022, 2023});
  CHECK(!read_run_file(dir.path / "cf.h5").find_dimension("hub")->integer);

  // The bounds of time: each month's first day and the next month's, in time's units.
  const hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  REQUIRE(f >= 0);
  const hid_t d = H5Dopen2(f, "time_bnds", H5P_DEFAULT);
  std::vector<double> bounds(6);
  REQUIRE(H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, bounds.data()) >= 0);
  CHECK(bounds == std::vector<double>{0, 31, 31, 59, 59, 90});
  const hid_t e = H5Dopen2(f, "event", H5P_DEFAULT);
  const hid_t t = H5Dget_type(e);
  CHECK(H5Tget_class(t) == H5T_INTEGER);
  H5Tclose(t);
  H5Dclose(e);
  H5Dclose(d);
  H5Fclose(f);
}

TEST_CASE("run file: inconsistent CF metadata is refused before anything is written") {
  TempDir dir("hubsim_cf_bad");
  auto refused = [&](RunData run, const char* words) {
    const auto path = dir.path / "bad.h5";
    CHECK_THROWS_WITH_AS(write_run_file(path, run), doctest::Contains(words), RunFileError);
    CHECK(!fs::exists(path));
  };
  RunData run = cf_run();
  run.variables[0].flag_meanings.pop_back();
  refused(run, "2 flag meanings");
  run = cf_run();
  run.variables[1].index_of = "event";
  refused(run, "not a dimension with labels");
  run = cf_run();
  run.variables.back().attributes["units"] = "x";
  refused(run, "reserved");
  run = cf_run();
  run.variables.back().coordinates = {"nowhere"};
  refused(run, "unknown coordinate");
  run = cf_run();
  run.variables.back().text = {"a"};
  refused(run, "has text but is not textual");
  run = cf_run();
  run.variables.push_back({"time_bnds", "clash", "", {}, {1}, false});
  refused(run, "duplicate name");
}
