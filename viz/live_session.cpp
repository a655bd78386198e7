#include "viz/live_session.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <iomanip>
#include <sstream>
#include <chrono>
#include <thread>

#include "sim/io/config.hpp"
#include "sim/app/run_job.hpp"
#include "sim/io/run_file.hpp"
#include "viz/format.hpp"

namespace hubsim::viz {
namespace {

// Finds one real or integer parameter by its dotted key, walking the config's description.
class ValueFinder : public io::ParamVisitor {
 public:
  explicit ValueFinder(std::string key) : key_(std::move(key)) {}
  std::optional<double> found;
  void section(std::string_view key, std::string_view, const std::function<void()>& body) override {
    path_.emplace_back(key);
    body();
    path_.pop_back();
  }
  void real(std::string_view key, double& value, io::Bounds, std::string_view, std::string_view) override {
    if (matches(key)) found = value;
  }
  void integer(std::string_view key, std::int64_t& value, io::Bounds, std::string_view, std::string_view) override {
    if (matches(key)) found = static_cast<double>(value);
  }
  void text(std::string_view, std::string&, std::string_view) override {}
  void choice(std::string_view, std::size_t&, std::span<const std::string_view>, std::string_view) override {}
  void month(std::string_view, core::Month&, std::string_view) override {}
  void table(std::string_view key, std::string_view, const io::TableRef& rows) override {
    path_.emplace_back(key);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      path_.push_back(rows.row_key ? rows.row_key(i) : std::to_string(i));
      rows.visit_row(*this, i);
      path_.pop_back();
    }
    path_.pop_back();
  }

 private:
  bool matches(std::string_view key) const {
    std::string full;
    for (const auto& p : path_) full += p + ".";
    return full + std::string(key) == key_;
  }
  std::string key_;
  std::vector<std::string> path_;
};

// Collects every real or integer parameter that may change during a run, with its dotted key.
class SliderFinder : public io::ParamVisitor {
 public:
  std::vector<LiveParam> found;
  void section(std::string_view key, std::string_view doc, const std::function<void()>& body) override {
    path_.emplace_back(key);
    docs_.emplace_back(doc);
    body();
    path_.pop_back();
    docs_.pop_back();
  }
  void real(std::string_view key, double& value, io::Bounds b, std::string_view unit, std::string_view doc) override {
    add(key, value, b, unit, doc, false);
  }
  void integer(std::string_view key, std::int64_t& value, io::Bounds b, std::string_view unit,
               std::string_view doc) override {
    add(key, static_cast<double>(value), b, unit, doc, true);
  }
  void text(std::string_view, std::string&, std::string_view) override {}
  void choice(std::string_view, std::size_t&, std::span<const std::string_view>, std::string_view) override {}
  void month(std::string_view, core::Month&, std::string_view) override {}
  void table(std::string_view key, std::string_view, const io::TableRef& rows) override {
    if (!rows.row_key) return;  // rows addressed only by position (links) have no stable name
    path_.emplace_back(key);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      path_.push_back(rows.row_key(i));
      docs_.push_back(rows.row_key(i));
      rows.visit_row(*this, i);
      path_.pop_back();
      docs_.pop_back();
    }
    path_.pop_back();
  }

 private:
  void add(std::string_view key, double value, io::Bounds b, std::string_view unit, std::string_view doc,
           bool integer) {
    if (start_only() || path_.empty()) return;
    // What the description says has no effect (a cost only reported, a field other rows ignore)
    // would be a slider that lies.
    for (std::string_view dead : {"not an effect", "others ignore it", "only:"})
      if (doc.find(dead) != std::string_view::npos) return;
    LiveParam p;
    for (const auto& part : path_) p.key += part + ".";
    p.key += key;
    p.label = plain_name(key, doc);
    if (path_.size() >= 2 && !docs_.empty()) p.label = context(docs_.back()) + ": " + p.label;  // "Preston: ..."
    p.unit = std::string(unit);
    p.value = value;
    p.integer = integer;
    // A slider around the value, inside the bounds: a projector needs a range a hand can steer.
    const double span = value != 0 ? 3 * std::abs(value) : 1.0;
    p.lo = std::max(b.lo, b.lo >= 0 ? 0.0 : value - span);
    p.hi = std::min(b.hi, value + span);
    if (integer) p.hi = std::max(p.hi, std::min(b.hi, value + 4));
    if (p.hi <= p.lo) p.hi = b.hi;
    found.push_back(std::move(p));
  }
  // The description's first clause, which names the thing ("Longest one-way commute a job seeker accepts").
  static std::string plain_name(std::string_view key, std::string_view doc) {
    std::string d(doc);
    if (d.empty() || d.rfind("...", 0) == 0 || std::isdigit(static_cast<unsigned char>(d[0]))) {
      std::string k(key);  // "... in its second year", "0 = off, ...": the key says more
      std::replace(k.begin(), k.end(), '_', ' ');
      k[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(k[0])));
      return k;
    }
    const std::size_t cut = d.find_first_of(";(:,");
    if (cut != std::string::npos && cut > 12) d = d.substr(0, cut);
    while (!d.empty() && (d.back() == ' ' || d.back() == ',')) d.pop_back();
    return d;
  }
  // An intervention's heading "F. Regional angel networks (patient capital): ..." -> "F. Regional angel networks".
  static std::string context(const std::string& doc) {
    const std::size_t cut = doc.find_first_of(":(");
    std::string c = cut == std::string::npos ? doc : doc.substr(0, cut);
    while (!c.empty() && c.back() == ' ') c.pop_back();
    return c;
  }
  std::vector<std::string> path_, docs_;
};

