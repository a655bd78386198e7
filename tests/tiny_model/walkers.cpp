// The walkers model: parameters, world, two phases, outputs and checkpoints in one small file.
#include "tests/tiny_model/walkers.hpp"

#include <cmath>
#include <string>
#include <vector>

#include "sim/core/agent_store.hpp"
#include "sim/core/parallel.hpp"
#include "sim/io/checkpoint_file.hpp"

namespace hubsim::walkers {
namespace {

constexpr std::string_view kDefaultConfig = R"(run:
  scenario: walkers
  seed: 7
  start: 2020-01
  end: 2021-12
  changes: []
world:
  hubs: 4
  walkers_per_hub: 500
  move_probability: 0.1
)";

struct Params final : engine::ModelParams {
  std::int64_t hubs = 0;
  std::int64_t walkers_per_hub = 0;
  double move_probability = 0;

  std::unique_ptr<engine::ModelParams> clone() const override { return std::make_unique<Params>(*this); }
  void describe(io::ParamVisitor& v) override {
    v.section("world", "A ring of hubs and the walkers on it.", [&] {
      v.at_start_only([&] {
        v.integer("hubs", hubs, {2, 1000}, "hubs", "Hubs on the ring");
        v.integer("walkers_per_hub", walkers_per_hub, {0, 1e6}, "walkers", "Walkers at each hub at the start");
      });
      v.real("move_probability", move_probability, {0, 1}, "1/month", "Chance a walker moves to the next hub in a month");
    });
  }
};

struct WalkerColumns {
  std::vector<std::uint16_t> hub;
  std::vector<std::uint32_t> moves;
  template <class F>
  void for_each_column(F&& f) {
    f(hub), f(moves);
  }
};

class Walkers final : public engine::World {
 public:
  Walkers(const Params& p, const io::RunSettings& run)
      : p_(p), run_(run), counts_(static_cast<std::size_t>(run.steps() * p.hubs), 0) {
    for (std::int64_t h = 0; h < p_.hubs; ++h) {
      const auto n = static_cast<std::size_t>(p_.walkers_per_hub);
      const std::size_t first = walkers_.add_many(n, core::identity(1, static_cast<std::uint32_t>(h), core::kBornAtStart, 0));
      for (std::size_t r = first; r < first + n; ++r) walkers_.columns().hub[r] = static_cast<std::uint16_t>(h);
    }
  }
  Walkers(const Params& p, const io::RunSettings& run, io::CheckpointReader& in)
      : p_(p), run_(run), counts_(static_cast<std::size_t>(run.steps() * p.hubs), 0) {
    transfer(in);
  }

  void schedule(core::Scheduler& s) override {
    s.add_phase("move", [this](const core::PhaseContext& ctx) {
      auto& c = walkers_.columns();
      core::parallel_for(walkers_.size(), [&](std::size_t r) {
        if (!ctx.rng(walkers_.identity(r)).bernoulli(p_.move_probability)) return;
        c.hub[r] = static_cast<std::uint16_t>((c.hub[r] + 1) % p_.hubs);
        ++c.moves[r];
      });
    });
    s.add_phase("count", [this](const core::PhaseContext& ctx) {
      for (std::size_t r = 0; r < walkers_.size(); ++r)
        ++counts_[ctx.step * static_cast<std::size_t>(p_.hubs) + walkers_.columns().hub[r]];
    });
  }

  void replace_params(const engine::ModelParams& p) override { p_ = dynamic_cast<const Params&>(p); }

  io::RunData results() const override {
    io::RunData out;
    for (int s = 0; s < run_.steps(); ++s) out.months.push_back(run_.start + s);
    io::Dimension hub{"hub", "hub on the ring", "", {}, {}};
    std::string ring = "ring:";
    for (std::int64_t h = 0; h < p_.hubs; ++h) {
      hub.labels.push_back("hub" + std::to_string(h));
      ring += (h ? "," : "") + hub.labels.back();
    }
    out.dimensions.push_back(std::move(hub));
    io::Variable walkers{"walkers", "walkers at the hub at the end of the month", "1", {"time", "hub"}, {}, true};
    for (auto c : counts_) walkers.values.push_back(static_cast<double>(c));
    out.variables.push_back(std::move(walkers));
    out.text_attributes["hub_groups"] = ring;
    return out;
  }

  void save(io::CheckpointWriter& out) override { transfer(out); }
  std::size_t agents() const override { return walkers_.live(); }

 private:
  template <class Archive>
  void transfer(Archive& ar) {
    walkers_.transfer(ar, "walkers");
    ar.fixed("counts", counts_);
  }

  Params p_;
  io::RunSettings run_;
  core::AgentStore<WalkerColumns> walkers_;
  std::vector<std::int64_t> counts_;
};

engine::ModelDescription make() {
  engine::ModelDescription d;
  d.name = "walkers";
  d.title = "hubsim-walkers run: walkers on a ring of hubs";
  d.default_config = kDefaultConfig;
  d.default_config_source = "built-in walkers config";
  engine::bind_types<Params, Walkers>(d);
  d.estimate_memory = [](const engine::ModelParams& p, const io::RunSettings& run) {
    const auto& q = dynamic_cast<const Params&>(p);
    const double agents = static_cast<double>(q.hubs * q.walkers_per_hub);
    return engine::MemoryEstimate{agents, agents * 64 + 8.0 * static_cast<double>(q.hubs * run.steps())};
  };
  d.summary = [](const io::RunData& run) {
    const auto* w = run.find("walkers");
    return "walkers counted in the last month: " + std::to_string(w ? static_cast<long long>(w->values.back()) : 0) +
           " at the last hub\n";
  };
  d.scale_key = "world.walkers_per_hub";
  return d;
}

}  // namespace

const engine::ModelDescription& description() {
  static const engine::ModelDescription d = make();
  return d;
}

}  // namespace hubsim::walkers
