"""A run file is NetCDF-4: xarray (h5netcdf engine) gives a tidy Dataset whose dims, coordinates,
dtypes and values match what h5py reads, and `ncdump -h` (netCDF-C) reads the header.
Usage: netcdf_xarray.py HUBSIM SCRATCH"""
import os
import subprocess

import h5py
import numpy as np
import xarray as xr

from e2e_common import check, main, ok_run, scratch

HUBSIM_ONLY_ATTRS = {"DIMENSION_LIST", "REFERENCE_LIST", "CLASS", "NAME", "hubsim_dims", "coordinates"}


def text(x):
    return x.decode() if isinstance(x, bytes) else str(x)


def check_against_h5py(path, ds):
    with h5py.File(path, "r") as f:
        dims = {name: f[name].shape[0] for name in f if f[name].attrs.get("CLASS") == b"DIMENSION_SCALE"}
        check(dict(ds.sizes) == dims, f"xarray dims {dict(ds.sizes)} != dimension scales {dims}")
        for name in dims:
            if name == "nv":  # the bounds dimension has no coordinate variable
                check(name not in ds.variables, "nv became a variable in xarray")
                continue
            check(name in ds.indexes, f"dimension {name} is not an indexed coordinate in xarray")
        for name, obj in f.items():
            if name in dims or name in ("date", "time_bnds"):
                continue
            check(name in ds.data_vars, f"/{name} is not a data variable in xarray")
            var = ds[name]
            want_dims = tuple(text(obj.attrs["hubsim_dims"]).split())
            check(var.dims == want_dims, f"{name}: xarray dims {var.dims}, hubsim_dims says {want_dims}")
            raw = obj[()]
            if var.dtype.kind == "M":  # CF time decoded to datetime64: compare the raw days instead
                check(ds[name].encoding.get("units") == text(obj.attrs["units"]), f"{name}: units lost")
                continue
            check(var.dtype == raw.dtype, f"{name}: xarray dtype {var.dtype}, h5py {raw.dtype}")
            same = np.array_equal(var.values, raw, equal_nan=True) if raw.dtype.kind == "f" else np.array_equal(var.values, raw)
            check(same, f"{name}: xarray values differ from h5py's")
            check(var.attrs.get("long_name") == text(obj.attrs["long_name"]), f"{name}: long_name differs")
            if "time" in want_dims:
                check("date" in var.coords, f"{name}: the date coordinate does not come with it")
        # Coordinates: labels, and time decoded from "days since YYYY-MM-01" to each month's first day.
        hubs = [text(x) for x in f["hub"][()]]
        check(list(ds.indexes["hub"]) == hubs, f"hub coordinate {list(ds.indexes['hub'])} != {hubs}")
        dates = [text(x) for x in f["date"][()]]
        check(list(ds["date"].values) == dates, "the date coordinate differs from /date")
        check(ds["time"].dtype == np.dtype("datetime64[ns]"), f"time decoded to {ds['time'].dtype}")
        months = [str(t)[:7] for t in ds["time"].values.astype("datetime64[M]")]
        check(months == dates, f"decoded time {months[:3]}... does not match /date {dates[:3]}...")
        days = (ds["time"].values - ds["time"].values[0]).astype("timedelta64[D]").astype(float)
        check(np.array_equal(days, f["time"][()]), "decoded time does not match the stored day offsets")
        for attr in ("scenario", "config", "hubsim_version", "git_commit", "Conventions"):
            check(text(ds.attrs[attr]) == text(f.attrs[attr]), f"root attribute {attr} differs in xarray")
        check(int(ds.attrs["seed"]) == int(f.attrs["seed"]), "root attribute seed differs in xarray")
        return dims


def test(argv):
    binary, work = argv[0], scratch(argv[1])
    path = os.path.join(work, "run.h5")
    ok_run(binary, "run", "-q", "-o", path, cwd=work)

    with xr.open_dataset(path, engine="h5netcdf") as ds:
        dims = check_against_h5py(path, ds)
        emp = ds["employment"].sel(hub="Preston")
        check(emp.dims == ("time",) and int(emp.isel(time=0)) > 0, "employment.sel(hub='Preston') is empty")
        for kind in ("knowledge", "talent", "capital", "contracts"):
            flow = ds[f"flow_{kind}"]
            check(flow.dims == ("time", "origin", "destination"), f"flow_{kind} has dims {flow.dims}")
            check(";" not in flow.attrs["units"], f"flow_{kind} has several units: {flow.attrs['units']}")
        check(ds["time_bnds"].dims == ("time", "nv") and ds["event"].dtype == np.int64, "no time_bnds or float rows")

    dump = subprocess.run(["ncdump", "-h", path], capture_output=True, text=True, timeout=30)
    check(dump.returncode == 0, f"ncdump -h {path} failed:\n{dump.stderr}")
    for name, size in dims.items():
        check(f"\t{name} = {size} ;" in dump.stdout or f"\t{name} = UNLIMITED ; // ({size} currently)" in dump.stdout,
              f"ncdump -h does not show dimension {name} = {size}:\n{dump.stdout[:500]}")
    check("int64 employment(time, hub) ;" in dump.stdout, "ncdump -h does not show employment(time, hub)")
    check('time:units = "days since ' in dump.stdout, "ncdump -h shows no CF time units")
    # netCDF-C reads the data too, not just the header.
    data = subprocess.run(["ncdump", "-v", "employment", path], capture_output=True, text=True, timeout=30)
    check(data.returncode == 0 and "employment =" in data.stdout, f"ncdump -v employment failed:\n{data.stderr}")


main(test)
