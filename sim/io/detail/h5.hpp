#pragma once
/// Minimal RAII wrappers over the HDF5 C API: the one place that calls it for run files, checkpoints
/// and sweep summaries. Every raw call is checked; failures throw RunFileError naming the object
/// (the caller prefixes the file path). Callers hold library_mutex() while using any of this.
#include <hdf5.h>

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <new>
#include <span>
#include <string>
#include <vector>

#include "sim/io/run_file.hpp"

namespace hubsim::io::detail {

/// Throws RunFileError("<what>[: <innermost HDF5 message>]") if `id` < 0; returns `id`.
hid_t check(hid_t id, const std::string& what);
/// Same for herr_t/htri_t results; returns the (non-negative) value.
int check_status(int status, const std::string& what);

/// Debian's serial libhdf5 is not thread-safe: every use of it in this program holds this lock.
/// The first use also turns off HDF5's exit-time clean-up: it only has work left when a corrupt file
/// defeated H5Fclose, and then it prints "HDF5: infinite loop closing library" after our error.
std::mutex& library_mutex();

/// Gives every failure of f() the same "<path>: <what>" shape and one exception type, RunFileError.
template <typename F>
auto with_path(const std::filesystem::path& path, F&& f) {
  try {
    return f();
  } catch (const std::bad_alloc&) {
    throw RunFileError(path.string() + ": out of memory (corrupt extents?)");
  } catch (const std::exception& e) {
    throw RunFileError(path.string() + ": " + e.what());
  }
}

/// Silences HDF5's automatic error-stack printing while alive (errors still reach us as
/// negative return codes, which check() turns into exceptions); restores the old handler.
class ErrorSilencer {
 public:
  ErrorSilencer();
  ~ErrorSilencer();
  ErrorSilencer(const ErrorSilencer&) = delete;
  ErrorSilencer& operator=(const ErrorSilencer&) = delete;

 private:
  H5E_auto2_t old_func_ = nullptr;
  void* old_data_ = nullptr;
};

/// Owns one hid_t and closes it with `Close`. close() reports errors (needed for files, where
/// closing is what flushes); the destructor ignores them because it may run while unwinding.
template <herr_t (*Close)(hid_t)>
class Handle {
 public:
  Handle() = default;
  explicit Handle(hid_t id) : id_(id) {}
  Handle(Handle&& other) noexcept : id_(other.id_) { other.id_ = H5I_INVALID_HID; }
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = other.id_;
      other.id_ = H5I_INVALID_HID;
    }
    return *this;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() { reset(); }

  hid_t get() const { return id_; }
  void close(const std::string& what) {
    const hid_t id = id_;
    id_ = H5I_INVALID_HID;
    if (id >= 0) check_status(Close(id), "cannot close " + what);
  }

 private:
  void reset() {
    if (id_ >= 0) Close(id_);
    id_ = H5I_INVALID_HID;
  }
  hid_t id_ = H5I_INVALID_HID;
};

using File = Handle<H5Fclose>;
using Group = Handle<H5Gclose>;
using Dataset = Handle<H5Dclose>;
using Dataspace = Handle<H5Sclose>;
using Datatype = Handle<H5Tclose>;
using PropertyList = Handle<H5Pclose>;
using Attribute = Handle<H5Aclose>;

// --- creation -----------------------------------------------------------------------------------
/// What a new file records beyond its contents. Every file also omits timestamps (rewriting the
/// same data gives the same bytes) and closes strongly (closing the file closes all in it).
struct FileLayout {
  bool link_order = false;       ///< the root group lists its links in creation order
  bool attribute_order = false;  ///< the root lists its attributes in creation order
  bool v18_format = false;       ///< oldest format with creation order: HDF5 1.8, any netCDF-4
  bool in_memory = false;        ///< the core driver with no backing store: nothing touches the disk
};
/// Creates (truncates) `path`; throws RunFileError("cannot create <path> (...)").
File create_file(const std::filesystem::path& path, const FileLayout& layout);
/// A group listing its links in creation order, without timestamps.
Group create_group(hid_t loc, const std::string& name);
PropertyList create_plist(hid_t cls, const std::string& what);
/// Variable-length UTF-8 string type (read by h5py as str, by netCDF-4 as NC_STRING).
Datatype vlen_string_type();
Dataspace scalar_space();
Dataspace simple_space(std::span<const hsize_t> extents);
Dataset create_dataset(hid_t loc, const std::string& name, hid_t type, hid_t space, hid_t dcpl);

