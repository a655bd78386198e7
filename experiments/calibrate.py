#!/usr/bin/python3
"""Run the strategy's scenario ladder with replicate seeds and check it against the targets.

    /usr/bin/python3 experiments/calibrate.py --seeds 10            # -> runs/calibration/
    /usr/bin/python3 experiments/calibrate.py --seeds 10 --write    # replaces experiments/calibration/

Writes validation.csv and validation.md (target, model mean, 90% band, tolerance, pass/fail)
and scenario_ladder.png (the four scenarios to 2035 with 90% bands, in the style of the
strategy's Figure 7) to runs/calibration/, or with --write over the committed results in
experiments/calibration/ (which the README shows); it says which. The targets are the Lancashire
Digital Strategy's (2022), each with the section of the strategy it comes from; what was fitted
to them is in models/lancashire/MODEL.md. Exit code 0 whatever the verdicts (1 only if runs
fail): the table is the result.
"""
import argparse
import concurrent.futures as futures
import csv
import os
import pathlib
import subprocess
import sys

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
SCENARIOS = ["1_trend", "2_ncf", "3_supply_chain", "4_strategy"]
LABELS = {"1_trend": "(1) current trend", "2_ncf": "(2) + NCF's 2,000 jobs",
          "3_supply_chain": "(3) + NCF supply chain", "4_strategy": "(4) + the strategy's interventions"}
SPOKES = ["Preston", "Lancaster", "Blackpool", "Blackburn", "Burnley"]


def run(hubsim, scenario, seed, out_dir):
    path = out_dir / "runs" / f"{scenario}_seed{seed}.h5"
    subprocess.run([hubsim, "run", "-q", str(ROOT / "configs" / "scenarios" / f"{scenario}.yaml"),
                    "--seed", str(seed), "--threads", "1", "-o", str(path)],
                   check=True, stdout=subprocess.DEVNULL)
    with h5py.File(path, "r") as f:
        county = f["hub_kind"][:] != 3
        hubs = list(f["hub"].asstr()[:])
        dates = list(f["date"].asstr()[:])
        employment = f["employment"][:]
        return {
            "dates": dates,
            "jobs": employment[:, county].sum(axis=1),
            "spoke_share": employment[:, [hubs.index(h) for h in SPOKES]].sum(axis=1) / employment[:, county].sum(axis=1),
            "gva_m": f["county_gva_m"][:],
            "share": f["digital_share"][:],
            "productivity": f["productivity_ratio"][:],
            "anchor_jobs": f["anchor_jobs"][:].sum(axis=1),
            "in_migrants": f["in_migrants"][:].sum(),
            "anchor_local_hires": f["anchor_local_hires"][:].sum(),
        }


