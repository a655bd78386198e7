"""`hubsim run --from RUN.h5` reproduces a run from its file alone: every dataset byte for byte and
every attribute except the timing ones; unreadable files and mixed options exit 2.
Usage: rerun.py HUBSIM SCRATCH"""
import os

import h5py
import numpy as np

from e2e_common import check, hubsim, main, ok_run, scratch, write

TIMING = {"threads", "wall_seconds", "started_at", "host"}
HDF5_INTERNAL = {"DIMENSION_LIST", "REFERENCE_LIST"}  # object references: compared as names below


def attr_bytes(value):
    a = np.asarray(value)
    if a.dtype.kind == "O":
        return repr([x.decode() if isinstance(x, bytes) else x for x in a.ravel()])
    return a.dtype.str + a.tobytes().hex()


def dataset_bytes(ds):
    value = ds[()]
    if ds.dtype.kind == "O":
        return repr([x.decode() if isinstance(x, bytes) else x for x in np.asarray(value).ravel()])
    return np.ascontiguousarray(value).tobytes()


def storage(ds):
    return (ds.dtype.str, ds.shape, ds.chunks, ds.compression, ds.compression_opts, ds.shuffle)


def differences(path_a, path_b):
    diffs = []
    with h5py.File(path_a, "r") as a, h5py.File(path_b, "r") as b:
        if list(a.keys()) != list(b.keys()):
            return [f"datasets {list(a.keys())} vs {list(b.keys())}"]
        for name in a:
            da, db = a[name], b[name]
            if storage(da) != storage(db):
                diffs.append(f"/{name} storage {storage(da)} vs {storage(db)}")
            if dataset_bytes(da) != dataset_bytes(db):
                diffs.append(f"/{name} bytes")
            if list(da.attrs) != list(db.attrs):
                diffs.append(f"/{name} attribute names {list(da.attrs)} vs {list(db.attrs)}")
            for attr in set(da.attrs) - HDF5_INTERNAL:
                if attr_bytes(da.attrs[attr]) != attr_bytes(db.attrs.get(attr)):
                    diffs.append(f"/{name}@{attr}")
            scales_a = [[s.name for s in dim.values()] for dim in da.dims]
            scales_b = [[s.name for s in dim.values()] for dim in db.dims]
            if scales_a != scales_b:
                diffs.append(f"/{name} dimension scales {scales_a} vs {scales_b}")
        if list(a.attrs) != list(b.attrs):
            diffs.append(f"root attribute names {list(a.attrs)} vs {list(b.attrs)}")
        for attr in set(a.attrs) - TIMING:
            if attr_bytes(a.attrs[attr]) != attr_bytes(b.attrs.get(attr)):
                diffs.append(f"root attribute {attr}")
    return diffs


def expect_bad_input(binary, work, args, needle):
    code, out, err = hubsim(binary, *args, cwd=work)
    command = "hubsim " + " ".join(args)
    check(code == 2, f"{command} exited {code}, expected 2\nstderr:\n{err}")
    check(err.startswith("hubsim: error: ") and needle in err, f"{command}: stderr lacks {needle!r}:\n{err}")
    check("Lancashire" not in out, f"{command} ran anyway:\n{out}")


