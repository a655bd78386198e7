// The composition root of the Python package: the `_hubsim` extension module, the Lancashire model
// behind the engine's Simulation. hubsim/__init__.py (python/) wraps it in xarray.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <vector>

#include "models/lancashire/model.hpp"
#include "sim/app/outputs.hpp"
#include "sim/app/run_job.hpp"
#include "sim/engine/config.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/engine/version.hpp"
#include "sim/io/config.hpp"
#include "sim/io/run_file.hpp"

namespace py = pybind11;
using namespace hubsim;

namespace {

/// One row per parameter, for hubsim.params(): key, meaning, unit, valid range, value, changes.
class ParameterRows final : public io::ParamVisitor {
 public:
  std::vector<std::vector<std::string>> rows;

  void section(std::string_view key, std::string_view, const std::function<void()>& body) override {
    const std::string saved = prefix_;
    prefix_ += std::string(key) + ".";
    body();
    prefix_ = saved;
  }
  void real(std::string_view key, double& v, io::Bounds b, std::string_view unit, std::string_view doc) override {
    add(key, doc, unit, io::format_bounds(b, false), io::format_real(v));
  }
  void integer(std::string_view key, std::int64_t& v, io::Bounds b, std::string_view unit, std::string_view doc) override {
    add(key, doc, unit, io::format_bounds(b, true), std::to_string(v));
  }
  void text(std::string_view key, std::string& v, std::string_view doc) override { add(key, doc, "", "text", v); }
  void choice(std::string_view key, std::size_t& i, std::span<const std::string_view> options, std::string_view doc) override {
    std::string list;
    for (auto o : options) list += (list.empty() ? "" : ", ") + std::string(o);
    add(key, doc, "", "one of " + list, std::string(options[i]));
  }
  void month(std::string_view key, core::Month& v, std::string_view doc) override { add(key, doc, "month", "YYYY-MM", v.iso()); }
  void table(std::string_view key, std::string_view, const io::TableRef& t) override {
    const std::string saved = prefix_;
    for (std::size_t i = 0; i < t.size(); ++i) {
      prefix_ = saved + std::string(key) + "." + (t.row_key ? t.row_key(i) : std::to_string(i)) + ".";
      t.visit_row(*this, i);
    }
    prefix_ = saved;
  }

 private:
  void add(std::string_view key, std::string_view doc, std::string_view unit, const std::string& range,
           const std::string& value) {
    rows.push_back({prefix_ + std::string(key), std::string(doc), std::string(unit), range, value,
                    start_only() ? "at start" : "any month"});
  }
  std::string prefix_;
};

engine::Config make_config(const std::optional<std::string>& file, const std::vector<std::string>& sets,
                           const std::vector<std::string>& changes, const std::optional<std::int64_t>& seed) {
  engine::Config config = engine::load_config(model::description(), file, sets, changes);
  if (seed) {
    if (*seed < 0) throw io::ConfigError("seed", 0, 0, "run.seed", "expected a non-negative integer");
    config.run.seed = *seed;
  }
  return config;
}

/// The run as an HDF5 image in memory (the run file's datasets and attributes; HDF5's core
/// driver lays out the last kilobyte differently, so the bytes are not the file's). With
/// `output`, the run file is also written, by the same writer as `hubsim run -o`.
py::bytes run(const std::optional<std::string>& file, const std::vector<std::string>& sets,
              const std::vector<std::string>& changes, const std::optional<std::int64_t>& seed, int threads,
              const std::optional<std::string>& output) {
  engine::Config config = make_config(file, sets, changes, seed);
  if (output) app::check_output_file(*output, "output");  // before simulating, as the CLI checks
  std::string image;
  {
    py::gil_scoped_release free_python;  // the simulation runs on its own threads
    app::RunOptions options;
    options.threads = threads;
    io::RunData data = app::run_job(config, options);
    app::drop_timing_attributes(data);
    if (output) io::write_run_file(*output, data);
    image = io::run_file_image(data);
  }
  return py::bytes(image);
}

std::string resolved(const std::optional<std::string>& file, const std::vector<std::string>& sets,
                     const std::vector<std::string>& changes, const std::optional<std::int64_t>& seed) {
  engine::Config config = make_config(file, sets, changes, seed);
  return io::to_yaml(config.describe());
}

std::vector<std::vector<std::string>> parameters(const std::optional<std::string>& file, const std::vector<std::string>& sets) {
  engine::Config config = make_config(file, sets, {}, std::nullopt);
  ParameterRows rows;
  config.describe()(rows);
  return rows.rows;
}

}  // namespace

PYBIND11_MODULE(_hubsim, m) {
  m.doc() = "hubsim's engine with the Lancashire model (use the hubsim package, not this module)";
  // The CLI's two kinds of bad input, with its messages (what follows "hubsim: error: ").
  static py::exception<io::ConfigError> config_error(m, "ConfigError", PyExc_ValueError);
  static py::exception<io::RunFileError> run_file_error(m, "RunFileError", PyExc_OSError);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const io::ConfigError& e) {
      config_error(e.what());
    } catch (const io::RunFileError& e) {
      run_file_error(e.what());
    }
  });
  m.def("run", &run, py::arg("config"), py::arg("sets"), py::arg("changes"), py::arg("seed"), py::arg("threads"),
        py::arg("output"));
  m.def("resolved_config", &resolved, py::arg("config"), py::arg("sets"), py::arg("changes"), py::arg("seed"));
  m.def("parameters", &parameters, py::arg("config"), py::arg("sets"));
  m.attr("version") = engine::kVersion;
  m.attr("git_commit") = engine::kGitCommit;
}
