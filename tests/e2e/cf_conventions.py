"""CF-1.8 checks on a run file (with agent snapshots) and on a sweep file made by `hubsim collect`:
the checks sim/io/FORMAT.md lists under "CF conventions" (no CF checker is packaged for Debian 12).
Files are read with netCDF4-python (netCDF-C) and xarray; `ncdump -t` must print dates.
Usage: cf_conventions.py HUBSIM SCRATCH"""
import os
import re
import subprocess

import netCDF4
import numpy as np
import xarray as xr

from e2e_common import check, main, ok_run, scratch, write

CF_METHODS = {"point", "sum", "maximum", "median", "mid_range", "minimum", "mean", "mode", "range",
              "standard_deviation", "variance"}
FLAG_WORD = re.compile(r"^[A-Za-z0-9_.+@-]+$")
NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_.@+-]*$")
# A CF cell_methods string: "name: [name: ...] method [(comment)]" repeated.
CELL = re.compile(r"\s*((?:[A-Za-z_][A-Za-z0-9_]*:\s+)+)([a-z_]+)(\s*\([^)]*\))?")


def parse_cell_methods(text):
    pairs, at = [], 0
    while at < len(text):
        m = CELL.match(text, at)
        if not m:
            return None
        pairs.append((re.findall(r"([A-Za-z_][A-Za-z0-9_]*):", m.group(1)), m.group(2)))
        at = m.end()
    return pairs


