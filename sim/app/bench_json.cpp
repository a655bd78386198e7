// The one-line JSON of a benchmark case: flat numbers and strings plus one nested object of
// phase times. Written and read only by hubsim itself, so the parser covers just that shape.
#include <cstdio>
#include <stdexcept>

#include "sim/app/bench.hpp"
#include "sim/io/text.hpp"

namespace hubsim::app {

using io::format;
using io::thousands;
namespace {

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string number(double x) { return format("%.6g", x); }

struct Reader {
  const std::string& s;
  std::size_t i = 0;

  void skip() {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  }
  bool eat(char c) {
    skip();
    if (i < s.size() && s[i] == c) return ++i, true;
    return false;
  }
  void expect(char c) {
    if (!eat(c)) throw std::runtime_error(std::string("bench JSON: expected '") + c + "' at " + std::to_string(i));
  }
  std::string text() {
    expect('"');
    std::string out;
    while (i < s.size() && s[i] != '"') {
      if (s[i] == '\\' && i + 1 < s.size()) ++i;
      out += s[i++];
    }
    expect('"');
    return out;
  }
  double real() {
    skip();
    std::size_t used = 0;
    const double x = std::stod(s.substr(i), &used);
    i += used;
    return x;
  }
  /// Calls on_value(key) for each member of an object.
  template <class F>
  void object(F&& on_value) {
    expect('{');
    if (eat('}')) return;
    do {
      const std::string key = text();
      expect(':');
      on_value(key);
    } while (eat(','));
    expect('}');
  }
};

}  // namespace

std::string bench_json(const BenchResult& r) {
  std::string out = "{";
  auto member = [&](const std::string& key, const std::string& value) {
    if (out.size() > 1) out += ',';
    out += quoted(key);
    out += ':';
    out += value;
  };
  for (const auto& [k, v] : r.texts) member(k, quoted(v));
  for (const auto& [k, v] : r.numbers) member(k, number(v));
  if (!r.phase_ms.empty()) {
    if (out.size() > 1) out += ',';
    out += "\"phase_ms\":{";
    for (std::size_t p = 0; p < r.phase_ms.size(); ++p) {
      if (p) out += ',';
      out += quoted(r.phase_ms[p].first);
      out += ':';
      out += number(r.phase_ms[p].second);
    }
    out += "}";
  }
  return out + "}";
}

BenchResult parse_bench_json(const std::string& line) {
  BenchResult r;
  Reader in{line};
  in.object([&](const std::string& key) {
    in.skip();
    if (key == "phase_ms") in.object([&](const std::string& phase) { r.phase_ms.emplace_back(phase, in.real()); });
    else if (in.i < line.size() && line[in.i] == '"') r.texts[key] = in.text();
    else r.numbers[key] = in.real();
  });
  return r;
}

}  // namespace hubsim::app
