#include "sim/io/checkpoint_file.hpp"

#include <algorithm>

#include "sim/io/atomic_file.hpp"
#include "sim/io/detail/h5.hpp"

namespace hubsim::io {
namespace {

using namespace detail;

constexpr const char* kVersionAttr = "hubsim_checkpoint_version";
// 256 Ki elements (<= 2 MiB) per chunk: each chunk carries its own checksum, and chunks this size
// keep the per-chunk overhead negligible for a million-row column.
constexpr hsize_t kChunkElements = hsize_t{1} << 18;

hid_t memory_type(Element e) {
  switch (e) {
    case Element::i8: return H5T_NATIVE_INT8;
    case Element::u8: return H5T_NATIVE_UINT8;
    case Element::i16: return H5T_NATIVE_INT16;
    case Element::u16: return H5T_NATIVE_UINT16;
    case Element::i32: return H5T_NATIVE_INT32;
    case Element::u32: return H5T_NATIVE_UINT32;
    case Element::i64: return H5T_NATIVE_INT64;
    case Element::u64: return H5T_NATIVE_UINT64;
    case Element::f32: return H5T_NATIVE_FLOAT;
    case Element::f64: return H5T_NATIVE_DOUBLE;
  }
  return H5T_NATIVE_UINT8;
}

// Little-endian on disk whatever the machine, as in run files.
hid_t file_type(Element e) {
  switch (e) {
    case Element::i8: return H5T_STD_I8LE;
    case Element::u8: return H5T_STD_U8LE;
    case Element::i16: return H5T_STD_I16LE;
    case Element::u16: return H5T_STD_U16LE;
    case Element::i32: return H5T_STD_I32LE;
    case Element::u32: return H5T_STD_U32LE;
    case Element::i64: return H5T_STD_I64LE;
    case Element::u64: return H5T_STD_U64LE;
    case Element::f32: return H5T_IEEE_F32LE;
    case Element::f64: return H5T_IEEE_F64LE;
  }
  return H5T_STD_U8LE;
}

const char* element_name(Element e) {
  static constexpr const char* names[] = {"int8", "uint8", "int16", "uint16", "int32",
                                          "uint32", "int64", "uint64", "float32", "float64"};
  return names[static_cast<std::size_t>(e)];
}

}  // namespace

// --- writing ------------------------------------------------------------------------------------

// Members are destroyed in reverse: the file is closed (under the lock) before `target` removes the
// temporary of an uncommitted checkpoint.
struct CheckpointWriter::Impl {
  explicit Impl(std::filesystem::path path) : target(std::move(path)) {}
  AtomicReplacement target;
  std::unique_lock<std::mutex> lock{library_mutex()};
  ErrorSilencer silence;
  File file;
};

CheckpointWriter::CheckpointWriter(std::filesystem::path path) : impl_(std::make_unique<Impl>(std::move(path))) {
  with_path(impl_->target.path(), [&] {
    impl_->file = create_file(impl_->target.temporary(), {});
    write_attribute(impl_->file.get(), "/", kVersionAttr, kCheckpointFormatVersion);
  });
}

CheckpointWriter::~CheckpointWriter() = default;

void CheckpointWriter::attribute(const std::string& name, const std::string& value) {
  with_path(impl_->target.path(), [&] { write_attribute(impl_->file.get(), "/", name, value); });
}

void CheckpointWriter::attribute(const std::string& name, std::int64_t value) {
  with_path(impl_->target.path(), [&] { write_attribute(impl_->file.get(), "/", name, value); });
}

void CheckpointWriter::write(const std::string& name, Element type, const void* data, std::size_t count) {
  with_path(impl_->target.path(), [&] {
    PropertyList lcpl = create_plist(H5P_LINK_CREATE, "/" + name);
    check_status(H5Pset_create_intermediate_group(lcpl.get(), 1), "cannot set up groups for /" + name);
    PropertyList dcpl = create_plist(H5P_DATASET_CREATE, "/" + name);
    check_status(H5Pset_obj_track_times(dcpl.get(), 0), "cannot disable time tracking on /" + name);
    // Empty arrays stay contiguous: a chunked dataset needs a non-empty chunk.
    if (count > 0) {
      const hsize_t chunk = std::min<hsize_t>(count, kChunkElements);
      check_status(H5Pset_chunk(dcpl.get(), 1, &chunk), "cannot chunk /" + name);
      check_status(H5Pset_fletcher32(dcpl.get()), "cannot add a checksum to /" + name);
    }
    const hsize_t extent = count;
    Dataspace space(check(H5Screate_simple(1, &extent, nullptr), "cannot create dataspace of /" + name));
    Dataset ds(check(H5Dcreate2(impl_->file.get(), name.c_str(), file_type(type), space.get(), lcpl.get(),
                                dcpl.get(), H5P_DEFAULT),
                     "cannot create /" + name));
    if (count > 0)
      check_status(H5Dwrite(ds.get(), memory_type(type), H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "cannot write /" + name);
    ds.close("/" + name);
  });
}

void CheckpointWriter::commit() {
  with_path(impl_->target.path(), [&] { impl_->file.close("file"); });  // flushes: its failure fails the checkpoint
  impl_->target.commit();
}

// --- reading ------------------------------------------------------------------------------------

struct CheckpointReader::Impl {
  std::filesystem::path path;
  std::unique_lock<std::mutex> lock{library_mutex()};
  ErrorSilencer silence;
  File file;
};

CheckpointReader::CheckpointReader(std::filesystem::path path) : impl_(std::make_unique<Impl>()) {
  impl_->path = std::move(path);
  with_path(impl_->path, [&] {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(impl_->path, ec)) throw RunFileError("no such file");
    if (check_status(H5Fis_hdf5(impl_->path.c_str()), "cannot read file") == 0)
      throw RunFileError("not an HDF5 file");
    PropertyList fapl = create_plist(H5P_FILE_ACCESS, "file");
    check_status(H5Pset_fclose_degree(fapl.get(), H5F_CLOSE_STRONG), "cannot set close degree");
    impl_->file = File(check(H5Fopen(impl_->path.c_str(), H5F_ACC_RDONLY, fapl.get()), "cannot open file"));
    if (!has_attribute(impl_->file.get(), "/", kVersionAttr))
      throw RunFileError("not a hubsim checkpoint (no " + std::string(kVersionAttr) + " attribute)");
    const auto version = read_int_attribute(impl_->file.get(), "/", kVersionAttr);
    if (version != kCheckpointFormatVersion)
      throw RunFileError("checkpoint format version " + std::to_string(version) + "; this hubsim reads version " +
                         std::to_string(kCheckpointFormatVersion));
  });
}

CheckpointReader::~CheckpointReader() = default;

const std::filesystem::path& CheckpointReader::path() const { return impl_->path; }

std::string CheckpointReader::text_attribute(const std::string& name) const {
  return with_path(impl_->path, [&] { return read_string_attribute(impl_->file.get(), "/", name); });
}

std::int64_t CheckpointReader::int_attribute(const std::string& name) const {
  return with_path(impl_->path, [&] { return read_int_attribute(impl_->file.get(), "/", name); });
}

void CheckpointReader::fail(const std::string& message) const {
  throw RunFileError(impl_->path.string() + ": " + message);
}

std::size_t CheckpointReader::count(const std::string& name, Element type) {
  return with_path(impl_->path, [&] {
    Dataset ds = open_dataset(impl_->file.get(), name);
    Datatype stored(check(H5Dget_type(ds.get()), "cannot get type of /" + name));
    const H5T_class_t cls = H5Tget_class(stored.get());
    const bool is_float = type == Element::f32 || type == Element::f64;
    const bool same = cls == (is_float ? H5T_FLOAT : H5T_INTEGER) &&
                      H5Tget_size(stored.get()) == H5Tget_size(memory_type(type)) &&
                      (is_float || H5Tget_sign(stored.get()) == H5Tget_sign(memory_type(type)));
    if (!same) throw RunFileError("/" + name + " is not " + element_name(type));
    if (extents(ds.get(), name).size() != 1) throw RunFileError("/" + name + " is not 1-D");
    return readable_count(ds.get(), name);
  });
}

void CheckpointReader::expect_count(const std::string& name, Element type, std::size_t n) {
  const std::size_t stored = count(name, type);
  if (stored != n)
    fail("/" + name + " holds " + std::to_string(stored) + " values where this config needs " + std::to_string(n));
}

void CheckpointReader::read(const std::string& name, Element type, void* data, std::size_t count) {
  if (count == 0) return;
  with_path(impl_->path, [&] {
    Dataset ds = open_dataset(impl_->file.get(), name);
    // A chunk whose Fletcher-32 checksum does not match fails here (HDF5 checks on read).
    check_status(H5Dread(ds.get(), memory_type(type), H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "cannot read /" + name);
  });
}

}  // namespace hubsim::io
