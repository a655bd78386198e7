"""`hubsim run` reports what writing the run file cost ("... s simulated, written in ... s"), and
the default run file stays small. The write time itself is measured, not asserted (machines are
shared and noisy): `hubsim bench` reports the HDF5 share of a run (docs/PERFORMANCE.md).
Usage: write_cost.py HUBSIM SCRATCH"""
import os
import re

from e2e_common import check, main, ok_run, scratch

MAX_BYTES = 1_500_000  # the default run file is ~0.6 MB (sim/io/FORMAT.md); a size budget is deterministic


def test(argv):
    binary, work = argv[0], scratch(argv[1])
    path = os.path.join(work, "run.h5")
    out = ok_run(binary, "run", "-q", "-o", path, cwd=work)
    m = re.search(r"([\d.e+-]+) s simulated, written in ([\d.e+-]+) s\)", out)
    check(m, f"hubsim run does not report its write time:\n{out[-300:]}")
    simulated, written = float(m.group(1)), float(m.group(2))
    check(simulated > 0 and written > 0, f"reported times are not positive: {m.group(0)}")
    size = os.path.getsize(path)
    check(size < MAX_BYTES, f"the default run file is {size:,} bytes (budget {MAX_BYTES:,})")
    print(f"write share of simulation time: {written / simulated:.1%} (informative); file size {size:,} bytes")


main(test)
