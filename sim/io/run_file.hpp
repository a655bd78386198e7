#pragma once
/// The HDF5 (NetCDF-4 compatible) serialisation of a run: one file per run, written atomically.
#include <filesystem>
#include <stdexcept>
#include <string>

#include "sim/io/run_data.hpp"

namespace hubsim::io {

/// Thrown for any file that cannot be read (or written) as a hubsim run: message names the path
/// and the object.
class RunFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Writes `run` to `path` atomically: writes `path` + ".tmp-<pid>" then renames; on any failure
/// (including invalid `run`: unknown dims, value count mismatch, non-integral integer values) the
/// temporary is removed and RunFileError thrown, so no half-written file that looks complete is
/// ever left at `path`. The same `run` always gives a byte-identical file.
void write_run_file(const std::filesystem::path& path, const RunData& run);

/// The bytes write_run_file would write for `run`, made in memory (HDF5's core driver): for the
/// Python package, which opens them with h5py/xarray without touching the disk.
std::string run_file_image(const RunData& run);

/// Reads a file written by write_run_file back into RunData (exact round trip). Throws
/// RunFileError on missing, truncated, corrupted or foreign files.
RunData read_run_file(const std::filesystem::path& path);

/// Stored as the root attribute `hubsim_format_version`; bump on incompatible layout changes.
inline constexpr int kRunFormatVersion = 3;

}  // namespace hubsim::io
