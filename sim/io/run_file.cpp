#include "sim/io/run_file.hpp"

#include <hdf5_hl.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
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

// --- CF metadata (FORMAT.md, "CF conventions") -----------------------------------------------

constexpr const char* kBoundsDim = "nv";          // the bounds dimension of time_bnds (no coordinate)
constexpr const char* kTimeBounds = "time_bnds";
constexpr const char* kIndexOfAttr = "hubsim_index_of";
// What netCDF-C names a dimension that has no coordinate variable (then the length, %10d).
constexpr const char* kNotAVariable = "This is a netCDF dimension but not a netCDF variable.";

// Attributes the writer sets itself; Variable::attributes may not use them.
const std::set<std::string>& reserved_attributes() {
  static const std::set<std::string> names{"long_name", "units", kDimsAttr, "coordinates", "cell_methods",
                                           "flag_values", "flag_meanings", kIndexOfAttr, "DIMENSION_LIST",
                                           "REFERENCE_LIST", "CLASS", "NAME", "_FillValue", "_Netcdf4Dimid",
                                           "_Netcdf4Coordinates", "bounds", "calendar"};
  return names;
}

// A CF flag meaning: "characters from the alphanumeric set and '_', '-', '.', '+', '@'";
// anything else (spaces included) becomes one '_'.
std::string flag_word(const std::string& text) {
  std::string out;
  for (const char c : text) {
    const bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == '+' || c == '@';
    if (ok) out += c;
    else if (!out.empty() && out.back() != '_') out += '_';
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out.empty() ? "_" : out;
}

std::string trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}

// "0 firm birth, 1 firm closure, 4 relocation (value: hub moved from)" (optionally after
// "what: "): the codes and their meanings without parenthesised notes; nothing unless every item
// is "<integer> <words>" and there are at least two, with distinct codes.
bool code_list(const std::string& long_name, std::vector<std::int64_t>& codes, std::vector<std::string>& meanings) {
  std::string text = long_name;
  // Commas inside parentheses do not separate items.
  std::vector<std::string> items;
  std::string item;
  int depth = 0;
  for (const char c : text) {
    if (c == '(') ++depth;
    if (c == ')') depth = std::max(0, depth - 1);
    if (c == ',' && depth == 0) items.push_back(item), item.clear();
    else item += c;
  }
  items.push_back(item);
  if (items.size() < 2) return false;
  // A lead-in ("kind of event: 0 firm birth") belongs to the first item.
  if (const auto colon = items[0].rfind(": "); colon != std::string::npos) items[0] = items[0].substr(colon + 2);
  std::vector<std::int64_t> c;
  std::vector<std::string> m;
  for (auto& raw : items) {
    const std::string it = trim(raw);
    std::size_t digits = 0;
    while (digits < it.size() && std::isdigit(static_cast<unsigned char>(it[digits]))) ++digits;
    if (digits == 0 || digits > 9 || digits >= it.size() || it[digits] != ' ') return false;
    std::string words = it.substr(digits + 1);
    if (const auto paren = words.find(" ("); paren != std::string::npos) words = words.substr(0, paren);
    words = trim(words);
    if (words.empty()) return false;
    const std::int64_t code = std::stoll(it.substr(0, digits));
    if (std::find(c.begin(), c.end(), code) != c.end()) return false;
    c.push_back(code);
    m.push_back(words);
  }
  codes = std::move(c);
  meanings = std::move(m);
  return true;
}

// "(index into hub)", "index into sector": the label dimension the values point into.
std::string indexed_dimension(const std::string& long_name, const RunData& run) {
  const std::string key = "index into ";
  const auto at = long_name.find(key);
  if (at == std::string::npos) return "";
  std::string name;
  for (std::size_t i = at + key.size(); i < long_name.size(); ++i) {
    const char c = long_name[i];
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) break;
    name += c;
  }
  const Dimension* d = run.find_dimension(name);
  return d != nullptr && !d->labels.empty() ? name : "";
}

// The CF attributes written for a variable: what the model set, else what its long_name says.
struct CfAttributes {
  std::vector<std::int64_t> flag_values;
  std::vector<std::string> flag_meanings;  // already CF words
  std::string index_of;
  std::string cell_methods;
};

