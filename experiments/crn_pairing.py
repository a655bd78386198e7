#!/usr/bin/python3
"""How much common random numbers buy: paired against unpaired differences between ladder rungs.

    /usr/bin/python3 experiments/crn_pairing.py --hubsim build/release/hubsim --seeds 20

Runs rungs 1-3 of the scenario ladder with seeds 1..N (one thread each, all cores busy) and
prints, for the county's digital jobs in the last month, the difference between rungs 1 and 2
(the NCF's posts) and between rungs 2 and 3 (its supply chain):

- paired sd: the standard deviation over seeds of (rung B - rung A) with the same seed;
- unpaired sd: sqrt(var(A) + var(B)), the sd of the difference of two independent runs;
- the variance reduction that pairing gives, (unpaired / paired)^2.

With perfect common random numbers the paired sd measures only how the scenario's effect
varies with the world, not the bookkeeping of random streams. Writes nothing but --csv.
"""
import argparse
import concurrent.futures as futures
import os
import pathlib
import subprocess
import sys
import tempfile

import h5py
import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
RUNGS = ["1_trend", "2_ncf", "3_supply_chain"]


def jobs_at_end(hubsim, rung, seed, out_dir):
    path = pathlib.Path(out_dir) / f"{rung}_{seed}.h5"
    subprocess.run([hubsim, "run", "-q", str(ROOT / "configs" / "scenarios" / f"{rung}.yaml"), "--seed", str(seed),
                    "--threads", "1", "-o", str(path)], check=True, stdout=subprocess.DEVNULL)
    with h5py.File(path, "r") as f:
        county = f["hub_kind"][:] != 3
        return float(f["employment"][-1, county].sum())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--hubsim", default=str(ROOT / "build" / "release" / "hubsim"))
    ap.add_argument("--seeds", type=int, default=20)
    ap.add_argument("--jobs", type=int, default=os.cpu_count())
    ap.add_argument("--csv", help="also write seed,rung,jobs rows here")
    args = ap.parse_args()
    seeds = list(range(1, args.seeds + 1))
    with tempfile.TemporaryDirectory() as tmp, futures.ThreadPoolExecutor(args.jobs) as pool:
        jobs = {(r, s): pool.submit(jobs_at_end, args.hubsim, r, s, tmp) for r in RUNGS for s in seeds}
        jobs = {k: v.result() for k, v in jobs.items()}
    if args.csv:
        with open(args.csv, "w") as out:
            out.write("seed,rung,jobs\n")
            for (r, s), v in sorted(jobs.items(), key=lambda kv: (kv[0][1], kv[0][0])):
                out.write(f"{s},{r},{v:.0f}\n")
    print(f"{'difference':<28}{'mean':>9}{'paired sd':>11}{'unpaired sd':>13}{'variance reduction':>20}")
    for a, b in [("1_trend", "2_ncf"), ("2_ncf", "3_supply_chain")]:
        va = np.array([jobs[(a, s)] for s in seeds])
        vb = np.array([jobs[(b, s)] for s in seeds])
        paired = np.std(vb - va, ddof=1)
        unpaired = np.sqrt(np.var(va, ddof=1) + np.var(vb, ddof=1))
        print(f"{b + ' - ' + a:<28}{np.mean(vb - va):>9,.0f}{paired:>11,.0f}{unpaired:>13,.0f}"
              f"{(unpaired / paired) ** 2 if paired > 0 else float('inf'):>19.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
