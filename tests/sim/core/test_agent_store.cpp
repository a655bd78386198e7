#include <doctest/doctest.h>

#include <stdexcept>
#include <vector>

#include "sim/core/agent_store.hpp"
#include "sim/io/checkpoint_file.hpp"
#include "tests/temp_dir.hpp"

using hubsim::core::AgentStore;
using hubsim::core::identity;
using hubsim::core::Identity;
using hubsim::core::kBornAtStart;
using hubsim::core::kMaxSerial;

namespace {

struct Cols {
  std::vector<int> value;
  std::vector<char> tag;
  template <class F>
  void for_each_column(F&& f) {
    f(value), f(tag);
  }
};

// The initial population of kind 1 at origin 0: serials 0, 1, 2, ...
constexpr Identity initial(std::uint32_t serial) { return identity(1, 0, kBornAtStart, serial); }

std::vector<Identity> identities(const AgentStore<Cols>& s) {
  std::vector<Identity> out;
  for (std::size_t r = 0; r < s.size(); ++r) out.push_back(s.identity(r));
  return out;
}

}  // namespace

TEST_CASE("agent store: ids are stable, increasing and never reused") {
  AgentStore<Cols> s;
  const auto r0 = s.add(initial(0));
  const auto r1 = s.add(initial(1));
  CHECK(s.id(r0) == 1);
  CHECK(s.id(r1) == 2);
  const auto first = s.add_many(3, initial(2));
  CHECK(first == 2);
  CHECK(s.id(4) == 5);
  CHECK(s.size() == 5);
  CHECK(s.live() == 5);
  CHECK(s.columns().value.size() == 5);
  s.remove(4);
  s.compact();
  CHECK(s.add(initial(5)) == 4);
  CHECK(s.id(4) == 6);  // id 5 died and is not reused
}

TEST_CASE("agent store: add and add_many give each row its identity, add_many with consecutive serials") {
  AgentStore<Cols> s;
  const Identity newborn = identity(2, 7, 30, 0);
  CHECK(s.add(newborn) == 0);
  CHECK(s.add_many(4, initial(10)) == 1);
  CHECK(s.add_many(0, initial(99)) == 5);  // nothing added, nothing consumed
  CHECK(s.size() == 5);
  CHECK(identities(s) == std::vector<Identity>{newborn, initial(10), initial(11), initial(12), initial(13)});
  // The serial is the low field: the other fields are the first identity's.
  CHECK(s.identity(4) == identity(1, 0, kBornAtStart, 13));
  // Identities are not ids: ids are sequence numbers, identities say who the agent is.
  CHECK(s.id(0) == 1);
  CHECK(s.id(4) == 5);
}

TEST_CASE("agent store: compaction drops dead rows, keeps id order and moves every column") {
  AgentStore<Cols> s;
  s.add_many(6, initial(0));
  for (std::size_t r = 0; r < 6; ++r) {
    s.columns().value[r] = static_cast<int>(r * 10);
    s.columns().tag[r] = static_cast<char>('a' + r);
  }
  s.remove(1);
  s.remove(4);
  CHECK(s.alive(0));
  CHECK_FALSE(s.alive(1));
  const auto remap = s.compact();
  CHECK(s.size() == 4);
  CHECK(s.live() == 4);
  CHECK(remap == std::vector<std::size_t>{0, AgentStore<Cols>::npos, 1, 2, AgentStore<Cols>::npos, 3});
  CHECK(s.columns().value == std::vector<int>{0, 20, 30, 50});
  CHECK(s.columns().tag == std::vector<char>{'a', 'c', 'd', 'f'});
  CHECK(s.id(0) == 1);
  CHECK(s.id(3) == 6);
}

TEST_CASE("agent store: identities survive deaths and compaction, with their rows") {
  AgentStore<Cols> s;
  s.add_many(8, initial(0));
  s.add(identity(2, 3, 12, 0));  // a newborn, not in the initial population
  for (std::size_t r = 0; r < s.size(); ++r) s.columns().value[r] = static_cast<int>(r);
  s.remove(0);
  s.remove(3);
  s.remove(7);
  CHECK(s.identity(3) == initial(3));  // a tombstoned row is still readable
  CHECK(s.drop_dead() == 3);
  CHECK(identities(s) ==
        std::vector<Identity>{initial(1), initial(2), initial(4), initial(5), initial(6), identity(2, 3, 12, 0)});
  // Each identity stays with its own row's columns and id.
  for (std::size_t r = 0; r < s.size(); ++r) {
    CAPTURE(r);
    const auto old_row = static_cast<std::uint32_t>(s.columns().value[r]);
    CHECK(s.id(r) == old_row + 1);
    if (old_row < 8) CHECK(s.identity(r) == initial(old_row));
  }
  // A second compaction by compact() too, and births after it keep their own identities.
  s.remove(0);
  s.compact();
  s.add(identity(2, 3, 13, 0));
  CHECK(identities(s) == std::vector<Identity>{initial(2), initial(4), initial(5), initial(6), identity(2, 3, 12, 0),
                                               identity(2, 3, 13, 0)});
  CHECK(s.drop_dead() == 0);  // nothing dead: nothing moves
  CHECK(s.identity(0) == initial(2));
}

