"""Crash safety of `hubsim run` (issue 8, item 5): SIGKILL at >= 20 seeded random moments leaves the
output path either absent or a complete, valid run file equal to an uninterrupted run's, and
nothing else that looks complete (only `<out>.tmp-<pid>` temporaries may remain); SIGINT and
SIGTERM stop a run at a month boundary with exit code 130, one message, and no file at all.
The run is sized (population.scale) to last ~2 s, so the test stays under a minute in any build.
Usage: kill_run.py HUBSIM SCRATCH [KILLS]"""
import os
import random
import signal
import subprocess
import sys
import time

import h5py
import numpy as np

from e2e_common import LSAN_SUPPRESSIONS, check, main, scratch

SEED = 8  # fixed: the same kill moments on every run of the test
TARGET_SECONDS = 2.0


def env():
    e = dict(os.environ)
    e.setdefault("LSAN_OPTIONS", f"suppressions={LSAN_SUPPRESSIONS}:print_suppressions=0")
    return e


def start(binary, work, out, scale, quiet=True):
    args = [binary, "run", "-o", out, "--set", f"population.scale={scale:.3f}", "--threads", "2"]
    return subprocess.Popen(args + (["-q"] if quiet else []), cwd=work, env=env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)


def timed_run(binary, work, out, scale):
    t0 = time.monotonic()
    p = start(binary, work, out, scale)
    _, err = p.communicate(timeout=120)
    check(p.returncode == 0, f"uninterrupted run at scale {scale} exited {p.returncode}:\n{err}")
    return time.monotonic() - t0


def employment(path):
    """The run file's employment, after checking it is a complete run of the full period."""
    with h5py.File(path, "r") as f:
        check(f.attrs["hubsim_format_version"] == 3, f"{path}: no format version")
        months = f["date"].shape[0]
        emp = f["employment"][()]
        check(emp.shape[0] == months == f["time"].shape[0], f"{path}: employment has {emp.shape[0]} of {months} months")
        return emp


def leftovers(work, out):
    """Classifies what a killed run left: (output present, temporaries); fails on anything else."""
    temps, present = [], False
    for name in os.listdir(work):
        path = os.path.join(work, name)
        if name == os.path.basename(out):
            present = True
        elif name.startswith(os.path.basename(out) + ".tmp-"):
            temps.append(path)
        else:
            check(False, f"unexpected file after a kill: {name}")
    return present, temps


def kill_test(binary, work, out, scale, duration, reference, kills):
    rng = random.Random(SEED)
    # Most kills at any moment of the run; a quarter aimed just after its last month, while the
    # results are assembled and the file written (a window of some 10-100 ms).
    moments = [("anywhere", rng.uniform(0.02, 1.05) * duration) for _ in range(kills - kills // 4)]
    moments += [("at write", rng.uniform(0.0, 0.08)) for _ in range(kills // 4)]
    outcomes = {"absent": 0, "complete": 0, "temporary left": 0}
    for kind, at in moments:
        p = start(binary, work, out, scale, quiet=kind == "anywhere")
        if kind == "at write":
            while True:  # the progress line of the last month: "2035-12  168/168 months ..."
                line = p.stderr.readline()
                check(line, "run ended before its last progress line")
                done = line.split()[1].split("/") if "months" in line else []
                if len(done) == 2 and done[0] == done[1]:
                    break
        time.sleep(at)
        p.send_signal(signal.SIGKILL)
        p.communicate(timeout=60)
        present, temps = leftovers(work, out)
        if present:
            check(np.array_equal(employment(out), reference), f"kill at {at:.2f} s: {out} differs from the reference run")
            outcomes["complete"] += 1
            os.remove(out)
        else:
            outcomes["absent"] += 1
        for t in temps:  # a temporary is never at the output path; a real user would delete it
            outcomes["temporary left"] += 1
            os.remove(t)
    return outcomes


def interrupt_test(binary, work, out, scale, sig):
    p = start(binary, work, out, scale, quiet=False)
    # Wait for the first simulated year: the handlers are in place once the simulation runs.
    while "months" not in p.stderr.readline():
        check(p.poll() is None, "run ended before its first progress line")
    t0 = time.monotonic()
    p.send_signal(sig)
    err = p.stderr.read()
    code = p.wait(timeout=30)
    stopped = time.monotonic() - t0
    name = signal.Signals(sig).name
    check(code == 130, f"{name}: exit code {code}, expected 130\n{err}")
    last = err.strip().splitlines()[-1] if err.strip() else ""
    check(last.startswith("hubsim: interrupted, stopped after ") and last.endswith("; no run file written"),
          f"{name}: last stderr line is {last!r}")
    check(not os.listdir(work), f"{name}: files left behind: {os.listdir(work)}")
    check(stopped < 5, f"{name}: took {stopped:.1f} s to stop")


def test(argv):
    binary, work = argv[0], scratch(argv[1])
    kills = int(argv[2]) if len(argv) > 2 else 20
    out = os.path.join(work, "out.h5")
    # Size the run to ~TARGET_SECONDS on this build (release ~1.5 s per unit of scale, ASan far slower).
    unit = timed_run(binary, work, out, 1.0)
    scale = max(0.2, min(5.0, TARGET_SECONDS / unit))
    os.remove(out)
    duration = timed_run(binary, work, out, scale)
    reference = employment(out)
    os.remove(out)
    outcomes = kill_test(binary, work, out, scale, duration, reference, kills)
    for sig in (signal.SIGINT, signal.SIGTERM):
        interrupt_test(binary, work, out, scale, sig)
    print(f"scale {scale:.2f}, run {duration:.2f} s, {kills} kills survived: {outcomes}", file=sys.stderr)


main(test)
