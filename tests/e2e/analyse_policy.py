"""`hubsim analyse` policy answers (issue 15) on small sweeps of short runs, checked against
numbers recomputed here from summary.csv: target probabilities with Wilson intervals, paired
differences by seed with their variance reduction (and --baseline), cost per job from a
with/without design, PRIM boxes (--discover) over a Latin hypercube, and exit code 2 with one
line and nothing written for bad options or a sweep with nothing to analyse.
Usage: analyse_policy.py HUBSIM SCRATCH"""
import csv
import math
import os
import statistics

from e2e_common import check, hubsim, main, ok_run, scratch, write

GRID = """name: policy
set: {run.end: 2022-12}
parameters:
  - {key: labour.commute_minutes, values: [30, 60, 90]}
design: {kind: grid}
replicates: 6
seeds: common
outcomes:
  - {name: county_jobs, variable: employment, hub: county, when: last}
  - {name: leavers, variable: leavers, when: "2022", stat: sum}
targets:
  - {name: many_jobs, outcome: county_jobs, op: ">=", value: THRESHOLD}
  - "leavers < 1e9"
"""


def table(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def wilson(k, n, z=1.6448536269514722):
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def close(a, b, tol=1e-6):
    return abs(float(a) - float(b)) <= tol * max(1.0, abs(float(b)))


def test(argv):
    binary, work = argv[0], scratch(argv[1])

    # A first sweep fixes a threshold that some runs meet and others do not; then the real one.
    probe = write(os.path.join(work, "probe.yaml"), GRID.replace("THRESHOLD", "0"))
    ok_run(binary, "sweep", probe, "-o", os.path.join(work, "probe"), "-j", "2", "-q")
    jobs = sorted(float(r["county_jobs"]) for r in table(os.path.join(work, "probe", "summary.csv")))
    threshold = jobs[len(jobs) // 2]
    exp = write(os.path.join(work, "policy.yaml"), GRID.replace("THRESHOLD", repr(threshold)))
    d = os.path.join(work, "policy")
    ok_run(binary, "sweep", exp, "-o", d, "-j", "2", "-q")
    rows = table(os.path.join(d, "summary.csv"))

    # Bad options first: one line, exit 2, nothing written (no analysis directory yet).
    for args, expect in ((["--baseline", "nope"], "--baseline: no point \"nope\""),
                         (["--discover", "county_jobs = 5"], "--discover: expected OUTCOME OP NUMBER"),
                         (["--discover", "jobz >= 5"], "--discover: no outcome \"jobz\"")):
        code, out, err = hubsim(binary, "analyse", d, *args)
        check(code == 2 and err.count("\n") == 1 and expect in err, f"{args}: {code}\n{err}")
        check(out == "" and not os.path.exists(os.path.join(d, "analysis")), f"{args} printed or wrote: {out}")

    out = ok_run(binary, "analyse", d, "--no-plot")
    targets = table(os.path.join(d, "analysis", "targets.csv"))
    check(len(targets) == 6, f"targets.csv: {targets}")
    metcount = 0
    for t in targets:
        point = {"labour.commute_minutes=30": "30", "labour.commute_minutes=60": "60",
                 "labour.commute_minutes=90": "90"}[t["scenario"]]
        runs = [r for r in rows if r["labour.commute_minutes"] == point]
        if t["target"] == "many_jobs":
            met = sum(float(r["county_jobs"]) >= threshold for r in runs)
        else:
            met = sum(float(r["leavers"]) < 1e9 for r in runs)
        metcount += met if t["target"] == "many_jobs" else 0
        low, high = wilson(met, len(runs))
        check(int(t["runs"]) == len(runs) and int(t["met"]) == met, f"target counts: {t} against {met}/{len(runs)}")
        check(close(t["probability"], met / len(runs)) and close(t["ci_low"], low) and close(t["ci_high"], high),
              f"Wilson interval: {t} against {low}, {high}")
        check(t["method"] == "wilson", f"method: {t}")
    check(0 < metcount < len(rows), f"the threshold {threshold} should split the runs: {metcount} of {len(rows)}")
    check("Targets: probability of meeting each" in out and "warning: " in out and "fewer than 20 runs" in out,
          f"stdout:\n{out}")
    check("warning: a 90% band from 6 runs" in out, f"band warning:\n{out}")

    def per_seed(point):
        return {int(r["replicate"]): float(r["county_jobs"]) for r in rows if r["labour.commute_minutes"] == point}

    def paired_expect(p, base):
        a, b = per_seed(p), per_seed(base)
        diffs = [a[k] - b[k] for k in sorted(a)]
        vr = (statistics.variance(a.values()) + statistics.variance(b.values())) / statistics.variance(diffs)
        return statistics.mean(diffs), vr

    paired = [r for r in table(os.path.join(d, "analysis", "paired.csv")) if r["outcome"] == "county_jobs"]
    check([r["label"] for r in paired] == ["labour.commute_minutes=60", "labour.commute_minutes=90"], f"paired: {paired}")
    for r in paired:
        mean, vr = paired_expect(r["label"].split("=")[1], "30")
        check(r["baseline"] == "labour.commute_minutes=30" and int(r["pairs"]) == 6, f"paired: {r}")
        check(close(r["mean_diff"], mean) and close(r["variance_reduction"], vr, 1e-5), f"paired {r} against {mean}, {vr}")
        check(float(r["ci_low"]) < float(r["mean_diff"]) < float(r["ci_high"]), f"CI: {r}")
    ok_run(binary, "analyse", d, "--no-plot", "--baseline", "labour.commute_minutes=90")
    paired = [r for r in table(os.path.join(d, "analysis", "paired.csv")) if r["outcome"] == "county_jobs"]
    check([r["label"] for r in paired] == ["labour.commute_minutes=30", "labour.commute_minutes=60"], f"--baseline: {paired}")
    mean, _ = paired_expect("30", "90")
    check(close(paired[0]["mean_diff"], mean), f"--baseline 90: {paired[0]} against {mean}")

    # Nothing to analyse: every run missing (as a sweep that never finished one would record).
    empty = os.path.join(work, "empty")
    os.makedirs(empty)
    for name in ("experiment.yaml",):
        with open(os.path.join(d, name), encoding="utf-8") as src:
            write(os.path.join(empty, name), src.read())
    with open(os.path.join(d, "summary.csv"), newline="", encoding="utf-8") as f:
        lines = list(csv.reader(f))
    header, body = lines[0], lines[1:]
    out_lines = [header]
    for row in body:
        row = list(row)
        for c in ("county_jobs", "leavers", "error"):
            row[header.index(c)] = ""
        row[header.index("status")] = "missing"
        out_lines.append(row)
    with open(os.path.join(empty, "summary.csv"), "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(out_lines)
    code, out, err = hubsim(binary, "analyse", empty)
    check(code == 2 and "nothing to analyse" in err and err.count("\n") == 1, f"nothing to analyse: {code}\n{err}")
    check(not os.path.exists(os.path.join(empty, "analysis")), "analysis written for a sweep with nothing to analyse")

    # Cost per job: all_on and without_J under common seeds; J costs up to GBP 1.5m a year from 2022-09.
    os.makedirs(os.path.join(work, "cost"), exist_ok=True)
    for name, intensity in (("all_on", 1.0), ("without_J", 0.0)):
        write(os.path.join(work, "cost", name + ".yaml"),
              f"run: {{end: 2023-12}}\ninterventions:\n  J: {{intensity: {intensity}}}\n  G: {{intensity: 1.0}}\n")
    cost_exp = write(os.path.join(work, "cost.yaml"), """name: cost
parameters:
  - {key: config, values: [cost/all_on.yaml, cost/without_J.yaml]}
design: {kind: grid}
replicates: 4
seeds: common
outcomes:
  - {name: county_jobs, variable: employment, hub: county, when: last}
  - {name: spend_m, variable: intervention_spend_m, when: 2022-01..2023-12, stat: mean}
""")
    cd = os.path.join(work, "cost_sweep")
    ok_run(binary, "sweep", cost_exp, "-o", cd, "-j", "2", "-q")
    out = ok_run(binary, "analyse", cd, "--no-plot")
    cost = table(os.path.join(cd, "analysis", "cost.csv"))
    check(len(cost) == 1 and cost[0]["lever"] == "J", f"cost.csv: {cost}")
    # Spend follows the 12-month ramp from 2022-09: k/12 of GBP 1.5m a year in its k-th month, then all.
    spend = 1.5 * (sum(k / 12 for k in range(1, 13)) + 4) / 12
    check(close(cost[0]["spend_m"], spend), f"J's spend over 2022-01..2023-12: {cost[0]} against {spend}")
    crow = table(os.path.join(cd, "summary.csv"))
    on = {r["replicate"]: float(r["county_jobs"]) for r in crow if "all_on" in r["config"]}
    off = {r["replicate"]: float(r["county_jobs"]) for r in crow if "without_J" in r["config"]}
    effect = statistics.mean(on[k] - off[k] for k in on)
    check(close(cost[0]["effect"], effect) and close(cost[0]["per_m"], effect / spend), f"cost: {cost[0]} against {effect}")
    check("Flexible delivery such as digital bootcamps" in out, f"J by name:\n{out}")
    check(not os.path.exists(os.path.join(cd, "analysis", "paired.csv")), "cost designs print the cost table instead")

    # PRIM over a Latin hypercube: more demand growth, more jobs; the box must bound growth below.
    lhs = write(os.path.join(work, "lhs.yaml"), """name: lhs
set: {run.end: 2022-12}
parameters:
  - {key: economy.market_growth_per_year, range: [0.0, 0.1]}
  - {key: labour.commute_minutes, range: [30, 60]}
design: {kind: lhs, samples: 40, seed: 3}
outcomes:
  - {name: county_jobs, variable: employment, hub: county, when: last}
""")
    ld = os.path.join(work, "lhs")
    ok_run(binary, "sweep", lhs, "-o", ld, "-j", "2", "-q")
    lrows = table(os.path.join(ld, "summary.csv"))
    cut = sorted(float(r["county_jobs"]) for r in lrows)[28]
    out = ok_run(binary, "analyse", ld, "--no-plot", "--discover", f"county_jobs >= {cut}")
    boxes = table(os.path.join(ld, "analysis", "prim_boxes.csv"))
    growth = [b for b in boxes if b["box"] == "1" and b["parameter"] == "economy.market_growth_per_year"][0]
    check(growth["restricted"] == "1" and float(growth["low"]) > 0.03, f"PRIM box 1: {boxes}")
    inside = [r for r in lrows if float(growth["low"]) <= float(r["economy.market_growth_per_year"]) <= float(growth["high"])]
    commute = [b for b in boxes if b["box"] == "1" and b["parameter"] == "labour.commute_minutes"][0]
    inside = [r for r in inside if float(commute["low"]) <= float(r["labour.commute_minutes"]) <= float(commute["high"])]
    met = sum(float(r["county_jobs"]) >= cut for r in inside)
    check(close(growth["density"], met / len(inside)) and close(growth["coverage"], met / sum(float(r["county_jobs"]) >= cut for r in lrows)),
          f"box density/coverage: {growth} against {met}/{len(inside)}")
    traj = table(os.path.join(ld, "analysis", "prim_trajectory.csv"))
    check(traj[0]["step"] == "0" and close(traj[0]["coverage"], 1.0) and sum(t["chosen"] == "1" for t in traj if t["box"] == "1") == 1,
          f"trajectory: {traj[:3]}")
    check("Scenario discovery (PRIM" in out and "warning: PRIM on 40 runs" in out, f"stdout:\n{out}")
    check("Targets:" not in out, "no targets declared, none reported")

    # A posterior design (draws x seeds): the two-level bootstrap, and pairs over draws and seeds.
    # Targets only matter to analyse, so they are added afterwards with --merge (nothing re-run).
    post_csv = write(os.path.join(work, "posterior.csv"), "particle,weight,labour.commute_minutes\n0,0.5,30\n1,0.3,60\n2,0.2,90\n")
    post = """name: post
set: {run.end: 2022-12}
parameters:
  - {key: economy.market_growth_per_year, values: ["0.0", "0.1"]}
design: {kind: posterior, file: FILE, draws: 4, seed: 1}
replicates: 3
outcomes:
  - {name: county_jobs, variable: employment, hub: county, when: last}
""".replace("FILE", post_csv)
    pd = os.path.join(work, "post")
    ok_run(binary, "sweep", write(os.path.join(work, "post.yaml"), post), "-o", pd, "-j", "2", "-q")
    prow = table(os.path.join(pd, "summary.csv"))
    low_growth = sorted(float(r["county_jobs"]) for r in prow if r["economy.market_growth_per_year"] == "0.0")
    high_growth = [float(r["county_jobs"]) for r in prow if r["economy.market_growth_per_year"] == "0.1"]
    cut = low_growth[len(low_growth) // 2]
    check(min(high_growth) >= cut, f"growth 0.1 should meet the cut {cut} everywhere: {high_growth}")
    edited = write(os.path.join(work, "post_targets.yaml"), post + f"targets:\n  - \"county_jobs >= {cut!r}\"\n")
    ok_run(binary, "sweep", edited, "-o", pd, "--merge", "-q")
    ok_run(binary, "analyse", pd, "--no-plot")
    t = {r["scenario"]: r for r in table(os.path.join(pd, "analysis", "targets.csv"))}
    check(set(t) == {"economy.market_growth_per_year=0.0", "economy.market_growth_per_year=0.1"}, f"scenarios: {t}")
    split, full = t["economy.market_growth_per_year=0.0"], t["economy.market_growth_per_year=0.1"]
    met = sum(v >= cut for v in low_growth)
    check(split["method"] == "bootstrap" and int(split["runs"]) == 12 and int(split["met"]) == met, f"split: {split}")
    check(close(split["probability"], met / 12) and float(split["ci_low"]) < met / 12 < float(split["ci_high"]), f"split: {split}")
    low, high = wilson(4, 4)
    check(full["method"] == "wilson_over_draws" and close(full["ci_low"], low) and close(full["ci_high"], high),
          f"all meet it: Wilson over the 4 draws, {full}")
    pp = table(os.path.join(pd, "analysis", "paired.csv"))
    check(len(pp) == 1 and int(pp[0]["pairs"]) == 12, f"paired over draws x seeds: {pp}")
    # Draw d of each scenario is point d and point 4 + d (a particle may be drawn twice: pair by point).
    on = {(int(r["point"]) % 4, r["replicate"]): float(r["county_jobs"]) for r in prow if r["economy.market_growth_per_year"] == "0.1"}
    off = {(int(r["point"]) % 4, r["replicate"]): float(r["county_jobs"]) for r in prow if r["economy.market_growth_per_year"] == "0.0"}
    check(len(on) == len(off) == 12, f"pairs: {on}, {off}")
    check(close(pp[0]["mean_diff"], statistics.mean(on[k] - off[k] for k in on)), f"paired mean: {pp[0]}")


if __name__ == "__main__":
    main(test)