CfAttributes cf_attributes(const Variable& v, const RunData& run) {
  CfAttributes cf;
  cf.cell_methods = v.cell_methods;
  const bool over_time = std::find(v.dims.begin(), v.dims.end(), "time") != v.dims.end();
  if (cf.cell_methods.empty() && over_time) {
    if (v.long_name.find("annual rate") != std::string::npos) cf.cell_methods = "time: mean";
    else if (v.long_name.find("end of month") != std::string::npos) cf.cell_methods = "time: point (end of month)";
    else if (v.long_name.find("this month") != std::string::npos) cf.cell_methods = "time: sum";
  }
  if (!v.integer) return cf;
  cf.index_of = v.index_of;
  if (cf.index_of.empty() && v.flag_values.empty()) cf.index_of = indexed_dimension(v.long_name, run);
  if (!cf.index_of.empty()) {
    const Dimension* d = run.find_dimension(cf.index_of);
    for (std::size_t i = 0; i < d->labels.size(); ++i) {
      cf.flag_values.push_back(static_cast<std::int64_t>(i));
      cf.flag_meanings.push_back(flag_word(d->labels[i]));
    }
    return cf;
  }
  std::vector<std::string> meanings = v.flag_meanings;
  cf.flag_values = v.flag_values;
  if (cf.flag_values.empty()) code_list(v.long_name, cf.flag_values, meanings);
  for (const auto& m : meanings) cf.flag_meanings.push_back(flag_word(m));
  return cf;
}

// Row numbers 0, 1, ..., n-1 (event, link, snapshot rows) and integer coordinates: int64.
bool integer_coordinate(const Dimension& d) {
  if (!d.labels.empty()) return false;
  bool rows = true;
  for (std::size_t i = 0; i < d.values.size() && rows; ++i) rows = d.values[i] == static_cast<double>(i);
  return rows || d.integer;
}

