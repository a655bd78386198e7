#include <doctest/doctest.h>
#include <hdf5.h>
#include <unistd.h>

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

namespace fs = std::filesystem;
using hubsim::core::Month;
using namespace hubsim::io;

namespace {

// A fresh directory per test case, removed afterwards.
struct TempDir {
  fs::path path;
  TempDir() {
    std::random_device rd;
    path = fs::temp_directory_path() /
           ("hubsim_run_file_" + std::to_string(::getpid()) + "_" + std::to_string(rd()));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

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
  TempDir dir;
  const auto path = dir.path / "run.h5";
  const RunData run = sample_run();
  write_run_file(path, run);
  check_equal(read_run_file(path), run);
}

TEST_CASE("run file: empty run and a variable over no dims round-trip") {
  TempDir dir;
  RunData run;
  run.dimensions.push_back({"hub", "", "", {}, {}});
  run.variables.push_back({"none", "", "", {"time", "hub"}, {}, true});
  run.variables.push_back({"scalar", "a scalar", "s", {}, {3.5}, false});
  write_run_file(dir.path / "empty.h5", run);
  check_equal(read_run_file(dir.path / "empty.h5"), run);
}

TEST_CASE("run file: same data gives byte-identical files") {
  TempDir dir;
  write_run_file(dir.path / "a.h5", sample_run());
  // Straddle a second boundary so any embedded timestamp would show up.
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  write_run_file(dir.path / "b.h5", sample_run());
  const auto a = slurp(dir.path / "a.h5");
  CHECK(a.size() > 1000);
  CHECK(a == slurp(dir.path / "b.h5"));
}

TEST_CASE("run file: no temporary left after success or failure") {
  TempDir dir;
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
  TempDir dir;
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
    const int two = 2;
    REQUIRE(H5Awrite(a, H5T_NATIVE_INT, &two) >= 0);
    H5Aclose(a);
    H5Fclose(f);
  }
  CHECK_THROWS_WITH_AS(read_run_file(future), doctest::Contains("format version 2, this hubsim reads 1"),
                       RunFileError);
  check_equal(read_run_file(good), sample_run());  // the original is untouched
}

TEST_CASE("run file: readable by h5dump and h5py") {
  TempDir dir;
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
        "assert f['time'].attrs['units'] == 'days since 2022-01-01'\n"
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
