#include "viz/live_session.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <thread>

#include "sim/io/config.hpp"

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

std::string assignment(const LiveParam& p, double value) {
  std::ostringstream out;
  out << p.key << "=";
  if (p.integer) out << std::llround(value);
  else out << io::format_real(value);
  return out.str();
}

}  // namespace

std::optional<double> parameter_value(app::Config& config, const std::string& key) {
  ValueFinder finder(key);
  config.describe()(finder);
  return finder.found;
}

std::vector<LiveParam> live_params(app::Config& config) {
  std::vector<LiveParam> wanted = {
      {"labour.commute_minutes", "Longest commute, minutes", 10, 120, 0, false},
      {"talent.reskilled_per_year", "Re-skilled adults a year", 0, 5000, 0, false},
      {"firms.birth_rate_per_year", "New firms a year per active firm", 0, 0.3, 0, false},
      {"investment.angel_deals_per_year", "Deals per angel a year", 0, 5, 0, false}};
  for (char c = 'A'; c <= 'N'; ++c)
    wanted.push_back({std::string("interventions.") + c + ".intensity", std::string("Intervention ") + c + " intensity",
                      0, 2, 0, false});
  std::vector<LiveParam> out;
  for (LiveParam p : wanted) {
    const auto value = parameter_value(config, p.key);
    if (!value || !app::LiveRun::accepts(config, assignment(p, *value))) continue;  // not in this config
    p.value = *value;
    out.push_back(p);
  }
  return out;
}

LiveSession::LiveSession(const app::Config& config) : config_(config) {
  try {
    // Each run gets its own half of the cores: they step in lockstep, side by side.
    const int threads = std::max(1, static_cast<int>(std::thread::hardware_concurrency()) / 2);
    run_ = std::make_unique<app::LiveRun>(config_, threads);
    base_ = std::make_unique<app::LiveRun>(config_, threads);
  } catch (const std::exception& e) {
    throw InputError(std::string("the model cannot start from this config: ") + e.what());
  }
  params_ = live_params(config_);
  run_->step();  // a first month to show before the threads have done anything
  base_->step();
  run_->start();
  base_->start();
}

bool LiveSession::update(Scene& scene, const ViewState& state) {
  // Simulate just ahead of the view: a change then applies from (about) the month on screen.
  const int shown = static_cast<int>(std::floor(std::max(state.month, 0.0)));
  const int lead = state.playing ? static_cast<int>(std::ceil(state.speed * 0.5)) + 1 : 0;
  run_->run_until(shown + 1 + lead);
  base_->run_until(shown + 1 + lead);
  const auto a = base_->snapshot(), b = run_->snapshot();
  if (a.version == seen_base_ && b.version == seen_ && with_baseline == seen_baseline_flag_) return false;
  if (!a.data || !b.data) return false;
  seen_base_ = a.version, seen_ = b.version, seen_baseline_flag_ = with_baseline;
  std::vector<core::Month> axis;
  for (int s = 0; s < config_.run.steps(); ++s) axis.push_back(config_.run.start + s);
  Scene next;
  next.live = true;
  next.runs.push_back(make_replay(*b.data, "live run"));
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
