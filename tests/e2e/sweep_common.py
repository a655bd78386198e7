"""Helpers for the sweep end-to-end tests: a small experiment of short runs, comparisons of
sweep directories, and a check of what an interrupted sweep left on disk."""
import os
import re
import shutil
import time

from e2e_common import check, ok_run, write

SUMMARY = ("summary.csv", "sweep.nc", "index.csv")
TEMPORARY = re.compile(r"^(.+)\.tmp-\d+$")  # what a killed writer may leave: NAME.tmp-PID

# 12 runs (3 x 2 grid, 2 replicates) of two simulated years each: ~0.1 s per run.
GRID = """name: e2e_grid
set:
  run.end: 2023-12
parameters:
  - key: labour.commute_minutes
    values: [30, 45, 60]
  - key: labour.quit_rate_per_year
    range: [0.04, 0.12]
    levels: 2
design: {kind: grid}
replicates: 2
seed: 11
outcomes:
  - {name: county_jobs, variable: employment, hub: county, when: 2023-12}
  - {name: leavers_2023, variable: leavers, when: "2023", stat: sum}
  - {name: preston_firms_mean, variable: firms, hub: Preston, when: 2022-06..2023-12}
"""


def experiment(work, text=GRID, name="grid.yaml"):
    return write(os.path.join(work, name), text)


def sized_sweep(binary, work, text, target):
    """Writes the experiment and runs it uninterrupted into WORK/whole (-j 2). In a slow build
    (sanitizers) whose sweep takes well over `target` seconds, first shrinks population.scale so
    that it takes about that, keeping the crash tests' time in bounds. Returns (experiment path,
    experiment text, whole directory, seconds taken)."""
    whole = os.path.join(work, "whole")
    for attempt in range(2):
        exp = experiment(work, text)
        shutil.rmtree(whole, ignore_errors=True)
        t0 = time.monotonic()
        ok_run(binary, "sweep", exp, "-o", whole, "-j", "2", "-q")
        seconds = time.monotonic() - t0
        if attempt or seconds < 1.5 * target:
            return exp, text, whole, seconds
        text = text.replace("set:\n", f"set:\n  population.scale: {max(0.2, target / seconds):.2f}\n", 1)


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def same_outputs(a, b, what):
    """The summary (CSV and sweep.nc) and the index of two sweep directories are byte-identical."""
    for name in ("summary.csv", "sweep.nc", "index.csv"):
        pa, pb = os.path.join(a, name), os.path.join(b, name)
        check(os.path.isfile(pa) and os.path.isfile(pb), f"{what}: {name} missing in {a} or {b}")
        check(read_bytes(pa) == read_bytes(pb),
              f"{what}: {name} differs\n--- {pa}\n{read_bytes(pa)[:2000]!r}\n--- {pb}\n{read_bytes(pb)[:2000]!r}")


def contents(path):
    """Every dataset of a run file, by name (the attributes hold timing facts that differ by run)."""
    import h5py  # only the crash-safety tests read run files
    out = {}
    with h5py.File(path, "r") as f:
        check(f.attrs["hubsim_format_version"] == 3, f"{path}: no format version")
        f.visititems(lambda name, obj: out.__setitem__(name, obj[()]) if isinstance(obj, h5py.Dataset) else None)
    return out


def same_contents(a, b):
    import numpy as np
    return a.keys() == b.keys() and all(
        np.array_equal(a[k], b[k], equal_nan=a[k].dtype.kind == "f") for k in a)


class Checker:
    """Checks an interrupted sweep's directory against an uninterrupted one (`whole`): every run file
    complete and equal to whole's, temporaries only as NAME.tmp-PID, no .error (no run of these
    experiments fails) and summary files only once every run is done, each equal to whole's."""

    def __init__(self, whole, exp_text):
        self.whole, self.exp_text = whole, exp_text
        self.summary = {n: read_bytes(os.path.join(whole, n)) for n in SUMMARY}
        runs = os.path.join(whole, "runs")
        self.runs = {n: contents(os.path.join(runs, n)) for n in os.listdir(runs)}
        self.count = len(self.runs)
        check(all(n.endswith(".h5") for n in self.runs), f"uninterrupted sweep wrote {sorted(self.runs)}")
        self.valid = set()  # (name, inode, mtime) of run files already checked

    def run_file(self, path):
        st = os.stat(path)
        key = (os.path.basename(path), st.st_ino, st.st_mtime_ns)
        if key in self.valid:
            return
        try:
            data = contents(path)
        except (OSError, KeyError) as e:
            check(False, f"{path} is not a readable, complete run file: {e}")
        check(same_contents(data, self.runs[os.path.basename(path)]), f"{path} differs from the uninterrupted run")
        self.valid.add(key)

    def directory(self, d):
        """Returns (run files, temporaries, summary files) found; fails on anything not allowed."""
        done, temps = 0, 0
        if not os.path.isdir(d):  # killed before it created the directory
            return done, temps, 0
        runs = os.path.join(d, "runs")
        for name in os.listdir(runs) if os.path.isdir(runs) else []:
            m = TEMPORARY.match(name)
            if m and (m.group(1) in self.runs or m.group(1).endswith(".error")):
                temps += 1
            elif name in self.runs:
                self.run_file(os.path.join(runs, name))
                done += 1
            else:
                check(False, f"unexpected file: runs/{name}")
        present = []
        for name in os.listdir(d):
            path = os.path.join(d, name)
            m = TEMPORARY.match(name)
            if m and m.group(1) in SUMMARY + ("experiment.yaml",):
                temps += 1
            elif name == "experiment.yaml":
                check(read_bytes(path).decode() == self.exp_text, "experiment.yaml is not the experiment")
            elif name in SUMMARY:
                # Written only once every run is done, each atomically, summary.csv last.
                check(read_bytes(path) == self.summary[name], f"{name} differs from the uninterrupted sweep's")
                present.append(name)
            elif name != "runs":
                check(False, f"unexpected file: {name}")
        check(not present or done == self.count, f"{present} written with only {done} of {self.count} runs done")
        check("summary.csv" not in present or len(present) == 3, f"summary.csv without the others: {present}")
        return done, temps, len(present)


def run_files(d):
    """How many run files (final names only) the sweep directory holds."""
    runs = os.path.join(d, "runs")
    return sum(n.endswith(".h5") for n in os.listdir(runs)) if os.path.isdir(runs) else 0


def no_temporaries(d):
    left = [n for n in os.listdir(d) + os.listdir(os.path.join(d, "runs")) if TEMPORARY.match(n)]
    check(not left, f"temporaries left in {d}: {left}")


def summary_rows(path):
    import csv
    with open(os.path.join(path, "summary.csv"), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))