std::string join_words(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
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
  std::set<std::string> names{"time", "date", kBoundsDim, kTimeBounds};
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
    if (v.textual && (v.integer || !v.values.empty() || !v.flag_values.empty() || !v.index_of.empty()))
      throw RunFileError("text variable " + v.name + " has numbers, flags or is marked integer");
    if (!v.textual && !v.text.empty()) throw RunFileError("variable " + v.name + " has text but is not textual");
    for (const auto& c : v.coordinates)
      if (!names.count(c) && std::none_of(run.variables.begin(), run.variables.end(), [&](const Variable& o) { return o.name == c; }))
        throw RunFileError("variable " + v.name + " names an unknown coordinate '" + c + "'");
    if (expected != (v.textual ? v.text.size() : v.values.size()))
      throw RunFileError("variable " + v.name + " has " + std::to_string(v.textual ? v.text.size() : v.values.size()) +
                         " values but its dims (" + join(v.dims) + ") need " +
                         std::to_string(expected));
    if (!v.flag_meanings.empty() && v.flag_meanings.size() != v.flag_values.size())
      throw RunFileError("variable " + v.name + " has " + std::to_string(v.flag_values.size()) + " flag values but " +
                         std::to_string(v.flag_meanings.size()) + " flag meanings");
    if (!v.index_of.empty()) {
      const Dimension* d = run.find_dimension(v.index_of);
      if (d == nullptr || d->labels.empty())
        throw RunFileError("variable " + v.name + " indexes '" + v.index_of + "', which is not a dimension with labels");
    }
    if ((!v.flag_values.empty() || !v.index_of.empty()) && !v.integer)
      throw RunFileError("variable " + v.name + " has flag values but is not an integer variable");
    for (const auto& [k, _] : v.attributes)
      if (!valid_name(k) || reserved_attributes().count(k) > 0)
        throw RunFileError("variable " + v.name + ": attribute name '" + k + "' is invalid or reserved");
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
    write_char_attribute(time.get(), "/time", "standard_name", std::string("time"));
    write_char_attribute(time.get(), "/time", "axis", std::string("T"));
    write_char_attribute(time.get(), "/time", "bounds", std::string(kTimeBounds));
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
  {
    // CF cell boundaries: each month runs from its first day to the next month's first day. `nv`
    // is a dimension without a coordinate variable, marked as netCDF-C marks one.
    const std::vector<hsize_t> two{2};
    Dataspace nv_space = simple_space(two);
    PropertyList nv_plist = dataset_plist(kBoundsDim);
    Dataset nv = create_dataset(file, kBoundsDim, H5T_STD_I32LE, nv_space.get(), nv_plist.get());
    write_int64s(nv.get(), kBoundsDim, {0, 0});
    char name[96];
    std::snprintf(name, sizeof name, "%s%10d", kNotAVariable, 2);
    check_status(H5DSset_scale(nv.get(), name), "cannot make /nv a dimension scale");
    const std::vector<hsize_t> ext{run.months.size(), 2};
    Dataspace space = simple_space(ext);
    PropertyList dcpl = dataset_plist(kTimeBounds);
    Dataset bnds = create_dataset(file, kTimeBounds, H5T_IEEE_F64LE, space.get(), dcpl.get());
    const core::Month first = run.months.empty() ? core::Month(1970, 1) : run.months.front();
    std::vector<double> days;
    for (const auto& m : run.months) {
      days.push_back(static_cast<double>(core::days_since_epoch(m) - core::days_since_epoch(first)));
      days.push_back(static_cast<double>(core::days_since_epoch(m + 1) - core::days_since_epoch(first)));
    }
    write_doubles(bnds.get(), kTimeBounds, days);
    write_attribute(bnds.get(), "/time_bnds", "long_name", std::string("first day of the month and of the next (bounds of time)"));
    write_char_attribute(bnds.get(), "/time_bnds", "units", "days since " + first.iso() + "-01");
    write_char_attribute(bnds.get(), "/time_bnds", "calendar", std::string("standard"));
    write_attribute(bnds.get(), "/time_bnds", kDimsAttr, std::string("time nv"));
    check_status(H5DSattach_scale(bnds.get(), scales[0].get(), 0), "cannot attach time to /time_bnds");
    check_status(H5DSattach_scale(bnds.get(), nv.get(), 1), "cannot attach nv to /time_bnds");
  }
  for (const auto& d : run.dimensions) {
    const std::vector<hsize_t> ext{d.size()};
    Dataspace space = simple_space(ext);
    PropertyList dcpl = dataset_plist(d.name);
    const bool text = !d.labels.empty();
    const bool whole = integer_coordinate(d);
    Dataset ds = create_dataset(file, d.name, text ? str.get() : whole ? H5T_STD_I64LE : H5T_IEEE_F64LE, space.get(),
                                dcpl.get());
    if (text) write_strings(ds.get(), d.name, d.labels);
    else if (whole) write_int64s(ds.get(), d.name, {d.values.begin(), d.values.end()});
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
    Dataset ds = create_dataset(file, v.name, v.textual ? str.get() : v.integer ? H5T_STD_I64LE : H5T_IEEE_F64LE,
                                space.get(), dcpl.get());
    if (v.textual) write_strings(ds.get(), v.name, v.text);
    else if (v.integer) write_int64s(ds.get(), v.name, {v.values.begin(), v.values.end()});
    else write_doubles(ds.get(), v.name, v.values);
    write_attribute(ds.get(), "/" + v.name, "long_name", v.long_name);
    if (!v.units.empty()) write_attribute(ds.get(), "/" + v.name, "units", v.units);
    write_attribute(ds.get(), "/" + v.name, kDimsAttr, join(v.dims));
    // CF auxiliary coordinate: xarray then carries the ISO month labels along with the variable.
    {
      std::vector<std::string> coords;
      if (std::find(v.dims.begin(), v.dims.end(), "time") != v.dims.end()) coords.emplace_back("date");
      coords.insert(coords.end(), v.coordinates.begin(), v.coordinates.end());
      if (!coords.empty()) write_attribute(ds.get(), "/" + v.name, "coordinates", join(coords));
    }
    const CfAttributes cf = cf_attributes(v, run);
    if (!cf.cell_methods.empty()) write_attribute(ds.get(), "/" + v.name, "cell_methods", cf.cell_methods);
    if (!cf.flag_values.empty()) {
      write_int64s_attribute(ds.get(), "/" + v.name, "flag_values", cf.flag_values);
      if (!cf.flag_meanings.empty())
        write_attribute(ds.get(), "/" + v.name, "flag_meanings", join_words(cf.flag_meanings));
    }
    if (!cf.index_of.empty()) write_attribute(ds.get(), "/" + v.name, kIndexOfAttr, cf.index_of);
    for (const auto& [k, text] : v.attributes) write_attribute(ds.get(), "/" + v.name, k, text);
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
    case H5T_INTEGER: {
      const auto ints = read_int64s(ds, name);
      d.values.assign(ints.begin(), ints.end());
      d.integer = true;
      break;
    }
    default: throw RunFileError("dimension /" + name + " is neither strings nor numbers");
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
    case H5T_STRING:
      v.text = read_strings(ds, name);
      v.textual = true;
      break;
    default: throw RunFileError(owner + " is neither numbers nor text");
  }
  for (const auto& attr : attribute_names(ds, owner)) {
    if (attr == "flag_values") {
      if (attribute_class(ds, owner, attr) != H5T_INTEGER) throw RunFileError(owner + "@flag_values is not integer");
      v.flag_values = read_int64s_attribute(ds, owner, attr);
      continue;
    }
    if (attr == kDimsAttr || attribute_class(ds, owner, attr) != H5T_STRING) continue;
    const std::string text = read_string_attribute(ds, owner, attr);
    if (attr == "coordinates") {
      for (const auto& c : split(text))
        if (c != "date") v.coordinates.push_back(c);
      continue;
    }
    if (attr == "long_name") v.long_name = text;
    else if (attr == "units") v.units = text;
    else if (attr == "cell_methods") v.cell_methods = text;
    else if (attr == "flag_meanings") v.flag_meanings = split(text);
    else if (attr == kIndexOfAttr) v.index_of = text;
    else if (reserved_attributes().count(attr) == 0) v.attributes[attr] = text;
  }
  if (!v.index_of.empty()) {  // flags follow from the dimension's labels
    v.flag_values.clear();
    v.flag_meanings.clear();
  }
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
    if (name == "time" || name == "date" || name == kBoundsDim || name == kTimeBounds) continue;
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
