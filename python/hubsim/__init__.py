"""hubsim from Python: run the Lancashire model in memory, open run files and whole sweeps as xarray.

    import hubsim
    ds = hubsim.run(seed=1)                                  # an xarray.Dataset, no file written
    ds = hubsim.run("configs/scenarios/4_strategy.yaml", set={"labour.commute_minutes": 60},
                    changes=[("2026-03", "interventions.J.intensity", 2)], threads=2)
    ds["employment"].sel(hub="Preston")
    hubsim.params()                                          # the parameter reference, as a DataFrame
    runs = hubsim.open_sweep("sweeps/ladder")                # one Dataset, a `run` dimension (DIR/sweep.nc)

Bad input raises hubsim.ConfigError (a ValueError) or hubsim.RunFileError (an OSError) with the
message `hubsim` prints after "hubsim: error: ".
"""
import csv
import io
import os
import pathlib

import numpy as np
import xarray as xr

from . import _hubsim
from ._hubsim import ConfigError, RunFileError

__version__ = _hubsim.version
__all__ = ["run", "open_run", "open_sweep", "params", "resolved_config", "ConfigError", "RunFileError"]

# hubsim.run: h5netcdf reads the HDF5 image from memory (netCDF4 needs a path); files open faster
# with netCDF4 (_default_engine). Both decode the same Dataset.
_ENGINE = "h5netcdf"


def _text(value):
    return value if isinstance(value, str) else "true" if value is True else "false" if value is False else repr(value) \
        if isinstance(value, float) else str(value)


def _arguments(config, set, changes):
    path = None if config is None else os.fspath(config)
    sets = [f"{key}={_text(value)}" for key, value in (set or {}).items()]
    dated = []
    for change in changes or []:
        if isinstance(change, str):
            dated.append(change)  # "YYYY-MM:key=value", as --change takes it
        else:
            month, key, value = change
            dated.append(f"{month}:{key}={_text(value)}")
    return path, sets, dated


def run(config=None, *, seed=None, set=None, changes=None, threads=0, output=None):
    """Simulates a scenario and returns its outcomes as an xarray.Dataset, in memory.

    config: a scenario YAML overlaid on the built-in config (None: the built-in config).
    seed: overrides run.seed. set: {key.path: value}, like --set. changes: dated changes, each
    "YYYY-MM:key=value" or (month, key, value), like --change. threads: 0 for all cores (the
    result is the same for any number). output: also write the run file here (byte-identical to
    `hubsim run -o output`). The Dataset holds the same variables, coordinates and attributes
    as the run file, loaded into memory.
    """
    path, sets, dated = _arguments(config, set, changes)
    output = None if output is None else os.fspath(output)
    if output is not None and os.path.dirname(output):
        os.makedirs(os.path.dirname(output), exist_ok=True)
    image = _hubsim.run(path, sets, dated, seed, int(threads), output)
    with xr.open_dataset(io.BytesIO(image), engine=_ENGINE) as ds:
        return ds.load()


def resolved_config(config=None, *, seed=None, set=None, changes=None):
    """The fully resolved config as YAML (what `hubsim check` prints)."""
    path, sets, dated = _arguments(config, set, changes)
    return _hubsim.resolved_config(path, sets, dated, seed)


def open_run(path, engine=None):
    """A run file as an xarray.Dataset, loaded into memory (the file is closed).

    engine: "netcdf4" (the default when python3-netcdf4 is installed: netCDF-C opens the default
    run in ~36 ms here) or "h5netcdf" (~210 ms, pure Python over h5py; what hubsim.run uses, since
    it reads from memory). Both give identical Datasets (the test suite checks).
    """
    with xr.open_dataset(os.fspath(path), engine=engine or _default_engine()) as ds:
        return ds.load()


def params(config=None, *, set=None):
    """Every parameter as a pandas DataFrame: key, meaning, unit, range, value, changes
    ("any month": can change during a run; "at start": builds the world)."""
    import pandas as pd

    path, sets, _ = _arguments(config, set, None)
    rows = _hubsim.parameters(path, sets)
    return pd.DataFrame(rows, columns=["key", "meaning", "unit", "range", "value", "changes"]).set_index("key")


def _number(text):  # summary.csv writes failed outcomes as "nan" or ""
    try:
        return float(text)
    except ValueError:
        return np.nan


def _default_engine():
    try:
        import netCDF4  # noqa: F401  (python3-netcdf4: 4-7x faster to open than h5netcdf here)
        return "netcdf4"
    except ImportError:
        return "h5netcdf"


