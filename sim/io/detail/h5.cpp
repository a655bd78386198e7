#include "sim/io/detail/h5.hpp"

#include <algorithm>
#include <cstring>

namespace hubsim::io::detail {

std::mutex& library_mutex() {
  static std::mutex m;
  [[maybe_unused]] static const herr_t no_atexit = H5dont_atexit();
  return m;
}

namespace {

// Collects the innermost (most specific) HDF5 error description, e.g. "truncated file: eof = ...".
herr_t first_error(unsigned n, const H5E_error2_t* err, void* out) {
  if (n == 0 && err->desc != nullptr) *static_cast<std::string*>(out) = err->desc;
  return 0;
}

[[noreturn]] void fail(const std::string& what) {
  std::string detail;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, first_error, &detail);
  H5Eclear2(H5E_DEFAULT);
  throw RunFileError(detail.empty() ? what : what + " (" + detail + ")");
}

// The C iteration callbacks must not let exceptions escape; they report failure by returning -1.
// Soft and external links are refused: an external link would make us open another file.
struct LinkList {
  std::vector<std::string> names;
  std::string not_hard;
};

herr_t collect_link(hid_t, const char* name, const H5L_info_t* info, void* out) noexcept {
  try {
    auto* list = static_cast<LinkList*>(out);
    if (info->type != H5L_TYPE_HARD) {
      list->not_hard = name;
      return 1;  // stops the iteration
    }
    list->names.emplace_back(name);
    return 0;
  } catch (...) {
    return -1;
  }
}

herr_t collect_attribute(hid_t, const char* name, const H5A_info_t*, void* out) noexcept {
  try {
    static_cast<std::vector<std::string>*>(out)->emplace_back(name);
    return 0;
  } catch (...) {
    return -1;
  }
}

hssize_t element_count(hid_t space, const std::string& what) {
  const hssize_t n = H5Sget_simple_extent_npoints(space);
  if (n < 0) fail("cannot get the size of " + what);
  return n;
}

// A hostile file can declare extents far beyond what it stores (unallocated chunks read back as
// fill values), which would make a reader allocate terabytes. Files we write allocate every chunk
// and deflate expands at most ~1032:1, so a dataset claiming more than kMaxExpansion times its
// stored bytes (which cannot exceed the file) is rejected before anything is allocated.
constexpr hsize_t kMaxExpansion = 1100;
constexpr hsize_t kSlackBytes = hsize_t{1} << 16;

std::size_t bounded_count(hid_t dataset, hid_t space, hid_t file_type, const std::string& what) {
  const auto n = static_cast<hsize_t>(element_count(space, what));
  if (n == 0) return 0;
  const std::size_t element = H5Tget_size(file_type);
  if (element == 0) fail("cannot get element size of " + what);
  hsize_t stored = H5Dget_storage_size(dataset);
  const hid_t file = H5Iget_file_id(dataset);
  hsize_t file_size = 0;
  if (file < 0 || H5Fget_filesize(file, &file_size) < 0) {
    if (file >= 0) H5Fclose(file);
    fail("cannot get the file size while reading " + what);
  }
  H5Fclose(file);
  stored = std::min(stored, file_size);
  if (n > (stored * kMaxExpansion + kSlackBytes) / element)
    throw RunFileError(what + " claims " + std::to_string(n) + " elements but stores only " +
                       std::to_string(stored) + " bytes (corrupt or hostile file)");
  return static_cast<std::size_t>(n);
}

// Turns `count` fixed-length strings of `size` bytes into std::strings (padding stripped).
std::vector<std::string> split_fixed(const std::vector<char>& buf, std::size_t count,
                                     std::size_t size) {
  std::vector<std::string> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const char* p = buf.data() + i * size;
    out.emplace_back(p, strnlen(p, size));
  }
  return out;
}

