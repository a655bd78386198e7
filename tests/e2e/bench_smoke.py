"""`hubsim bench --quick` runs and prints one JSON line per case with positive numbers, and the
same cases as CSV rows. No timing assertions: the numbers depend on the machine and its load.
Usage: bench_smoke.py HUBSIM SCRATCH"""
import csv
import json
import os
import subprocess

from e2e_common import check, main, scratch

# Keys every case of a kind must report, all > 0.
REQUIRED = {
    "model": ["agents", "agents_end", "threads", "months", "agent_steps_per_s", "agent_steps_per_s_per_core",
              "step_ms", "peak_rss_mb", "bytes_per_agent", "hdf5_share", "rng_share", "rng_ns_per_block"],
    "end_to_end": ["wall_s"],
    "sweep": ["runs_per_s", "threads"],
}


def test(argv):
    binary, work = argv[0], scratch(argv[1])
    table = os.path.join(work, "bench.csv")
    p = subprocess.run([binary, "bench", "--quick", "--csv", table], cwd=work, capture_output=True, text=True,
                       timeout=170)
    check(p.returncode == 0, f"hubsim bench --quick exited {p.returncode}\nstderr:\n{p.stderr[-2000:]}")
    cases = [json.loads(line) for line in p.stdout.splitlines() if line.startswith("{")]
    kinds = [c.get("case") for c in cases]
    check(kinds.count("model") >= 2 and "end_to_end" in kinds and "sweep" in kinds,
          f"expected model, end_to_end and sweep cases, got {kinds}")
    for c in cases:
        for key in REQUIRED[c["case"]]:
            value = c.get(key)
            check(isinstance(value, (int, float)) and value > 0, f"{c['case']} case: {key} = {value!r}, expected > 0")
        if c["case"] == "model":
            phases = c.get("phase_ms", {})
            check(len(phases) >= 10, f"model case reports {len(phases)} phases")
            check(all(isinstance(v, (int, float)) and v >= 0 for v in phases.values()), f"bad phase times {phases}")
            check(sum(phases.values()) > 0, "phase times sum to zero")
    check("agent-st/s" in p.stdout, "no table in the output")
    with open(table, newline="") as f:
        rows = list(csv.DictReader(f))
    check(len(rows) == len(cases), f"{len(rows)} CSV rows for {len(cases)} JSON lines")
    print(f"{len(cases)} cases: " + ", ".join(f"{c['case']}" for c in cases))


main(test)
