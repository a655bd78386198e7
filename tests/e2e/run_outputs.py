"""`hubsim run` with no config: exit 0, the summary table, and an HDF5 run file with the expected contents.
Usage: run_outputs.py HUBSIM SCRATCH"""
import filecmp
import os
import subprocess

import h5py
import numpy as np

from e2e_common import check, main, ok_run, scratch

COUNTY_HUBS = ["Samlesbury", "Preston", "Lancaster", "Blackpool", "Blackburn", "Burnley"]
EXTERNAL_METRO = 3  # core::HubKind::external_metro


def test(argv):
    binary, work = argv[0], scratch(argv[1])
    out_file = os.path.join(work, "X.h5")
    out = ok_run(binary, "run", "-q", "-o", out_file, cwd=work)
    check("Lancashire" in out, f"summary has no 'Lancashire' row:\n{out}")
    check("jobs 2035-12" in out, f"summary has no 'jobs 2035-12' column:\n{out}")
    check(os.path.isfile(out_file), f"{out_file} was not written")
    check(not [f for f in os.listdir(work) if ".tmp-" in f], f"temporary files left in {work}: {os.listdir(work)}")

    dump = subprocess.run(["h5dump", "-H", out_file], capture_output=True, text=True)
    check(dump.returncode == 0, f"h5dump -H {out_file} failed:\n{dump.stderr}")
    check('DATASET "employment"' in dump.stdout, "h5dump -H shows no dataset \"employment\"")

    with h5py.File(out_file, "r") as f:
        check("employment" in f, "no /employment dataset")
        emp = f["employment"][()]
        check(emp.shape == (168, 9), f"/employment has shape {emp.shape}, expected (168, 9)")
        check(emp.dtype == np.int64, f"/employment has dtype {emp.dtype}, expected int64")
        check((emp >= 0).all(), f"/employment has negative values: min {emp.min()}")
        labels = [x.decode() if isinstance(x, bytes) else str(x) for x in f["hub"][()]]
        for hub in COUNTY_HUBS:
            check(hub in labels, f"hub labels {labels} lack {hub}")
        kinds = f["hub_kind"][()]
        county = int(sum(emp[0, h] for h in range(len(labels)) if kinds[h] != EXTERNAL_METRO))
        check(15000 <= county <= 25000, f"county jobs in the first month {county}, expected 15000..25000")
        attrs = f.attrs
        check("seed" in attrs and int(attrs["seed"]) == 20220901, f"root attribute seed is {attrs.get('seed')}")
        config = attrs.get("config", "")
        config = config.decode() if isinstance(config, bytes) else str(config)
        check("commute_minutes" in config, f"root attribute config lacks commute_minutes:\n{config[:300]}")

    # The scenario name makes the default file name: it cannot point outside runs/ or hide the file.
    inner = scratch(os.path.join(work, "named"))
    ok_run(binary, "run", "-q", "--set", "run.scenario=../../x y", "--set", "run.end=2022-02", cwd=inner)
    check(os.listdir(inner) == ["runs"] and os.listdir(os.path.join(inner, "runs")) == ["___.._x_y.h5"],
          f"scenario '../../x y' wrote {sorted(os.listdir(inner))} / "
          f"{sorted(os.listdir(os.path.join(inner, 'runs'))) if os.path.isdir(os.path.join(inner, 'runs')) else '-'}")

    # Two runs of the same config and seed give byte-identical files, on any thread count; the
    # timing attributes are only there if asked for.
    a, b, timed = (os.path.join(work, name) for name in ("repro_a.h5", "repro_b.h5", "timed.h5"))
    ok_run(binary, "run", "-q", "--threads", "1", "-o", a, "--set", "run.end=2023-12", cwd=work)
    ok_run(binary, "run", "-q", "--threads", "2", "-o", b, "--set", "run.end=2023-12", cwd=work)
    check(filecmp.cmp(a, b, shallow=False), "runs on 1 and 2 threads differ byte for byte")
    ok_run(binary, "run", "-q", "--record-timing", "--threads", "2", "-o", timed, "--set", "run.end=2023-12", cwd=work)
    timing = {"threads", "wall_seconds", "started_at", "host"}
    with h5py.File(a, "r") as fa, h5py.File(timed, "r") as ft:
        check(not timing & set(fa.attrs), f"timing attributes recorded without --record-timing: {sorted(fa.attrs)}")
        check(timing <= set(ft.attrs) and int(ft.attrs["threads"]) == 2,
              f"--record-timing: attributes {sorted(ft.attrs)}")


main(test)