// Reads all strings of an attribute or dataset (`is_attr` picks H5Aread/H5Dread).
std::vector<std::string> read_all_strings(hid_t obj, bool is_attr, const std::string& what) {
  Datatype file_type(check(is_attr ? H5Aget_type(obj) : H5Dget_type(obj), "cannot get type of " + what));
  if (H5Tget_class(file_type.get()) != H5T_STRING) throw RunFileError(what + " is not a string");
  Dataspace space(check(is_attr ? H5Aget_space(obj) : H5Dget_space(obj), "cannot get dataspace of " + what));
  // Attributes we read are single strings: refuse any other count before allocating for it.
  const std::size_t n = is_attr ? static_cast<std::size_t>(element_count(space.get(), what))
                                : bounded_count(obj, space.get(), file_type.get(), what);
  if (is_attr && n != 1) throw RunFileError(what + " is not a single string");
  if (n == 0) return {};
  const htri_t is_vlen = check_status(H5Tis_variable_str(file_type.get()), "cannot inspect type of " + what);
  if (!is_vlen) {
    const std::size_t size = H5Tget_size(file_type.get());
    if (size == 0) fail("cannot get string size of " + what);
    Datatype mem(check(H5Tcopy(file_type.get()), "cannot copy type of " + what));
    std::vector<char> buf(n * size);
    check_status(is_attr ? H5Aread(obj, mem.get(), buf.data())
                         : H5Dread(obj, mem.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data()),
                 "cannot read " + what);
    return split_fixed(buf, n, size);
  }
  Datatype mem = vlen_string_type();
  std::vector<char*> ptrs(n, nullptr);
  check_status(is_attr ? H5Aread(obj, mem.get(), ptrs.data())
                       : H5Dread(obj, mem.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()),
               "cannot read " + what);
  // HDF5 allocated each string; give them back even if copying throws.
  struct Reclaim {
    hid_t mem, space;
    std::vector<char*>& ptrs;
    ~Reclaim() { H5Dvlen_reclaim(mem, space, H5P_DEFAULT, ptrs.data()); }
  } reclaim{mem.get(), space.get(), ptrs};
  std::vector<std::string> out;
  out.reserve(n);
  for (const char* p : ptrs) out.emplace_back(p != nullptr ? p : "");
  return out;
}

Attribute open_attribute(hid_t obj, const std::string& owner, const std::string& name) {
  return Attribute(check(H5Aopen(obj, name.c_str(), H5P_DEFAULT),
                         "cannot open attribute " + owner + "@" + name));
}

template <typename T>
void write_scalar_attribute(hid_t obj, const std::string& owner, const std::string& name,
                            hid_t file_type, hid_t mem_type, const T& value) {
  const std::string what = "attribute " + owner + "@" + name;
  Dataspace space = scalar_space();
  Attribute attr(check(H5Acreate2(obj, name.c_str(), file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT),
                       "cannot create " + what));
  check_status(H5Awrite(attr.get(), mem_type, &value), "cannot write " + what);
  attr.close(what);
}

template <typename T>
T read_numeric_attribute(hid_t obj, const std::string& owner, const std::string& name,
                         hid_t mem_type) {
  const std::string what = "attribute " + owner + "@" + name;
  Attribute attr = open_attribute(obj, owner, name);
  Dataspace space(check(H5Aget_space(attr.get()), "cannot get dataspace of " + what));
  if (element_count(space.get(), what) != 1) throw RunFileError(what + " is not a scalar");
  T value{};
  check_status(H5Aread(attr.get(), mem_type, &value), "cannot read " + what);
  return value;
}

constexpr unsigned kCrtOrder = H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED;

Dataset create_column(hid_t loc, const std::string& name, hid_t type, std::size_t n) {
  const hsize_t extent = n;
  Dataspace space = simple_space({&extent, 1});
  PropertyList dcpl = create_plist(H5P_DATASET_CREATE, "/" + name);
  check_status(H5Pset_obj_track_times(dcpl.get(), 0), "cannot disable time tracking on /" + name);
  return create_dataset(loc, name, type, space.get(), dcpl.get());
}

}  // namespace

hid_t check(hid_t id, const std::string& what) {
  if (id < 0) fail(what);
  return id;
}

int check_status(int status, const std::string& what) {
  if (status < 0) fail(what);
  return status;
}

