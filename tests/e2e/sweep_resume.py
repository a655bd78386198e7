"""A sweep killed midway (SIGKILL) and re-run finishes only the missing runs, and its summary is
byte-identical to an uninterrupted sweep's; runs already done are neither redone nor lost.
Usage: sweep_resume.py HUBSIM SCRATCH"""
import os
import signal
import subprocess
import time

from e2e_common import check, main, ok_run, scratch
from sweep_common import experiment, same_outputs, summary_rows


def run_files(d):
    runs = os.path.join(d, "runs")
    return sorted(f for f in os.listdir(runs) if f.endswith(".h5")) if os.path.isdir(runs) else []


def test(argv):
    binary, work = argv[0], scratch(argv[1])
    exp = experiment(work)
    whole, killed = os.path.join(work, "whole"), os.path.join(work, "killed")
    ok_run(binary, "sweep", exp, "-o", whole, "-j", "2", "-q")
    rows = summary_rows(whole)
    check(len(rows) == 12 and all(r["status"] == "ok" for r in rows), f"uninterrupted sweep: {rows}")

    # Kill with SIGKILL once a few runs are on disk (one at a time, so some are surely left).
    p = subprocess.Popen([binary, "sweep", exp, "-o", killed, "-j", "1", "-q"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 30
    while len(run_files(killed)) < 3 and time.time() < deadline and p.poll() is None:
        time.sleep(0.005)
    p.send_signal(signal.SIGKILL)
    p.wait()
    done = run_files(killed)
    check(3 <= len(done) < 12, f"expected the kill to land midway, found {len(done)} run files")
    check(not os.path.exists(os.path.join(killed, "summary.csv")), "a killed sweep wrote a summary")
    before = {f: os.stat(os.path.join(killed, "runs", f)).st_mtime_ns for f in done}

    code_out = subprocess.run([binary, "sweep", exp, "-o", killed, "-j", "2"], capture_output=True, text=True,
                              timeout=50)
    check(code_out.returncode == 0, f"resume exited {code_out.returncode}:\n{code_out.stderr}")
    check(f"{12 - len(done)} to do" in code_out.stderr, f"resume did not skip the {len(done)} done runs:\n{code_out.stderr}")
    for f, mtime in before.items():
        check(os.stat(os.path.join(killed, "runs", f)).st_mtime_ns == mtime, f"resume rewrote {f}")
    same_outputs(whole, killed, "killed + resumed vs uninterrupted")

    # Re-running a finished sweep runs nothing and changes nothing; another experiment is refused.
    out = subprocess.run([binary, "sweep", exp, "-o", killed], capture_output=True, text=True, timeout=50)
    check(out.returncode == 0 and "0 to do" in out.stderr, f"finished sweep re-run:\n{out.stderr}")
    same_outputs(whole, killed, "re-run of a finished sweep")
    other = experiment(work, open(exp).read().replace("replicates: 2", "replicates: 3"), "other.yaml")
    out = subprocess.run([binary, "sweep", other, "-o", killed], capture_output=True, text=True, timeout=50)
    check(out.returncode == 2 and "different experiment" in out.stderr, f"other experiment into same dir:\n{out.stderr}")


if __name__ == "__main__":
    main(test)
