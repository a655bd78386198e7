#pragma once
/// A run as the viewer sees it: hubs with coordinates and the per-hub monthly series it draws,
/// extracted once from io::RunData so that the frame code never searches variables by name.
#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/core/calendar.hpp"
#include "sim/io/run_data.hpp"
#include "viz/flows.hpp"

namespace hubsim::viz {

/// Bad input from the user: an unreadable run file, a month outside the run, an unknown hub.
/// The message names the file or option; hubsim-view exits with code 2.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Values of `hub_kind` in the run file.
enum class HubKind { enterprise_hub = 0, spoke = 1, rest_of_county = 2, external_metro = 3 };

/// "enterprise hub", "spoke", ...
const char* kind_name(HubKind kind);

struct Hub {
  std::string name;
  double lat = 0;
  double lon = 0;
  HubKind kind = HubKind::spoke;
  bool external() const { return kind == HubKind::external_metro; }
};

/// One (time, hub) variable regrouped per hub: series[hub][month], so a hub's line is contiguous.
using HubSeries = std::vector<std::vector<double>>;

/// A dated change in the run's schedule (a live session's slider move), for the timeline's marker
/// and the map's caption.
struct ChangeMarker {
  int month = 0;        ///< index into Replay::months of the first month it holds
  std::string caption;  ///< "from March 2026: Adults starting bootcamps and re-skilling doubled (600 to 1,200 people/year)"
};

struct Replay {
  std::string source;  ///< the file it came from, for the title and messages
  std::string scenario;
  std::string config_yaml;  ///< the resolved config it was made with (its `config` attribute), if any
  std::vector<core::Month> months;
  std::vector<Hub> hubs;
  HubSeries employment, firms, startups, vacancies, job_seekers, leavers;
  HubSeries deals, capital_k;              ///< equity deals and GBP thousand invested at the hub's start-ups
  HubSeries startup_firms, established_firms;  ///< from firms_by_stage (zeros if the run lacks it)
  HubSeries gva;                           ///< GBP m, if the run has `gva_m` (time, hub)
  bool has_gva = false;
  Routes routes;                           ///< the hub graph's links and shortest routes (none in older runs)
  FlowData flows;                          ///< flows between hubs and their loads on the links
  /// The period the time axis spans: `months` unless a live run is still filling it.
  std::vector<core::Month> axis_months;
  HubSeries leavers_so_far;                ///< cumulative leavers up to and including each month
  std::vector<double> county_employment;   ///< sum of employment over the hubs in the county
  std::vector<double> peak_employment;     ///< per hub, its largest jobs in any month
  double peak_hub_employment = 1;          ///< largest jobs of any hub in any month: the map's scale
  std::vector<ChangeMarker> changes;       ///< the run's schedule of dated changes, in order
  double peak_abs_change = 0;              ///< largest |jobs / first - 1| of any county hub: labels' widest figure
  std::size_t month_count() const { return months.size(); }
  std::size_t axis_count() const { return std::max(axis_months.size(), months.size()); }
};

/// Builds a Replay from a run; throws InputError naming `source` if a variable the viewer needs
/// is missing or has the wrong shape (e.g. a run file from a different model).
Replay make_replay(const io::RunData& run, const std::string& source);

/// read_run_file + make_replay; every failure becomes an InputError that names `path`.
Replay load_replay(const std::filesystem::path& path);

/// Index of `month` in the run; throws InputError if the run does not cover it.
int month_index(const Replay& replay, core::Month month);

/// Index of the hub called `name`; throws InputError listing the hubs if there is none.
int hub_index(const Replay& replay, const std::string& name);

/// Sum over the county's hubs (external metros left out) of `series` at every month.
std::vector<double> county_total(const Replay& replay, const HubSeries& series);

/// `series` at fractional month `t`, linearly interpolated and clamped to the run, so that
/// playback between two months is smooth.
double sample(const std::vector<double>& series, double t);

}  // namespace hubsim::viz
