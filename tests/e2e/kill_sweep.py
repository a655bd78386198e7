"""Crash safety of `hubsim sweep` (issue 8, item 5): a sweep killed with SIGKILL at >= 20 seeded
random moments and re-run after each kill (kill, resume, kill, resume ...) leaves, after every kill,
only complete run files (each holding exactly the data of the uninterrupted sweep's file of the same
name), temporaries `NAME.tmp-PID` (never at a final name) and, only once every run is done, summary
files byte-identical to the uninterrupted sweep's. The resume that finally completes writes a summary
identical to an uninterrupted sweep's and removes the temporaries the kills left.
Usage: kill_sweep.py HUBSIM SCRATCH [KILLS]"""
import os
import random
import signal
import subprocess
import sys
import time

from e2e_common import LSAN_SUPPRESSIONS, check, main, scratch
from sweep_common import GRID, Checker, no_temporaries, run_files, same_outputs, sized_sweep

SEED = 5  # fixed: the same kill moments on every run of the test


def env():
    e = dict(os.environ)
    e.setdefault("LSAN_OPTIONS", f"suppressions={LSAN_SUPPRESSIONS}:print_suppressions=0")
    return e


def start(binary, exp, d):
    return subprocess.Popen([binary, "sweep", exp, "-o", d, "-j", "2", "-q"], env=env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test(argv):
    binary, work = argv[0], scratch(argv[1])
    kills = int(argv[2]) if len(argv) > 2 else 20
    t_start = time.monotonic()
    exp, text, whole, duration = sized_sweep(binary, work, GRID, 3.0)
    checker = Checker(whole, text)

    rng = random.Random(SEED)
    # A quarter of the kills aimed at the end: just after the last run file appears, while the
    # summary files are written; the rest anywhere in a (resumed) sweep, startup included.
    plan = ["anywhere"] * (kills - kills // 4) + ["at summary"] * (kills // 4)
    rng.shuffle(plan)
    killed, rounds, attempt = 0, 0, 0
    seen = {"run files at kills": [], "temporaries": 0, "summary files present": 0, "finished before the kill": 0}
    d = None
    while killed < kills:
        if d is None:  # a new round: a fresh directory, killed and resumed until it completes
            rounds += 1
            d = os.path.join(work, f"round{rounds}")
        kind = plan[killed]
        attempt += 1
        p = start(binary, exp, d)
        if kind == "at summary":
            deadline = time.monotonic() + 60
            while p.poll() is None and time.monotonic() < deadline and run_files(d) < checker.count:
                time.sleep(0.001)
            time.sleep(rng.uniform(0.0, 0.02))
        else:
            time.sleep(rng.uniform(0.0, 0.5) * duration)
        p.send_signal(signal.SIGKILL)  # no effect if it already exited
        _, err = p.communicate(timeout=60)
        if p.returncode == 0:  # finished first: the round is complete
            seen["finished before the kill"] += 1
            same_outputs(whole, d, f"round {rounds} completed")
            no_temporaries(d)
            d = None
            continue
        check(p.returncode == -signal.SIGKILL, f"sweep exited {p.returncode}:\n{err.decode(errors='replace')}")
        killed += 1
        done, temps, summaries = checker.directory(d)
        seen["run files at kills"].append(done)
        seen["temporaries"] += temps
        seen["summary files present"] += summaries > 0

    # The last round, resumed to the end, equals the uninterrupted sweep.
    out = subprocess.run([binary, "sweep", exp, "-o", d, "-j", "2"], env=env(), capture_output=True, text=True,
                         timeout=50)
    check(out.returncode == 0, f"final resume exited {out.returncode}:\n{out.stderr}")
    checker.directory(d)
    same_outputs(whole, d, "killed and resumed vs uninterrupted")
    no_temporaries(d)
    elapsed = time.monotonic() - t_start
    print(f"{killed} kills survived in {attempt} attempts, {rounds} rounds, sweep {duration:.2f} s, "
          f"test {elapsed:.1f} s: {seen}", file=sys.stderr)


if __name__ == "__main__":
    main(test)
