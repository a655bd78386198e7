"""Helpers for the sweep end-to-end tests: a small experiment of short runs, and comparisons of
sweep directories."""
import os

from e2e_common import check, write

# 12 runs (3 x 2 grid, 2 replicates) of two simulated years each: ~0.1 s per run.
GRID = """name: e2e_grid
set:
  run.end: 2023-12
parameters:
  - key: labour.commute_minutes
    values: [30, 45, 60]
  - key: firms.demand_growth_per_year
    range: [0.0, 0.08]
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


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def same_outputs(a, b, what):
    """The summary (CSV and HDF5) and the index of two sweep directories are byte-identical."""
    for name in ("summary.csv", "summary.h5", "index.csv"):
        pa, pb = os.path.join(a, name), os.path.join(b, name)
        check(os.path.isfile(pa) and os.path.isfile(pb), f"{what}: {name} missing in {a} or {b}")
        check(read_bytes(pa) == read_bytes(pb),
              f"{what}: {name} differs\n--- {pa}\n{read_bytes(pa)[:2000]!r}\n--- {pb}\n{read_bytes(pb)[:2000]!r}")


def summary_rows(path):
    import csv
    with open(os.path.join(path, "summary.csv"), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))
