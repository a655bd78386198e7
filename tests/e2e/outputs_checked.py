#!/usr/bin/python3
"""Outputs are checked before simulating, inputs that would block or mislead are refused at once,
and a run's file survives a closed pipe (issue 17, items 3, 6, 7 and 9).

    outputs_checked.py HUBSIM SCRATCH
"""
import os
import signal
import stat
import subprocess
import time

import h5py
import numpy as np

from e2e_common import check, hubsim, main, ok_run, scratch

SHORT = ["--set", "run.end=2022-06"]


def refused(binary, args, needle, work, seconds=5.0):
    """Exit 2, one line naming the problem, fast (before any simulation), nothing new written."""
    before = set(os.listdir(work))
    t0 = time.monotonic()
    code, out, err = hubsim(binary, *args)
    took = time.monotonic() - t0
    lines = [l for l in err.splitlines() if l.strip()]
    check(code == 2, f"hubsim {' '.join(args)}: exit {code}, expected 2\n{err}")
    check(len(lines) == 1 and lines[0].startswith("hubsim: error:") and needle in lines[0],
          f"hubsim {' '.join(args)}: expected one 'hubsim: error:' line containing {needle!r}, got:\n{err}")
    check(took < seconds, f"hubsim {' '.join(args)} took {took:.1f} s to refuse")
    check(set(os.listdir(work)) == before, f"hubsim {' '.join(args)} wrote {set(os.listdir(work)) - before}")


def test(argv):
    binary, work = argv[0], scratch(argv[1])
    cases = 0
    # Outputs: a device node, a directory, a FIFO, a symlink to a device, an over-long name.
    node = os.path.join(work, "null-device")
    os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    refused(binary, ["run", "-q", "-o", node], "is a character device, not a regular file", work)
    check(stat.S_ISCHR(os.stat(node).st_mode), "the device node was replaced")
    refused(binary, ["run", "-q", "-o", work], "is a directory", work)
    fifo = os.path.join(work, "pipe")
    os.mkfifo(fifo)
    refused(binary, ["run", "-q", "-o", fifo], "is a FIFO", work)
    link = os.path.join(work, "link-to-device")
    os.symlink(node, link)
    refused(binary, ["run", "-q", "-o", link], "is a character device", work)
    refused(binary, ["run", "-q", "-o", os.path.join(work, "x" * 300 + ".h5")], "file names are limited to", work)
    refused(binary, ["run", "-q", "--set", "run.scenario=" + "s" * 300], "file names are limited to", work)
    refused(binary, ["run", "-q", "--checkpoint-every", "3", "--checkpoint", work, "-o", os.path.join(work, "c.h5")],
            "is a directory", work)
    file_as_dir = os.path.join(work, "plain-file")
    open(file_as_dir, "w").close()
    refused(binary, ["run", "-q", "-o", os.path.join(file_as_dir, "x.h5")], "is not a directory", work)
    cases += 8

    # Inputs that would block for ever (FIFOs) or are not files.
    for args in (["run", "-q", fifo], ["check", fifo], ["run", "-q", "--from", fifo], ["inspect", fifo],
                 ["run", "-q", "--restart", fifo], ["run", "-q", "--from", work], ["inspect", work]):
        refused(binary, args, "not", work)
        cases += 1

    # A closed standard output: the run's file is kept, and a full disk on stdout is an error.
    out = os.path.join(work, "piped.h5")
    p = subprocess.Popen([binary, "run", *SHORT, "-o", out], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    p.stdout.close()  # the reader is gone before hubsim writes anything
    code = p.wait(timeout=60)
    check(code in (0, 1) and code != -signal.SIGPIPE, f"a closed pipe ended hubsim with {code}")
    check(os.path.exists(out), "a closed pipe lost the run file")
    with h5py.File(out, "r") as f:
        check(f["employment"].shape[0] == 6, "the piped run's file is incomplete")
    full = os.path.join(work, "full.h5")
    with open("/dev/full", "w") as devfull:
        p = subprocess.run([binary, "run", "-q", *SHORT, "-o", full], stdout=devfull, stderr=subprocess.PIPE, text=True)
    check(p.returncode == 1 and "cannot write to standard output" in p.stderr,
          f"stdout to /dev/full: exit {p.returncode}, {p.stderr!r}")
    check(os.path.exists(full), "stdout to /dev/full lost the run file")
    cases += 2

    # Checkpoints: an edited output path is not trusted, an edited months_done or a NaN is refused,
    # and temporaries of killed writes are cleaned up.
    run = os.path.join(work, "ck.h5")
    ckpt = os.path.join(work, "ck.checkpoint.h5")
    ok_run(binary, "run", "-q", *SHORT, "--checkpoint-every", "2", "--keep-checkpoint", "-o", run)

    def edited(name, change):
        path = os.path.join(work, name)
        with open(ckpt, "rb") as a, open(path, "wb") as b:
            b.write(a.read())
        with h5py.File(path, "r+") as f:
            change(f)
        return path

    away = edited("away.checkpoint.h5", lambda f: f.attrs.modify("output", "/tmp/../../etc/hubsim-owned.h5"))
    refused(binary, ["run", "-q", "--restart", away], "header was edited", work)
    check(not os.path.exists("/etc/hubsim-owned.h5"), "an edited checkpoint wrote outside its directory")
    # Unedited, but kept in another directory than its run file: the recorded path is not used
    # without -o; with -o the run continues.
    os.makedirs(os.path.join(work, "elsewhere"))
    far = os.path.join(work, "elsewhere", "far.checkpoint.h5")
    ok_run(binary, "run", "-q", *SHORT, "--checkpoint-every", "2", "--keep-checkpoint", "--checkpoint", far,
           "-o", os.path.join(work, "far.h5"))
    refused(binary, ["run", "-q", "--restart", far], "not in the checkpoint's directory; give the run file", work)
    ok_run(binary, "run", "-q", "--restart", far, "--keep-checkpoint", "-o", os.path.join(work, "far-again.h5"))
    months = edited("months.checkpoint.h5", lambda f: f.attrs.modify("months_done", np.int64(3)))
    refused(binary, ["run", "-q", "--restart", months, "-o", os.path.join(work, "m.h5")], "header was edited", work)

    def plant_nan(f):
        for name in f["workers"]:
            ds = f["workers"][name]
            if ds.dtype == np.float32 and ds.shape[0] > 0:
                values = ds[:]
                values[0] = np.nan
                ds[...] = values
                return
        raise AssertionError("no float column in /workers")

    nan = edited("nan.checkpoint.h5", plant_nan)
    refused(binary, ["run", "-q", "--restart", nan, "-o", os.path.join(work, "n.h5")], "not a finite number", work)
    stale = ckpt + ".tmp-999999"
    open(stale, "w").close()
    ok_run(binary, "run", "-q", *SHORT, "--checkpoint-every", "2", "-o", run)
    check(not os.path.exists(stale), "a killed checkpoint write's temporary was not removed")
    cases += 6
    print(f"{cases} cases")


if __name__ == "__main__":
    main(test)