def cf_problems(path):
    """Every departure from the checks, as text; variables over time without cell methods apart."""
    problems, no_methods = [], []
    with netCDF4.Dataset(path) as nc:
        nc.set_auto_mask(False)
        g = nc.__dict__
        if g.get("Conventions") != "CF-1.8":
            problems.append(f"Conventions is {g.get('Conventions')!r}")
        for k, v in g.items():
            if isinstance(v, str) and v == "" and k != "experiment":
                problems.append(f"global attribute {k} is empty")
        variables = nc.variables
        dims = nc.dimensions

        # 10. names
        for name in list(variables) + list(dims):
            if not NAME.match(name):
                problems.append(f"{name}: not a netCDF-legal name starting with a letter")

        # 2. time
        time = variables["time"]
        units = time.getncattr("units")
        if not re.match(r"^days since \d{4}-\d{2}-\d{2}$", units):
            problems.append(f"time units {units!r}")
        if time.getncattr("calendar") != "standard" or time.getncattr("axis") != "T" or \
                time.getncattr("standard_name") != "time":
            problems.append("time: calendar/axis/standard_name are not standard/T/time")
        t = time[:]
        if len(t) > 1 and not np.all(np.diff(t) > 0):
            problems.append("time is not strictly increasing")
        if len(t):
            netCDF4.num2date(t, units, time.getncattr("calendar"))  # raises if CF cannot decode it

        # 3. bounds
        bname = time.getncattr("bounds")
        if bname not in variables:
            problems.append(f"time:bounds names {bname}, which does not exist")
        else:
            b = variables[bname]
            if b.dimensions != ("time", "nv") or len(dims["nv"]) != 2:
                problems.append(f"{bname} has dims {b.dimensions}, expected (time, nv) with nv = 2")
            if b.getncattr("units") != units or b.getncattr("calendar") != time.getncattr("calendar"):
                problems.append(f"{bname}: units or calendar differ from time's")
            bv = b[:]
            if len(t) and (not np.array_equal(bv[:, 0], t) or not np.array_equal(bv[:-1, 1], bv[1:, 0]) or
                           not np.all(bv[:, 1] > bv[:, 0])):
                problems.append(f"{bname}: the cells do not tile the period from each time value on")
            if len(t):
                starts = netCDF4.num2date(bv[:, 1], units, "standard")
                if any(d.day != 1 for d in starts):
                    problems.append(f"{bname}: upper bounds are not first days of months")

        labels = {}  # label dimension -> its labels
        for dname in dims:
            if dname in variables:
                c = variables[dname]
                # 7. coordinate variables
                if c.dimensions != (dname,):
                    problems.append(f"coordinate {dname} has dims {c.dimensions}")
                values = c[:]
                if c.dtype == str or values.dtype.kind in "OU":
                    labels[dname] = [str(x) for x in values]
                    if len(set(labels[dname])) != len(labels[dname]):
                        problems.append(f"coordinate {dname}: labels are not unique")
                elif len(values) > 1 and not (np.all(np.diff(values) > 0) or np.all(np.diff(values) < 0)):
                    problems.append(f"coordinate {dname} is not strictly monotonic")
                if dname in ("event", "link", "snapshot", "snapshot_worker", "snapshot_firm") and values.dtype.kind != "i":
                    problems.append(f"row coordinate {dname} is {values.dtype}, not integer")
            elif dname != "nv":
                problems.append(f"dimension {dname} has no coordinate variable")

        for name, v in variables.items():
            attrs = v.__dict__
            # 1. long names, no empty text attributes
            if name != bname and not attrs.get("long_name"):
                problems.append(f"{name}: no long_name")
            for k, a in attrs.items():
                if isinstance(a, str) and a == "":
                    problems.append(f"{name}: attribute {k} is empty")
            # 9. one unit per variable
            u = attrs.get("units", "")
            if " by " in u or ";" in u or u.startswith("by "):
                problems.append(f"{name}: more than one unit in {u!r}")
            # 4. cell methods
            if "time" in v.dimensions and name not in ("time", "date", bname):
                cm = attrs.get("cell_methods")
                if cm is None:
                    if v.dtype != str:
                        no_methods.append(name)
                else:
                    pairs = parse_cell_methods(cm)
                    if pairs is None:
                        problems.append(f"{name}: cell_methods {cm!r} do not parse")
                    else:
                        for names, method in pairs:
                            if method not in CF_METHODS:
                                problems.append(f"{name}: cell method {method!r} is not a CF method")
                            for n in names:
                                if n not in v.dimensions:
                                    problems.append(f"{name}: cell_methods name {n}, not one of its dims")
            # 5. flags
            if "flag_values" in attrs:
                fv = np.atleast_1d(attrs["flag_values"])
                if v.dtype.kind != "i" or fv.dtype != v.dtype:
                    problems.append(f"{name}: flag_values {fv.dtype} on a {v.dtype} variable")
                meanings = attrs.get("flag_meanings", "").split()
                if len(meanings) != len(fv):
                    problems.append(f"{name}: {len(fv)} flag values but {len(meanings)} meanings")
                if len(set(fv.tolist())) != len(fv):
                    problems.append(f"{name}: flag values repeat")
                for m in meanings:
                    if not FLAG_WORD.match(m):
                        problems.append(f"{name}: flag meaning {m!r} is not a CF word")
                data = np.asarray(v[:])
                if data.size and not np.isin(data, fv).all():
                    problems.append(f"{name}: values {sorted(set(data.ravel().tolist()) - set(fv.tolist()))[:5]} "
                                    "are not among its flag_values")
                if "hubsim_index_of" in attrs:
                    d = attrs["hubsim_index_of"]
                    want = [re.sub(r"[^A-Za-z0-9_.+@-]+", "_", x).strip("_") for x in labels.get(d, [])]
                    if d not in labels or meanings != want or fv.tolist() != list(range(len(want))):
                        problems.append(f"{name}: hubsim_index_of {d!r}, but its flags are not {d}'s positions and labels")
            elif "hubsim_index_of" in attrs:
                problems.append(f"{name}: hubsim_index_of without flag_values")
            # 6. coordinates
            for c in attrs.get("coordinates", "").split():
                if c not in variables:
                    problems.append(f"{name}: coordinates name {c}, which does not exist")
                elif not set(variables[c].dimensions) <= set(v.dimensions):
                    problems.append(f"{name}: coordinate {c} has dims outside {v.dimensions}")
            # 8. ragged arrays
            if "sample_dimension" in attrs:
                d = attrs["sample_dimension"]
                if d not in dims:
                    problems.append(f"{name}: sample_dimension {d} is not a dimension")
                elif int(np.sum(v[:])) != len(dims[d]):
                    problems.append(f"{name}: counts sum to {int(np.sum(v[:]))}, {d} has {len(dims[d])} rows")
    return problems, no_methods


