#pragma once
/// Checkpoint files: a run's full state between two months, as named typed arrays in HDF5 (so a
/// checkpoint can be opened in h5py like a run file), each with a Fletcher-32 checksum.
///
/// A model describes its state once, as a function template over an archive:
///   template <class Archive> void transfer(Archive& ar) { ar.array("workers/home", home); ... }
/// CheckpointWriter stores each array; CheckpointReader replaces each array with the stored one.
/// One description for both directions means saving and restoring cannot drift apart.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "sim/io/run_file.hpp"

namespace hubsim::io {

/// Bump when the layout of checkpoints changes; a checkpoint of another version is refused.
inline constexpr int kCheckpointFormatVersion = 1;

/// Element types an archive can hold (enums are stored as their underlying integer type).
enum class Element : std::uint8_t { i8, u8, i16, u16, i32, u32, i64, u64, f32, f64 };

template <class T>
constexpr Element element_of() {
  using U = typename std::conditional_t<std::is_enum_v<T>, std::underlying_type<T>, std::type_identity<T>>::type;
  if constexpr (std::is_same_v<U, float>) return Element::f32;
  else if constexpr (std::is_same_v<U, double>) return Element::f64;
  else {
    static_assert(std::is_integral_v<U> && !std::is_same_v<U, bool>, "archives hold numbers and enums");
    constexpr bool s = std::is_signed_v<U>;
    if constexpr (sizeof(U) == 1) return s ? Element::i8 : Element::u8;
    else if constexpr (sizeof(U) == 2) return s ? Element::i16 : Element::u16;
    else if constexpr (sizeof(U) == 4) return s ? Element::i32 : Element::u32;
    else return s ? Element::i64 : Element::u64;
  }
}

/// Writes a checkpoint atomically (through io::AtomicReplacement): everything goes to
/// "<path>.tmp-<pid>", which commit() syncs and renames over `path`; if commit() is never reached
/// the temporary is removed, so `path` is always either the previous complete checkpoint or the
/// new one. A `path` that is not a regular file is refused at once. Throws RunFileError.
class CheckpointWriter {
 public:
  static constexpr bool reading = false;

  explicit CheckpointWriter(std::filesystem::path path);
  ~CheckpointWriter();
  CheckpointWriter(const CheckpointWriter&) = delete;
  CheckpointWriter& operator=(const CheckpointWriter&) = delete;

  /// Root attributes: what the checkpoint is of (config, seed, step), for the reader's checks.
  void attribute(const std::string& name, const std::string& value);
  void attribute(const std::string& name, std::int64_t value);

  /// Stores `values` as the 1-D dataset `name` ("group/name" creates the group).
  template <class T>
  void array(const std::string& name, std::vector<T>& values) {
    write(name, element_of<T>(), values.data(), values.size());
  }
  /// Same, for an array whose length the reader knows: its current length, or `n`.
  template <class T>
  void fixed(const std::string& name, std::vector<T>& values) {
    array(name, values);
  }
  template <class T>
  void fixed_as(const std::string& name, std::vector<T>& values, std::size_t /*n*/) {
    array(name, values);
  }
  template <class T>
  void value(const std::string& name, T& x) {
    write(name, element_of<T>(), &x, 1);
  }

  void commit();

 private:
  void write(const std::string& name, Element type, const void* data, std::size_t count);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Reads a checkpoint written by CheckpointWriter. Every array is checked against its checksum
/// and the element type the caller expects; a mismatch throws RunFileError naming path and array.
class CheckpointReader {
 public:
  static constexpr bool reading = true;

  explicit CheckpointReader(std::filesystem::path path);
  ~CheckpointReader();
  CheckpointReader(const CheckpointReader&) = delete;
  CheckpointReader& operator=(const CheckpointReader&) = delete;

  const std::filesystem::path& path() const;
  std::string text_attribute(const std::string& name) const;
  std::int64_t int_attribute(const std::string& name) const;

  /// Replaces `values` with the stored array.
  template <class T>
  void array(const std::string& name, std::vector<T>& values) {
    values.resize(count(name, element_of<T>()));
    read(name, element_of<T>(), values.data(), values.size());
  }
  /// Fills `values`, whose length is known (from the config, or from another array): its current
  /// length, or `n`. A stored array of another length is an error.
  template <class T>
  void fixed(const std::string& name, std::vector<T>& values) {
    fixed_as(name, values, values.size());
  }
  template <class T>
  void fixed_as(const std::string& name, std::vector<T>& values, std::size_t n) {
    expect_count(name, element_of<T>(), n);
    values.resize(n);
    read(name, element_of<T>(), values.data(), n);
  }
  template <class T>
  void value(const std::string& name, T& x) {
    expect_count(name, element_of<T>(), 1);
    read(name, element_of<T>(), &x, 1);
  }

  /// Throws RunFileError("<path>: <message>") — for checks of the content made by the caller.
  [[noreturn]] void fail(const std::string& message) const;

 private:
  std::size_t count(const std::string& name, Element type);
  void expect_count(const std::string& name, Element type, std::size_t n);
  void read(const std::string& name, Element type, void* data, std::size_t count);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hubsim::io