TEST_CASE("agent store: add_many refuses to run past 2^24 serials") {
  AgentStore<Cols> s;
  // Exactly up to the last serial is fine...
  CHECK_NOTHROW(s.add_many(3, initial(kMaxSerial - 2)));
  CHECK(s.identity(2) == initial(kMaxSerial));
  CHECK_NOTHROW(s.add_many(1, initial(kMaxSerial)));
  // ... one more is not, and the store is left as it was.
  CHECK_THROWS_AS(s.add_many(2, initial(kMaxSerial)), std::length_error);
  CHECK_THROWS_AS(s.add_many(4, initial(kMaxSerial - 2)), std::length_error);
  CHECK_THROWS_AS(s.add_many(std::size_t{kMaxSerial} + 2, initial(0)), std::length_error);
  CHECK(s.size() == 4);
  CHECK(s.live() == 4);
  CHECK(s.columns().value.size() == 4);
  // Another kind, origin or month has serials of its own.
  CHECK_NOTHROW(s.add_many(2, identity(1, 1, kBornAtStart, kMaxSerial - 1)));
  CHECK(s.identity(5) == identity(1, 1, kBornAtStart, kMaxSerial));
}

TEST_CASE("agent store: a checkpoint keeps ids, identities, tombstones and columns") {
  hubsim::testing::TempDir dir("hubsim_agent_store");
  const auto path = dir.path / "store.h5";
  AgentStore<Cols> s;
  s.add_many(5, initial(0));
  s.add(identity(2, 4, 20, 7));
  for (std::size_t r = 0; r < s.size(); ++r) {
    s.columns().value[r] = static_cast<int>(100 + r);
    s.columns().tag[r] = static_cast<char>('p' + r);
  }
  s.remove(1);
  s.compact();
  s.remove(2);  // a tombstone at the time of the checkpoint
  {
    hubsim::io::CheckpointWriter out(path);
    s.transfer(out, "agents");
    out.commit();
  }
  AgentStore<Cols> back;
  back.add(initial(999));  // replaced entirely by the restore
  {
    hubsim::io::CheckpointReader in(path);
    back.transfer(in, "agents");
  }
  REQUIRE(back.size() == s.size());
  CHECK(identities(back) == identities(s));
  CHECK(identities(back) ==
        std::vector<Identity>{initial(0), initial(2), initial(3), initial(4), identity(2, 4, 20, 7)});
  for (std::size_t r = 0; r < s.size(); ++r) {
    CAPTURE(r);
    CHECK(back.id(r) == s.id(r));
    CHECK(back.alive(r) == s.alive(r));
  }
  CHECK(back.live() == 4);
  CHECK(back.next_id() == s.next_id());
  CHECK(back.columns().value == s.columns().value);
  CHECK(back.columns().tag == s.columns().tag);
  // After the restore, compaction still carries every identity with its row.
  back.compact();
  CHECK(identities(back) == std::vector<Identity>{initial(0), initial(2), initial(4), identity(2, 4, 20, 7)});
  CHECK(back.columns().value == std::vector<int>{100, 102, 104, 105});
}

TEST_CASE("agent store: find locates agents by id after births and deaths") {
  AgentStore<Cols> s;
  s.add_many(1000, initial(0));
  for (std::size_t r = 0; r < 1000; r += 3) s.remove(r);
  s.compact();
  CHECK_FALSE(s.find(1).has_value());  // row 0 (id 1) died
  REQUIRE(s.find(2).has_value());
  CHECK(s.id(*s.find(2)) == 2);
  REQUIRE(s.find(999).has_value());
  CHECK(s.id(*s.find(999)) == 999);
  CHECK(*s.find(999) == 665);         // the last survivor
  CHECK(s.identity(*s.find(999)) == initial(998));
  CHECK_FALSE(s.find(1000).has_value());  // row 999 died
  CHECK_FALSE(s.find(5000).has_value());
  CHECK(s.live() == 666);
}

TEST_CASE("agent store: holds a million agents") {
  AgentStore<Cols> s;
  s.reserve(1'000'000);
  s.add_many(1'000'000, initial(0));
  CHECK(s.size() == 1'000'000);
  CHECK(s.id(999'999) == 1'000'000);
  for (std::size_t r = 0; r < s.size(); r += 2) s.remove(r);
  s.compact();
  CHECK(s.live() == 500'000);
  CHECK(s.id(0) == 2);
  CHECK(s.identity(0) == initial(1));
  CHECK(s.identity(499'999) == initial(999'999));
}
