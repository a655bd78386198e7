// libFuzzer target: arbitrary bytes as a run file for io::read_run_file, in-process.
// In-process, not through app::read_untrusted_run_file's fork: a fork per input would cut
// throughput ~100x and hide the reader's coverage from libFuzzer. The price: a crash inside
// libhdf5 itself (which the CLI contains in its forked child) also stops the fuzzer. Such crashes
// are triaged by hand (tests/fuzz/README.md): ours are fixed, libhdf5's are kept in known_hdf5/.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "sim/io/run_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // One scratch file per process in the working directory, removed at exit (run_fuzz.py removes
  // those of fork-mode children that crashed).
  struct Scratch {
    std::string path = "hubsim-fuzz-" + std::to_string(::getpid()) + ".h5";
    ~Scratch() { std::remove(path.c_str()); }
  };
  static const Scratch scratch;
  const std::string& path = scratch.path;
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  try {
    (void)hubsim::io::read_run_file(path);
  } catch (const hubsim::io::RunFileError&) {
  }
  return 0;
}
