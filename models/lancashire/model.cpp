#include "models/lancashire/model.hpp"

#include <cmath>
#include <type_traits>

#include "models/lancashire/destinations.hpp"
#include "models/lancashire/embedded_config.hpp"
#include "models/lancashire/phases.hpp"
#include "models/lancashire/state.hpp"

namespace hubsim::model {
namespace {

/// The hub graph itself: its links, and the shortest travel times between every pair of hubs.
void append_graph(io::RunData& out, const core::HubGraph& graph, const std::vector<LinkParams>& links) {
  const std::size_t n = graph.size();
  // Units "min" (UDUNITS), not "minutes": xarray would decode the latter as a timedelta.
  io::Variable minutes{"travel_minutes", "shortest road travel time between hubs over the links", "min",
                       {"origin", "destination"}, {}, false};
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = 0; b < n; ++b)
      minutes.values.push_back(graph.minutes(static_cast<core::HubIndex>(a), static_cast<core::HubIndex>(b)));
  out.variables.push_back(std::move(minutes));
  io::Dimension link{"link", "road link of the hub graph", "", {}, {}};
  io::Variable from{"link_from", "hub at one end of the link (index into hub)", "", {"link"}, {}, true};
  io::Variable to{"link_to", "hub at the other end of the link (index into hub)", "", {"link"}, {}, true};
  io::Variable time{"link_minutes", "off-peak road travel time along the link", "min", {"link"}, {}, false};
  io::Variable weight{"link_knowledge_weight", "strength of knowledge-exchange ties along the link", "1", {"link"}, {}, false};
  for (std::size_t i = 0; i < links.size(); ++i) {
    link.values.push_back(static_cast<double>(i));
    from.values.push_back(*graph.find(links[i].from));
    to.values.push_back(*graph.find(links[i].to));
    time.values.push_back(links[i].minutes);
    weight.values.push_back(links[i].knowledge_weight);
  }
  out.dimensions.push_back(std::move(link));
  for (auto* v : {&from, &to, &time, &weight}) out.variables.push_back(std::move(*v));
}

}  // namespace

LancashireModel::LancashireModel(const Params& params, const io::RunSettings& run)
    : world_(std::make_unique<model::World>(params, run)) {
  populate(*world_, static_cast<std::uint64_t>(run.seed));
  // Jobs by hub before the first month, for the pipeline's and births' shares.
  const auto& fc = world_->firms.columns();
  for (std::size_t f = 0; f < world_->firms.size(); ++f) world_->hub_jobs[fc.hub[f]] += fc.employees[f];
  settle_initial_sales(*world_);
}

LancashireModel::LancashireModel(const Params& params, const io::RunSettings& run, io::CheckpointReader& checkpoint)
    : world_(std::make_unique<model::World>(params, run)) {
  load_state(*world_, checkpoint);
}

LancashireModel::~LancashireModel() = default;

void LancashireModel::save(io::CheckpointWriter& checkpoint) { save_state(*world_, checkpoint); }

std::size_t LancashireModel::agents() const {
  return world_->workers.live() + world_->firms.live() + world_->investors.live();
}

void LancashireModel::replace_params(const engine::ModelParams& params) {
  model::replace_params(*world_, dynamic_cast<const Params&>(params));
}

void LancashireModel::schedule(core::Scheduler& scheduler) {
  model::World& w = *world_;
  auto bind = [&w](void (*phase)(model::World&, const core::PhaseContext&)) {
    return [&w, phase](const core::PhaseContext& ctx) { phase(w, ctx); };
  };
  scheduler.add_phase("talent_entry", bind(talent_entry));
  scheduler.add_phase("workforce", bind(workforce));
  scheduler.add_phase("anchor_plans", bind(anchor_plans));
  scheduler.add_phase("firm_dynamics", bind(firm_dynamics));
  scheduler.add_phase("contracts", bind(contracts));
  scheduler.add_phase("knowledge_search", bind(knowledge_search));
  scheduler.add_phase("knowledge_exchange", bind(knowledge_exchange));
  scheduler.add_phase("separations", bind(separations));
  scheduler.add_phase("job_search", bind(job_search));
  scheduler.add_phase("matching", bind(matching));
  scheduler.add_phase("anchor_recruitment", bind(anchor_recruitment));
  scheduler.add_phase("migration", bind(migration));
  scheduler.add_phase("deal_search", bind(deal_search));
  scheduler.add_phase("deal_making", bind(deal_making));
  scheduler.add_phase("relocation", bind(relocation));
  scheduler.add_phase("firm_births", bind(firm_births));
  scheduler.add_phase("bookkeeping", bind(bookkeeping));
}