std::string plain_number(double v) {
  if (std::abs(v) >= 100) return format_count(v);
  std::ostringstream out;
  out << std::setprecision(3) << v;
  return out.str();
}

}  // namespace

std::string assignment(const LiveParam& p, double value) {
  std::ostringstream out;
  out << p.key << "=";
  if (p.integer) out << std::llround(value);
  else out << io::format_real(value);
  return out.str();
}

std::string describe_change(const LiveParam& p, double before, double after) {
  const std::string unit = p.unit.empty() ? "" : " " + p.unit;
  const std::string range = " (" + plain_number(before) + " to " + plain_number(after) + unit + ")";
  if (after == 0 && before != 0) return p.label + " switched off" + range;
  if (before > 0 && std::abs(after / before - 2) < 1e-9) return p.label + " doubled" + range;
  if (before > 0 && std::abs(after / before - 0.5) < 1e-9) return p.label + " halved" + range;
  if (before > 0 && std::abs(after / before - 3) < 1e-9) return p.label + " tripled" + range;
  if (after > before) return p.label + " raised from " + plain_number(before) + " to " + plain_number(after) + unit;
  if (after < before) return p.label + " cut from " + plain_number(before) + " to " + plain_number(after) + unit;
  return p.label + " kept at " + plain_number(after) + unit;
}

std::vector<ChangeMarker> change_markers(const app::Config& config, core::Month first, const SliderGroups& groups) {
  std::vector<ChangeMarker> out;
  for (const io::DatedChange& c : config.run.changes) {
    const std::size_t eq = c.set.find('=');
    const std::string key = c.set.substr(0, eq);
    app::Config before = engine::config_at(config, c.month + (-1));
    LiveParam p;
    p.key = key;
    p.label = key;
    for (const LiveParam& q : live_params(before, groups))
      if (q.key == key) p = q;
    const auto was = parameter_value(before, key);
    std::string what;
    try {
      const double after = std::stod(c.set.substr(eq + 1));
      what = was ? describe_change(p, *was, after) : p.label + " set to " + c.set.substr(eq + 1);
    } catch (const std::exception&) {
      what = p.label + " set to " + c.set.substr(eq + 1);
    }
    out.push_back({c.month - first, "from " + long_date(c.month) + ": " + what});
  }
  return out;
}

std::optional<double> parameter_value(app::Config& config, const std::string& key) {
  ValueFinder finder(key);
  config.describe()(finder);
  return finder.found;
}

std::vector<LiveParam> live_params(app::Config& config, const SliderGroups& groups) {
  SliderFinder finder;
  config.describe()(finder);
  std::vector<LiveParam> all;
  for (LiveParam& p : finder.found) {
    p.group = groups.of ? groups.of(p.key) : p.key.substr(0, p.key.find('.'));
    if (p.group.empty() || !app::LiveRun::accepts(config, assignment(p, p.value))) continue;
    all.push_back(std::move(p));
  }
  std::vector<std::string> order = groups.order;
  for (const LiveParam& p : all)  // groups the order does not name come last, as they appear
    if (std::find(order.begin(), order.end(), p.group) == order.end()) order.push_back(p.group);
  std::vector<LiveParam> out;
  for (const std::string& g : order)
    for (const LiveParam& p : all)
      if (p.group == g) out.push_back(p);
  return out;
}

LiveSession::LiveSession(const app::Config& config, const SliderGroups& groups) : config_(config), groups_(groups) {
  try {
    // Each run gets its own half of the cores: they step in lockstep, side by side.
    const int threads = std::max(1, static_cast<int>(std::thread::hardware_concurrency()) / 2);
    run_ = std::make_unique<app::LiveRun>(config_, threads);
    base_ = std::make_unique<app::LiveRun>(config_, threads);
  } catch (const std::exception& e) {
    throw InputError(std::string("the model cannot start from this config: ") + e.what());
  }
  params_ = live_params(config_, groups);
  run_->step();  // a first month to show before the threads have done anything
  base_->step();
  run_->start();
  base_->start();
}

