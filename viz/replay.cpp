#include "viz/replay.hpp"

#include <algorithm>
#include <cmath>

#include "sim/app/safe_read.hpp"
#include "sim/io/run_file.hpp"

namespace hubsim::viz {
namespace {

const io::Variable& require(const io::RunData& run, const std::string& source, const std::string& name,
                            const std::vector<std::string>& dims, std::size_t count) {
  const io::Variable* v = run.find(name);
  if (v == nullptr)
    throw InputError(source + ": not a hubsim run the viewer can show (no variable '" + name + "')");
  if (v->dims != dims || v->values.size() != count)
    throw InputError(source + ": variable '" + name + "' has an unexpected shape");
  return *v;
}

HubSeries per_hub(const io::Variable& v, std::size_t months, std::size_t hubs) {
  HubSeries out(hubs, std::vector<double>(months));
  for (std::size_t t = 0; t < months; ++t)
    for (std::size_t h = 0; h < hubs; ++h) out[h][t] = v.values[t * hubs + h];
  return out;
}

// A (time, hub) variable the viewer can do without: zeros if absent, an error if malformed.
HubSeries optional_per_hub(const io::RunData& run, const std::string& source, const std::string& name,
                           std::size_t months, std::size_t hubs) {
  if (run.find(name) == nullptr) return HubSeries(hubs, std::vector<double>(months, 0.0));
  return per_hub(require(run, source, name, {"time", "hub"}, months * hubs), months, hubs);
}

void read_stages(Replay& r, const io::RunData& run, const std::string& source, std::size_t months, std::size_t hubs) {
  r.startup_firms = r.established_firms = HubSeries(hubs, std::vector<double>(months, 0.0));
  const io::Dimension* stage = run.find_dimension("stage");
  if (run.find("firms_by_stage") == nullptr || stage == nullptr) return;
  const auto& v = require(run, source, "firms_by_stage", {"time", "hub", "stage"}, months * hubs * stage->size());
  for (std::size_t s = 0; s < stage->size(); ++s) {
    HubSeries& out = stage->labels.at(s) == "startup" ? r.startup_firms : r.established_firms;
    for (std::size_t t = 0; t < months; ++t)
      for (std::size_t h = 0; h < hubs; ++h) out[h][t] += v.values[(t * hubs + h) * stage->size() + s];
  }
}

// The links and flows, if the run has them (older runs have neither: then no lines are drawn).
void read_graph(Replay& r, const io::RunData& run, const std::string& source, std::size_t months, std::size_t hubs) {
  std::vector<Link> links;
  const io::Dimension* link = run.find_dimension("link");
  if (link != nullptr && run.find("link_from") != nullptr) {
    const std::size_t n = link->size();
    const auto& from = require(run, source, "link_from", {"link"}, n);
    const auto& to = require(run, source, "link_to", {"link"}, n);
    const auto& minutes = require(run, source, "link_minutes", {"link"}, n);
    for (std::size_t l = 0; l < n; ++l) {
      const double a = from.values[l], b = to.values[l], m = minutes.values[l];
      if (!(a >= 0 && a < double(hubs) && b >= 0 && b < double(hubs) && m >= 0 && std::isfinite(m)))
        throw InputError(source + ": link " + std::to_string(l) + " joins hubs that do not exist");
      links.push_back({static_cast<int>(a), static_cast<int>(b), m});
    }
  }
  r.routes = compute_routes(static_cast<int>(hubs), links);
  // One variable per kind, flow_<kind> (time, origin, destination); a run may lack any of them.
  std::vector<std::string> kinds;
  std::vector<const io::Variable*> flows;
  for (int k = 0; k < kFlowKinds; ++k) {
    const std::string name = std::string("flow_") + flow_kind_name(k);
    if (run.find(name) == nullptr) continue;
    flows.push_back(&require(run, source, name, {"time", "origin", "destination"}, months * hubs * hubs));
    kinds.emplace_back(flow_kind_name(k));
  }
  if (flows.empty()) return;
  // make_flow_data takes them as one (time, kind, origin, destination) array.
  const std::size_t cell = hubs * hubs;
  std::vector<double> values;
  values.reserve(months * flows.size() * cell);
  for (std::size_t t = 0; t < months; ++t)
    for (const io::Variable* v : flows)
      values.insert(values.end(), v->values.begin() + static_cast<std::ptrdiff_t>(t * cell),
                    v->values.begin() + static_cast<std::ptrdiff_t>((t + 1) * cell));
  r.flows = make_flow_data(r.routes, kinds, values, months);
}

}  // namespace

std::vector<double> county_total(const Replay& replay, const HubSeries& series) {
  std::vector<double> out(replay.month_count(), 0.0);
  for (std::size_t h = 0; h < replay.hubs.size() && h < series.size(); ++h)
    if (!replay.hubs[h].external())
      for (std::size_t t = 0; t < out.size() && t < series[h].size(); ++t) out[t] += series[h][t];
  return out;
}

const char* kind_name(HubKind kind) {
  switch (kind) {
    case HubKind::enterprise_hub: return "enterprise hub";
    case HubKind::spoke: return "spoke";
    case HubKind::rest_of_county: return "rest of county";
    case HubKind::external_metro: return "external metro";
  }
  return "hub";
}

Replay make_replay(const io::RunData& run, const std::string& source) {
  const io::Dimension* hub_dim = run.find_dimension("hub");
  if (hub_dim == nullptr || hub_dim->labels.empty())
    throw InputError(source + ": not a hubsim run the viewer can show (no 'hub' dimension)");
  if (run.months.empty()) throw InputError(source + ": the run has no months");

  Replay r;
  r.source = source;
  if (auto it = run.text_attributes.find("scenario"); it != run.text_attributes.end()) r.scenario = it->second;
  if (auto it = run.text_attributes.find("config"); it != run.text_attributes.end()) r.config_yaml = it->second;
  r.months = run.months;
  const std::size_t n_hub = hub_dim->labels.size();
  const std::size_t n_month = run.months.size();

  const auto& lat = require(run, source, "hub_lat", {"hub"}, n_hub);
  const auto& lon = require(run, source, "hub_lon", {"hub"}, n_hub);
  const auto& kind = require(run, source, "hub_kind", {"hub"}, n_hub);
  for (std::size_t h = 0; h < n_hub; ++h) {
    const double k = kind.values[h];
    if (k < 0 || k > 3 || !std::isfinite(lat.values[h]) || !std::isfinite(lon.values[h]))
      throw InputError(source + ": hub '" + hub_dim->labels[h] + "' has an invalid kind or position");
    r.hubs.push_back({hub_dim->labels[h], lat.values[h], lon.values[h], static_cast<HubKind>(static_cast<int>(k))});
  }

  const std::vector<std::string> time_hub{"time", "hub"};
  const std::size_t count = n_month * n_hub;
  r.employment = per_hub(require(run, source, "employment", time_hub, count), n_month, n_hub);
  r.firms = per_hub(require(run, source, "firms", time_hub, count), n_month, n_hub);
  r.startups = per_hub(require(run, source, "startups", time_hub, count), n_month, n_hub);
  r.vacancies = per_hub(require(run, source, "vacancies", time_hub, count), n_month, n_hub);
  r.job_seekers = per_hub(require(run, source, "job_seekers", time_hub, count), n_month, n_hub);
  r.leavers = per_hub(require(run, source, "leavers", time_hub, count), n_month, n_hub);

  r.deals = optional_per_hub(run, source, "deals", n_month, n_hub);
  r.capital_k = optional_per_hub(run, source, "capital_invested", n_month, n_hub);
  for (auto& series : r.capital_k)
    for (double& v : series) v /= 1000.0;  // GBP -> GBP thousand, like the capital flows
  // GVA is new in the model; shown when it comes by hub, otherwise left out rather than refused.
  if (const io::Variable* gva = run.find("gva_m"); gva && gva->dims == time_hub && gva->values.size() == count) {
    r.gva = per_hub(*gva, n_month, n_hub);
    r.has_gva = true;
  }
  read_stages(r, run, source, n_month, n_hub);
  read_graph(r, run, source, n_month, n_hub);
  r.axis_months = r.months;

  r.leavers_so_far = r.leavers;
  for (auto& series : r.leavers_so_far)
    for (std::size_t t = 1; t < n_month; ++t) series[t] += series[t - 1];
  r.county_employment.assign(n_month, 0.0);
  for (std::size_t h = 0; h < n_hub; ++h) {
    r.peak_employment.push_back(*std::max_element(r.employment[h].begin(), r.employment[h].end()));
    if (r.hubs[h].external()) continue;
    for (std::size_t t = 0; t < n_month; ++t) r.county_employment[t] += r.employment[h][t];
    r.peak_hub_employment = std::max(r.peak_hub_employment, r.peak_employment[h]);
    const double first = r.employment[h].front();
    if (first > 0)
      for (double jobs : r.employment[h]) r.peak_abs_change = std::max(r.peak_abs_change, std::abs(jobs / first - 1));
  }
  return r;
}

Replay load_replay(const std::filesystem::path& path) {
  const std::string source = path.string();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw InputError(source + ": no such file");
  if (std::filesystem::is_directory(path, ec)) throw InputError(source + ": is a directory, not a run file");
  io::RunData run;
  try {
    run = app::read_untrusted_run_file(path);  // HDF5 may crash on a corrupt file: try it in a child first
  } catch (const io::RunFileError& e) {
    // Lead with the path so the user always sees which file; io's message may start with it too.
    std::string why = e.what();
    if (why.rfind(source + ": ", 0) == 0) why.erase(0, source.size() + 2);
    throw InputError(source + ": cannot be read as a hubsim run file (" + why + ")");
  }
  return make_replay(run, source);
}

int month_index(const Replay& replay, core::Month month) {
  const auto& m = replay.months;
  const auto it = std::find(m.begin(), m.end(), month);
  if (it == m.end())
    throw InputError("month " + month.iso() + " is outside the run's period " + m.front().iso() + ".." +
                     m.back().iso() + " (" + replay.source + ")");
  return static_cast<int>(it - m.begin());
}

int hub_index(const Replay& replay, const std::string& name) {
  std::string known;
  for (std::size_t h = 0; h < replay.hubs.size(); ++h) {
    if (replay.hubs[h].name == name) return static_cast<int>(h);
    known += (known.empty() ? "" : ", ") + replay.hubs[h].name;
  }
  throw InputError("no hub called '" + name + "' in " + replay.source + " (hubs: " + known + ")");
}

double sample(const std::vector<double>& series, double t) {
  if (series.empty()) return 0.0;
  const double last = static_cast<double>(series.size() - 1);
  t = std::clamp(t, 0.0, last);
  const auto i = static_cast<std::size_t>(std::floor(t));
  if (i + 1 >= series.size()) return series.back();
  const double f = t - static_cast<double>(i);
  return series[i] + (series[i + 1] - series[i]) * f;
}

}  // namespace hubsim::viz
