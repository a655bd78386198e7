"""`hubsim collect DIR` writes the sweep as one NetCDF-4 file over `run` that xarray (both engines)
and pandas open; bad input is one line naming the file or key, exit 2, and nothing is written.
`hubsim sweep EDITED.yaml -o DIR --merge` recomputes outcomes without simulating and records the
experiment it used in DIR/experiment.yaml; an edit that changes the runs is refused.
Usage: sweep_collect.py HUBSIM SCRATCH"""
import csv
import os
import shutil

import numpy as np
import xarray as xr

from e2e_common import check, hubsim, main, ok_run, scratch, write
from sweep_common import GRID, experiment

COUNTY = ["Samlesbury", "Preston", "Lancaster", "Blackpool", "Blackburn", "Burnley", "Rest of Lancashire"]


def one_line_error(code, err, *words):
    lines = err.strip().splitlines()
    check(code == 2 and len(lines) == 1 and lines[0].startswith("hubsim: error: ") and all(w in lines[0] for w in words),
          f"expected one error line with {words}, exit 2; got exit {code}:\n{err}")


def rows(directory):
    with open(os.path.join(directory, "summary.csv"), newline="") as f:
        return list(csv.DictReader(f))


def mtimes(directory):
    runs = os.path.join(directory, "runs")
    return {n: os.stat(os.path.join(runs, n)).st_mtime_ns for n in sorted(os.listdir(runs))}


