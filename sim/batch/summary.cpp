#include "sim/batch/summary.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "sim/io/config.hpp"
#include "sim/io/detail/h5.hpp"

namespace hubsim::batch {
namespace {

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += "\"\"";
    else out += (c == '\n' || c == '\r') ? ' ' : c;
  }
  return out + "\"";
}

std::string real(double v) { return std::isfinite(v) ? io::format_real(v) : ""; }

/// Splits one CSV line (quoted fields, doubled quotes).
std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') out.back() += '"', ++i;
      else if (c == '"') quoted = false;
      else out.back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

bool parse_double(const std::string& s, double& v) {
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return !s.empty() && ec == std::errc{} && ptr == s.data() + s.size();
}

}  // namespace

std::string summary_csv(const Summary& s) {
  // Appending field by field (not "," + field) also sidesteps a GCC 12 -Wrestrict false positive.
  std::string out = "run_id,point,replicate,seed";
  auto field = [&out](const std::string& f) {
    out += ',';
    out += f;
  };
  for (const auto& p : s.parameters) field(csv_field(p));
  for (const auto& o : s.outcomes) field(csv_field(o));
  out += ",status,error\n";
  for (const auto& r : s.rows) {
    out += r.run_id;
    field(std::to_string(r.point));
    field(std::to_string(r.replicate));
    field(std::to_string(r.seed));
    for (const auto& v : r.values) field(csv_field(v));
    for (double v : r.outcomes) field(real(v));
    field(r.status);
    field(csv_field(r.error));
    out += '\n';
  }
  return out;
}

Summary parse_summary_csv(const std::string& text, const std::string& source) {
  std::istringstream in(text);
  std::string line;
  if (!std::getline(in, line)) throw std::runtime_error(source + ": empty summary");
  const auto header = split_csv(line);
  if (header.size() < 6 || header[0] != "run_id" || header[header.size() - 2] != "status")
    throw std::runtime_error(source + ": not a hubsim sweep summary");
  Summary s;
  std::size_t lineno = 1;
  // Which columns are parameters and which outcomes is known only to the caller (the
  // experiment); here everything between seed and status counts as an outcome, and the caller
  // moves the first k to parameters with split_columns.
  for (std::size_t i = 4; i + 2 < header.size(); ++i) s.outcomes.push_back(header[i]);
  while (std::getline(in, line)) {
    ++lineno;
    if (line.empty()) continue;
    const auto f = split_csv(line);
    if (f.size() != header.size()) throw std::runtime_error(source + ":" + std::to_string(lineno) + ": wrong number of fields");
    Row r;
    r.run = s.rows.size();
    r.run_id = f[0];
    r.point = std::stoul(f[1]);
    r.replicate = std::stoi(f[2]);
    r.seed = std::stoll(f[3]);
    for (std::size_t i = 4; i + 2 < f.size(); ++i) {
      double v = std::numeric_limits<double>::quiet_NaN();
      parse_double(f[i], v);
      r.outcomes.push_back(v);
      r.values.push_back(f[i]);  // the text too, for parameter columns
    }
    r.status = f[f.size() - 2];
    r.error = f.back();
    s.rows.push_back(std::move(r));
  }
  return s;
}

std::string index_csv(const Summary& s, const std::vector<std::string>& files) {
  std::string out = "run_id,status,file\n";
  for (std::size_t i = 0; i < s.rows.size(); ++i)
    out += s.rows[i].run_id + "," + s.rows[i].status + "," + csv_field(i < files.size() ? files[i] : "") + "\n";
  return out;
}

void write_text_atomic(const std::filesystem::path& path, const std::string& text) {
  const std::filesystem::path tmp = io::detail::temporary_path(path);
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) {
      std::error_code ec;
      std::filesystem::remove(tmp, ec);
      throw std::runtime_error("cannot write " + tmp.string());
    }
  }
  try {
    // On disk before the rename makes it visible: a crash (power loss, not just a killed process)
    // cannot leave a torn file at the final name.
    io::detail::sync_to_disk(tmp);
    std::filesystem::rename(tmp, path);
  } catch (...) {
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
    throw;
  }
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

