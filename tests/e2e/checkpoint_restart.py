"""Checkpoint and restart (issue 8, item 6): a run killed (SIGKILL) or interrupted (SIGINT) after
some checkpoints continues with `hubsim run --restart` to a run file byte-identical to that of a
run that never stopped, on another thread count, with agent snapshots, and through a second kill of the continued run.
Damaged, foreign and other-version checkpoints are refused with exit code 2 and nothing written;
`hubsim inspect` describes a checkpoint.
Usage: checkpoint_restart.py HUBSIM SCRATCH"""
import filecmp
import os
import random
import shutil
import signal
import subprocess

import h5py

from e2e_common import LSAN_SUPPRESSIONS, check, hubsim, main, ok_run, scratch

SEED = 11   # fixed: the same kill months on every run of the test
EVERY = 12  # months between checkpoints
MONTHS = 168  # the built-in period, 2022-01..2035-12


def env():
    e = dict(os.environ)
    e.setdefault("LSAN_OPTIONS", f"suppressions={LSAN_SUPPRESSIONS}:print_suppressions=0")
    return e


def stop_at(binary, work, args, month, sig):
    """Starts `hubsim run ARGS`, sends `sig` once the progress line of `month` is out; returns
    (exit code, stderr). The run has months left then, so it cannot have finished."""
    p = subprocess.Popen([binary, "run", *args], cwd=work, env=env(), stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True)
    err = []
    while True:
        line = p.stderr.readline()
        check(line, f"run ended before month {month}:\n{''.join(err)}")
        err.append(line)
        fields = line.split()
        if len(fields) > 2 and fields[2] == "months" and int(fields[1].split("/")[0]) >= month:
            break
    p.send_signal(sig)
    rest = p.stderr.read()
    return p.wait(timeout=60), "".join(err) + rest


def months_done(path):
    with h5py.File(path, "r") as f:
        return int(f.attrs["months_done"])


def same_file(a, b, what):
    check(filecmp.cmp(a, b, shallow=False), f"{what}: {b} is not byte-identical to the uninterrupted {a}")


def kill_and_restart(binary, work, reference, month, extra=()):
    out, ckpt = os.path.join(work, "a.h5"), os.path.join(work, "a.checkpoint.h5")
    code, err = stop_at(binary, work, ["-o", out, "--threads", "1", "--checkpoint-every",
                                       str(EVERY), *extra], month, signal.SIGKILL)
    check(code == -signal.SIGKILL, f"kill at month {month}: exit {code}\n{err}")
    check(not os.path.exists(out), f"kill at month {month}: a run file was left at {out}")
    done = months_done(ckpt)
    check(done % EVERY == 0 and EVERY <= done <= month + EVERY, f"kill at month {month}: checkpoint after {done} months")
    # Killed a second time, a few months into the continuation; then continued to the end.
    code, err = stop_at(binary, work, ["--restart", ckpt, "--threads", "2", "--checkpoint-every",
                                       str(EVERY)], done + EVERY + 2, signal.SIGKILL)
    check(code == -signal.SIGKILL and f"continuing from {ckpt} after {done} months" in err,
          f"second kill: exit {code}\n{err}")
    check(months_done(ckpt) > done, f"the continued run wrote no checkpoint after {done} months")
    ok_run(binary, "run", "-q", "--restart", ckpt, "--threads", "2", cwd=work)
    same_file(reference, out, f"killed at month {month} and again after restarting")
    check(not os.path.exists(ckpt), "the checkpoint was not removed once the run file was written")
    os.remove(out)
    return done


def interrupt_and_restart(binary, work, reference):
    out, ckpt = os.path.join(work, "b.h5"), os.path.join(work, "b.ckpt.h5")
    code, err = stop_at(binary, work, ["-o", out, "--checkpoint-every", "1000",
                                       "--checkpoint", ckpt], 50, signal.SIGINT)
    last = err.strip().splitlines()[-1]
    check(code == 130 and f"continue with: hubsim run --restart {ckpt}" in last and last.endswith("no run file written"),
          f"SIGINT: exit {code}, last line {last!r}")
    done = months_done(ckpt)
    check(50 <= done < MONTHS, f"SIGINT: checkpoint after {done} months")
    ok_run(binary, "run", "-q", "--restart", ckpt, cwd=work)
    same_file(reference, out, "interrupted by SIGINT")
    os.remove(out)