// --- datasets -----------------------------------------------------------------------------------
Dataset open_dataset(hid_t loc, const std::string& name);
std::vector<hsize_t> extents(hid_t dataset, const std::string& name);
H5T_class_t type_class(hid_t dataset, const std::string& name);
void write_doubles(hid_t dataset, const std::string& name, const std::vector<double>& values);
void write_int64s(hid_t dataset, const std::string& name, const std::vector<std::int64_t>& values);
void write_strings(hid_t dataset, const std::string& name, const std::vector<std::string>& values);
/// Element count of a dataset about to be read in full, refused (RunFileError) if it claims far
/// more elements than the file could store: a hostile header must not make us allocate terabytes.
std::size_t readable_count(hid_t dataset, const std::string& name);
std::vector<double> read_doubles(hid_t dataset, const std::string& name);
std::vector<std::int64_t> read_int64s(hid_t dataset, const std::string& name);
/// Reads variable- or fixed-length string datasets.
std::vector<std::string> read_strings(hid_t dataset, const std::string& name);
/// Creates and fills the 1-D dataset `name` (relative to `loc`; "group/x" if the group exists),
/// contiguous and without timestamps: the columns of a table such as a sweep summary.
void write_column(hid_t loc, const std::string& name, const std::vector<std::string>& values);
void write_column(hid_t loc, const std::string& name, const std::vector<double>& values);
void write_column(hid_t loc, const std::string& name, const std::vector<std::int64_t>& values);

// --- attributes (on a file, group or dataset; `owner` names it in messages) ---------------------
void write_attribute(hid_t obj, const std::string& owner, const std::string& name,
                     const std::string& value);
void write_attribute(hid_t obj, const std::string& owner, const std::string& name,
                     std::int64_t value);
void write_attribute(hid_t obj, const std::string& owner, const std::string& name, int value);
/// A fixed-length text attribute (netCDF's NC_CHAR). h5py reads it as bytes, so run files use it
/// only where netCDF tools need it: time's units and calendar, which `ncdump -t` decodes (they
/// do not decode variable-length string attributes).
void write_char_attribute(hid_t obj, const std::string& owner, const std::string& name, const std::string& value);
void write_attribute(hid_t obj, const std::string& owner, const std::string& name, double value);
/// A 1-D int64 attribute (CF flag_values); reading refuses more than 2^20 values.
void write_int64s_attribute(hid_t obj, const std::string& owner, const std::string& name,
                            const std::vector<std::int64_t>& values);
std::vector<std::int64_t> read_int64s_attribute(hid_t obj, const std::string& owner, const std::string& name);
bool has_attribute(hid_t obj, const std::string& owner, const std::string& name);
/// Attribute names in creation order (falls back to name order if creation order is untracked).
std::vector<std::string> attribute_names(hid_t obj, const std::string& owner);
H5T_class_t attribute_class(hid_t obj, const std::string& owner, const std::string& name);
/// Scalar (or one-element) attributes; variable- or fixed-length strings.
std::string read_string_attribute(hid_t obj, const std::string& owner, const std::string& name);
std::int64_t read_int_attribute(hid_t obj, const std::string& owner, const std::string& name);
double read_real_attribute(hid_t obj, const std::string& owner, const std::string& name);

// --- groups -------------------------------------------------------------------------------------
/// Names of the links in `group`, in creation order; throws if any is not a hard link.
std::vector<std::string> link_names(hid_t group, const std::string& owner);

}  // namespace hubsim::io::detail
