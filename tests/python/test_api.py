#!/usr/bin/python3
"""The hubsim Python package end to end, with Debian's interpreter: runs in memory equal the CLI's
run files, errors carry the CLI's messages, params() is the reference, open_sweep gives one
Dataset, and `pip install` of python/ (offline, into a target folder) gives a working package.

    test_api.py BUILD_DIR HUBSIM SCRATCH
"""
import os
import shutil
import subprocess
import sys
import time

BUILD, HUBSIM, WORK = sys.argv[1], sys.argv[2], sys.argv[3]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
shutil.rmtree(WORK, ignore_errors=True)
os.makedirs(WORK)
sys.path.insert(0, os.path.join(BUILD, "python"))

import numpy as np  # noqa: E402
import xarray as xr  # noqa: E402

import hubsim  # noqa: E402

failures = []


def check(ok, message):
    if not ok:
        failures.append(message)
        print("FAIL:", message, file=sys.stderr)


def cli(*args):
    p = subprocess.run([HUBSIM, *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


SHORT = {"run.end": "2023-12"}

# 1. In memory, the same dataset as the CLI's run file, and (with output=) the same bytes.
t0 = time.monotonic()
ds = hubsim.run(seed=5, set=SHORT, changes=[("2023-03", "labour.commute_minutes", 30)], threads=1,
                output=os.path.join(WORK, "py.h5"))
took = time.monotonic() - t0
path = os.path.join(WORK, "cli.h5")
code, _, err = cli("run", "-q", "--seed", "5", "--set", "run.end=2023-12", "--change", "2023-03:labour.commute_minutes=30",
                   "-o", path, "--threads", "2")
check(code == 0, f"hubsim run failed: {err}")
with xr.open_dataset(path, engine="h5netcdf") as f:
    try:
        xr.testing.assert_identical(ds, f.load())
    except AssertionError as e:
        check(False, f"hubsim.run differs from the CLI's run file: {str(e)[:2000]}")
check(hubsim.open_run(path).identical(hubsim.open_run(path, engine="h5netcdf")),
      "open_run gives different Datasets with netCDF4 and h5netcdf")
check(open(path, "rb").read() == open(os.path.join(WORK, "py.h5"), "rb").read(),
      "hubsim.run(output=...) is not byte-identical to `hubsim run -o`")
check(ds["employment"].dims == ("time", "hub") and ds["employment"].sum() > 0, "no employment in the Dataset")
check(np.issubdtype(ds["time"].dtype, np.datetime64), "time is not decoded as dates")
check("2023-03" in ds.attrs["config"], "the schedule of changes is not in the Dataset's config")
check(hubsim.run(seed=5, set=SHORT, changes=["2023-03:labour.commute_minutes=30"], threads=2).identical(ds),
      "a change given as text, on 2 threads, differs")
check(not hubsim.run(seed=6, set=SHORT).identical(ds), "another seed gave the same Dataset")
print(f"hubsim.run, 24 months: {took:.2f} s")

# 2. Errors: Python exceptions with the CLI's message.
for kwargs, cli_args in [
    ({"set": {"labour.commute_minutes": 900}}, ["--set", "labour.commute_minutes=900"]),
    ({"set": {"labour.no_such_key": 1}}, ["--set", "labour.no_such_key=1"]),
    ({"changes": ["2026-03:population.scale=2"]}, ["--change", "2026-03:population.scale=2"]),
    ({"changes": [("2040-01", "labour.commute_minutes", 30)]}, ["--change", "2040-01:labour.commute_minutes=30"]),
]:
    try:
        hubsim.run(**kwargs)
        check(False, f"hubsim.run({kwargs}) did not raise")
    except hubsim.ConfigError as e:
        code, _, err = cli("check", *cli_args)
        check(code == 2 and err.strip() == f"hubsim: error: {e}", f"message differs: {e!s} vs {err.strip()}")
        check(isinstance(e, ValueError), "ConfigError is not a ValueError")
try:
    hubsim.run(os.path.join(WORK, "missing.yaml"))
    check(False, "a missing scenario file did not raise")
except hubsim.ConfigError as e:
    check("missing.yaml" in str(e), f"the error does not name the file: {e}")

# 3. params(): the reference as a table, with what can change during a run.
p = hubsim.params()
check(len(p) > 150 and {"meaning", "unit", "range", "value", "changes"} <= set(p.columns), "params() is not the reference")
check(p.loc["labour.commute_minutes", "changes"] == "any month" and p.loc["population.scale", "changes"] == "at start",
      "params() does not say which parameters can change during a run")
check(p.loc["hubs.Preston.incubation_space", "value"] != "", "table rows are missing from params()")
check(float(hubsim.params(set={"labour.commute_minutes": 50}).loc["labour.commute_minutes", "value"]) == 50,
      "params(set=...) does not show the override")

# 4. open_sweep: a real sweep as one Dataset.
experiment = os.path.join(WORK, "sweep.yaml")
with open(experiment, "w") as f:
    f.write("""name: py_sweep
parameters:
  - {key: labour.commute_minutes, values: [30, 60]}
design: {kind: grid}
replicates: 2
seeds: common
outcomes:
  - {name: jobs_end, variable: employment, hub: county, when: 2022-12}
""")
sweep = os.path.join(WORK, "sweep")
code, _, err = cli("sweep", "-q", experiment, "-o", sweep, "-j", "2")
check(code == 0, f"hubsim sweep failed: {err}")
t0 = time.monotonic()
runs = hubsim.open_sweep(sweep, variables=["employment"])
took = time.monotonic() - t0
check(runs.sizes["run"] == 4, f"open_sweep: {runs.sizes}")
check(sorted(set(runs["labour.commute_minutes"].values.tolist())) == [30.0, 60.0], "swept parameter not a coordinate")
check(runs["seed"].dtype == np.int64 and len(set(runs["seed"].values.tolist())) == 2, "seeds are not coordinates")
check(runs["employment"].dims == ("run", "time", "hub"), f"employment dims {runs['employment'].dims}")
county = runs["employment"].sel(hub=[h for h in runs["hub"].values if h not in ("Greater Manchester", "London")])
check(np.allclose(county.sum("hub").sel(time="2022-12").values.ravel(), runs["jobs_end"].values),
      "outcomes and time series of open_sweep disagree")
print(f"open_sweep, 4 runs with employment: {took:.2f} s")
check(list(runs["run"].values) == ["0000_00", "0000_01", "0001_00", "0001_01"], f"run ids {list(runs['run'].values)}")
check("scenario" in runs.coords and "status" in runs.coords, "scenario/status are not coordinates")
# After `hubsim collect --series`, open_sweep reads the series from sweep.nc; without sweep.nc (a
# sweep made before format 3) it builds the same table from summary.csv.
code, _, err = cli("collect", "-q", sweep, "--series", "employment@county", "--series", "employment")
check(code == 0, f"hubsim collect failed: {err}")
collected = hubsim.open_sweep(sweep)
check("employment_county" in collected and collected["employment_county"].dims == ("run", "time"),
      "open_sweep does not use the series in sweep.nc")
check(np.array_equal(collected["employment"].values, runs["employment"].values),
      "series from sweep.nc differ from those read from the run files")
check(collected.identical(hubsim.open_sweep(sweep, engine="h5netcdf")), "the engines give different sweeps")
os.remove(os.path.join(sweep, "sweep.nc"))
old = hubsim.open_sweep(sweep, variables=["employment"])
for name in ("point", "replicate", "seed", "status", "labour.commute_minutes"):
    check(np.array_equal(old[name].values, runs[name].values), f"summary.csv fallback: {name} differs")
check(np.array_equal(old["jobs_end"].values, runs["jobs_end"].values), "summary.csv fallback: outcomes differ")
check(np.array_equal(old["employment"].values, runs["employment"].values), "summary.csv fallback: series differ")

# 5. pip install of python/ without network into a target folder, then import from there only.
target = os.path.join(WORK, "site")
source = os.path.join(WORK, "package-source")  # a copy: pip writes build/ and egg-info/ beside setup.py
shutil.copytree(os.path.join(ROOT, "python"), source, ignore=shutil.ignore_patterns("build", "*.egg-info"))
shutil.copy(os.path.join(ROOT, "CMakeLists.txt"), WORK)  # setup.py reads the version from ../CMakeLists.txt
p = subprocess.run([sys.executable, "-m", "pip", "install", "--no-build-isolation", "--no-deps", "--no-index",
                    "--quiet", "--target", target, source],
                   env=dict(os.environ, HUBSIM_BUILD_DIR=BUILD, PIP_NO_CACHE_DIR="1"), capture_output=True, text=True,
                   cwd=WORK)
check(p.returncode == 0, f"pip install failed:\n{p.stdout[-1500:]}\n{p.stderr[-1500:]}")
p = subprocess.run([sys.executable, "-c", "import hubsim, sys; ds = hubsim.run(seed=1, set={'run.end': '2022-03'});"
                    "print(hubsim.__file__, int(ds['employment'].isel(time=-1).sum()))"],
                   env=dict(os.environ, PYTHONPATH=target), capture_output=True, text=True, cwd=WORK)
check(p.returncode == 0 and p.stdout.startswith(target), f"the installed package does not work:\n{p.stdout}\n{p.stderr}")

if failures:
    print(f"{len(failures)} failure(s)", file=sys.stderr)
    sys.exit(1)
print("ok")
