// The policy brief: analyse's sections, captured, as one HTML page with the charts inlined.
#include "sim/app/report.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/app/analyse.hpp"
#include "sim/app/analyse_detail.hpp"
#include "sim/batch/summary.hpp"
#include "sim/batch/targets.hpp"
#include "sim/io/config_error.hpp"

namespace hubsim::app {
namespace fs = std::filesystem;

namespace {

std::string html(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string base64(const std::string& bytes) {
  static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += {k[v >> 18], k[(v >> 12) & 63], k[(v >> 6) & 63], k[v & 63]};
  }
  if (i + 1 == bytes.size()) {
    const unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    out += {k[v >> 18], k[(v >> 12) & 63], '=', '='};
  } else if (i + 2 == bytes.size()) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8);
    out += {k[v >> 18], k[(v >> 12) & 63], k[(v >> 6) & 63], '='};
  }
  return out;
}

std::string read_binary(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// The captured table text, warnings set apart.
std::string text_block(const std::string& text) {
  std::string out = "<pre>";
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("warning:", 0) == 0) out += "</pre><p class=\"warn\">" + html(line) + "</p><pre>";
    else out += html(line) + "\n";
  }
  return out + "</pre>";
}

const char* kStyle = R"(body{font-family:sans-serif;max-width:1000px;margin:2em auto;color:#222;line-height:1.4}
h1{font-size:1.6em}h2{border-bottom:2px solid #4c72b0;padding-bottom:.2em;margin-top:2em}
figure{margin:1em 0}figure img{max-width:100%;border:1px solid #ddd}figcaption{font-style:italic;color:#444}
pre{background:#f6f6f6;padding:.6em;overflow-x:auto;font-size:.78em}.warn{color:#8a4b00;background:#fff4e0;padding:.4em}
.meta{color:#666;font-size:.9em})";

/// Sets data-images on <body> to "ok" once every image decoded, else the number that did not: the
/// headless-browser test reads it from the DOM.
const char* kCheckImages = R"(<script>window.addEventListener('load',function(){var b=0,im=document.images;
for(var i=0;i<im.length;i++){if(!im[i].complete||im[i].naturalWidth===0)b++;}
document.body.setAttribute('data-images',b===0?'ok':String(b));document.body.setAttribute('data-image-count',String(im.length));});</script>)";

}  // namespace

int report_command(const ReportArgs& args) {
  const fs::path output(args.output);
  const fs::path parent = output.has_parent_path() ? output.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::is_directory(parent, ec))
    throw io::ConfigError("-o", 0, 0, "", "no such directory " + parent.string() + " for " + output.filename().string());
  // Every sweep is read and every option checked before anything is written.
  std::string problem;
  if (!args.discover.empty() && !batch::parse_condition(args.discover, problem)) throw io::ConfigError("--discover", 0, 0, "", problem);
  std::vector<detail::SweepData> sweeps;
  for (const auto& dir : args.dirs) sweeps.push_back(detail::load_sweep(dir, args.model));
  std::string page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Policy brief</title><style>" +
                     std::string(kStyle) + "</style></head>\n<body>\n<h1>Testing the bet: policy brief</h1>\n";
  page += "<p class=\"meta\">Made by <code>hubsim report</code> from " + std::to_string(sweeps.size()) +
          " sweep(s). Every number below is computed from the sweeps' run files; intervals say how sure the runs "
          "make us, not how right the model is.</p>\n";
  int figures = 0;
  for (auto& d : sweeps) {
    detail::Options o{args.resamples, "", ""};
    // Scenario discovery belongs to sampled inputs, not to a handful of named scenarios.
    const auto kind = d.experiment.design.kind;
    const bool sampled = kind == batch::DesignKind::lhs || kind == batch::DesignKind::saltelli ||
                         kind == batch::DesignKind::morris || kind == batch::DesignKind::posterior;
    if (!args.discover.empty() && sampled) {
      o.discover = args.discover;
      try {
        detail::check_options(d, o);
      } catch (const io::ConfigError&) {
        o.discover.clear();  // this sweep lacks the outcome (or varies nothing): no discovery for it
      }
    }
    const auto sections = detail::run_sections(d, o, true);
    const fs::path out = d.dir / "analysis";
    fs::create_directories(out);
    page += "<h2>" + html(d.experiment.name) + "</h2>\n<p class=\"meta\">" + html(batch::to_string(d.experiment.design.kind)) +
            " design, " + std::to_string(d.plan.points()) + " points &times; " + std::to_string(d.plan.replicates) +
            " replicates, " + std::to_string(d.ok) + " runs ok" +
            (d.not_ok ? ", " + std::to_string(d.not_ok) + " failed or missing (left out)" : std::string()) +
            (d.experiment.common_seeds ? "; common seeds" : "") + ". Directory: <code>" + html(d.dir.string()) +
            "</code>" +
            (d.provenance.empty() ? std::string() : "<br>Runs made by " + html(d.provenance) + ".") +
            (kind == batch::DesignKind::posterior
                 ? "<br>Calibration: each scenario's parameters are " + std::to_string(d.experiment.design.draws) +
                       " draws from the calibrated posterior <code>" + html(d.experiment.design.posterior_file) +
                       "</code>, so its intervals include the parameter uncertainty the calibration left."
                 : std::string()) +
            "</p>\n";
    for (const auto& s : sections) {
      batch::write_text_atomic(out / (s.name + ".csv"), s.csv);
      if (!s.chart && s.text.empty()) continue;  // a table only for the CSV (e.g. a Morris design's bands)
      page += "<h3>" + html(s.title.empty() ? s.name : s.title) + "</h3>\n";
      const fs::path png = out / (s.name + ".png");
      if (s.chart) {
        if (render_chart((out / (s.name + ".csv")).string(), png.string(), true) && fs::is_regular_file(png)) {
          page += "<figure><img alt=\"" + html(s.title) + "\" src=\"data:image/png;base64," + base64(read_binary(png)) +
                  "\"><figcaption>" + html(s.caption) + "</figcaption></figure>\n";
          ++figures;
        } else {
          page += "<p class=\"warn\">No chart (matplotlib missing?): " + html(s.caption) + "</p>\n";
        }
      }
      if (!s.text.empty()) page += text_block(s.text) + "\n";
    }
  }
  page += std::string(kCheckImages) + "\n</body></html>\n";
  batch::write_text_atomic(output, page);
  std::printf("brief: %s (%d figures, %zu KB)\n", output.string().c_str(), figures, page.size() / 1024);
  return 0;
}

}  // namespace hubsim::app