def test(argv):
    binary, work = argv[0], scratch(argv[1])
    run = os.path.join(work, "run.h5")
    ok_run(binary, "run", "-q", "--set", "output.snapshot_every_months=24", "--set", "run.end=2025-12", "-o", run,
           cwd=work)
    problems, no_methods = cf_problems(run)
    with netCDF4.Dataset(run) as nc:
        for name, want in [("employment", "time: point (end of month)"), ("hires", "time: sum"),
                           ("flow_talent", "time: sum"), ("gva_m", "time: mean")]:
            check(nc[name].getncattr("cell_methods") == want, f"{name}: cell_methods {nc[name].getncattr('cell_methods')!r}")
        for name in ("hub_kind", "event_kind", "worker_status", "firm_stage"):
            check("flag_values" in nc[name].ncattrs() and "flag_meanings" in nc[name].ncattrs(), f"{name} has no flags")
        for name in ("event_hub", "link_from", "link_to", "worker_home", "firm_hub"):
            check(nc[name].getncattr("hubsim_index_of") == "hub", f"{name} is not documented as an index into hub")
        check("flows" not in nc.variables and "flow_kind" not in nc.dimensions, "the format-2 flows variable is back")
        units = {k: nc[f"flow_{k}"].getncattr("units") for k in ("knowledge", "talent", "capital", "contracts")}
        check(units == {"knowledge": "collaborations", "talent": "people", "capital": "GBP thousand",
                        "contracts": "GBP thousand"}, f"flow units {units}")
        check(nc["event"].dtype == np.int64 and nc["link"].dtype == np.int64, "row coordinates are not int64")
    check(not problems, f"{run}: CF problems:\n  " + "\n  ".join(problems))
    if no_methods:
        print(f"note: variables over time without cell_methods (their model should set them): {', '.join(no_methods)}")

    # ncdump -t decodes time (and the bounds) to dates.
    dump = subprocess.run(["ncdump", "-t", "-v", "time,time_bnds", run], capture_output=True, text=True, timeout=30)
    check(dump.returncode == 0, f"ncdump -t failed: {dump.stderr}")
    body = dump.stdout.split("data:")[-1]
    check(re.search(r'time = "2022-01-01", "2022-02-01"', body), f"ncdump -t prints no dates:\n{body[:300]}")
    check('"2022-01-01", "2022-02-01"' in body.split("time_bnds =")[-1], f"ncdump -t prints no bound dates:\n{body[-300:]}")

    # xarray, both engines: the same decoded Dataset (time and bounds as dates, flags as attributes).
    opened = {}
    for engine in ("h5netcdf", "netcdf4"):
        with xr.open_dataset(run, engine=engine) as ds:
            opened[engine] = ds.load()
    a, b = opened["h5netcdf"], opened["netcdf4"]
    check(a["time_bnds"].dtype.kind == "M", f"xarray does not decode time_bnds: {a['time_bnds'].dtype}")
    check(set(a.variables) == set(b.variables), "the engines see different variables")
    for name in a.variables:
        if a[name].dtype.kind in "fiM":
            check(np.array_equal(a[name].values, b[name].values, equal_nan=a[name].dtype.kind == "f"),
                  f"{name}: h5netcdf and netCDF4 disagree")
    check(list(a["hub_kind"].attrs["flag_meanings"].split()) ==
          ["enterprise_hub", "spoke", "rest_of_county", "external_metro"], "hub_kind flag_meanings")

    # A sweep file: the same checks.
    experiment = write(os.path.join(work, "sweep.yaml"), """name: cf_sweep
set: {run.end: 2022-06}
parameters:
  - {key: labour.commute_minutes, values: [30, 60]}
design: {kind: grid}
replicates: 2
outcomes:
  - {name: jobs_end, variable: employment, hub: county, when: last}
""")
    sweep = os.path.join(work, "sweep")
    ok_run(binary, "sweep", "-q", experiment, "-o", sweep, "-j", "2", cwd=work)
    ok_run(binary, "collect", sweep, "--series", "employment@county", "--series", "hires", "-q", cwd=work)
    problems, no_methods = cf_problems(os.path.join(sweep, "sweep.nc"))
    check(not problems, "sweep.nc: CF problems:\n  " + "\n  ".join(problems))
    check(not no_methods, f"sweep.nc: series without cell_methods: {no_methods}")


main(test)
