// Whole runs: identical for any thread count, different for different seeds, and starting
// from the strategy's 2022 picture.
#include <doctest/doctest.h>

#include <filesystem>

#include "models/lancashire/model.hpp"
#include "sim/app/run_job.hpp"
#include "sim/io/run_file.hpp"
#include "tests/models/same_results.hpp"

using namespace hubsim;
using testing::check_same_results;

namespace {

io::RunData run_with(int threads, std::vector<std::string> sets = {}) {
  app::Config config = engine::load_config(model::description(), std::nullopt, sets);
  app::RunOptions options;
  options.threads = threads;
  return app::run_job(config, options);
}

double county_total(const io::RunData& run, const char* variable, std::size_t step) {
  const auto* v = run.find(variable);
  const auto* kind = run.find("hub_kind");
  const std::size_t n = kind->values.size();
  double sum = 0;
  for (std::size_t h = 0; h < n; ++h)
    if (kind->values[h] != 3) sum += v->values[step * n + h];
  return sum;
}

}  // namespace

TEST_CASE("engine: 1, 2 and 4 threads give identical output") {
  const auto one = run_with(1), two = run_with(2), four = run_with(4);
  CHECK(one.int_attributes.at("threads") == 1);
  CHECK(four.int_attributes.at("threads") == 4);
  check_same_results(one, two);
  check_same_results(one, four);
  // Not a constant: employment actually moves over the run.
  CHECK(county_total(one, "employment", 0) != county_total(one, "employment", one.months.size() - 1));
}

TEST_CASE("engine: run files of 1 and 2 threads hold identical datasets") {
  const auto dir = std::filesystem::temp_directory_path() / "hubsim-determinism";
  std::filesystem::create_directories(dir);
  io::write_run_file(dir / "one.h5", run_with(1));
  io::write_run_file(dir / "two.h5", run_with(2));
  check_same_results(io::read_run_file(dir / "one.h5"), io::read_run_file(dir / "two.h5"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("engine: a different seed gives a different run") {
  const auto a = run_with(2), b = run_with(2, {"run.seed=7"});
  CHECK(a.find("employment")->values != b.find("employment")->values);
  CHECK(b.int_attributes.at("seed") == 7);
}

TEST_CASE("model: the run starts from the strategy's picture of 2022") {
  const auto run = run_with(2, {"run.end=2022-12"});
  REQUIRE(run.months.size() == 12);
  // "just below 20,000" digital jobs (Strategy, Scenarios for Digital Sector Jobs Growth).
  const double jobs = county_total(run, "employment", 0);
  CHECK(jobs > 18500);
  CHECK(jobs < 20500);
  // ~20,000 jobs in ~4,000 firms (domain §2.4), from the firm-size distribution alone.
  const double firms = county_total(run, "firms", 0);
  CHECK(firms > 3000);
  CHECK(firms < 5000);
  // About half the workforce is in the five spokes (Strategy, The Lancashire model).
  const auto* kind = run.find("hub_kind");
  const auto* employment = run.find("employment");
  double spokes = 0;
  for (std::size_t h = 0; h < kind->values.size(); ++h)
    if (kind->values[h] == 1) spokes += employment->values[h];
  CHECK(spokes / jobs == doctest::Approx(0.5).epsilon(0.1));
  // Graduates arrive in July only.
  CHECK(county_total(run, "graduates", 5) == 0);
  CHECK(county_total(run, "graduates", 6) > 500);
}
