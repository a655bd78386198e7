"""`hubsim inspect RUN.h5` prints what a run holds; any file that is not a readable hubsim run
(truncated, empty, random bytes, corrupted, foreign HDF5, another format version, lying metadata)
gets one clear error line naming it and exit code 2, never a crash. Text from the file (or its
name) never reaches the terminal raw: escape sequences, other control characters, bidi overrides
and invisible characters are shown escaped (issue 17; the `good` case runs the `hostile_text` ones).
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
    "future_version": (lambda g, p: edited(g, p, lambda f: f.attrs.modify("hubsim_format_version", np.int32(4))),
                       "format version 4, this hubsim reads 3"),
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
            check(re.search(rf"\n  {re.escape(name)}\s", out) or name in ("time", "date", "nv", "time_bnds"),
                  f"hubsim inspect does not list /{name}")


def expect_rejected(binary, work, path, needle):
    code, out, err = hubsim(binary, "inspect", path, cwd=work)
    check(code == 2, f"hubsim inspect {path} exited {code}, expected 2\nstderr:\n{err}")
    lines = err.splitlines()
    check(len(lines) == 1, f"expected one line on stderr, got:\n{err}")
    check(lines[0].startswith(f"hubsim: error: {path}: "), f"the error does not name the file:\n{err}")
    check(needle in lines[0], f"the error lacks {needle!r}:\n{err}")
    check(out == "", f"hubsim inspect printed on stdout for a bad file:\n{out}")


# Hostile text planted in a readable run file: where, what, and how inspect must show it.
ESC_CLEAR = "\x1b[2J\x1b[H"        # clears the screen
OSC_TITLE = "\x1b]0;pwned\x07"      # sets the terminal's title
BIDI = "trend\u202etxt.exe"          # shown as "trendexe.txt"
HOSTILE_TEXT = {
    # name -> (edit(h5py file), text inspect must print, as escaped)
    "scenario_escape": (lambda f: f.attrs.modify("scenario", ESC_CLEAR + "x"), "\\x1b[2J\\x1b[Hx"),
    "scenario_osc": (lambda f: f.attrs.modify("scenario", OSC_TITLE), "\\x1b]0;pwned\\x07"),
    "scenario_bidi": (lambda f: f.attrs.modify("scenario", BIDI), "trend\\u202etxt.exe"),
    "scenario_c1_csi": (lambda f: f.attrs.modify("scenario", "a\u009b31mb"), "a\\u009b31mb"),
    "scenario_newline": (lambda f: f.attrs.modify("scenario", "one\ntwo\rthree"), "one\\x0atwo\\x0dthree"),
    "scenario_zero_width": (lambda f: f.attrs.modify("scenario", "a\u200bb\ufeffc"), "a\\u200bb\\ufeffc"),
    "version_bell": (lambda f: f.attrs.modify("hubsim_version", "0.2.0\x07\x07"), "hubsim 0.2.0\\x07\\x07,"),
    "commit_line_separator": (lambda f: f.attrs.modify("git_commit", "abc\u2028def"), "commit abc\\u2028def"),
    "hub_label": (lambda f: f["hub"].__setitem__(0, "Sam\x1b[31mlesbury"), "Sam\\x1b[31mlesbury"),
    "hub_label_bidi": (lambda f: f["hub"].__setitem__(1, "Pres\u2067ton"), "Pres\\u2067ton"),
    "long_name": (lambda f: f["employment"].attrs.modify("long_name", "jobs\x1b[8m hidden"),
                  "jobs\\x1b[8m hidden"),
    "units": (lambda f: f["employment"].attrs.modify("units", "\x1b[5mjobs"), "\\x1b[5mjobs"),
    "dimension_long_name": (lambda f: f["hub"].attrs.modify("long_name", "hub\u202a\x9b"), "hub\\u202a"),
    "region_name": (lambda f: f.attrs.modify("hub_groups", f.attrs["hub_groups"].replace("county:", "co\x1bunty:", 1)),
                    "co\\x1bunty employment"),
}


def shows_nothing_raw(text):
    """Whether `text` holds no control character but newlines, and nothing invisible or reordering."""
    hidden = {0x85, 0x9b, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x2028, 0x2029, 0xfeff}
    return all(c == "\n" or (32 <= ord(c) != 127 and not 0x80 <= ord(c) <= 0x9f and ord(c) not in hidden
                              and not 0x202a <= ord(c) <= 0x202e and not 0x2066 <= ord(c) <= 0x2069) for c in text)


def test_hostile_text(binary, work):
    good = make_good(binary, work)
    for name, (edit, shown) in HOSTILE_TEXT.items():
        path = edited(good, os.path.join(work, f"{name}.h5"), edit)
        code, out, err = hubsim(binary, "inspect", path, cwd=work)
        check(code == 0, f"[{name}] hubsim inspect exited {code}, expected 0\nstderr:\n{err}")
        check(shows_nothing_raw(out), f"[{name}] hubsim inspect printed text from the file raw: {out!r}")
        check(shown in out, f"[{name}] hubsim inspect does not show {shown!r}:\n{out}")
    # The file's own name, as given on the command line.
    path = derive(good, os.path.join(work, "run\x1b[31m\u202e.h5"), lambda d: d)
    out = ok_run(binary, "inspect", path, cwd=work)
    check(shows_nothing_raw(out), f"hubsim inspect printed the file name raw: {out!r}")
    check("run\\x1b[31m\\u202e.h5" in out, f"hubsim inspect does not show the file name escaped:\n{out}")


def test_hostile_error(binary, work):
    """A file that is rejected for holding hostile text: the error line must show it escaped too."""
    good = make_good(binary, work)
    path = edited(good, os.path.join(work, "dates.h5"), lambda f: f["date"].__setitem__(0, ESC_CLEAR))
    code, out, err = hubsim(binary, "inspect", path, cwd=work)
    check(code == 2, f"hubsim inspect exited {code}, expected 2\nstderr:\n{err}")
    check(shows_nothing_raw(err) and err.count("\n") == 1, f"the error shows text from the file raw: {err!r}")
    check("\\x1b[2J" in err, f"the error does not show the text escaped: {err!r}")


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
        test_hostile_text(binary, scratch(os.path.join(work, "hostile_text")))
    elif case == "hostile_text":
        test_hostile_text(binary, work)
    elif case == "hostile_error":
        test_hostile_error(binary, work)
    elif case == "fuzzed":
        test_fuzzed(binary, work)
    else:
        make, needle = BAD_CASES[case]
        path = make(make_good(binary, work) if case != "foreign" else None, os.path.join(work, f"{case}.h5"))
        expect_rejected(binary, work, path, needle)


main(test)