def bad_checkpoints(binary, work, good):
    """Each damaged or foreign checkpoint: exit 2, one message naming the file, no run file."""
    def refused(path, expect):
        code, _, err = hubsim(binary, "run", "-q", "--restart", path, "-o", os.path.join(work, "never.h5"), cwd=work)
        check(code == 2 and path in err and expect in err, f"{path}: exit {code}, stderr {err!r} (expected {expect!r})")
        check(not os.path.exists(os.path.join(work, "never.h5")), f"{path}: a run file was written")

    size = os.path.getsize(good)
    truncated = shutil.copy(good, os.path.join(work, "truncated.h5"))
    os.truncate(truncated, size // 2)
    refused(truncated, "truncated.h5")
    # A flipped byte inside the workers' first column: caught by its Fletcher-32 checksum.
    flipped = shutil.copy(good, os.path.join(work, "flipped.h5"))
    with h5py.File(good, "r") as f:
        offset = f["workers/column_00"].id.get_chunk_info(0).byte_offset
    with open(flipped, "r+b") as f:
        f.seek(offset + 100)
        byte = f.read(1)
        f.seek(offset + 100)
        f.write(bytes([byte[0] ^ 0x5A]))
    refused(flipped, "workers/column_00")
    other = shutil.copy(good, os.path.join(work, "other_version.h5"))
    with h5py.File(other, "r+") as f:
        f.attrs["git_commit"] = "0000000"
    refused(other, "restart it with the hubsim that wrote it")
    # Valid HDF5 with good checksums, but a worker employed by a firm row that does not exist.
    wild = shutil.copy(good, os.path.join(work, "wild_index.h5"))
    with h5py.File(wild, "r+") as f:
        employer = f["workers/column_04"]  # WorkerColumns: home, applied, status, months_searching, employer
        employer[0] = 4_000_000
    refused(wild, "/workers employer row 0 holds an index or code out of range")
    run_file = os.path.join(work, "a_run_file.h5")
    ok_run(binary, "run", "-q", "-o", run_file, "--set", "run.end=2022-06", cwd=work)
    refused(run_file, "not a hubsim checkpoint")
    refused(os.path.join(work, "missing.h5"), "no such file")


def test(argv):
    binary, work = argv[0], scratch(argv[1])
    reference = os.path.join(work, "reference.h5")
    ok_run(binary, "run", "-q", "-o", reference, cwd=work)
    rng = random.Random(SEED)
    for month in sorted(rng.sample(range(EVERY + 1, MONTHS - 3 * EVERY), 3)):
        kill_and_restart(binary, work, reference, month)
    interrupt_and_restart(binary, work, reference)

    # Agent snapshots are part of the state too.
    snap = ["--set", "output.snapshot_every_months=24"]
    snap_reference = os.path.join(work, "snap_reference.h5")
    ok_run(binary, "run", "-q", "-o", snap_reference, *snap, cwd=work)
    kill_and_restart(binary, work, snap_reference, 60, snap)

    # A checkpoint to damage: stop a run at month 30 and keep what it saved.
    stop_at(binary, work, ["-o", os.path.join(work, "c.h5"), "--checkpoint-every", "6"], 30, signal.SIGKILL)
    good = os.path.join(work, "c.checkpoint.h5")
    # `hubsim inspect` tells a checkpoint from a run file and says how to continue it.
    done = months_done(good)  # 30, or 24 if the kill came before the checkpoint of month 30
    shown = ok_run(binary, "inspect", good, cwd=work)
    month = f"{2022 + done // 12}-{done % 12 + 1:02d}"
    check("hubsim checkpoint" in shown and f"done       {done} of 168 months; continues at {month}" in shown and
          f"hubsim run --restart {good}" in shown, f"inspect of a checkpoint after {done} months:\n{shown}")
    bad_checkpoints(binary, work, good)


main(test)
