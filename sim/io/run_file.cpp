#include "sim/io/run_file.hpp"

#include <hdf5_hl.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <mutex>
#include <new>
#include <set>
#include <sstream>
#include <string>
#include <system_error>

#include "sim/io/atomic_file.hpp"
#include "sim/io/detail/h5.hpp"

namespace hubsim::io {
namespace {

using namespace detail;

constexpr const char* kVersionAttr = "hubsim_format_version";
constexpr const char* kConventionsAttr = "Conventions";
constexpr const char* kDimsAttr = "hubsim_dims";
constexpr hsize_t kChunkBytes = hsize_t{1} << 20;
// Level 1: a third faster than 4 on large (snapshot) runs for ~4% more bytes; zlib dominates writing.
constexpr unsigned kDeflateLevel = 1;
constexpr unsigned kCrtOrder = H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED;

// Dataset names double as netCDF names and `hubsim_dims` is space-separated, so keep them plain.
bool valid_name(const std::string& s) {
  if (s.empty() || !std::isalpha(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : " ") + p;
  return out;
}

std::vector<std::string> split(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// Extents of a variable from its dim names; throws on unknown dims.
std::vector<hsize_t> variable_extents(const RunData& run, const Variable& v) {
  std::vector<hsize_t> ext;
  for (const auto& d : v.dims) {
    if (d == "time") {
      ext.push_back(run.months.size());
    } else if (const Dimension* dim = run.find_dimension(d)) {
      ext.push_back(dim->size());
    } else {
      throw RunFileError("variable " + v.name + ": unknown dimension '" + d + "'");
    }
  }
  return ext;
}

// Everything is checked before the temporary is created, so invalid data never touches disk.
void validate(const RunData& run) {
  for (const auto& m : run.months)
    if (!core::Month::parse(m.iso())) throw RunFileError("month " + m.iso() + " out of range");
  std::set<std::string> names{"time", "date"};
  for (const auto& d : run.dimensions) {
    if (!valid_name(d.name)) throw RunFileError("invalid dimension name '" + d.name + "'");
    if (!names.insert(d.name).second) throw RunFileError("duplicate name '" + d.name + "'");
    if (!d.labels.empty() && !d.values.empty())
      throw RunFileError("dimension " + d.name + " has both labels and values");
  }
  for (const auto& v : run.variables) {
    if (!valid_name(v.name)) throw RunFileError("invalid variable name '" + v.name + "'");
    if (!names.insert(v.name).second) throw RunFileError("duplicate name '" + v.name + "'");
    hsize_t expected = 1;
    for (hsize_t e : variable_extents(run, v)) expected *= e;
    if (expected != v.values.size())
      throw RunFileError("variable " + v.name + " has " + std::to_string(v.values.size()) +
                         " values but its dims (" + join(v.dims) + ") need " +
                         std::to_string(expected));
    if (v.integer)
      for (double x : v.values)
        // int64 covers [-2^63, 2^63); integral doubles in range survive the round trip exactly.
        if (!std::isfinite(x) || x != std::trunc(x) || x < -0x1p63 || x >= 0x1p63)
          throw RunFileError("integer variable " + v.name + " holds non-integer value " +
                             std::to_string(x));
  }
  std::set<std::string> attrs{kVersionAttr, kConventionsAttr};
  auto check_attr = [&](const std::string& name) {
    if (name.empty() || !attrs.insert(name).second)
      throw RunFileError("attribute name '" + name + "' is empty, reserved or duplicated");
  };
  for (const auto& [k, _] : run.text_attributes) check_attr(k);
  for (const auto& [k, _] : run.int_attributes) check_attr(k);
  for (const auto& [k, _] : run.real_attributes) check_attr(k);
}

// Whole time axis first, then the fastest-varying other dims, within kChunkBytes.
std::vector<hsize_t> chunk_shape(const std::vector<hsize_t>& ext, const std::vector<std::string>& dims) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < dims.size(); ++i)
    if (dims[i] == "time") order.push_back(i);
  for (std::size_t i = dims.size(); i-- > 0;)
    if (dims[i] != "time") order.push_back(i);
  std::vector<hsize_t> chunk(ext.size(), 1);
  hsize_t budget = kChunkBytes / sizeof(double);
  for (std::size_t i : order) {
    chunk[i] = std::clamp<hsize_t>(budget, 1, ext[i]);
    budget = std::max<hsize_t>(budget / chunk[i], 1);
  }
  return chunk;
}

// No timestamps (byte determinism); attribute creation order as netCDF-4 does.
PropertyList dataset_plist(const std::string& name) {
  PropertyList dcpl = create_plist(H5P_DATASET_CREATE, "/" + name);
  check_status(H5Pset_obj_track_times(dcpl.get(), 0), "cannot disable time tracking on /" + name);
  check_status(H5Pset_attr_creation_order(dcpl.get(), kCrtOrder), "cannot track attribute order on /" + name);
  return dcpl;
}

void write_dimension_attributes(hid_t ds, const std::string& name, const std::string& long_name,
                                const std::string& units) {
  write_attribute(ds, "/" + name, "long_name", long_name);
  if (!units.empty()) write_attribute(ds, "/" + name, "units", units);
}

void write_contents(hid_t file, const RunData& run) {
  Datatype str = vlen_string_type();
  std::vector<Dataset> scales;  // kept open for attaching
  std::vector<std::string> scale_names;

  const std::vector<hsize_t> time_ext{run.months.size()};
  Dataspace time_space = simple_space(time_ext);
  {
    PropertyList dcpl = dataset_plist("time");
    Dataset time = create_dataset(file, "time", H5T_IEEE_F64LE, time_space.get(), dcpl.get());
    const core::Month first = run.months.empty() ? core::Month(1970, 1) : run.months.front();
    std::vector<double> days;
    for (const auto& m : run.months)
      days.push_back(static_cast<double>(core::days_since_epoch(m) - core::days_since_epoch(first)));
    write_doubles(time.get(), "time", days);
    check_status(H5DSset_scale(time.get(), "time"), "cannot make /time a dimension scale");
    // units and calendar as netCDF text (NC_CHAR): `ncdump -t` then prints dates.
    write_attribute(time.get(), "/time", "long_name", std::string("time (first day of each simulated month)"));
    write_char_attribute(time.get(), "/time", "units", "days since " + first.iso() + "-01");
    write_char_attribute(time.get(), "/time", "calendar", std::string("standard"));
    scales.push_back(std::move(time));
    scale_names.emplace_back("time");
  }
  {
    PropertyList dcpl = dataset_plist("date");
    Dataset date = create_dataset(file, "date", str.get(), time_space.get(), dcpl.get());
    std::vector<std::string> iso;
    for (const auto& m : run.months) iso.push_back(m.iso());
    write_strings(date.get(), "date", iso);
    write_attribute(date.get(), "/date", "long_name", std::string("month (ISO 8601)"));
    check_status(H5DSattach_scale(date.get(), scales[0].get(), 0), "cannot attach time to /date");
  }
  for (const auto& d : run.dimensions) {
    const std::vector<hsize_t> ext{d.size()};
    Dataspace space = simple_space(ext);
    PropertyList dcpl = dataset_plist(d.name);
    const bool text = !d.labels.empty();
    Dataset ds = create_dataset(file, d.name, text ? str.get() : H5T_IEEE_F64LE, space.get(), dcpl.get());
    if (text) write_strings(ds.get(), d.name, d.labels);
    else write_doubles(ds.get(), d.name, d.values);
    check_status(H5DSset_scale(ds.get(), d.name.c_str()), "cannot make /" + d.name + " a dimension scale");
    write_dimension_attributes(ds.get(), d.name, d.long_name, d.units);
    scales.push_back(std::move(ds));
    scale_names.push_back(d.name);
  }
  for (const auto& v : run.variables) {
    const std::vector<hsize_t> ext = variable_extents(run, v);
    Dataspace space = simple_space(ext);
    PropertyList dcpl = dataset_plist(v.name);
    // Chunking needs rank >= 1 and non-zero extents; tiny or empty variables stay contiguous.
    if (!ext.empty() && std::find(ext.begin(), ext.end(), 0) == ext.end()) {
      const auto chunk = chunk_shape(ext, v.dims);
      check_status(H5Pset_chunk(dcpl.get(), static_cast<int>(chunk.size()), chunk.data()),
                   "cannot chunk /" + v.name);
      check_status(H5Pset_shuffle(dcpl.get()), "cannot set shuffle on /" + v.name);
      check_status(H5Pset_deflate(dcpl.get(), kDeflateLevel), "cannot set deflate on /" + v.name);
    }
    Dataset ds = create_dataset(file, v.name, v.integer ? H5T_STD_I64LE : H5T_IEEE_F64LE,
                                space.get(), dcpl.get());
    if (v.integer) write_int64s(ds.get(), v.name, {v.values.begin(), v.values.end()});
    else write_doubles(ds.get(), v.name, v.values);
    write_attribute(ds.get(), "/" + v.name, "long_name", v.long_name);
    if (!v.units.empty()) write_attribute(ds.get(), "/" + v.name, "units", v.units);
    write_attribute(ds.get(), "/" + v.name, kDimsAttr, join(v.dims));
    // CF auxiliary coordinate: xarray then carries the ISO month labels along with the variable.
    if (std::find(v.dims.begin(), v.dims.end(), "time") != v.dims.end())
      write_attribute(ds.get(), "/" + v.name, "coordinates", std::string("date"));
    for (std::size_t i = 0; i < v.dims.size(); ++i) {
      const auto at = std::find(scale_names.begin(), scale_names.end(), v.dims[i]) - scale_names.begin();
      check_status(H5DSattach_scale(ds.get(), scales[static_cast<std::size_t>(at)].get(), static_cast<unsigned>(i)),
                   "cannot attach " + v.dims[i] + " to /" + v.name);
    }
  }
  write_attribute(file, "/", kConventionsAttr, std::string("CF-1.8"));
  write_attribute(file, "/", kVersionAttr, kRunFormatVersion);
  for (const auto& [k, val] : run.text_attributes) write_attribute(file, "/", k, val);
  for (const auto& [k, val] : run.int_attributes) write_attribute(file, "/", k, val);
  for (const auto& [k, val] : run.real_attributes) write_attribute(file, "/", k, val);
}

void write_file(const std::filesystem::path& tmp, const RunData& run) {
  std::lock_guard lock(library_mutex());
  ErrorSilencer silence;
  // Creation order as netCDF-4 keeps it; the 1.8 format so that any netCDF-4 build reads the file.
  File file = create_file(tmp, {.link_order = true, .attribute_order = true, .v18_format = true});
  write_contents(file.get(), run);
  file.close("file");  // flushes; its failure must fail the write
}

std::string image_of(const RunData& run) {
  std::lock_guard lock(library_mutex());
  ErrorSilencer silence;
  File file = create_file("hubsim-run-in-memory.h5",
                          {.link_order = true, .attribute_order = true, .v18_format = true, .in_memory = true});
  write_contents(file.get(), run);
  check_status(H5Fflush(file.get(), H5F_SCOPE_GLOBAL), "cannot flush the in-memory file");
  const ssize_t size = H5Fget_file_image(file.get(), nullptr, 0);
  if (size < 0) throw RunFileError("cannot take the in-memory file's image");
  std::string bytes(static_cast<std::size_t>(size), '\0');
  if (H5Fget_file_image(file.get(), bytes.data(), bytes.size()) != size) throw RunFileError("cannot copy the file image");
  file.close("file");
  return bytes;
}

Dimension read_dimension(hid_t ds, const std::string& name) {
  Dimension d;
  d.name = name;
  if (extents(ds, name).size() != 1) throw RunFileError("dimension /" + name + " is not 1-D");
  switch (type_class(ds, name)) {
    case H5T_STRING: d.labels = read_strings(ds, name); break;
    case H5T_FLOAT: d.values = read_doubles(ds, name); break;
    default: throw RunFileError("dimension /" + name + " is neither strings nor reals");
  }
  if (has_attribute(ds, "/" + name, "long_name")) d.long_name = read_string_attribute(ds, "/" + name, "long_name");
  if (has_attribute(ds, "/" + name, "units")) d.units = read_string_attribute(ds, "/" + name, "units");
  return d;
}

Variable read_variable(hid_t ds, const std::string& name, const RunData& run) {
  Variable v;
  v.name = name;
  const std::string owner = "/" + name;
  if (!has_attribute(ds, owner, kDimsAttr)) throw RunFileError(owner + " has no " + kDimsAttr + " attribute");
  v.dims = split(read_string_attribute(ds, owner, kDimsAttr));
  if (extents(ds, name) != variable_extents(run, v))
    throw RunFileError(owner + ": shape does not match its dims (" + join(v.dims) + ")");
  switch (type_class(ds, name)) {
    case H5T_INTEGER: {
      const auto ints = read_int64s(ds, name);
      v.values.assign(ints.begin(), ints.end());
      v.integer = true;
      break;
    }
    case H5T_FLOAT: v.values = read_doubles(ds, name); break;
    default: throw RunFileError(owner + " is neither integer nor real");
  }
  if (has_attribute(ds, owner, "long_name")) v.long_name = read_string_attribute(ds, owner, "long_name");
  if (has_attribute(ds, owner, "units")) v.units = read_string_attribute(ds, owner, "units");
  return v;
}

RunData read_contents(hid_t file) {
  if (!has_attribute(file, "/", kVersionAttr))
    throw RunFileError("not a hubsim run file (no hubsim_format_version attribute)");
  if (attribute_class(file, "/", kVersionAttr) != H5T_INTEGER)
    throw RunFileError("not a hubsim run file (hubsim_format_version is not an integer)");
  const std::int64_t version = read_int_attribute(file, "/", kVersionAttr);
  if (version != kRunFormatVersion)
    throw RunFileError("format version " + std::to_string(version) + ", this hubsim reads " +
                       std::to_string(kRunFormatVersion));
  RunData run;
  for (const auto& name : attribute_names(file, "/")) {
    if (name == kVersionAttr || name == kConventionsAttr) continue;
    switch (attribute_class(file, "/", name)) {
      case H5T_STRING: run.text_attributes[name] = read_string_attribute(file, "/", name); break;
      case H5T_INTEGER: run.int_attributes[name] = read_int_attribute(file, "/", name); break;
      case H5T_FLOAT: run.real_attributes[name] = read_real_attribute(file, "/", name); break;
      default: throw RunFileError("attribute /@" + name + " has an unsupported type");
    }
  }
  {
    Dataset date = open_dataset(file, "date");
    for (const auto& s : read_strings(date.get(), "date")) {
      const auto m = core::Month::parse(s);
      if (!m) throw RunFileError("/date holds '" + s + "', not a YYYY-MM month");
      run.months.push_back(*m);
    }
    Dataset time = open_dataset(file, "time");
    if (extents(time.get(), "time") != std::vector<hsize_t>{run.months.size()})
      throw RunFileError("/time and /date differ in length");
  }
  // Dimensions first (a variable's dims must be known to check its shape), both in creation order.
  const auto names = link_names(file, "/");
  std::vector<std::string> variable_names;
  for (const auto& name : names) {
    if (name == "time" || name == "date") continue;
    Dataset ds = open_dataset(file, name);
    if (check_status(H5DSis_scale(ds.get()), "cannot inspect /" + name) > 0)
      run.dimensions.push_back(read_dimension(ds.get(), name));
    else
      variable_names.push_back(name);
  }
  for (const auto& name : variable_names) {
    Dataset ds = open_dataset(file, name);
    run.variables.push_back(read_variable(ds.get(), name, run));
  }
  return run;
}

}  // namespace

void write_run_file(const std::filesystem::path& path, const RunData& run) {
  with_path(path, [&] { validate(run); });
  atomic_replace(path, [&](const std::filesystem::path& tmp) { write_file(tmp, run); });
}

std::string run_file_image(const RunData& run) {
  validate(run);
  return image_of(run);
}

RunData read_run_file(const std::filesystem::path& path) {
  return with_path(path, [&] {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) throw RunFileError("no such file");
    std::lock_guard lock(library_mutex());
    ErrorSilencer silence;
    if (check_status(H5Fis_hdf5(path.c_str()), "cannot read file") == 0)
      throw RunFileError("not an HDF5 file");
    File file(check(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "cannot open file"));
    return read_contents(file.get());
  });
}

}  // namespace hubsim::io
