"""Sweeps that cannot succeed are refused before any run (issue 17): a point's value out of range, an
outcome the model does not write, a bad design, a missing experiment: exit 2 with file:line:col, and
nothing written. A run that fails while the sweep runs (here: its run file's path is taken by a
directory) is recorded with its error, the other runs go on and are kept, and the sweep exits 3;
once the cause is gone, re-running the same command retries the failed run and exits 0.
Usage: sweep_failing.py HUBSIM SCRATCH"""
import os
import shutil

from e2e_common import check, hubsim, main, scratch, write
from sweep_common import summary_rows

GOOD = """name: failing
set: {run.end: 2022-03}
parameters:
  - key: labour.commute_minutes
    values: [30, 50, 45]
design: {kind: grid}
outcomes:
  - {name: jobs, variable: employment, when: last}
"""


def refused(binary, work, name, text, expected):
    exp = write(os.path.join(work, name + ".yaml"), text)
    out_dir = os.path.join(work, name)
    code, out, err = hubsim(binary, "sweep", exp, "-o", out_dir, "-q")
    check(code == 2, f"{name}: exit {code}, expected 2\n{err}")
    check(err.startswith(f"hubsim: error: {exp}:{expected}") and err.count("\n") == 1,
          f"{name}: stderr is\n{err}\nexpected one line starting\nhubsim: error: {exp}:{expected}")
    check(not os.path.exists(out_dir), f"{name}: the sweep directory was created")


def test(argv):
    binary, work = argv[0], scratch(argv[1])
    refused(binary, work, "out_of_range", GOOD.replace("50", "900"),
            "5:18: parameters[0].values[1]: labour.commute_minutes=900: value 900 is out of range; expected [0.0, 600.0] (minutes)")
    refused(binary, work, "no_variable", GOOD + "  - {name: future, variable: not_written_yet, when: last}\n",
            "9:30: outcomes[1].variable: the run has no variable not_written_yet (its time series: employment, ")
    refused(binary, work, "bad_design", GOOD.replace("kind: grid", "kind: sobol"),
            "6:16: design.kind: expected grid, lhs, saltelli, morris, points or posterior, got \"sobol\"")
    code, out, err = hubsim(binary, "sweep", os.path.join(work, "nope.yaml"), "-o", os.path.join(work, "x"))
    check(code == 2 and err == f"hubsim: error: {os.path.join(work, 'nope.yaml')}: no such file\n", f"missing experiment: {code}\n{err}")

    # A run that fails while the sweep runs: the others are kept, exit 3, the error recorded.
    exp = write(os.path.join(work, "runtime.yaml"), GOOD)
    out_dir = os.path.join(work, "runtime")
    blocker = os.path.join(out_dir, "runs", "0001_00.h5")
    os.makedirs(os.path.join(blocker, "keep"))
    code, out, err = hubsim(binary, "sweep", exp, "-o", out_dir, "-q", "-j", "2")
    check(code == 3, f"a failed run: exit {code}, expected 3\n{err}")
    check(err.startswith("hubsim: error: 1 of 3 runs failed (exit code 3); the finished runs are kept") and
          err.count("\n") == 1, f"message:\n{err}")
    rows = summary_rows(out_dir)
    check([r["status"] for r in rows] == ["ok", "failed", "ok"], f"statuses: {rows}")
    check(rows[1]["error"] != "" and rows[1]["jobs"] == "" and rows[0]["jobs"] != "", f"rows: {rows}")
    check(os.path.isfile(os.path.join(out_dir, "runs", "0000_00.h5")) and
          os.path.isfile(os.path.join(out_dir, "runs", "0002_00.h5")), "finished run files not kept")
    check(os.path.isfile(os.path.join(out_dir, "runs", "0001_00.error")), "no .error file for the failed run")
    index = open(os.path.join(out_dir, "index.csv")).read()
    check("0001_00,failed,\n" in index and "0000_00,ok,runs/0000_00.h5" in index, f"index:\n{index}")
    kept = os.stat(os.path.join(out_dir, "runs", "0000_00.h5")).st_mtime_ns

    # The cause removed, the same command retries only the failed run.
    shutil.rmtree(blocker)
    code, out, err = hubsim(binary, "sweep", exp, "-o", out_dir, "-q")
    check(code == 0, f"retry: exit {code}\n{err}")
    check([r["status"] for r in summary_rows(out_dir)] == ["ok", "ok", "ok"], "retry did not finish the failed run")
    check(os.stat(os.path.join(out_dir, "runs", "0000_00.h5")).st_mtime_ns == kept, "a finished run was run again")
    check(not os.path.exists(os.path.join(out_dir, "runs", "0001_00.error")), "the old .error file is still there")


if __name__ == "__main__":
    main(test)