def test(argv):
    binary, work = argv[0], scratch(argv[1])
    scenario = write(os.path.join(work, "commute-60.yaml"), "run:\n  scenario: commute-60\nlabour:\n  commute_minutes: 60\n")
    original = os.path.join(work, "original.h5")
    ok_run(binary, "run", "-q", scenario, "--seed", "7", "--set", "firms.startup_months=30", "-o", original,
           "--threads", "2", cwd=work)

    # Default output next to the original; a different thread count must not matter.
    ok_run(binary, "run", "-q", "--from", original, "--threads", "1", cwd=work)
    rerun = os.path.join(work, "original.rerun.h5")
    check(os.path.isfile(rerun), f"--from without -o did not write {rerun}: {os.listdir(work)}")
    diffs = differences(original, rerun)
    check(not diffs, "the re-run differs from the original in: " + ", ".join(diffs))
    with h5py.File(rerun, "r") as f:
        check(int(f.attrs["seed"]) == 7 and f.attrs["scenario"] == "commute-60", "seed or scenario not reproduced")

    # Without --record-timing the files are byte-identical, whatever the thread count.
    again = os.path.join(work, "again.h5")
    ok_run(binary, "run", "-q", "--from", original, "-o", again, "--threads", "1", cwd=work)
    raw_a, raw_b = open(original, "rb").read(), open(again, "rb").read()
    check(len(raw_a) == len(raw_b), f"file sizes differ: {len(raw_a)} vs {len(raw_b)}")
    changed = sum(x != y for x, y in zip(raw_a, raw_b))
    check(changed == 0, f"{changed} bytes differ between a run and its re-run")

    # A schedule of dated changes is part of the config: --from reproduces it byte for byte, and
    # the run differs from one without it only from the change's month on.
    dated = os.path.join(work, "dated.h5")
    ok_run(binary, "run", "-q", "--set", "run.end=2024-12", "--change", "2023-07:labour.commute_minutes=5",
           "--change", "2024-01:interventions.J.intensity=2", "-o", dated, cwd=work)
    dated_again = os.path.join(work, "dated-again.h5")
    ok_run(binary, "run", "-q", "--from", dated, "-o", dated_again, "--threads", "1", cwd=work)
    check(open(dated, "rb").read() == open(dated_again, "rb").read(), "--from did not reproduce a dated change")
    plain = os.path.join(work, "plain.h5")
    ok_run(binary, "run", "-q", "--set", "run.end=2024-12", "-o", plain, cwd=work)
    with h5py.File(dated, "r") as a, h5py.File(plain, "r") as b:
        check("2023-07" in a.attrs["config"] and "commute_minutes=5" in a.attrs["config"],
              "the run file does not record the schedule")
        before_change = 18  # 2022-01 .. 2023-06
        check(np.array_equal(a["hires"][:before_change], b["hires"][:before_change]),
              "a change from 2023-07 altered the months before it")
        check(not np.array_equal(a["hires"][before_change:], b["hires"][before_change:]),
              "a change of the commute limit changed nothing")

    # Unreadable or foreign input: exit 2 naming the file, nothing written.
    truncated = os.path.join(work, "truncated.h5")
    with open(truncated, "wb") as f:
        f.write(raw_a[: len(raw_a) // 2])
    expect_bad_input(binary, work, ["run", "-q", "--from", truncated], truncated)
    foreign = os.path.join(work, "foreign.h5")
    with h5py.File(foreign, "w") as f:
        f["x"] = np.arange(4.0)
    expect_bad_input(binary, work, ["run", "-q", "--from", foreign], foreign + ": not a hubsim run file")
    expect_bad_input(binary, work, ["run", "-q", "--from", os.path.join(work, "missing.h5")], "no such file")
    no_config = os.path.join(work, "no_config.h5")
    with open(no_config, "wb") as f:
        f.write(raw_a)
    with h5py.File(no_config, "r+") as f:
        del f.attrs["config"]
    expect_bad_input(binary, work, ["run", "-q", "--from", no_config], "no config attribute")
    check(not [n for n in os.listdir(work) if "rerun" in n and n != "original.rerun.h5"],
          f"failed re-runs wrote files: {os.listdir(work)}")
    # --from is the whole config: a scenario, --set or --seed alongside it is a usage error.
    for extra in (["--seed", "3"], ["--set", "labour.commute_minutes=30"], [scenario]):
        code, _, err = hubsim(binary, "run", "-q", "--from", original, *extra, cwd=work)
        check(code == 2 and "excludes" in err, f"--from with {extra} exited {code}:\n{err}")


main(test)