def _from_summary(directory, experiment):
    """The table of a sweep without sweep.nc (made before format 3), from summary.csv."""
    parameters = [p["key"] for p in experiment.get("parameters", [])]
    outcomes = [o["name"] for o in experiment.get("outcomes", [])]
    with open(directory / "summary.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        raise RunFileError(f"{directory / 'summary.csv'}: no runs")
    coords = {
        "run": ("run", np.array([r["run_id"] for r in rows], dtype=object)),
        "point": ("run", np.array([int(r["point"]) for r in rows], dtype=np.int64)),
        "replicate": ("run", np.array([int(r["replicate"]) for r in rows], dtype=np.int64)),
        "seed": ("run", np.array([int(r["seed"]) for r in rows], dtype=np.int64)),
        "status": ("run", np.array([r["status"] for r in rows], dtype=object)),
    }
    for p in parameters:
        values = [r[p] for r in rows]
        numbers = np.array([_number(v) for v in values])
        coords[p] = ("run", numbers if not np.isnan(numbers).any() else np.array(values, dtype=object))
    data = {o: ("run", np.array([_number(r[o]) for r in rows])) for o in outcomes}
    data["error"] = ("run", np.array([r["error"] for r in rows], dtype=object))
    return xr.Dataset(data, coords=coords, attrs={"experiment_name": experiment.get("name", "")})


def open_sweep(directory, variables=(), engine=None):
    """A finished sweep (`hubsim sweep -o DIR`) as one xarray.Dataset with a `run` dimension.

    The `run` coordinate holds the run ids ("<point>_<replicate>"); point, replicate, seed, status,
    scenario and every swept parameter (named by its key, e.g. "interventions.J.intensity") are
    coordinates along it; data variables: every outcome, `error`, and the time series
    `hubsim collect DIR --series ...` put in DIR/sweep.nc. `variables` adds time series that
    sweep.nc lacks, read from the run files (e.g. ["employment"]), stacked along `run` (NaN where
    a run failed). Reads DIR/sweep.nc (written by every sweep; format 3) when present, else
    summary.csv. engine: for sweep.nc, "netcdf4" (default when installed) or "h5netcdf".
    """
    import yaml

    directory = pathlib.Path(directory)
    with open(directory / "experiment.yaml") as f:
        experiment = yaml.safe_load(f) or {}
    collected = directory / "sweep.nc"
    if collected.exists():
        with xr.open_dataset(collected, engine=engine or _default_engine()) as f:
            ds = f.load()
        names = ["point", "replicate", "seed", "status", "scenario"] + [p["key"] for p in experiment.get("parameters", [])]
        ds = ds.set_coords([n for n in names if n in ds.variables])
        if ds.sizes.get("time", 0) == 0:  # no series collected: no months either
            ds = ds.drop_vars([n for n in ("time", "date", "time_bnds") if n in ds.variables])
    else:
        ds = _from_summary(directory, experiment)
    ds.attrs["sweep"] = str(directory)
    wanted = [v for v in variables if v not in ds.data_vars]
    if not wanted:
        return ds
    return _add_series(ds, directory, wanted)


def _add_series(ds, directory, variables):
    import h5py

    runs = [str(r) for r in ds["run"].values]
    status = [str(s) for s in ds["status"].values]
    first = next((directory / "runs" / f"{r}.h5" for r, s in zip(runs, status) if s == "ok"), None)
    if first is None:
        raise RunFileError(f"{directory}: no finished run to read {', '.join(variables)} from")
    template = open_run(first)
    for v in variables:
        if v not in template.data_vars:
            raise RunFileError(f"{first}: no variable {v!r} to stack")
    stacks = {v: np.full((len(runs),) + template[v].shape, np.nan) for v in variables}
    for i, (r, s) in enumerate(zip(runs, status)):
        path = directory / "runs" / f"{r}.h5"
        if s != "ok" or not path.exists():
            continue
        with h5py.File(path, "r") as f:  # h5py directly: ~1 ms a file, against ~35-250 ms for xarray
            for v in variables:
                stacks[v][i] = f[v][()]
    for v in variables:
        dims = ("run",) + template[v].dims
        coords = {d: template[d] for d in template[v].dims if d in template.coords}
        if "time" in template[v].dims and "date" in template.coords:
            coords["date"] = template["date"]
        ds[v] = xr.DataArray(stacks[v], dims=dims, coords=coords, attrs=dict(template[v].attrs))
    return ds