def band(values):
    v = np.asarray(values, dtype=float)
    return v.mean(), np.percentile(v, 5), np.percentile(v, 95)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hubsim", default=str(ROOT / "build" / "release" / "hubsim"))
    parser.add_argument("--seeds", type=int, default=10, help="replicates per scenario (seeds 1..N)")
    committed = ROOT / "experiments" / "calibration"
    parser.add_argument("-o", "--output", help=f"where to write (default: runs/calibration; with --write: {committed})")
    parser.add_argument("--write", action="store_true",
                        help="replace the committed results in experiments/calibration/ (the README's table and figure)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    out = pathlib.Path(args.output) if args.output else committed if args.write else ROOT / "runs" / "calibration"
    if out.resolve() == committed.resolve() and not args.write:
        parser.error(f"{out} holds the committed results; add --write to replace them")
    if out.resolve() == committed.resolve():
        print(f"calibrate: replacing the committed results in {out}", file=sys.stderr)
    (out / "runs").mkdir(parents=True, exist_ok=True)

    seeds = range(1, args.seeds + 1)
    with futures.ThreadPoolExecutor(args.jobs) as pool:
        jobs = {(s, k): pool.submit(run, args.hubsim, s, k, out) for s in SCENARIOS for k in seeds}
        try:
            res = {key: job.result() for key, job in jobs.items()}
        except subprocess.CalledProcessError as e:
            print(f"calibrate: a run failed: {e}", file=sys.stderr)
            return 1
    dates = res[(SCENARIOS[0], 1)]["dates"]
    end, y2030 = len(dates) - 1, dates.index("2030-12")

    def per_seed(scenario, fn):
        return [fn(res[(scenario, k)]) for k in seeds]

    def jobs_2035(s):
        return per_seed(s, lambda r: r["jobs"][end])

    d = {s: np.array(jobs_2035(s)) for s in SCENARIOS}
    # (target, strategy section, model values over seeds, low, high)
    rows = [
        ("digital employment at the start (BRES 2020: 19,975; 'just below 20,000')", "Lancashire's Digital Workforce",
         per_seed("1_trend", lambda r: r["jobs"][0]), 19000, 21000),
        ("about half the workforce in the five spokes", "The Lancashire model",
         per_seed("1_trend", lambda r: r["spoke_share"][0]), 0.45, 0.55),
        ("current trend in 2035: ~27,000 (derived from Figure 7's arithmetic)", "Scenarios for Digital Sector Jobs Growth",
         d["1_trend"], 24300, 29700),
        ("NCF posts at Samlesbury by 2030: 2,000", "Scenarios ..., (2)",
         per_seed("2_ncf", lambda r: r["anchor_jobs"][y2030]), 1900, 2100),
        ("NCF adds ~2,000 jobs by 2035 (rung 2 - rung 1)", "Scenarios ..., (2)", d["2_ncf"] - d["1_trend"], 1500, 2500),
        ("~2/3 of NCF recruits from outside the county", "Scenarios ..., (2)",
         per_seed("3_supply_chain", lambda r: r["in_migrants"] / max(1, r["in_migrants"] + r["anchor_local_hires"])), 0.55, 0.78),
        ("~3 supply-chain jobs per NCF job ((rung 3 - rung 2) / 2,000)", "Scenarios ..., (3)",
         (d["3_supply_chain"] - d["2_ncf"]) / 2000, 2.4, 3.6),
        ("strategy's interventions: +15,000 jobs (rung 4 - rung 3)", "Scenarios ..., (4)",
         d["4_strategy"] - d["3_supply_chain"], 12000, 18000),
        ("digital employment in 2035 under the strategy: > 50,000", "The Vision", d["4_strategy"], 45000, 1e9),
        ("digital GVA in 2035 under the strategy: > GBP 5bn a year", "The Vision",
         per_seed("4_strategy", lambda r: r["gva_m"][end] / 1000), 4.5, 1e9),
        ("digital share of output now: 3%", "The Vision", per_seed("1_trend", lambda r: r["share"][0]), 0.025, 0.035),
        ("digital share of output in 2035 under the strategy: > 10%", "The Vision",
         per_seed("4_strategy", lambda r: r["share"][end]), 0.09, 1.0),
        ("productivity now: < 2/3 of the national digital average", "Productivity",
         per_seed("1_trend", lambda r: r["productivity"][0]), 0.55, 0.667),
        ("productivity gap closed by 2035 under the strategy", "Productivity",
         per_seed("4_strategy", lambda r: r["productivity"][end]), 0.95, 10),
    ]
    table = []
    for target, section, values, lo, hi in rows:
        mean, p5, p95 = band(values)
        table.append([target, section, mean, p5, p95, lo, hi, "yes" if lo <= mean <= hi else "NO"])

    with open(out / "validation.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["target", "strategy section", "model mean", "p5", "p95", "tolerance low", "tolerance high", "within"])
        w.writerows(table)

    def fmt(x):
        return f"{x:,.0f}" if abs(x) >= 100 else f"{x:.3g}"

    def tol(lo, hi):
        return f">= {fmt(lo)}" if hi >= 1e8 or hi == 10 or hi == 1.0 else f"{fmt(lo)} .. {fmt(hi)}"

    md = ["| target | strategy section | model mean | 90% band | tolerance | within |", "|---|---|---|---|---|---|"]
    md += [f"| {t} | {s} | {fmt(m)} | {fmt(a)} .. {fmt(b)} | {tol(lo, hi)} | {ok} |" for t, s, m, a, b, lo, hi, ok in table]
    (out / "validation.md").write_text(
        f"Validation of the scenario ladder: {args.seeds} seeds per scenario (1..{args.seeds}), "
        f"made by experiments/calibrate.py.\n\n" + "\n".join(md) + "\n")
    print("\n".join(md))

    years = np.array([int(x[:4]) + (int(x[5:]) - 0.5) / 12 for x in dates])
    fig, ax = plt.subplots(figsize=(10, 5.6), constrained_layout=True)
    colours = ["#5b6770", "#2b7bba", "#e08a1e", "#2e9e4f"]
    for s, c in zip(SCENARIOS, colours):
        series = np.array([res[(s, k)]["jobs"] for k in seeds])
        ax.fill_between(years, np.percentile(series, 5, axis=0), np.percentile(series, 95, axis=0), color=c, alpha=0.2, lw=0)
        ax.plot(years, series.mean(axis=0), color=c, lw=2.2, label=LABELS[s])
    ax.axhline(50000, color="black", ls="--", lw=1)
    ax.text(years[len(years) // 2], 50600, "the strategy's target: over 50,000 by 2035", fontsize=9, ha="center")
    ax.set_ylabel("digital jobs in Lancashire")
    ax.set_title(f"Scenarios for digital jobs growth to 2035 (hubsim; mean and 90% band of {args.seeds} seeds)")
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left")
    fig.savefig(out / "scenario_ladder.png", dpi=110)
    print(f"wrote {out / 'validation.md'}, {out / 'validation.csv'} and {out / 'scenario_ladder.png'}"
          + ("" if out.resolve() == committed.resolve() else
             f" (the committed results in {committed.relative_to(ROOT)} are unchanged; --write replaces them)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
