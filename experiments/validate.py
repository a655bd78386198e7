#!/usr/bin/python3
"""Run the scenario ladder over the calibrated posterior and check every pattern against its evidence.

    /usr/bin/python3 experiments/validate.py                 # -> runs/validation/
    /usr/bin/python3 experiments/validate.py --write         # replaces experiments/calibration/

The runs are one sweep, `hubsim sweep experiments/sweeps/scenario_ladder.yaml` (the four rungs x
posterior draws x seeds, common seeds: rung differences are paired by draw and seed), so the
bands carry parameter uncertainty (the posterior of experiments/calibration/lancashire.yaml) as
well as stochastic noise, and every number here is the same route as `hubsim analyse` takes.
Writes validation.md and validation.csv (pattern, source, role, model mean, 90% band over the
runs, tolerance, and whether the BAND lies inside the tolerance), the calibration's fitted and
held-out targets beside them (its posterior predictive, experiments/calibration/lancashire/), and
scenario_ladder.png (the four rungs to 2035 with their 90% bands, the strategy's claims beside them).

Each pattern has a role:
  input           the model is set to it (initial jobs, NCF posts): it holds by construction;
  fitted          a parameter was chosen, or calibrated, to reproduce it: it holds by construction
                  too, and is not evidence that the model is right;
  held out        no parameter was set from it: agreement is evidence, disagreement a finding;
  strategy claim  what the Lancashire Digital Strategy (2022) expects: the model tests it.
The verdict is "yes" when the whole 5-95% band lies inside the tolerance, "partly" when the
band overlaps it, "no" when it lies outside. Exit code 0 whatever the verdicts (1 if a run fails).
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
LABELS = {"1_trend": "(1) current trend", "2_ncf": "(2) + NCF's 2,000 posts",
          "3_supply_chain": "(3) + NCF supply chain", "4_strategy": "(4) + the strategy's interventions"}
# The strategy's own rungs for 2035 (Scenarios for Digital Sector Jobs Growth, Figure 7): the
# trend implied by its arithmetic (50,000 - 15,000 - 3 x 2,000 - 2,000), + NCF 2,000, + 3 supply
# chain jobs per NCF job, + 15,000 from the interventions.
CLAIMED_2035 = {"1_trend": 27000, "2_ncf": 29000, "3_supply_chain": 35000, "4_strategy": 50000}
SPOKES = ["Preston", "Lancaster", "Blackpool", "Blackburn", "Burnley"]
ONS_UK_2012 = [0.913, 0.739, 0.594, 0.504, 0.432]  # ONS business demography, UK births 2012 (config input)
ONS_NW_2010 = [0.874, 0.719, 0.557, 0.466, 0.399]  # ONS business demography, North West births 2010


def measure(path):
    """Every pattern's ingredients from one run file."""
    with h5py.File(path, "r") as f:
        kind = f["hub_kind"][:]
        county = kind != 3
        hubs = list(f["hub"].asstr()[:])
        employment = f["employment"][:]
        jobs = employment[:, county].sum(axis=1)
        firms = f["firms"][:][:, county].sum(axis=1)
        samlesbury = hubs.index("Samlesbury")
        destination = f["graduate_destination"][:]  # (cohort, university, months_after 6/12/24, kind)
        at12 = destination[:, :, 1, :].sum(axis=1)  # (cohort, kind)
        complete = ~np.isnan(at12).any(axis=1) & (np.nan_to_num(at12).sum(axis=1) > 0)
        at12 = at12[complete].sum(axis=0)
        at6 = destination[:, :, 0, :].sum(axis=1)
        at6 = at6[~np.isnan(at6).any(axis=1) & (np.nan_to_num(at6).sum(axis=1) > 0)].sum(axis=0)
        launched = f["firm_cohort_launched"][:].astype(float)
        alive = f["firm_cohort_alive"][:]
        observed = ~np.isnan(alive).any(axis=1)  # cohorts seen to their 5th anniversary
        bands = f["firm_size_band"][:].astype(float)
        year_end = [i for i, d in enumerate(f["date"].asstr()[:]) if d.endswith("-12")]
        births = f["firm_births"][:][:, county].sum(axis=1)
        closures = f["firm_closures"][:][:, county].sum(axis=1)
        return {
            "dates": list(f["date"].asstr()[:]),
            "jobs": jobs,
            "spoke_share": employment[:, [hubs.index(h) for h in SPOKES]].sum(axis=1) / jobs,
            "firms": firms,
            "gva_m": f["county_gva_m"][:],
            "share": f["digital_share"][:],
            "productivity": f["productivity_ratio"][:],
            "anchor_jobs": f["anchor_jobs"][:].sum(axis=1),
            "outside_share": f["in_migrants"][:, samlesbury].sum()
            / max(1, f["in_migrants"][:, samlesbury].sum() + f["anchor_local_hires"][:, samlesbury].sum()),
            "largest_share": float(np.max(f["largest_firm_staff"][:] / jobs)),
            "micro_start": bands[0, 0] / bands[0].sum(),
            "micro_end": bands[-1, 0] / bands[-1].sum(),
            "survival": (alive[observed].sum(axis=0) / launched[observed].sum()) if observed.any() else np.full(5, np.nan),
            "birth_rate": births[12:].sum() / firms[12:].mean() / ((len(firms) - 12) / 12),
            "death_rate": closures[12:].sum() / firms[12:].mean() / ((len(firms) - 12) / 12),
            "in_county_12m": (at12[0] + at12[1]) / at12.sum(),
            "london_6m": at6[3] / at6.sum(),
            "deals": f["deals"][:][:36].sum() / 3,
        }


