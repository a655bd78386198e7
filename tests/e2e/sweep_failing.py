"""A point whose config is invalid is recorded with its error and the other points still run;
an outcome the runs cannot provide fails its rows, not the sweep; bad experiments exit 2 with
file:line:col.
Usage: sweep_failing.py HUBSIM SCRATCH"""
import os

from e2e_common import check, hubsim, main, scratch, write
from sweep_common import summary_rows

FAILING = """name: failing
set: {run.end: 2022-12}
parameters:
  - key: labour.commute_minutes
    values: [30, 900, 45]
design: {kind: grid}
outcomes:
  - {name: jobs, variable: employment, when: last}
"""


def test(argv):
    binary, work = argv[0], scratch(argv[1])
    exp = write(os.path.join(work, "failing.yaml"), FAILING)
    out_dir = os.path.join(work, "out")
    code, out, err = hubsim(binary, "sweep", exp, "-o", out_dir, "-q")
    check(code == 0, f"a failing point stopped the sweep (exit {code}):\n{err}")
    check("1 runs failed" in err, f"no warning about the failed run:\n{err}")
    rows = summary_rows(out_dir)
    check([r["status"] for r in rows] == ["ok", "failed", "ok"], f"statuses: {rows}")
    check("labour.commute_minutes" in rows[1]["error"] and "out of range" in rows[1]["error"],
          f"error not recorded: {rows[1]}")
    check(rows[1]["jobs"] == "" and rows[0]["jobs"] != "", f"outcomes: {rows}")
    check(os.path.isfile(os.path.join(out_dir, "runs", "0001_00.error")), "no .error file for the failed run")
    index = open(os.path.join(out_dir, "index.csv")).read()
    check("0001_00,failed,\n" in index and "0000_00,ok,runs/0000_00.h5" in index, f"index:\n{index}")

    # An outcome the model does not write: rows fail with the reason, the sweep finishes.
    exp2 = write(os.path.join(work, "gva.yaml"), FAILING.replace("900", "50").replace(
        "when: last}", "when: last}\n  - {name: future, variable: not_written_yet, when: last}"))
    code, out, err = hubsim(binary, "sweep", exp2, "-o", os.path.join(work, "gva"), "-q")
    check(code == 0, f"missing outcome variable: exit {code}\n{err}")
    rows = summary_rows(os.path.join(work, "gva"))
    check(all(r["status"] == "failed" and "no variable not_written_yet" in r["error"] for r in rows), f"rows: {rows}")

    bad = write(os.path.join(work, "bad.yaml"), FAILING.replace("kind: grid", "kind: sobol"))
    code, out, err = hubsim(binary, "sweep", bad, "-o", os.path.join(work, "bad"))
    check(code == 2 and f"{bad}:6:16: design.kind: expected grid, lhs, saltelli or morris" in err,
          f"bad experiment: exit {code}\n{err}")
    code, out, err = hubsim(binary, "sweep", os.path.join(work, "nope.yaml"), "-o", os.path.join(work, "x"))
    check(code == 2 and "cannot read the experiment file" in err, f"missing experiment: exit {code}\n{err}")


if __name__ == "__main__":
    main(test)