namespace {

using namespace io::detail;

void strings(hid_t loc, const std::string& name, const std::vector<std::string>& values) {
  const hsize_t n = values.size();
  Datatype type = vlen_string_type();
  Dataspace space = simple_space({&n, 1});
  PropertyList dcpl = create_plist(H5P_DATASET_CREATE, name);
  check_status(H5Pset_obj_track_times(dcpl.get(), 0), "cannot disable time tracking on " + name);
  Dataset ds = create_dataset(loc, name, type.get(), space.get(), dcpl.get());
  write_strings(ds.get(), name, values);
}

void numbers(hid_t loc, const std::string& name, const std::vector<double>& values, bool integer) {
  const hsize_t n = values.size();
  Dataspace space = simple_space({&n, 1});
  PropertyList dcpl = create_plist(H5P_DATASET_CREATE, name);
  check_status(H5Pset_obj_track_times(dcpl.get(), 0), "cannot disable time tracking on " + name);
  Dataset ds = create_dataset(loc, name, integer ? H5T_STD_I64LE : H5T_IEEE_F64LE, space.get(), dcpl.get());
  if (integer) write_int64s(ds.get(), name, std::vector<std::int64_t>(values.begin(), values.end()));
  else write_doubles(ds.get(), name, values);
}

Group group(hid_t loc, const std::string& name) {
  PropertyList gcpl = create_plist(H5P_GROUP_CREATE, name);
  check_status(H5Pset_obj_track_times(gcpl.get(), 0), "cannot disable time tracking on " + name);
  check_status(H5Pset_link_creation_order(gcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED), "cannot track link order");
  return Group(check(H5Gcreate2(loc, name.c_str(), H5P_DEFAULT, gcpl.get(), H5P_DEFAULT), "cannot create group " + name));
}

void write_contents(hid_t file, const Summary& s) {
  std::vector<std::string> ids, status, error;
  std::vector<double> point, rep, seed;
  for (const auto& r : s.rows) {
    ids.push_back(r.run_id), status.push_back(r.status), error.push_back(r.error);
    point.push_back(static_cast<double>(r.point)), rep.push_back(r.replicate), seed.push_back(static_cast<double>(r.seed));
  }
  strings(file, "run_id", ids);
  numbers(file, "point", point, true);
  numbers(file, "replicate", rep, true);
  numbers(file, "seed", seed, true);
  Group params = group(file, "parameters");
  for (std::size_t i = 0; i < s.parameters.size(); ++i) {
    std::vector<std::string> text;
    std::vector<double> num;
    bool numeric = true;
    for (const auto& r : s.rows) {
      text.push_back(r.values[i]);
      double v = 0;
      numeric = numeric && parse_double(r.values[i], v);
      num.push_back(v);
    }
    if (numeric) numbers(params.get(), s.parameters[i], num, false);
    else strings(params.get(), s.parameters[i], text);
  }
  Group outs = group(file, "outcomes");
  for (std::size_t i = 0; i < s.outcomes.size(); ++i) {
    std::vector<double> v;
    for (const auto& r : s.rows) v.push_back(r.outcomes[i]);
    numbers(outs.get(), s.outcomes[i], v, false);
  }
  strings(file, "status", status);
  strings(file, "error", error);
}

}  // namespace

void write_summary_h5(const std::filesystem::path& path, const Summary& s) {
  const std::filesystem::path tmp = io::detail::temporary_path(path);
  try {
    ErrorSilencer quiet;
    PropertyList fcpl = create_plist(H5P_FILE_CREATE, "file");
    check_status(H5Pset_link_creation_order(fcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED), "cannot track link order");
    check_status(H5Pset_obj_track_times(fcpl.get(), 0), "cannot disable time tracking on /");
    PropertyList fapl = create_plist(H5P_FILE_ACCESS, "file");
    check_status(H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_EARLIEST, H5F_LIBVER_V18), "cannot set format bounds");
    File file(check(H5Fcreate(tmp.c_str(), H5F_ACC_TRUNC, fcpl.get(), fapl.get()), "cannot create file"));
    write_contents(file.get(), s);
    file.close("file");
    // On disk before the rename makes it visible: a crash (power loss, not just a killed process)
    // cannot leave a torn file at the final name.
    io::detail::sync_to_disk(tmp);
    std::filesystem::rename(tmp, path);
  } catch (const std::exception& e) {
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
    throw io::RunFileError(path.string() + ": " + e.what());
  }
}

}  // namespace hubsim::batch