ErrorSilencer::ErrorSilencer() {
  H5Eget_auto2(H5E_DEFAULT, &old_func_, &old_data_);
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

ErrorSilencer::~ErrorSilencer() { H5Eset_auto2(H5E_DEFAULT, old_func_, old_data_); }

File create_file(const std::filesystem::path& path, const FileLayout& layout) {
  const std::string what = path.string();
  PropertyList fcpl = create_plist(H5P_FILE_CREATE, what);
  check_status(H5Pset_obj_track_times(fcpl.get(), 0), "cannot disable time tracking on /");
  if (layout.link_order)
    check_status(H5Pset_link_creation_order(fcpl.get(), kCrtOrder), "cannot track link order");
  if (layout.attribute_order)
    check_status(H5Pset_attr_creation_order(fcpl.get(), kCrtOrder), "cannot track attribute order");
  PropertyList fapl = create_plist(H5P_FILE_ACCESS, what);
  if (layout.v18_format)
    check_status(H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_EARLIEST, H5F_LIBVER_V18),
                 "cannot set format bounds");
  check_status(H5Pset_fclose_degree(fapl.get(), H5F_CLOSE_STRONG), "cannot set close degree");
  if (layout.in_memory) check_status(H5Pset_fapl_core(fapl.get(), 1 << 20, 0), "cannot use the core driver");
  return File(check(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, fcpl.get(), fapl.get()), "cannot create " + what));
}

Group create_group(hid_t loc, const std::string& name) {
  PropertyList gcpl = create_plist(H5P_GROUP_CREATE, "/" + name);
  check_status(H5Pset_obj_track_times(gcpl.get(), 0), "cannot disable time tracking on /" + name);
  check_status(H5Pset_link_creation_order(gcpl.get(), kCrtOrder), "cannot track link order in /" + name);
  return Group(check(H5Gcreate2(loc, name.c_str(), H5P_DEFAULT, gcpl.get(), H5P_DEFAULT),
                     "cannot create group /" + name));
}

PropertyList create_plist(hid_t cls, const std::string& what) {
  return PropertyList(check(H5Pcreate(cls), "cannot create property list for " + what));
}

Datatype vlen_string_type() {
  Datatype t(check(H5Tcopy(H5T_C_S1), "cannot copy string type"));
  check_status(H5Tset_size(t.get(), H5T_VARIABLE), "cannot make string type variable-length");
  check_status(H5Tset_cset(t.get(), H5T_CSET_UTF8), "cannot set string type to UTF-8");
  return t;
}

Dataspace scalar_space() { return Dataspace(check(H5Screate(H5S_SCALAR), "cannot create scalar dataspace")); }

Dataspace simple_space(std::span<const hsize_t> extents) {
  if (extents.empty()) return scalar_space();
  return Dataspace(check(H5Screate_simple(static_cast<int>(extents.size()), extents.data(), nullptr),
                         "cannot create dataspace"));
}

Dataset create_dataset(hid_t loc, const std::string& name, hid_t type, hid_t space, hid_t dcpl) {
  return Dataset(check(H5Dcreate2(loc, name.c_str(), type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
                       "cannot create dataset /" + name));
}

Dataset open_dataset(hid_t loc, const std::string& name) {
  return Dataset(check(H5Dopen2(loc, name.c_str(), H5P_DEFAULT), "cannot open dataset /" + name));
}

std::vector<hsize_t> extents(hid_t dataset, const std::string& name) {
  Dataspace space(check(H5Dget_space(dataset), "cannot get dataspace of /" + name));
  const int rank = check_status(H5Sget_simple_extent_ndims(space.get()), "cannot get rank of /" + name);
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  if (rank > 0)
    check_status(H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr),
                 "cannot get extents of /" + name);
  return dims;
}

H5T_class_t type_class(hid_t dataset, const std::string& name) {
  Datatype t(check(H5Dget_type(dataset), "cannot get type of /" + name));
  const H5T_class_t c = H5Tget_class(t.get());
  if (c == H5T_NO_CLASS) fail("cannot get type class of /" + name);
  return c;
}

