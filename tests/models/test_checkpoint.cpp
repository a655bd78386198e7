// Checkpoints: the archive keeps every element type exactly and refuses mismatches; a run stopped
// after a checkpoint and restored from it continues bit for bit as a run that never stopped.
#include <doctest/doctest.h>

#include <atomic>
#include <cstring>
#include <filesystem>

#include "models/lancashire/model.hpp"
#include "sim/app/run_job.hpp"
#include "sim/io/checkpoint_file.hpp"
#include "tests/models/same_results.hpp"
#include "tests/models/tiny_world.hpp"
#include "tests/temp_dir.hpp"

using namespace hubsim;
using testing::check_same_results;
using testing::TempDir;
namespace fs = std::filesystem;

namespace {

enum class Colour : std::uint8_t { red, green, blue };

// Three years with agent snapshots every 6 months, so that snapshots are part of the state.
app::Config short_config() {
  return engine::load_config(model::description(), std::nullopt, {"run.end=2024-12", "output.snapshot_every_months=6"});
}

io::RunData run(app::Config config, app::RunOptions options) { return app::run_job(config, options); }

}  // namespace

TEST_CASE("checkpoint: the archive keeps every element type and refuses a wrong type or length") {
  TempDir dir("hubsim_checkpoint");
  const fs::path path = dir.path / "state.h5";
  std::vector<std::uint8_t> u8{0, 7, 255};
  std::vector<std::int16_t> i16{-32768, 0, 32767};
  std::vector<std::uint64_t> u64{0, 1, ~std::uint64_t{0}};
  std::vector<float> f32{-1.5f, 3.25f};
  std::vector<double> f64{0.1, -2e300, std::numeric_limits<double>::quiet_NaN()};
  std::vector<Colour> colours{Colour::blue, Colour::red};
  std::vector<std::int32_t> empty;
  double scalar = 42.5;
  {
    io::CheckpointWriter out(path);
    out.attribute("note", std::string("hello"));
    out.attribute("months_done", std::int64_t{17});
    out.array("a/u8", u8), out.array("a/i16", i16), out.array("b/u64", u64), out.array("f32", f32);
    out.array("f64", f64), out.array("colours", colours), out.array("empty", empty), out.value("scalar", scalar);
    CHECK_FALSE(fs::exists(path));  // nothing at the path until commit
    out.commit();
  }
  REQUIRE(fs::exists(path));
  io::CheckpointReader in(path);
  CHECK(in.text_attribute("note") == "hello");
  CHECK(in.int_attribute("months_done") == 17);
  std::vector<std::uint8_t> u8b;
  std::vector<std::int16_t> i16b;
  std::vector<std::uint64_t> u64b;
  std::vector<float> f32b;
  std::vector<double> f64b;
  std::vector<Colour> coloursb;
  std::vector<std::int32_t> emptyb{1, 2};
  double scalarb = 0;
  in.array("a/u8", u8b), in.array("a/i16", i16b), in.array("b/u64", u64b), in.array("f32", f32b);
  in.array("f64", f64b), in.array("colours", coloursb), in.array("empty", emptyb), in.value("scalar", scalarb);
  CHECK(u8b == u8);
  CHECK(i16b == i16);
  CHECK(u64b == u64);
  CHECK(f32b == f32);
  REQUIRE(f64b.size() == 3);
  CHECK(std::memcmp(f64b.data(), f64.data(), 3 * sizeof(double)) == 0);
  CHECK(coloursb == colours);
  CHECK(emptyb.empty());
  CHECK(scalarb == 42.5);

  std::vector<std::uint16_t> wrong_type;
  CHECK_THROWS_WITH_AS(in.array("a/u8", wrong_type), doctest::Contains("/a/u8 is not uint16"), io::RunFileError);
  std::vector<std::int16_t> wrong_sign;
  CHECK_THROWS_WITH_AS(in.array("b/u64", wrong_sign), doctest::Contains("is not int16"), io::RunFileError);
  std::vector<std::uint8_t> wrong_length(5);
  CHECK_THROWS_WITH_AS(in.fixed("a/u8", wrong_length), doctest::Contains("holds 3 values where this config needs 5"),
                       io::RunFileError);
  CHECK_THROWS_WITH_AS(in.array("missing", u8b), doctest::Contains(path.string().c_str()), io::RunFileError);
}

TEST_CASE("checkpoint: an uncommitted checkpoint leaves the previous one in place and no temporary") {
  TempDir dir("hubsim_checkpoint");
  const fs::path path = dir.path / "state.h5";
  std::vector<std::int32_t> first{1, 2, 3}, second{4, 5};
  {
    io::CheckpointWriter out(path);
    out.array("x", first);
    out.commit();
  }
  {
    io::CheckpointWriter out(path);  // abandoned, as when the writer throws half-way
    out.array("x", second);
  }
  CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);
  io::CheckpointReader in(path);
  std::vector<std::int32_t> back;
  in.array("x", back);
  CHECK(back == first);
}

TEST_CASE("checkpoint: a run restored after 15 months continues exactly as one that never stopped") {
  TempDir dir("hubsim_checkpoint");
  const fs::path checkpoint = dir.path / "run.checkpoint.h5";
  const io::RunData whole = run(short_config(), {});

  for (const int threads : {1, 2}) {
    CAPTURE(threads);
    std::atomic<bool> stop{false};
    app::RunOptions first;
    first.threads = threads;
    first.checkpoint_every = 10;
    first.checkpoint = checkpoint;
    first.cancel = &stop;
    first.on_step = [&](int done, int, const std::string&) { stop = done == 15; };
    // Cancelled after month 15: a checkpoint is written there, not only at month 10.
    CHECK_THROWS_WITH_AS(run(short_config(), first), doctest::Contains("state saved to"), app::Cancelled);
    REQUIRE(fs::exists(checkpoint));
    CHECK(io::CheckpointReader(checkpoint).int_attribute("months_done") == 15);

    app::RunOptions second;
    second.threads = 3 - threads;
    second.restart = checkpoint;
    int first_month = 0;
    second.on_step = [&](int done, int, const std::string&) { first_month = first_month ? first_month : done; };
    const io::RunData continued = run(short_config(), second);
    CHECK(first_month == 16);  // months 1-15 were not simulated again
    check_same_results(whole, continued);
    const auto* workers = continued.find("worker_id");  // snapshots taken before and after the stop
    REQUIRE(workers != nullptr);
    CHECK(workers->values.size() > 1000);
  }
}

TEST_CASE("checkpoint: a checkpoint of another config is refused") {
  TempDir dir("hubsim_checkpoint");
  const fs::path checkpoint = dir.path / "run.checkpoint.h5";
  std::atomic<bool> stop{false};
  app::RunOptions options;
  options.checkpoint_every = 1;
  options.checkpoint = checkpoint;
  options.cancel = &stop;
  options.on_step = [&](int done, int, const std::string&) { stop = done == 2; };
  CHECK_THROWS_AS(run(short_config(), options), app::Cancelled);

  // Four hubs instead of nine: the hub arrays do not fit.
  const model::Params tiny = testing::tiny_params();
  io::RunSettings settings = short_config().run;
  io::CheckpointReader in(checkpoint);
  CHECK_THROWS_WITH_AS(model::LancashireModel(tiny, settings, in), doctest::Contains("where this config needs 4"),
                       io::RunFileError);
}
