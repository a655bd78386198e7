"""`hubsim inspect RUN.h5` prints what a run holds; any file that is not a readable hubsim run
(truncated, empty, random bytes, corrupted, foreign HDF5, another format version, lying metadata)
gets one clear error line naming it and exit code 2, never a crash.
Usage: inspect_files.py HUBSIM SCRATCH CASE"""
import os
import random
import re

import h5py
import numpy as np

from e2e_common import check, hubsim, main, ok_run, scratch


def make_good(binary, work):
    path = os.path.join(work, "good.h5")
    ok_run(binary, "run", "-q", "-o", path, cwd=work)
    return path


def derive(good, path, transform):
    with open(good, "rb") as f:
        data = transform(f.read())
    with open(path, "wb") as f:
        f.write(data)
    return path


def corrupt_heap(data):
    """Overwrites the global heap (variable-length strings) that HDF5 trusts without a checksum."""
    at = data.find(b"GCOL")
    check(at >= 0, "no global heap collection in the run file")
    return data[: at + 16] + b"\xff" * 64 + data[at + 80:]


def edited(good, path, edit):
    derive(good, path, lambda d: d)
    with h5py.File(path, "r+") as f:
        edit(f)
    return path


def foreign(path):
    with h5py.File(path, "w") as f:
        f["x"] = np.arange(10.0)
        f.attrs["title"] = "not a hubsim run"
    return path


def set_dims(f, name, dims):
    f[name].attrs["hubsim_dims"] = dims


BAD_CASES = {
    # name -> (make(good, path) -> path, expected part of the error)
    "truncated": (lambda g, p: derive(g, p, lambda d: d[: len(d) // 2]), "truncated file"),
    "empty": (lambda g, p: derive(g, p, lambda d: b""), "not an HDF5 file"),
    "random": (lambda g, p: derive(g, p, lambda d: random.Random(4).randbytes(len(d))), "not an HDF5 file"),
    "corrupted": (lambda g, p: derive(g, p, corrupt_heap), "corrupt"),
    "foreign": (lambda g, p: foreign(p), "not a hubsim run file (no hubsim_format_version attribute)"),
    "future_version": (lambda g, p: edited(g, p, lambda f: f.attrs.modify("hubsim_format_version", np.int32(3))),
                       "format version 3, this hubsim reads 2"),
    "lying_dims": (lambda g, p: edited(g, p, lambda f: set_dims(f, "employment", "hub time")),
                   "/employment: shape does not match its dims (hub time)"),
    "text_dates": (lambda g, p: edited(g, p, lambda f: f["date"].__setitem__(0, "January")),
                   "/date holds 'January'"),
}


def test_good(binary, work):
    path = make_good(binary, work)
    out = ok_run(binary, "inspect", path, cwd=work)
    for pattern in [r"scenario\s+1_trend", r"period\s+2022-01\.\.2035-12 \(168 months\)",
                    r"seed\s+20220901", r"made by\s+hubsim \d+\.\d+\.\d+, commit \S+",
                    r"\n  hub\s+9 ", r"\n  time\s+168 ", r"employment\s+int64\s+\(time, hub\)\s+jobs",
                    r"county employment 2022-01\s+[\d,]+", r"county employment 2035-12\s+[\d,]+ \([+-]\d+%\)",
                    r"county firms 2035-12\s+[\d,]+", r"left the county 2022-01\.\.2035-12\s+[\d,]+"]:
        check(re.search(pattern, out), f"hubsim inspect output lacks /{pattern}/:\n{out}")
    with h5py.File(path, "r") as f:
        for name in f:
            check(re.search(rf"\n  {re.escape(name)}\s", out) or name in ("time", "date"),
                  f"hubsim inspect does not list /{name}")


def expect_rejected(binary, work, path, needle):
    code, out, err = hubsim(binary, "inspect", path, cwd=work)
    check(code == 2, f"hubsim inspect {path} exited {code}, expected 2\nstderr:\n{err}")
    lines = err.splitlines()
    check(len(lines) == 1, f"expected one line on stderr, got:\n{err}")
    check(lines[0].startswith(f"hubsim: error: {path}: "), f"the error does not name the file:\n{err}")
    check(needle in lines[0], f"the error lacks {needle!r}:\n{err}")
    check(out == "", f"hubsim inspect printed on stdout for a bad file:\n{out}")


def test_fuzzed(binary, work):
    """Random byte flips: each file is either still readable or rejected cleanly, never a crash."""
    good = make_good(binary, work)
    data = open(good, "rb").read()
    outcomes = {}
    for seed in range(40):
        rng = random.Random(seed)
        damaged = bytearray(data)
        for _ in range(rng.choice([1, 4, 16])):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        path = derive(good, os.path.join(work, "fuzzed.h5"), lambda d: bytes(damaged))
        code, _, err = hubsim(binary, "inspect", path, cwd=work)
        check(code in (0, 2), f"seed {seed}: hubsim inspect exited {code}\nstderr:\n{err[-2000:]}")
        check(code == 0 or err.startswith(f"hubsim: error: {path}: "), f"seed {seed}: unclear error:\n{err}")
        outcomes[code] = outcomes.get(code, 0) + 1
    check(outcomes.get(2, 0) > 0, f"no fuzzed file was rejected: {outcomes}")


def test(argv):
    binary, work, case = argv[0], scratch(argv[1]), argv[2]
    if case == "good":
        test_good(binary, work)
    elif case == "fuzzed":
        test_fuzzed(binary, work)
    else:
        make, needle = BAD_CASES[case]
        path = make(make_good(binary, work) if case != "foreign" else None, os.path.join(work, f"{case}.h5"))
        expect_rejected(binary, work, path, needle)


main(test)
