#include "sim/app/inspect.hpp"

#include <cmath>
#include <cstdio>
#include <system_error>

#include "sim/io/config_error.hpp"  // escape_text
#include "sim/io/hub_groups.hpp"
#include "sim/io/text.hpp"
#include "sim/io/run_file.hpp"

namespace hubsim::app {

using io::format;
using io::thousands;
namespace {

constexpr std::size_t kMaxLabels = 6, kMaxPreview = 60, kMaxText = 200;

// Everything printed from the file is text someone else wrote: terminal escape sequences, other
// control characters, bidi overrides and invisible characters are shown escaped (\x1b, \u202e),
// never sent raw to the terminal (issue 17), and long text is cut.
std::string shown(const std::string& s) { return io::escape_text(s, kMaxText); }

std::string text_attr(const io::RunData& run, const std::string& name) {
  const auto it = run.text_attributes.find(name);
  return it == run.text_attributes.end() ? "?" : shown(it->second);
}

std::string join_dims(const std::vector<std::string>& dims) {
  std::string out = "(";
  for (std::size_t i = 0; i < dims.size(); ++i) out += (i ? ", " : "") + shown(dims[i]);
  return out + ")";
}

// "Samlesbury, Preston, ... (9)" or "0 .. 999999" so a million-row coordinate stays one line.
std::string coordinate_preview(const io::Dimension& d) {
  if (d.size() == 0) return "(empty)";
  std::string out;
  if (!d.labels.empty()) {
    std::size_t i = 0;
    for (; i < d.labels.size() && i < kMaxLabels && out.size() < kMaxPreview; ++i)
      out += (i ? ", " : "") + io::escape_text(d.labels[i], kMaxPreview);
    if (i < d.labels.size()) out += ", ...";
    return out;
  }
  return format("%g .. %g", d.values.front(), d.values.back());
}

// Headline outcomes need (time, hub) variables; anything shaped otherwise is skipped, not indexed.
std::string headline(const io::RunData& run) {
  const io::Dimension* hubs = run.find_dimension("hub");
  auto by_time_hub = [&](const char* name) {
    const io::Variable* v = run.find(name);
    return v && v->dims == std::vector<std::string>{"time", "hub"} ? v : nullptr;
  };
  const io::Variable* employment = by_time_hub("employment");
  const io::Variable* firms = by_time_hub("firms");
  const io::Variable* leavers = by_time_hub("leavers");
  if (!hubs || run.months.empty()) return "  (no (time, hub) outcomes in this file)\n";
  const std::size_t n = hubs->size(), last = run.months.size() - 1;
  // Totals are over the region the run declares first (io/hub_groups.hpp), else over all hubs.
  const auto groups = io::hub_groups(run);
  const auto region = groups.empty() ? std::nullopt : io::hub_group(run, groups.front().first);
  std::vector<bool> inside(n, !region);
  if (region)
    for (std::size_t h : *region) inside[h] = true;
  auto external = [&](std::size_t h) { return !inside[h]; };
  auto region_sum = [&](const io::Variable* v, std::size_t t) {
    double sum = 0;
    for (std::size_t h = 0; h < n; ++h)
      if (!external(h)) sum += v->values[t * n + h];
    return sum;
  };
  const std::string first_label = run.months.front().iso(), last_label = run.months.back().iso();
  const std::string where = region ? shown(groups.front().first) : "all hubs";
  std::string out;
  if (employment) {
    const double a = region_sum(employment, 0), b = region_sum(employment, last);
    out += format("  %-32s %12s\n", (where + " employment " + first_label).c_str(), thousands(a).c_str());
    out += format("  %-32s %12s", (where + " employment " + last_label).c_str(), thousands(b).c_str());
    out += a > 0 ? format(" (%+.0f%%)\n", 100.0 * (b - a) / a) : "\n";
  }
  if (firms)
    out += format("  %-32s %12s\n", (where + " firms " + last_label).c_str(),
                  thousands(region_sum(firms, last)).c_str());
  if (leavers) {
    // Leavers are recorded at their destination, the external metros; without hub kinds, all hubs.
    double total = 0;
    for (std::size_t t = 0; t <= last; ++t)
      for (std::size_t h = 0; h < n; ++h)
        if (external(h) || !region) total += leavers->values[t * n + h];
    out += format("  %-32s %12s\n", ("left the " + where + " " + first_label + ".." + last_label).c_str(),
                  thousands(total).c_str());
  }
  return out.empty() ? "  (no employment, firms or leavers variables in this file)\n" : out;
}

}  // namespace

std::string inspect_text(const std::filesystem::path& path, const io::RunData& run) {
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(path, ec);
  const std::string file = shown(path.string());
  const bool sweep = text_attr(run, "hubsim_file") == "sweep";  // hubsim sweep / collect (FORMAT.md, Sweep files)
  std::string out = format("%-12s %s (%s bytes, hubsim %s format %d)\n", "file", file.c_str(),
                           ec ? "?" : thousands(static_cast<double>(bytes)).c_str(), sweep ? "sweep" : "run",
                           io::kRunFormatVersion);
  if (sweep) {
    const io::Dimension* runs = run.find_dimension("run");
    out += format("%-12s %s, %zu runs\n", "experiment", text_attr(run, "experiment_name").c_str(),
                  runs == nullptr ? std::size_t{0} : runs->size());
  } else {
    out += format("%-12s %s\n", "scenario", text_attr(run, "scenario").c_str());
  }
  if (!run.months.empty())
    out += format("%-12s %s..%s (%zu months)\n", "period", run.months.front().iso().c_str(),
                  run.months.back().iso().c_str(), run.months.size());
  const auto seed = run.int_attributes.find("seed");
  if (!sweep)
    out += format("%-12s %s\n", "seed", seed == run.int_attributes.end() ? "?" : std::to_string(seed->second).c_str());
  out += format("%-12s hubsim %s, commit %s\n", "made by", text_attr(run, "hubsim_version").c_str(),
                text_attr(run, "git_commit").c_str());
  const auto threads = run.int_attributes.find("threads");
  const auto wall = run.real_attributes.find("wall_seconds");
  if (sweep) {
    // The runs' own files hold their timing and configs.
  } else if (threads == run.int_attributes.end() && wall == run.real_attributes.end()) {
    out += format("%-12s timing not recorded (hubsim run --record-timing records it)\n", "run");
  } else {
    out += format("%-12s started %s on %s, %s threads, %s s\n", "run", text_attr(run, "started_at").c_str(),
                  text_attr(run, "host").c_str(),
                  threads == run.int_attributes.end() ? "?" : std::to_string(threads->second).c_str(),
                  wall == run.real_attributes.end() ? "?" : format("%.3g", wall->second).c_str());
  }
  if (run.text_attributes.count("config"))
    out += format("%-12s stored (resolved YAML); `hubsim run --from %s` reproduces the run\n", "config",
                  file.c_str());

  out += "\ndimensions\n";
  out += format("  %-20s %9zu  %s\n", "time", run.months.size(), "months (coordinate: days since the first; date)");
  for (const auto& d : run.dimensions)
    out += format("  %-20s %9zu  %s%s%s: %s\n", shown(d.name).c_str(), d.size(), shown(d.long_name).c_str(),
                  d.units.empty() ? "" : " / ", shown(d.units).c_str(), coordinate_preview(d).c_str());

  out += "\nvariables\n";
  out += format("  %-20s %-7s %-40s %-14s %s\n", "name", "type", "dims", "units", "long name");
  for (const auto& v : run.variables)
    out += format("  %-20s %-7s %-40s %-14s %s\n", shown(v.name).c_str(),
                  v.textual ? "string" : v.integer ? "int64" : "float64",
                  join_dims(v.dims).c_str(), v.units.empty() ? "-" : shown(v.units).c_str(), shown(v.long_name).c_str());

  if (!sweep) out += "\nheadline\n" + headline(run);
  return out;
}

}  // namespace hubsim::app
