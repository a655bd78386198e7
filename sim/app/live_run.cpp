#include "sim/app/live_run.hpp"

#include <algorithm>

#include "sim/io/config.hpp"

namespace hubsim::app {

io::RunData first_months(const io::RunData& run, int months) {
  io::RunData out = run;
  const auto keep = static_cast<std::size_t>(std::clamp(months, 0, static_cast<int>(run.months.size())));
  out.months.resize(keep);
  for (auto& v : out.variables) {
    if (v.dims.empty() || v.dims.front() != "time" || run.months.empty()) continue;
    const std::size_t per_month = v.values.size() / run.months.size();
    v.values.resize(keep * per_month);
  }
  return out;
}

LiveRun::LiveRun(Config config, int threads) : initial_(config), shadow_(config) {
  sim_ = std::make_unique<engine::Simulation>(std::move(config), threads);
  total_ = sim_->total();
}

LiveRun::~LiveRun() { stop(); }

bool LiveRun::accepts(const Config& config, const std::string& assignment, std::string* why) {
  Config copy = config;
  try {
    io::apply_override(copy.describe(), assignment);
    return true;
  } catch (const std::exception& e) {
    if (why != nullptr) *why = e.what();
    return false;
  }
}

void LiveRun::set(const std::string& assignment) {
  std::lock_guard lock(mutex_);
  // Refuse a bad change now, in the caller's thread, with the config's own message: shadow_ holds
  // the schedule with every queued change, dated at the first month not yet simulated.
  Config copy = shadow_;
  const core::Month month = copy.run.start + std::min(done_, total_ - 1);
  copy.run.changes.push_back({month, assignment});
  engine::check_changes(copy, "live change");
  shadow_ = std::move(copy);
  pending_.push_back(assignment);
}

void LiveRun::apply_pending() {
  std::vector<std::string> pending;
  int month = 0;
  {
    std::lock_guard lock(mutex_);
    pending.swap(pending_);
    month = done_;
  }
  // Only the stepping thread changes the simulation, and only here, between steps.
  for (const auto& p : pending) sim_->change(p);
  std::lock_guard lock(mutex_);
  for (const auto& p : pending) applied_.push_back((sim_->config().run.start + month).iso() + " " + p);
}

bool LiveRun::step() {
  const int month = done();
  if (month >= total_) return false;
  apply_pending();
  sim_->step();
  {
    std::lock_guard lock(mutex_);
    done_ = month + 1;
  }
  publish();
  return true;
}

void LiveRun::publish() {
  const int done_now = done();
  io::RunData data = first_months(sim_->results(), done_now);
  auto shared = std::make_shared<const io::RunData>(std::move(data));
  std::lock_guard lock(mutex_);
  snapshot_ = {std::move(shared), done_now, snapshot_.version + 1};
}

void LiveRun::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { thread_main(); });
}

void LiveRun::thread_main() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || done_ < std::min(target_, total_); });
      if (stopping_) return;
    }
    try {
      step();
    } catch (const std::exception& e) {
      std::lock_guard lock(mutex_);
      error_ = e.what();
      return;
    }
  }
}

void LiveRun::run_until(int months) {
  {
    std::lock_guard lock(mutex_);
    target_ = std::clamp(months, 0, total_);
  }
  wake_.notify_all();
}

void LiveRun::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

LiveRun::Snapshot LiveRun::snapshot() const {
  std::lock_guard lock(mutex_);
  return snapshot_;
}

int LiveRun::done() const {
  std::lock_guard lock(mutex_);
  return done_;
}

std::vector<std::string> LiveRun::applied() const {
  std::lock_guard lock(mutex_);
  return applied_;
}

std::string LiveRun::error() const {
  std::lock_guard lock(mutex_);
  return error_;
}

}  // namespace hubsim::app