void write_doubles(hid_t dataset, const std::string& name, const std::vector<double>& values) {
  if (values.empty()) return;  // nothing to write, and HDF5 rejects a null buffer
  check_status(H5Dwrite(dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
               "cannot write /" + name);
}

void write_int64s(hid_t dataset, const std::string& name, const std::vector<std::int64_t>& values) {
  if (values.empty()) return;
  check_status(H5Dwrite(dataset, H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
               "cannot write /" + name);
}

void write_strings(hid_t dataset, const std::string& name, const std::vector<std::string>& values) {
  if (values.empty()) return;
  std::vector<const char*> ptrs;
  ptrs.reserve(values.size());
  for (const auto& s : values) ptrs.push_back(s.c_str());
  Datatype mem = vlen_string_type();
  check_status(H5Dwrite(dataset, mem.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()),
               "cannot write /" + name);
}

std::size_t readable_count(hid_t dataset, const std::string& name) {
  Dataspace space(check(H5Dget_space(dataset), "cannot get dataspace of /" + name));
  Datatype type(check(H5Dget_type(dataset), "cannot get type of /" + name));
  return bounded_count(dataset, space.get(), type.get(), "/" + name);
}

std::vector<double> read_doubles(hid_t dataset, const std::string& name) {
  std::vector<double> out(readable_count(dataset, name));
  if (!out.empty())
    check_status(H5Dread(dataset, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()),
                 "cannot read /" + name);
  return out;
}

std::vector<std::int64_t> read_int64s(hid_t dataset, const std::string& name) {
  std::vector<std::int64_t> out(readable_count(dataset, name));
  if (!out.empty())
    check_status(H5Dread(dataset, H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()),
                 "cannot read /" + name);
  return out;
}

std::vector<std::string> read_strings(hid_t dataset, const std::string& name) {
  return read_all_strings(dataset, false, "/" + name);
}

void write_column(hid_t loc, const std::string& name, const std::vector<std::string>& values) {
  Datatype type = vlen_string_type();
  Dataset ds = create_column(loc, name, type.get(), values.size());
  write_strings(ds.get(), name, values);
  ds.close("/" + name);
}

void write_column(hid_t loc, const std::string& name, const std::vector<double>& values) {
  Dataset ds = create_column(loc, name, H5T_IEEE_F64LE, values.size());
  write_doubles(ds.get(), name, values);
  ds.close("/" + name);
}

void write_column(hid_t loc, const std::string& name, const std::vector<std::int64_t>& values) {
  Dataset ds = create_column(loc, name, H5T_STD_I64LE, values.size());
  write_int64s(ds.get(), name, values);
  ds.close("/" + name);
}

void write_attribute(hid_t obj, const std::string& owner, const std::string& name,
                     const std::string& value) {
  Datatype t = vlen_string_type();
  const char* p = value.c_str();
  write_scalar_attribute(obj, owner, name, t.get(), t.get(), p);
}

void write_char_attribute(hid_t obj, const std::string& owner, const std::string& name, const std::string& value) {
  // Fixed-length text, as netCDF-C writes its own text attributes (NC_CHAR).
  const std::string what = "attribute " + owner + "@" + name;
  const std::string text = value.empty() ? std::string(1, '\0') : value;
  Datatype t(check(H5Tcopy(H5T_C_S1), "cannot copy string type for " + what));
  check_status(H5Tset_size(t.get(), text.size()), "cannot size string type for " + what);
  check_status(H5Tset_strpad(t.get(), H5T_STR_NULLPAD), "cannot set string padding for " + what);
  check_status(H5Tset_cset(t.get(), H5T_CSET_UTF8), "cannot set string type to UTF-8 for " + what);
  Dataspace space = scalar_space();
  Attribute attr(check(H5Acreate2(obj, name.c_str(), t.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
                       "cannot create " + what));
  check_status(H5Awrite(attr.get(), t.get(), text.data()), "cannot write " + what);
  attr.close(what);
}

void write_attribute(hid_t obj, const std::string& owner, const std::string& name,
                     std::int64_t value) {
  write_scalar_attribute(obj, owner, name, H5T_STD_I64LE, H5T_NATIVE_INT64, value);
}

void write_attribute(hid_t obj, const std::string& owner, const std::string& name, int value) {
  write_scalar_attribute(obj, owner, name, H5T_STD_I32LE, H5T_NATIVE_INT, value);
}

void write_attribute(hid_t obj, const std::string& owner, const std::string& name, double value) {
  write_scalar_attribute(obj, owner, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, value);
}

void write_int64s_attribute(hid_t obj, const std::string& owner, const std::string& name,
                            const std::vector<std::int64_t>& values) {
  const std::string what = "attribute " + owner + "@" + name;
  const hsize_t n = values.size();
  Dataspace space = simple_space({&n, 1});
  Attribute attr(check(H5Acreate2(obj, name.c_str(), H5T_STD_I64LE, space.get(), H5P_DEFAULT, H5P_DEFAULT),
                       "cannot create " + what));
  if (n > 0) check_status(H5Awrite(attr.get(), H5T_NATIVE_INT64, values.data()), "cannot write " + what);
  attr.close(what);
}

std::vector<std::int64_t> read_int64s_attribute(hid_t obj, const std::string& owner, const std::string& name) {
  const std::string what = "attribute " + owner + "@" + name;
  Attribute attr = open_attribute(obj, owner, name);
  Dataspace space(check(H5Aget_space(attr.get()), "cannot get dataspace of " + what));
  const auto n = static_cast<std::size_t>(element_count(space.get(), what));
  if (n > (std::size_t{1} << 20)) throw RunFileError(what + " has " + std::to_string(n) + " values, more than a run file writes");
  std::vector<std::int64_t> out(n);
  if (n > 0) check_status(H5Aread(attr.get(), H5T_NATIVE_INT64, out.data()), "cannot read " + what);
  return out;
}

bool has_attribute(hid_t obj, const std::string& owner, const std::string& name) {
  return check_status(H5Aexists(obj, name.c_str()),
                      "cannot look for attribute " + owner + "@" + name) > 0;
}

std::vector<std::string> attribute_names(hid_t obj, const std::string& owner) {
  std::vector<std::string> names;
  hsize_t idx = 0;
  if (H5Aiterate2(obj, H5_INDEX_CRT_ORDER, H5_ITER_INC, &idx, collect_attribute, &names) < 0) {
    H5Eclear2(H5E_DEFAULT);
    names.clear();
    idx = 0;
    check_status(H5Aiterate2(obj, H5_INDEX_NAME, H5_ITER_INC, &idx, collect_attribute, &names),
                 "cannot list attributes of " + owner);
  }
  return names;
}

H5T_class_t attribute_class(hid_t obj, const std::string& owner, const std::string& name) {
  Attribute attr = open_attribute(obj, owner, name);
  Datatype t(check(H5Aget_type(attr.get()), "cannot get type of attribute " + owner + "@" + name));
  const H5T_class_t c = H5Tget_class(t.get());
  if (c == H5T_NO_CLASS) fail("cannot get type class of attribute " + owner + "@" + name);
  return c;
}

std::string read_string_attribute(hid_t obj, const std::string& owner, const std::string& name) {
  const std::string what = "attribute " + owner + "@" + name;
  Attribute attr = open_attribute(obj, owner, name);
  auto values = read_all_strings(attr.get(), true, what);
  if (values.size() != 1) throw RunFileError(what + " is not a single string");
  return values.front();
}

std::int64_t read_int_attribute(hid_t obj, const std::string& owner, const std::string& name) {
  return read_numeric_attribute<std::int64_t>(obj, owner, name, H5T_NATIVE_INT64);
}

double read_real_attribute(hid_t obj, const std::string& owner, const std::string& name) {
  return read_numeric_attribute<double>(obj, owner, name, H5T_NATIVE_DOUBLE);
}

std::vector<std::string> link_names(hid_t group, const std::string& owner) {
  LinkList list;
  hsize_t idx = 0;
  check_status(H5Literate(group, H5_INDEX_CRT_ORDER, H5_ITER_INC, &idx, collect_link, &list),
               "cannot list objects in " + owner + " by creation order");
  if (!list.not_hard.empty())
    throw RunFileError(owner + (owner.ends_with('/') ? "" : "/") + list.not_hard +
                       " is a soft or external link, which run files never contain");
  return list.names;
}

}  // namespace hubsim::io::detail