void LiveSession::script(core::Month month, const std::string& assignment) {
  const int at = month - config_.run.start;
  if (at < run_->done() || at >= run_->total())
    throw InputError("--live-change " + month.iso() + ": not a month still to simulate (" +
                     (config_.run.start + run_->done()).iso() + " to " + config_.run.end.iso() + ")");
  if (std::string why; !app::LiveRun::accepts(config_, assignment, &why)) throw InputError("--live-change: " + why);
  scripted_.emplace_back(at, assignment);
  std::stable_sort(scripted_.begin(), scripted_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
}

bool LiveSession::update(Scene& scene, const ViewState& state) {
  // Scripted slider moves whose month has come: the live run waits there for them.
  while (!scripted_.empty() && scripted_.front().first == run_->done()) {
    run_->set(scripted_.front().second);
    with_baseline = true;
    scripted_.erase(scripted_.begin());
  }
  // Simulate just ahead of the view: a change then applies from (about) the month on screen.
  const int shown = static_cast<int>(std::floor(std::max(state.month, 0.0)));
  const int lead = state.playing ? static_cast<int>(std::ceil(state.speed * 0.5)) + 1 : 0;
  int target = shown + 1 + lead;
  if (!scripted_.empty()) target = std::min(target, scripted_.front().first);
  run_->run_until(target);
  base_->run_until(shown + 1 + lead);
  const auto a = base_->snapshot(), b = run_->snapshot();
  const std::vector<std::string> applied = run_->applied();
  if (applied.size() != marked_) {  // "YYYY-MM key=value", as applied: the schedule so far, captioned
    app::Config schedule = config_;
    for (const std::string& change : applied)
      schedule.run.changes.push_back({*core::Month::parse(change.substr(0, 7)), change.substr(8)});
    markers_ = change_markers(schedule, config_.run.start, groups_);
    marked_ = applied.size();
    seen_ = 0;  // rebuild the scene with them
  }
  if (a.version == seen_base_ && b.version == seen_ && with_baseline == seen_baseline_flag_) return false;
  if (!a.data || !b.data) return false;
  seen_base_ = a.version, seen_ = b.version, seen_baseline_flag_ = with_baseline;
  std::vector<core::Month> axis;
  for (int s = 0; s < config_.run.steps(); ++s) axis.push_back(config_.run.start + s);
  Scene next;
  next.live = true;
  next.runs.push_back(make_replay(*b.data, "live run"));
  next.runs.back().changes = markers_;
  next.names = {"with changes"};
  if (with_baseline) {
    next.runs.insert(next.runs.begin(), make_replay(*a.data, "baseline"));
    next.names.insert(next.names.begin(), "baseline");
    align(next.runs.front(), next.runs.back());
  }
  for (Replay& r : next.runs) r.axis_months = axis;
  next.growing = std::min(a.done, b.done) < run_->total();
  scene = std::move(next);
  return true;
}

std::string LiveSession::set(std::size_t index, double value) {
  LiveParam& p = params_.at(index);
  try {
    run_->set(assignment(p, value));
    p.value = value;
    return "";
  } catch (const std::exception& e) {
    return e.what();
  }
}

core::Month LiveSession::frontier() const { return config_.run.start + run_->done(); }

std::string LiveSession::error() const {
  const std::string e = run_->error();
  return e.empty() ? base_->error() : e;
}

}  // namespace hubsim::viz

namespace hubsim::viz {

void LiveSession::save(const std::string& path) {
  auto wait_for = [&](int months) {
    run_->run_until(months);
    while (run_->snapshot().done < months && run_->error().empty()) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  };
  for (; !scripted_.empty() && run_->error().empty(); scripted_.erase(scripted_.begin())) {  // still to come
    wait_for(scripted_.front().first);
    run_->set(scripted_.front().second);
  }
  run_->run_until(run_->total());
  while (run_->snapshot().done < run_->total() && run_->error().empty())
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  if (!run_->error().empty()) throw InputError("the live run failed: " + run_->error());
  io::RunData data = *run_->snapshot().data;
  app::drop_timing_attributes(data);  // as `hubsim run` writes it: same config and seed, same bytes
  io::write_run_file(path, data);
  saved = "saved to " + path + " (" + std::to_string(run_->applied().size()) + " changes)";
}

}  // namespace hubsim::viz