def test(argv):
    binary, work = argv[0], scratch(argv[1])
    exp = experiment(work)
    sweep = os.path.join(work, "sweep")
    ok_run(binary, "sweep", exp, "-o", sweep, "-j", "2", "-q")
    check(os.path.isfile(os.path.join(sweep, "sweep.nc")) and not os.path.exists(os.path.join(sweep, "summary.h5")),
          "the sweep wrote no sweep.nc (or still a summary.h5)")

    # collect: outcomes, coordinates and series, read by xarray with both engines and by pandas.
    out = ok_run(binary, "collect", sweep, "--series", "employment@county", "--series", "employment",
                 "--series", "flow_talent")
    check("collected 12 runs (12 ok)" in out, f"collect said: {out}")
    path = os.path.join(sweep, "sweep.nc")
    table = rows(sweep)
    for engine in ("h5netcdf", "netcdf4"):
        with xr.open_dataset(path, engine=engine) as ds:
            check(ds.sizes["run"] == 12 and list(ds["run"].values) == [r["run_id"] for r in table],
                  f"{engine}: run coordinate {list(ds['run'].values)}")
            for name in ("point", "replicate", "seed", "status", "scenario", "labour.commute_minutes",
                         "labour.quit_rate_per_year"):
                check(name in ds.coords, f"{engine}: {name} is not a coordinate")
            check(ds["seed"].dtype == np.int64, "seed is not int64")
            check(np.allclose(ds["county_jobs"].values, [float(r["county_jobs"]) for r in table]),
                  "outcomes differ from summary.csv")
            check(ds["employment_county"].dims == ("run", "time") and ds["employment"].dims == ("run", "time", "hub"),
                  f"series dims {ds['employment_county'].dims} {ds['employment'].dims}")
            summed = ds["employment"].sel(hub=COUNTY).sum("hub")
            check(np.array_equal(summed.values, ds["employment_county"].values), "employment@county != sum of county hubs")
            check(np.allclose(ds["employment_county"].sel(time="2023-12").values.ravel(), ds["county_jobs"].values),
                  "series and outcome disagree")
            check(ds["flow_talent"].dims == ("run", "time", "origin", "destination"), "flow_talent dims")
            check(ds["time"].dtype.kind == "M", "time not decoded")
            frame = ds[["county_jobs", "leavers_2023"]].to_dataframe()
            check(len(frame) == 12 and "labour.commute_minutes" in frame.columns, f"to_dataframe:\n{frame}")
            check(len(ds["employment_county"].to_dataframe()) == 12 * ds.sizes["time"], "series to_dataframe")

    # -o elsewhere; the same content.
    other = os.path.join(work, "elsewhere", "all.nc")
    os.makedirs(os.path.dirname(other))
    ok_run(binary, "collect", sweep, "-o", other, "-q")
    with xr.open_dataset(other, engine="netcdf4") as ds:
        check("employment" not in ds and "county_jobs" in ds, "collect without --series")

    # Bad input: one line naming the file or key, exit 2, nothing written (the old file intact).
    before = open(path, "rb").read()
    for args, words in [
        ([os.path.join(work, "nowhere")], ("nowhere", "no such sweep directory")),
        ([work], ("not a sweep directory",)),
        ([sweep, "--series", "no_such_variable"], ("--series", "no_such_variable")),
        ([sweep, "--series", "employment@Atlantis"], ("--series", "Atlantis")),
        ([sweep, "--series", "county_gva_m@county"], ("--series", "no hub dimension")),
        ([sweep, "--series", "employment@"], ("--series",)),
        ([sweep, "-o", work], ("-o", "directory")),
    ]:
        code, _, err = hubsim(binary, "collect", *args)
        one_line_error(code, err, *words)
    check(open(path, "rb").read() == before, "a failed collect changed sweep.nc")
    broken = os.path.join(work, "broken")
    shutil.copytree(sweep, broken)
    victim = os.path.join(broken, "runs", sorted(os.listdir(os.path.join(broken, "runs")))[3])
    with open(victim, "r+b") as f:
        f.truncate(4000)
    os.remove(os.path.join(broken, "sweep.nc"))
    code, _, err = hubsim(binary, "collect", broken)
    one_line_error(code, err, os.path.basename(victim))
    check(not os.path.exists(os.path.join(broken, "sweep.nc")), "a failed collect left sweep.nc")
    check(not any(".tmp-" in n for n in os.listdir(broken)), "a failed collect left a temporary")

    # --merge with edited outcomes: nothing simulated, outcomes recomputed, the experiment recorded.
    edited_text = GRID.replace("  - {name: leavers_2023, variable: leavers, when: \"2023\", stat: sum}\n",
                               "  - {name: hires_2023, variable: hires, when: \"2023\", stat: sum}\n")
    check(edited_text != GRID, "the edit did not apply")
    edited = write(os.path.join(work, "edited.yaml"), edited_text)
    runs_before = mtimes(sweep)
    out = ok_run(binary, "sweep", edited, "-o", sweep, "--merge")
    check("outcomes recomputed" in out, f"--merge said: {out}")
    check(mtimes(sweep) == runs_before, "--merge re-simulated or rewrote run files")
    check(open(os.path.join(sweep, "experiment.yaml")).read() == edited_text, "--merge left the old experiment.yaml")
    merged = rows(sweep)
    check("hires_2023" in merged[0] and "leavers_2023" not in merged[0], f"summary.csv columns: {list(merged[0])}")
    check(all(r["status"] == "ok" and float(r["hires_2023"]) > 0 for r in merged), "merged outcomes")
    with xr.open_dataset(path, engine="netcdf4") as ds:
        check("hires_2023" in ds and "leavers_2023" not in ds, "sweep.nc does not hold the new outcomes")
        check(ds.attrs["experiment"] == edited_text, "sweep.nc records the old experiment")
    # Resuming with the recorded experiment runs nothing.
    out = ok_run(binary, "sweep", edited, "-o", sweep)
    check(mtimes(sweep) == runs_before, "resuming after --merge re-ran runs")
    # An edit that changes the runs is refused, and changes nothing.
    changed = write(os.path.join(work, "changed.yaml"), edited_text.replace("values: [30, 45, 60]", "values: [30, 45, 70]"))
    code, _, err = hubsim(binary, "sweep", changed, "-o", sweep, "--merge")
    one_line_error(code, err, "changed.yaml", "--merge only recomputes outcomes", "parameter values")
    check(open(os.path.join(sweep, "experiment.yaml")).read() == edited_text, "a refused --merge changed experiment.yaml")
    check(rows(sweep) == merged, "a refused --merge changed summary.csv")


main(test)
