"""Ctrl-C on `hubsim sweep` (issue 8, item 5): SIGINT or SIGTERM, sent once some runs have finished,
stops the sweep within a fraction of one run's time (running runs are cancelled at their next month,
not finished) with exit code 130 and a message saying how to resume; every finished run file is kept
and valid, nothing partial is left (no temporaries, no summary). A second signal exits at once.
Resuming then completes the sweep with a summary identical to an uninterrupted one's. Under mpirun
(when available), SIGINT to mpirun ends every rank instead of hanging, and a resume completes.
Usage: sweep_interrupt.py HUBSIM SCRATCH"""
import os
import re
import shutil
import signal
import subprocess
import sys
import time

from e2e_common import LSAN_SUPPRESSIONS, check, main, ok_run, scratch
from sweep_common import GRID, Checker, no_temporaries, run_files, same_outputs, sized_sweep
from sweep_mpi import mpi_env, mpirun_command

# The grid of sweep_common with five simulated years a run (~0.3 s in a release build), so that a
# run in progress when the signal comes is clearly cancelled rather than finished.
LONG = GRID.replace("run.end: 2023-12", "run.end: 2026-12")


def env():
    e = dict(os.environ)
    e.setdefault("LSAN_OPTIONS", f"suppressions={LSAN_SUPPRESSIONS}:print_suppressions=0")
    return e


def wait_for_runs(p, d, n, what):
    deadline = time.monotonic() + 40
    while run_files(d) < n:
        check(p.poll() is None, f"{what}: the sweep ended before {n} runs were done")
        check(time.monotonic() < deadline, f"{what}: {n} runs not done in 40 s")
        time.sleep(0.002)


def interrupt(binary, exp, d, checker, how, per_run):
    """Starts (or resumes) the sweep, interrupts it once two more runs are done, checks the result."""
    before = run_files(d)
    p = subprocess.Popen([binary, "sweep", exp, "-o", d, "-j", "2"], env=env(), stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    wait_for_runs(p, d, before + 2, how)
    t0 = time.monotonic()
    p.send_signal(signal.SIGTERM if how == "SIGTERM" else signal.SIGINT)
    if how == "SIGINT twice":
        time.sleep(0.001)
        p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=30)
    stopped = time.monotonic() - t0
    check(p.returncode == 130, f"{how}: exit code {p.returncode}, expected 130\n{err}")
    check(not out, f"{how}: an interrupted sweep printed a summary:\n{out}")
    done, temps, summaries = checker.directory(d)
    check(summaries == 0, f"{how}: an interrupted sweep wrote summary files")
    check(done >= before + 2, f"{how}: {done} run files, {before + 2} were done before the signal")
    if how != "SIGINT twice":  # a second signal may cut a write short: its temporary may remain
        last = err.strip().splitlines()[-1] if err.strip() else ""
        m = re.match(r"hubsim: interrupted, (\d+) of (\d+) runs done \(their files are kept in (.+)\); "
                     r"re-run the same command to finish: hubsim sweep (.+) -o (.+)$", last)
        check(m and int(m[1]) == done and int(m[2]) == checker.count and m[4] == exp and m[5] == d,
              f"{how}: last stderr line is {last!r} ({done} run files)")
        check(temps == 0, f"{how}: a clean stop left {temps} temporaries")
        # Finishing the two runs in progress would take most of a run; cancelling them, a month.
        check(stopped < 0.5 * per_run, f"{how}: took {stopped:.2f} s to stop (a run takes {per_run:.2f} s)")
    return f"{how}: {done} runs kept, stopped in {stopped:.2f} s"


def mpi_interrupt(binary, exp, d, checker):
    """SIGINT to mpirun ends the job (no rank left waiting), keeps valid runs, and a resume completes."""
    p = subprocess.Popen(mpirun_command(binary, 2, "sweep", exp, "-o", d), env=mpi_env(), stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 40
    while run_files(d) < 1 and p.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    if p.poll() is not None:
        _, err = p.communicate()
        check("built without MPI" in err, f"mpirun sweep ended before its first run:\n{err}")
        return "mpirun: skipped (hubsim built without MPI)"
    t0 = time.monotonic()
    p.send_signal(signal.SIGINT)
    try:
        p.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        p.kill()
        check(False, "mpirun sweep still running 30 s after SIGINT")
    stopped = time.monotonic() - t0
    done, _, summaries = checker.directory(d)  # mpirun may SIGKILL ranks: temporaries allowed
    check(summaries == 0 or done == checker.count, "mpirun: summary files with runs missing")
    ok_run(binary, "sweep", exp, "-o", d, "-j", "2", "-q")
    same_outputs(checker.whole, d, "mpirun interrupted, resumed locally")
    no_temporaries(d)
    return f"mpirun -np 2: ended {stopped:.2f} s after SIGINT with {done} runs kept (exit {p.returncode})"


def test(argv):
    binary, work = argv[0], scratch(argv[1])
    t_start = time.monotonic()
    exp, text, whole, seconds = sized_sweep(binary, work, LONG, 5.0)
    checker = Checker(whole, text)
    per_run = seconds / (checker.count / 2)  # two at once

    d = os.path.join(work, "interrupted")
    notes = [interrupt(binary, exp, d, checker, how, per_run) for how in ("SIGINT", "SIGTERM", "SIGINT twice")]
    code = subprocess.run([binary, "sweep", exp, "-o", d, "-j", "2"], env=env(), capture_output=True, text=True,
                          timeout=50)
    check(code.returncode == 0, f"resume exited {code.returncode}:\n{code.stderr}")
    same_outputs(whole, d, "interrupted three times, then resumed")
    no_temporaries(d)
    if shutil.which("mpirun"):
        notes.append(mpi_interrupt(binary, exp, os.path.join(work, "mpi"), checker))
    print(f"run {per_run:.2f} s; " + "; ".join(notes) + f"; test {time.monotonic() - t_start:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main(test)
