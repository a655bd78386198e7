#!/usr/bin/python3
"""The engine's tiny second model (hubsim-walkers) through the same CLI paths as the Lancashire model:
run, --change, --from, checkpoint and restart, check, and a sweep with its summary.

    tiny_model.py HUBSIM_WALKERS SCRATCH
"""
import csv
import filecmp
import os

import h5py
import numpy as np

from e2e_common import check, main, ok_run, hubsim, scratch, write


def test(argv):
    walkers, work = argv[0], scratch(argv[1])
    base = os.path.join(work, "base.h5")
    ok_run(walkers, "run", "-q", "-o", base)
    with h5py.File(base, "r") as f:
        counts = f["walkers"][:]
        check(counts.shape == (24, 4), f"walkers has shape {counts.shape}, expected (24, 4)")
        check((counts.sum(axis=1) == 2000).all(), "walkers are lost or created: totals differ from 2,000")
        check(counts.std() > 0, "walkers never moved")
        check(f.attrs["title"].startswith("hubsim-walkers"), "the run file does not carry the tiny model's title")

    # A dated change: identical before its month, different after.
    changed = os.path.join(work, "changed.h5")
    ok_run(walkers, "run", "-q", "--change", "2021-01:world.move_probability=0.9", "-o", changed)
    with h5py.File(base, "r") as a, h5py.File(changed, "r") as b:
        check(np.array_equal(a["walkers"][:12], b["walkers"][:12]), "a change from 2021-01 altered 2020")
        check(not np.array_equal(a["walkers"][12:], b["walkers"][12:]), "a change from 2021-01 changed nothing")
        check("2021-01" in b.attrs["config"] and "move_probability=0.9" in b.attrs["config"],
              "the run file does not record the schedule of changes")
    # The file alone reproduces the run, schedule included.
    again = os.path.join(work, "again.h5")
    ok_run(walkers, "run", "-q", "--from", changed, "-o", again)
    check(filecmp.cmp(changed, again, shallow=False), "--from did not reproduce the changed run byte for byte")
    # A start-only parameter cannot change during a run, and the error says why.
    code, _, err = hubsim(walkers, "run", "-q", "--change", "2021-01:world.hubs=3", "-o", os.path.join(work, "x.h5"))
    check(code == 2 and "cannot change during a run" in err, f"start-only change: exit {code}, {err!r}")
    check(not os.path.exists(os.path.join(work, "x.h5")), "a refused run wrote a file")

    # Checkpoint every 5 months, restart from the last one: the same file.
    stopped = os.path.join(work, "stopped.h5")
    ok_run(walkers, "run", "-q", "--checkpoint-every", "5", "--keep-checkpoint", "-o", stopped)
    restarted = os.path.join(work, "restarted.h5")
    ok_run(walkers, "run", "-q", "--restart", os.path.join(work, "stopped.checkpoint.h5"), "-o", restarted)
    check(filecmp.cmp(base, restarted, shallow=False), "a restarted run differs from one that never stopped")

    # A sweep over the live parameter, two seeds each, through the same sweep machinery.
    experiment = write(os.path.join(work, "sweep.yaml"), """name: walkers_grid
parameters:
  - {key: world.move_probability, values: [0.0, 0.5]}
design: {kind: grid}
replicates: 2
outcomes:
  - {name: at_hub0, variable: walkers, hub: hub0, when: 2021-12}
  - {name: on_ring, variable: walkers, hub: ring, when: 2021-12}
""")
    out = os.path.join(work, "sweep")
    ok_run(walkers, "sweep", "-q", experiment, "-o", out, "-j", "2")
    with open(os.path.join(out, "summary.csv")) as f:
        rows = list(csv.DictReader(f))
    check(len(rows) == 4, f"{len(rows)} sweep rows, expected 4")
    for r in rows:
        check(r["status"] == "ok", f"sweep run failed: {r}")
        check(float(r["on_ring"]) == 2000, f"the ring group sums to {r['on_ring']}, expected 2000")
        if float(r["world.move_probability"]) == 0.0:
            check(float(r["at_hub0"]) == 500, f"with no moves hub0 keeps 500 walkers, got {r['at_hub0']}")


if __name__ == "__main__":
    main(test)
