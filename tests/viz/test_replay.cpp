#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "sim/io/run_file.hpp"
#include "tiny_run.hpp"
#include "viz/replay.hpp"

namespace fs = std::filesystem;
using namespace hubsim;
using namespace hubsim::viz;

namespace {

// The message of the InputError that `f` throws ("" if it throws none).
template <class F>
std::string input_error(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

fs::path temp_path(const std::string& name) {
  return fs::temp_directory_path() / ("hubsim_viz_" + std::to_string(::getpid()) + "_" + name);
}

}  // namespace

TEST_CASE("replay: series are regrouped per hub, county totals leave external metros out") {
  const Replay r = make_replay(testing::tiny_run(), "tiny.h5");
  REQUIRE(r.hubs.size() == 3);
  CHECK(r.hubs[0].name == "Preston");
  CHECK(r.hubs[2].kind == HubKind::external_metro);
  CHECK(r.hubs[1].lat == doctest::Approx(54.047));
  CHECK(r.employment[0] == std::vector<double>{100, 110, 130});
  CHECK(r.employment[1] == std::vector<double>{50, 40, 45});
  CHECK(r.county_employment == std::vector<double>{150, 150, 175});
  CHECK(r.leavers_so_far[2] == std::vector<double>{3, 7, 12});
  CHECK(r.peak_hub_employment == 130);
  CHECK(r.scenario == "tiny");
}

TEST_CASE("replay: a run without a variable the viewer needs is refused, naming file and variable") {
  io::RunData run = testing::tiny_run();
  std::erase_if(run.variables, [](const io::Variable& v) { return v.name == "vacancies"; });
  const std::string message = input_error([&] { make_replay(run, "other-model.h5"); });
  CHECK(message.find("other-model.h5") != std::string::npos);
  CHECK(message.find("vacancies") != std::string::npos);
}

TEST_CASE("replay: a variable of the wrong shape is refused") {
  io::RunData run = testing::tiny_run();
  for (auto& v : run.variables)
    if (v.name == "firms") v.values.pop_back();
  CHECK(input_error([&] { make_replay(run, "odd.h5"); }).find("firms") != std::string::npos);
}

TEST_CASE("replay: sample interpolates between months and clamps outside the run") {
  const std::vector<double> s{100, 110, 130};
  CHECK(sample(s, 0.0) == 100);
  CHECK(sample(s, 0.5) == doctest::Approx(105));
  CHECK(sample(s, 1.25) == doctest::Approx(115));
  CHECK(sample(s, 2.0) == 130);
  CHECK(sample(s, -3.0) == 100);
  CHECK(sample(s, 9.0) == 130);
  CHECK(sample({}, 1.0) == 0);
}

TEST_CASE("replay: months and hubs are looked up by value, with messages for the ones it lacks") {
  const Replay r = make_replay(testing::tiny_run(), "tiny.h5");
  CHECK(month_index(r, core::Month(2030, 6)) == 1);
  const std::string month = input_error([&] { month_index(r, core::Month(2031, 1)); });
  CHECK(month.find("2031-01") != std::string::npos);
  CHECK(month.find("2030-05..2030-07") != std::string::npos);
  CHECK(hub_index(r, "Lancaster") == 1);
  const std::string hub = input_error([&] { hub_index(r, "Paris"); });
  CHECK(hub.find("Paris") != std::string::npos);
  CHECK(hub.find("Preston, Lancaster, London") != std::string::npos);
}

TEST_CASE("replay: a run file round-trips, and missing, truncated or foreign files name the path") {
  const fs::path good = temp_path("good.h5"), cut = temp_path("cut.h5"), text = temp_path("text.h5");
  io::write_run_file(good, testing::tiny_run());
  const Replay r = load_replay(good);
  CHECK(r.county_employment == std::vector<double>{150, 150, 175});
  CHECK(r.source == good.string());

  {
    std::ifstream in(good, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
    std::ofstream(text) << "not a run\n";
  }
  for (const fs::path& bad : {cut, text, temp_path("missing.h5")}) {
    CAPTURE(bad);
    CHECK(input_error([&] { load_replay(bad); }).find(bad.string()) != std::string::npos);
  }
  for (const fs::path& p : {good, cut, text}) fs::remove(p);
}