io::RunData LancashireModel::results() const {
  const model::World& w = *world_;
  io::RunData out;
  for (int s = 0; s < w.run.steps(); ++s) out.months.push_back(w.run.start + s);
  io::Dimension hub{"hub", "hub of the Lancashire digital ecosystem", "", {}, {}};
  for (std::size_t h = 0; h < w.graph.size(); ++h) hub.labels.push_back(w.graph.hub(static_cast<core::HubIndex>(h)).name);
  out.dimensions.push_back(std::move(hub));
  io::Variable lat{"hub_lat", "latitude of the hub (WGS84)", "degrees_north", {"hub"}, {}, false};
  io::Variable lon{"hub_lon", "longitude of the hub (WGS84)", "degrees_east", {"hub"}, {}, false};
  io::Variable kind{"hub_kind", "0 enterprise hub, 1 spoke, 2 rest of county, 3 external metro", "", {"hub"}, {}, true};
  // Named groups of hubs that sweep outcomes can select (sim/batch/outcome.hpp): the county and
  // each kind of hub.
  std::string groups = "county:";
  for (std::size_t h = 0; h < w.graph.size(); ++h)
    if (!w.is_external(static_cast<core::HubIndex>(h))) groups += (groups.back() == ':' ? "" : ",") + w.graph.hub(static_cast<core::HubIndex>(h)).name;
  for (std::size_t k = 0; k < kHubKindNames.size(); ++k) {
    groups += ";" + std::string(kHubKindNames[k]) + ":";
    bool first = true;
    for (std::size_t h = 0; h < w.graph.size(); ++h)
      if (static_cast<std::size_t>(w.params.hubs[h].kind) == k)
        groups += (first ? "" : ",") + w.graph.hub(static_cast<core::HubIndex>(h)).name, first = false;
  }
  out.text_attributes["hub_groups"] = groups;
  for (std::size_t h = 0; h < w.graph.size(); ++h) {
    const auto& node = w.graph.hub(static_cast<core::HubIndex>(h));
    lat.values.push_back(node.lat);
    lon.values.push_back(node.lon);
    kind.values.push_back(static_cast<double>(w.params.hubs[h].kind));
  }
  out.variables.push_back(std::move(lat));
  out.variables.push_back(std::move(lon));
  out.variables.push_back(std::move(kind));
  w.metrics.append_to(out);
  std::vector<std::string> sectors;
  for (const auto& s : w.params.sectors) sectors.push_back(s.name);
  const std::vector<std::string> hubs = out.dimensions.front().labels;  // a copy: append_to grows dimensions
  w.records.append_to(out, hubs, sectors, out.months);
  w.demography.append_to(out, out.months);
  append_graph(out, w.graph, w.params.links);
  append_destinations(out, w);
  out.real_attributes["population_scale"] = w.params.population.scale;
  return out;
}

namespace {

/// Bytes of one row of an agent store: its columns' element sizes plus id, identity and alive flag.
template <class Columns>
double row_bytes() {
  Columns columns;
  double bytes = sizeof(core::AgentId) + sizeof(core::Identity) + 1;
  columns.for_each_column([&](auto& col) { bytes += sizeof(typename std::decay_t<decltype(col)>::value_type); });
  return bytes;
}

engine::MemoryEstimate estimate_memory(const Params& p, const io::RunSettings& run) {
  const double months = run.steps();
  double jobs = 0, entrants_per_year = p.talent.reskilled_per_year + p.talent.apprentices_per_year;
  for (const auto& h : p.hubs) {
    jobs += static_cast<double>(h.digital_jobs);
    entrants_per_year += static_cast<double>(h.graduates_per_year);
  }
  for (const auto& a : p.anchors) jobs += static_cast<double>(std::max(a.digital_posts, a.posts_target));
  const double scale = p.population.scale;
  // Upper bound on workers alive at once: the initial workforce and seekers, anchors' posts, plus
  // every entrant over the period as if nobody left. Firms: at most half as many (the mean firm
  // has ~5 staff).
  const double workers = scale * (jobs * (1 + p.population.seeker_share) + entrants_per_year * months / 12);
  const double firms = workers / 2;
  // x2: std::vector doubles its capacity when it grows; phases keep per-row scratch of similar size.
  double bytes = 2 * (workers * row_bytes<WorkerColumns>() + firms * row_bytes<FirmColumns>());
  // Snapshots: each row kept as agent columns (~20 bytes), concatenated once more, then as doubles.
  const auto every = p.output.snapshot_every_months;
  if (every > 0) bytes += std::floor(months / static_cast<double>(every)) * (workers * 72 + firms * 96);
  // Time series: flows (4 kinds x hubs^2) and ~50 (time, hub) variables, as records and as RunData.
  const double hubs = static_cast<double>(p.hubs.size());
  bytes += 2 * 8 * months * (4 * hubs * hubs + 50 * hubs);
  return {workers + firms, bytes};
}

engine::ModelDescription make_description() {
  engine::ModelDescription d;
  d.name = "lancashire";
  d.title = "hubsim run of the Lancashire digital hub ecosystem";
  d.default_config = kDefaultConfig;
  d.default_config_source = "built-in configs/lancashire.yaml";
  engine::bind_types<Params, LancashireModel>(d);
  d.estimate_memory = [](const engine::ModelParams& p, const io::RunSettings& run) {
    return estimate_memory(dynamic_cast<const Params&>(p), run);
  };
  d.summary = summary_table;
  d.scale_key = "population.scale";
  return d;
}

}  // namespace

const engine::ModelDescription& description() {
  static const engine::ModelDescription d = make_description();
  return d;
}

}  // namespace hubsim::model
