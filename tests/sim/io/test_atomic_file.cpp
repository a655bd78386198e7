#include <doctest/doctest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/batch/summary.hpp"
#include "sim/io/atomic_file.hpp"
#include "sim/io/checkpoint_file.hpp"
#include "sim/io/run_file.hpp"
#include "tests/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace hubsim::io;
using hubsim::testing::TempDir;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

void spit(const fs::path& p, const std::string& bytes) { std::ofstream(p, std::ios::binary) << bytes; }

std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

doctest::Contains contains(const std::string& s) { return doctest::Contains(s.c_str()); }

void make_fifo(const fs::path& p) { REQUIRE(::mkfifo(p.c_str(), 0600) == 0); }

// The refusal must come before anything is written, and must name the target.
void check_refused(const fs::path& target, const std::function<void()>& write, const std::string& kind) {
  const auto before = names_in(target.parent_path());
  CHECK_THROWS_WITH_AS(write(), contains(target.string() + ": is " + kind + ", not a regular file"),
                       RunFileError);
  CHECK(names_in(target.parent_path()) == before);
}

}  // namespace

TEST_CASE("atomic_replace: the file appears complete, and only after the write") {
  TempDir dir("hubsim_atomic");
  const fs::path path = dir.path / "out.txt";
  spit(path, "old");
  fs::path seen;
  atomic_replace(path, [&](const fs::path& tmp) {
    seen = tmp;
    CHECK(slurp(path) == "old");  // readers still see the old file while the new one is written
    spit(tmp, "new and complete");
  });
  CHECK(seen.parent_path() == path.parent_path());  // same directory: the rename cannot copy
  CHECK(seen.filename().string().starts_with("out.txt.tmp-"));
  CHECK(slurp(path) == "new and complete");
  CHECK(names_in(dir.path) == std::vector<std::string>{"out.txt"});

  atomic_replace(dir.path / "fresh.txt", [](const fs::path& tmp) { spit(tmp, "x"); });
  CHECK(slurp(dir.path / "fresh.txt") == "x");
}

TEST_CASE("atomic_replace: a failing write leaves the old file untouched and no temporary") {
  TempDir dir("hubsim_atomic");
  const fs::path path = dir.path / "out.txt";
  spit(path, "old");
  auto half_then_throw = [](const fs::path& tmp) {
    spit(tmp, "half");
    throw std::runtime_error("disk on fire");
  };
  CHECK_THROWS_WITH_AS(atomic_replace(path, half_then_throw), contains(path.string() + ": disk on fire"),
                       RunFileError);
  CHECK(slurp(path) == "old");
  CHECK(names_in(dir.path) == std::vector<std::string>{"out.txt"});

  // A write that never creates the temporary fails at the sync, also naming the target.
  CHECK_THROWS_WITH_AS(atomic_replace(path, [](const fs::path&) {}), contains(path.string() + ": cannot sync"),
                       RunFileError);
  CHECK(slurp(path) == "old");
  CHECK(names_in(dir.path) == std::vector<std::string>{"out.txt"});
}

TEST_CASE("atomic_replace: directories, FIFOs and links to them are refused, not replaced") {
  TempDir dir("hubsim_atomic");
  bool called = false;
  auto refused = [&](const fs::path& target, const std::string& kind) {
    check_refused(target, [&] {
      atomic_replace(target, [&](const fs::path& tmp) {
        called = true;
        spit(tmp, "x");
      });
    }, kind);
  };
  const fs::path sub = dir.path / "sub";
  fs::create_directory(sub);
  refused(sub, "a directory");
  CHECK(fs::is_directory(sub));

  // Stands in for /dev/null: as root, rename() would replace a device node just as readily.
  const fs::path fifo = dir.path / "fifo";
  make_fifo(fifo);
  refused(fifo, "a FIFO");
  CHECK(fs::is_fifo(fifo));

  const fs::path link = dir.path / "link";
  fs::create_symlink(fifo, link);
  refused(link, "a FIFO");
  CHECK(fs::is_symlink(link));
  CHECK_FALSE(called);
}

TEST_CASE("AtomicReplacement: commit re-checks the target, and an uncommitted one leaves nothing") {
  TempDir dir("hubsim_atomic");
  const fs::path path = dir.path / "state";
  {
    AtomicReplacement pending(path);
    spit(pending.temporary(), "abandoned");
  }
  CHECK(names_in(dir.path).empty());
  {
    AtomicReplacement pending(path);
    spit(pending.temporary(), "late");
    make_fifo(path);  // appears while a long-lived writer is still writing
    CHECK_THROWS_WITH_AS(pending.commit(), contains(path.string() + ": is a FIFO"), RunFileError);
  }
  CHECK(fs::is_fifo(path));
  CHECK(names_in(dir.path) == std::vector<std::string>{"state"});
}

TEST_CASE("every writer refuses a FIFO target and leaves no temporary") {
  TempDir dir("hubsim_atomic");
  const fs::path fifo = dir.path / "out";
  make_fifo(fifo);
  RunData run;
  run.months = {hubsim::core::Month(2022, 1)};
  check_refused(fifo, [&] { write_run_file(fifo, run); }, "a FIFO");
  check_refused(fifo, [&] { CheckpointWriter out(fifo); }, "a FIFO");
  check_refused(fifo, [&] { hubsim::batch::write_text_atomic(fifo, "text"); }, "a FIFO");
  CHECK(fs::is_fifo(fifo));
}