def band(values):
    v = np.asarray(values, dtype=float)
    return v.mean(), np.percentile(v, 5), np.percentile(v, 95)


def verdict(p5, p95, lo, hi):
    if lo <= p5 and p95 <= hi:
        return "yes"
    if p95 < lo or p5 > hi:
        return "no"
    return "partly"


def wilson(k, n, z=1.6448536269514722):
    """90% Wilson interval of k successes in n: the interval `hubsim analyse` prints for targets."""
    if n == 0:
        return float("nan"), float("nan")
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def meets(values, lo, hi, draws):
    """The share of runs inside the tolerance, with the 90% Wilson interval over the posterior
    draws (as `hubsim analyse` gives a target's probability when every run or none meets it; a
    conservative n: seeds of one draw are not independent of its parameters)."""
    v = np.asarray(values, dtype=float)
    share = float(np.mean((v >= lo) & (v <= hi)))
    n = draws or len(v)
    low, high = wilson(share * n, n)
    return share, low, high


def calibration_section():
    """The calibration's targets, fitted and held out, with their posterior predictive bands."""
    path = ROOT / "experiments" / "calibration" / "lancashire" / "predictive.csv"
    if not path.exists():
        return ""
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))

    def fmt(x):
        x = float(x)
        return f"{x:,.0f}" if abs(x) >= 100 else f"{x:.3g}"

    md = ["", "## The calibration's targets (experiments/calibration/lancashire.yaml)", "",
          "Posterior predictive over the final ABC-SMC generation's particles (one seed each), beside the prior's; "
          "fitted targets make up the ABC distance, held-out ones were never used. `inside`: the observation lies "
          "within the posterior's 90% band.", "",
          "| target | role | observed (sd) | prior 90% | posterior 90% | inside | source |", "|---|---|---|---|---|---|---|"]
    for role in ("fitted", "held_out"):
        for r in rows:
            if r["role"] == role:
                md.append(f"| {r['label']} | {role.replace('_', ' ')} | {fmt(r['observed'])} ({fmt(r['sd'])}) | "
                          f"{fmt(r['prior_p5'])} .. {fmt(r['prior_p95'])} | {fmt(r['posterior_p5'])} .. "
                          f"{fmt(r['posterior_p95'])} | {r['observed_inside_90']} | {r['source']} |")
    held = [r for r in rows if r["role"] == "held_out"]
    md += ["", f"Held-out coverage: {sum(r['observed_inside_90'] == 'yes' for r in held)} of {len(held)} "
           "observations inside the posterior's 90% band.", ""]
    return "\n".join(md)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--hubsim", default=str(ROOT / "build" / "release" / "hubsim"))
    committed = ROOT / "experiments" / "calibration"
    parser.add_argument("-o", "--output", help=f"where to write (default: runs/validation; with --write: {committed})")
    parser.add_argument("--write", action="store_true",
                        help="replace the committed results in experiments/calibration/ (the README's table and figure)")
    parser.add_argument("--sweep", default=str(ROOT / "runs" / "validation" / "ladder"),
                        help="the ladder's sweep directory (resumed if it is there)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    out = pathlib.Path(args.output) if args.output else committed if args.write else ROOT / "runs" / "validation"
    if out.resolve() == committed.resolve() and not args.write:
        parser.error(f"{out} holds the committed results; add --write to replace them")
    if out.resolve() == committed.resolve():
        print(f"validate: replacing the committed results in {out}", file=sys.stderr)
    out.mkdir(parents=True, exist_ok=True)

    ladder = ROOT / "experiments" / "sweeps" / "scenario_ladder.yaml"
    sweep = pathlib.Path(args.sweep)
    p = subprocess.run([args.hubsim, "sweep", str(ladder), "-o", str(sweep), "-j", str(args.jobs), "-q"])
    if p.returncode != 0:
        print(f"validate: the ladder sweep exited {p.returncode}", file=sys.stderr)
        return 1
    with open(sweep / "summary.csv", newline="") as f:
        summary = list(csv.DictReader(f))
    if any(r["status"] != "ok" for r in summary):
        print("validate: some ladder runs failed (see summary.csv)", file=sys.stderr)
        return 1
    # Runs of each rung in plan order: (draw, replicate) pairs line up across rungs.
    by_rung = {s: [r for r in summary if pathlib.Path(r["config"]).stem == s] for s in SCENARIOS}
    n = len(by_rung[SCENARIOS[0]])
    if any(len(v) != n for v in by_rung.values()):
        print("validate: the rungs have different numbers of runs", file=sys.stderr)
        return 1
    with futures.ProcessPoolExecutor(args.jobs) as pool:
        files = {(s, k): sweep / "runs" / f"{r['run_id']}.h5" for s in SCENARIOS for k, r in enumerate(by_rung[s])}
        res = dict(zip(files, pool.map(measure, files.values())))
    draws = len({r["posterior_draw"] for r in by_rung[SCENARIOS[0]]}) if "posterior_draw" in summary[0] else 0
    seeds = range(n)
    described = (f"{n} runs per rung: {draws} posterior draws x {n // max(draws, 1)} seeds" if draws
                 else f"{n} seeds per rung")
    dates = res[(SCENARIOS[0], 0)]["dates"]
    end, y2030 = len(dates) - 1, dates.index("2030-12")

    def per_seed(scenario, key, fn=lambda x: x):
        return [fn(res[(scenario, k)][key]) for k in seeds]

    d = {s: np.array(per_seed(s, "jobs", lambda x: x[end])) for s in SCENARIOS}
    survival = {s: np.array(per_seed("1_trend", "survival")) for s in ["1_trend"]}["1_trend"]
    largest = max(max(per_seed(s, "largest_share")) for s in SCENARIOS)
    # (pattern, source, role, values over seeds, low, high)
    rows = [
        ("digital jobs at the start: 'just below 20,000' (BRES 2020: 19,975)", "Strategy, Lancashire's Digital Workforce",
         "input", per_seed("1_trend", "jobs", lambda x: x[0]), 19000, 21000),
        ("about half of the jobs in the five spokes", "Strategy, The Lancashire model", "input",
         per_seed("1_trend", "spoke_share", lambda x: x[0]), 0.45, 0.55),
        ("about 4,000 digital firms", "domain §2.4 (Kothia 2022; Digital Economy Report 2021)", "fitted",
         per_seed("1_trend", "firms", lambda x: x[0]), 3800, 4200),
        ("91.9% of digital firms have 1-9 staff", "DSIT digital sector business demographics 2023", "fitted",
         per_seed("1_trend", "micro_start"), 0.90, 0.94),
    ]
    for k in range(5):
        rows.append((f"{k + 1}-year survival of launched firms: {ONS_UK_2012[k]:.1%} (UK births 2012)",
                     "ONS business demography (StatsWales table)", "fitted", survival[:, k],
                     ONS_UK_2012[k] - 0.03, ONS_UK_2012[k] + 0.03))
    for k in range(5):
        rows.append((f"{k + 1}-year survival of launched firms: {ONS_NW_2010[k]:.1%} (North West births 2010)",
                     "ONS business demography (StatsWales table)", "held out", survival[:, k],
                     ONS_NW_2010[k] - 0.03, ONS_NW_2010[k] + 0.03))
    rows += [
        ("firm births: 11.0-12.4% of active firms a year (UK 2021-23)", "ONS business demography 2023", "input",
         per_seed("1_trend", "birth_rate"), 0.10, 0.125),
        ("firm deaths: 10.8-11.9% of active firms a year (UK 2021-23)", "ONS business demography 2023", "held out",
         per_seed("1_trend", "death_rate"), 0.10, 0.125),
        ("firms with 1-9 staff in 2035: still about 90%", "DSIT 2023 (the share in 2023, held as a stable pattern)",
         "held out", per_seed("1_trend", "micro_end"), 0.88, 0.94),
        ("no firm holds more than 5% of the county's digital jobs (any month, any rung, any seed)",
         "issue 13 (realism check)", "held out", [largest], 0, 0.05),
        ("graduates in the county 12 months on: ~58% work in their region of study", "AGCAS/Prospects (calibrated: lancashire.yaml)",
         "fitted", per_seed("1_trend", "in_county_12m"), 0.50, 0.66),
        ("equity deals a year in Lancashire: ~10-20 ('nine deals ... in the first months of 2022')",
         "Strategy, Lancashire's Digital Ecosystem; domain §2.10 (calibrated)", "fitted", per_seed("1_trend", "deals"), 8, 30),
        ("digital share of output now: 3%", "Strategy, The Vision", "input", per_seed("1_trend", "share", lambda x: x[0]),
         0.025, 0.035),
        ("productivity now: 'less than two-thirds' of the national digital average", "Strategy, Productivity", "input",
         per_seed("1_trend", "productivity", lambda x: x[0]), 0.55, 0.667),
        ("current trend in 2035: ~27,000 (Figure 7's arithmetic)", "Strategy, Scenarios for Digital Sector Jobs Growth (calibrated)",
         "fitted", d["1_trend"], 24300, 29700),
        ("NCF posts at Samlesbury by 2030: 2,000", "Strategy, Scenarios ..., (2)", "input",
         per_seed("2_ncf", "anchor_jobs", lambda x: x[y2030]), 1900, 2100),
        ("NCF adds ~2,000 jobs by 2035 (rung 2 - rung 1, paired by seed)", "Strategy, Scenarios ..., (2)", "strategy claim",
         d["2_ncf"] - d["1_trend"], 1500, 2500),
        ("two thirds of NCF recruits from outside the county", "Strategy, Inflection points in jobs growth",
         "strategy claim", per_seed("2_ncf", "outside_share"), 0.55, 0.78),
        ("~3 supply-chain jobs per NCF job ((rung 3 - rung 2) / 2,000)", "Strategy, Scenarios ..., (3)", "strategy claim",
         (d["3_supply_chain"] - d["2_ncf"]) / 2000, 2.4, 3.6),
        ("the interventions add ~15,000 jobs (rung 4 - rung 3)", "Strategy, Scenarios ..., (4)", "strategy claim",
         d["4_strategy"] - d["3_supply_chain"], 12000, 18000),
        ("digital jobs in 2035 under the strategy: > 50,000", "Strategy, The Vision", "strategy claim", d["4_strategy"],
         50000, 1e9),
        ("digital GVA in 2035 under the strategy: > GBP 5bn a year", "Strategy, The Vision", "strategy claim",
         per_seed("4_strategy", "gva_m", lambda x: x[end] / 1000), 5, 1e9),
        ("digital share of output in 2035 under the strategy: > 10%", "Strategy, The Vision", "strategy claim",
         per_seed("4_strategy", "share", lambda x: x[end]), 0.10, 1.0),
        ("productivity gap closed by 2035 under the strategy", "Strategy, Productivity", "strategy claim",
         per_seed("4_strategy", "productivity", lambda x: x[end]), 0.95, 10),
        ("productivity relative to the UK in 2035, current trend (emerges: either direction)", "Strategy, Productivity",
         "held out", per_seed("1_trend", "productivity", lambda x: x[end]), 0.55, 0.75),
    ]
    table = []
    for pattern, source, role, values, lo, hi in rows:
        mean, p5, p95 = band(values)
        share, plo, phi = meets(values, lo, hi, draws if len(values) == n else 0)
        table.append([pattern, source, role, mean, p5, p95, lo, hi, verdict(p5, p95, lo, hi), share, plo, phi])

    with open(out / "validation.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["pattern", "source", "role", "model mean", "p5", "p95", "tolerance low", "tolerance high", "band inside",
                    "share of runs inside", "share p5 (Wilson)", "share p95 (Wilson)"])
        w.writerows(table)

    def fmt(x):
        return f"{x:,.0f}" if abs(x) >= 100 else f"{x:.3g}"

    def tol(lo, hi):
        return f">= {fmt(lo)}" if hi >= 1e8 or hi == 10 or hi == 1.0 else f"<= {fmt(hi)}" if lo == 0 else f"{fmt(lo)} .. {fmt(hi)}"

    md = ["| pattern | source | role | model mean | 90% band | tolerance | band inside | P(inside) [90% CI] |",
          "|---|---|---|---|---|---|---|---|"]
    md += [f"| {p} | {s} | {r} | {fmt(m)} | {fmt(a)} .. {fmt(b)} | {tol(lo, hi)} | {v} | {q:.2f} [{ql:.2f}, {qh:.2f}] |"
           for p, s, r, m, a, b, lo, hi, v, q, ql, qh in table]
    rung = [f"| {LABELS[s]} | {fmt(band(d[s])[0])} | {fmt(band(d[s])[1])} .. {fmt(band(d[s])[2])} | {CLAIMED_2035[s]:,} | "
            f"{max(per_seed(s, 'largest_share')):.1%} |" for s in SCENARIOS]
    (out / "validation.md").write_text(
        f"# Validation of the Lancashire model\n\n"
        f"Made by `experiments/validate.py` from the sweep `experiments/sweeps/scenario_ladder.yaml` ({described}; "
        f"the draws from the calibrated posterior, `experiments/calibration/lancashire/posterior.csv`); "
        f"the band is the 5-95% range over those runs, so it holds parameter and stochastic uncertainty, "
        f"and the verdict asks whether the whole band lies inside the tolerance; "
        f"P(inside) is the share of runs inside it with its 90% Wilson interval over the {draws or n} "
        f"{'posterior draws' if draws else 'seeds'}, the rule `hubsim analyse` uses for a sweep's targets.\n\n"
        f"Roles: **input** and **fitted** patterns hold by construction and are not evidence; **held out** patterns "
        f"were not used to set any parameter; **strategy claim** rows are what the model tests.\n\n"
        + "\n".join(md)
        + "\n\n## Digital jobs in 2035 by rung, beside the strategy's Figure 7\n\n"
        "| rung | model mean | 90% band | the strategy's figure | largest firm's share of county jobs (worst month, worst seed) |\n"
        "|---|---|---|---|---|\n" + "\n".join(rung) + "\n" + calibration_section())
    print("\n".join(md))
    print("\n".join(rung))

    years = np.array([int(x[:4]) + (int(x[5:]) - 0.5) / 12 for x in dates])
    fig, ax = plt.subplots(figsize=(10, 5.6), constrained_layout=True)
    colours = ["#5b6770", "#2b7bba", "#e08a1e", "#2e9e4f"]
    for s, c in zip(SCENARIOS, colours):
        series = np.array([res[(s, k)]["jobs"] for k in seeds])
        ax.fill_between(years, np.percentile(series, 5, axis=0), np.percentile(series, 95, axis=0), color=c, alpha=0.2, lw=0)
        ax.plot(years, series.mean(axis=0), color=c, lw=2.2, label=LABELS[s] + f": {series[:, -1].mean():,.0f}")
        ax.plot([years[-1] + 0.35], [CLAIMED_2035[s]], marker="D", color=c, ms=8, mec="black", ls="none")
        ax.annotate(f"{CLAIMED_2035[s]:,}", (years[-1] + 0.55, CLAIMED_2035[s]), fontsize=9, va="center")
    ax.plot([], [], marker="D", color="white", mec="black", ls="none", label="the strategy's claim for 2035 (Figure 7)")
    ax.axhline(50000, color="black", ls="--", lw=1)
    ax.text(years[-1] - 0.2, 50600, "the strategy's target: over 50,000 by 2035", fontsize=9, ha="right")
    ax.set_xlim(years[0], years[-1] + 1.6)
    ax.set_ylim(15000, 55000)
    ax.set_ylabel("digital jobs in Lancashire")
    ax.set_title(f"Digital jobs to 2035 by rung against the strategy's claims\n(hubsim; mean and 90% band over {described})",
                 fontsize=11)
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", fontsize=9)
    fig.savefig(out / "scenario_ladder.png", dpi=110)
    print(f"wrote {out / 'validation.md'}, {out / 'validation.csv'} and {out / 'scenario_ladder.png'}"
          + ("" if out.resolve() == committed.resolve() else
             f" (the committed results in {committed.relative_to(ROOT)} are unchanged; --write replaces them)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
