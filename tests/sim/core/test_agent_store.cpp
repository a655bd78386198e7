#include <doctest/doctest.h>

#include <vector>

#include "sim/core/agent_store.hpp"

using hubsim::core::AgentStore;

namespace {

struct Cols {
  std::vector<int> value;
  std::vector<char> tag;
  template <class F>
  void for_each_column(F&& f) {
    f(value), f(tag);
  }
};

}  // namespace

TEST_CASE("agent store: ids are stable, increasing and never reused") {
  AgentStore<Cols> s;
  const auto r0 = s.add();
  const auto r1 = s.add();
  CHECK(s.id(r0) == 1);
  CHECK(s.id(r1) == 2);
  const auto first = s.add_many(3);
  CHECK(first == 2);
  CHECK(s.id(4) == 5);
  CHECK(s.size() == 5);
  CHECK(s.live() == 5);
  CHECK(s.columns().value.size() == 5);
  s.remove(4);
  s.compact();
  CHECK(s.add() == 4);
  CHECK(s.id(4) == 6);  // id 5 died and is not reused
}

TEST_CASE("agent store: compaction drops dead rows, keeps id order and moves every column") {
  AgentStore<Cols> s;
  s.add_many(6);
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

TEST_CASE("agent store: find locates agents by id after births and deaths") {
  AgentStore<Cols> s;
  s.add_many(1000);
  for (std::size_t r = 0; r < 1000; r += 3) s.remove(r);
  s.compact();
  CHECK_FALSE(s.find(1).has_value());  // row 0 (id 1) died
  REQUIRE(s.find(2).has_value());
  CHECK(s.id(*s.find(2)) == 2);
  REQUIRE(s.find(999).has_value());
  CHECK(s.id(*s.find(999)) == 999);
  CHECK(*s.find(999) == 665);         // the last survivor
  CHECK_FALSE(s.find(1000).has_value());  // row 999 died
  CHECK_FALSE(s.find(5000).has_value());
  CHECK(s.live() == 666);
}

TEST_CASE("agent store: holds a million agents") {
  AgentStore<Cols> s;
  s.reserve(1'000'000);
  s.add_many(1'000'000);
  CHECK(s.size() == 1'000'000);
  CHECK(s.id(999'999) == 1'000'000);
  for (std::size_t r = 0; r < s.size(); r += 2) s.remove(r);
  s.compact();
  CHECK(s.live() == 500'000);
  CHECK(s.id(0) == 2);
}
