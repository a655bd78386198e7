"""`hubsim calibrate` end to end, on short runs (scale 0.25, to 2026-12):
  recovery  synthetic data made by the model at a known point: the posterior must find it
            (truth inside the 90% interval, interval much narrower than the prior), and the
            ensemble reads in xarray; re-running the command changes nothing
  resume    killed mid-calibration and re-run: the same posterior, byte for byte
  shards    --shard 1/2, 2/2 and --merge, round after round: the same posterior as one process
  mpi       mpirun -np 2: the same posterior as one process
  typo      a misspelt key or outcome fails before any run: file:line:col, exit 2, nothing written
  design    a sweep drawing from the posterior (design kind posterior, common seeds)
Usage: calibrate.py HUBSIM SCRATCH CASE"""
import csv
import os
import shutil
import signal
import subprocess
import sys
import time

from e2e_common import LSAN_SUPPRESSIONS, check, main, scratch, write

# Under a sanitizer every run is several times slower: fewer generations, the same checks on the
# birth rate (identified within two generations) and only "the truth is inside" on the rest.
SLOW = "ASAN_OPTIONS" in os.environ or "TSAN_OPTIONS" in os.environ
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TRUTH = {"firms.birth_rate_per_year": 0.15, "firms.closure_older": 0.11}

OUTCOMES = """outcomes:
  - {name: jobs_2026, variable: employment, hub: county, when: 2026-12}
  - {name: grad_employed, variable: graduate_destination, where: {cohort: "2023", months_after: "12", destination_kind: employed_in_county}}
  - {name: grad_seeking, variable: graduate_destination, where: {cohort: "2023", months_after: "12", destination_kind: seeking_in_county}}
  - {name: grad_all, variable: graduate_destination, where: {cohort: "2023", months_after: "12"}}
  - {name: births, variable: firm_births, hub: county, when: 2022-01..2026-12, stat: sum}
  - {name: closures, variable: firm_closures, hub: county, when: 2023-01..2026-12, stat: sum}
"""
COMMON = f"""base: {ROOT}/configs/scenarios/1_trend.yaml
set: {{population.scale: 0.25, run.end: 2026-12}}
"""


def env():
    e = dict(os.environ)
    e.setdefault("LSAN_OPTIONS", f"suppressions={LSAN_SUPPRESSIONS}:print_suppressions=0")
    return e


def run(binary, *args, timeout=600, ok=True):
    p = subprocess.run([binary, *args], capture_output=True, text=True, errors="replace", timeout=timeout, env=env())
    if ok:
        check(p.returncode == 0, f"hubsim {' '.join(args)} exited {p.returncode}\nstdout:\n{p.stdout[-3000:]}\nstderr:\n{p.stderr[-3000:]}")
    return p


def observations(binary, work):
    """The targets at the truth: the mean of 4 seeds of a one-point sweep (a points design)."""
    exp = write(os.path.join(work, "truth.yaml"), "name: truth\n" + COMMON + "parameters:\n" + "".join(
        f"  - {{key: {k}, values: [{v}]}}\n" for k, v in TRUTH.items()) + "design: {kind: points}\nreplicates: 4\nseed: 99\n" + OUTCOMES)
    run(binary, "sweep", exp, "-o", os.path.join(work, "truth"), "-q")
    with open(os.path.join(work, "truth", "summary.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    check(len(rows) == 4 and all(r["status"] == "ok" for r in rows), f"truth runs: {rows}")
    jobs = sum(float(r["jobs_2026"]) for r in rows) / 4
    births = sum(float(r["births"]) for r in rows) / 4
    closures = sum(float(r["closures"]) for r in rows) / 4
    return jobs, births, closures


def spec(work, jobs, births, closures, particles=60, generations=3 if SLOW else 6):
    return write(os.path.join(work, "spec.yaml"), f"""name: recovery
{COMMON}seed: 5
replicates: 1
method: {{kind: abc_smc, particles: {particles}, quantile: 0.5, min_acceptance: 0.05, max_generations: {generations}, seed: 3}}
parameters:
  - {{key: economy.market_growth_per_year, range: [0.0, 0.08], source: "test prior"}}
  - {{key: firms.birth_rate_per_year, range: [0.05, 0.25], source: "test prior"}}
  - {{key: firms.closure_older, range: [0.04, 0.16], source: "test prior"}}
{OUTCOMES}targets:
  - {{name: closures, outcome: closures, observed: {closures!r}, sd: {0.03 * closures!r}, role: fitted, source: "the model at the truth"}}
  - {{name: births, outcome: births, observed: {births!r}, sd: {0.03 * births!r}, role: fitted, source: "the model at the truth"}}
  - {{name: retained, outcome: [grad_employed, grad_seeking], per: grad_all, observed: 0.55, sd: 0.05, role: held_out, source: "a ratio target"}}
  - {{name: jobs, outcome: jobs_2026, observed: {jobs!r}, sd: {0.02 * jobs!r}, role: held_out, source: "the model at the truth"}}
""")


def posterior(d):
    with open(os.path.join(d, "posterior.csv"), newline="") as f:
        return list(csv.DictReader(f))


def interval(rows, key):
    pairs = sorted((float(r[key]), float(r["weight"])) for r in rows)
    total, c, out = sum(w for _, w in pairs), 0.0, []
    for q in (0.05, 0.5, 0.95):
        c, i = 0.0, 0
        for i, (v, w) in enumerate(pairs):
            c += w
            if c >= q * total:
                break
        out.append(pairs[i][0])
    return out


def read(path):
    with open(path, "rb") as f:
        return f.read()


def case_recovery(binary, work):
    jobs, births, closures = observations(binary, work)
    s = spec(work, jobs, births, closures)
    d = os.path.join(work, "cal")
    p = run(binary, "calibrate", s, "-o", d, "-j", "2", "--no-plot")
    check("coverage of the 90% posterior predictive band" in p.stdout, p.stdout)
    rows = posterior(d)
    check(len(rows) == 60, f"expected 60 particles, got {len(rows)}")
    check(abs(sum(float(r["weight"]) for r in rows) - 1) < 1e-9, "weights do not sum to 1")
    priors = {"firms.birth_rate_per_year": (0.05, 0.25), "firms.closure_older": (0.04, 0.16),
              "economy.market_growth_per_year": (0.0, 0.08)}
    for key, (lo, hi) in priors.items():
        p5, p50, p95 = interval(rows, key)
        truth = TRUTH.get(key, 0.041)
        print(f"{key}: truth {truth}, posterior median {p50:.4g}, 90% {p5:.4g}..{p95:.4g} (prior {lo}..{hi})")
        check(p5 <= truth <= p95, f"{key}: the truth {truth} is outside the posterior's 90% interval {p5}..{p95}")
        if key in TRUTH and (not SLOW or key == "firms.birth_rate_per_year"):
            # identified by its target: the interval shrinks to a fraction of the prior's
            check(p95 - p5 < 0.5 * (hi - lo), f"{key}: the posterior 90% interval {p5}..{p95} is not much narrower than the prior")
        else:  # nothing fitted here identifies market growth over five years at this scale: it stays wide
            check(p95 - p5 > 0.5 * (hi - lo), f"{key}: the posterior 90% interval {p5}..{p95} claims knowledge no target gives")
    gens = list(csv.DictReader(open(os.path.join(d, "generations.csv"))))
    check(len(gens) >= 4, f"expected the prior and >= 3 generations: {gens}")
    tol = [float(g["tolerance"]) for g in gens[1:]]
    check(all(a > b for a, b in zip(tol, tol[1:])), f"tolerances do not fall: {tol}")
    check(all(0 < float(g["acceptance_rate"]) <= 1 and float(g["ess"]) > 5 for g in gens), f"bad acceptance or ESS: {gens}")
    # The ensemble as a researcher opens it.
    code = ("import xarray as xr, numpy as np, sys\n"
            "ds = xr.open_dataset(sys.argv[1], engine='h5netcdf')\n"
            "assert ds.sizes['particle'] == 60 and ds.sizes['parameter'] == 3, ds\n"
            "assert abs(float(ds.weight.sum()) - 1) < 1e-9\n"
            "v = ds.value.sel(parameter='economy.market_growth_per_year')\n"
            "assert 0 <= float(v.min()) and float(v.max()) <= 0.08\n"
            "assert list(ds.target.values) == ['closures', 'births', 'retained', 'jobs']\n"
            "assert int(ds.fitted.sel(target='jobs')) == 0\n"
            "assert np.isnan(ds.tolerance.values[0]) and (np.diff(ds.tolerance.values[1:]) < 0).all()\n"
            "print('xarray ok', dict(ds.sizes))\n")
    x = subprocess.run(["/usr/bin/python3", "-c", code, os.path.join(d, "posterior.nc")], capture_output=True, text=True)
    check(x.returncode == 0, f"xarray could not read posterior.nc:\n{x.stderr}")
    # Held-out target reported beside the fitted ones; analyse prints the summary.
    pred = list(csv.DictReader(open(os.path.join(d, "predictive.csv"))))
    check([r["role"] for r in pred] == ["fitted", "fitted", "held_out", "held_out"], f"predictive roles: {pred}")
    check(float(pred[0]["posterior_p95"]) - float(pred[0]["posterior_p5"]) < 0.5 * (float(pred[0]["prior_p95"]) - float(pred[0]["prior_p5"])),
          "the posterior predictive of births is not much narrower than the prior's")
    a = run(binary, "analyse", d)
    check(a.stdout == open(os.path.join(d, "summary.txt")).read(), "analyse DIR does not print the calibration summary")
    # A copy of the results alone (as experiments/calibration/lancashire/ is committed) reads the same.
    kept = os.path.join(work, "kept")
    os.makedirs(kept)
    for name in ("posterior.nc", "summary.txt"):
        shutil.copy(os.path.join(d, name), kept)
    check(run(binary, "analyse", kept).stdout == a.stdout, "analyse of a copy of the results differs")
    # Re-running the finished calibration simulates nothing and writes the same posterior.
    before = read(os.path.join(d, "posterior.csv"))
    t = time.time()
    run(binary, "calibrate", s, "-o", d, "--no-plot", "-q")
    check(read(os.path.join(d, "posterior.csv")) == before, "re-running changed the posterior")
    print(f"re-run of a finished calibration: {time.time() - t:.1f} s")


def small(binary, work):
    """A short calibration for the comparison cases (~400 runs of ~0.06 s)."""
    return spec(work, 5100.0, 1800.0, 1500.0, particles=40, generations=2)


def case_resume(binary, work):
    s = small(binary, work)
    whole = os.path.join(work, "whole")
    run(binary, "calibrate", s, "-o", whole, "-j", "2", "--no-plot", "-q")
    d = os.path.join(work, "killed")
    p = subprocess.Popen([binary, "calibrate", s, "-o", d, "-j", "2", "--no-plot", "-q"], env=env(),
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 300
    while time.time() < deadline and not os.path.exists(os.path.join(d, "rounds", "g01_r000", "runs")):
        time.sleep(0.05)
    time.sleep(0.3)
    p.send_signal(signal.SIGKILL)
    p.wait()
    check(not os.path.exists(os.path.join(d, "posterior.csv")), "the killed calibration finished before it was killed")
    run(binary, "calibrate", s, "-o", d, "-j", "2", "--no-plot", "-q")
    check(read(os.path.join(d, "posterior.csv")) == read(os.path.join(whole, "posterior.csv")),
          "a killed and resumed calibration has another posterior than an uninterrupted one")
    check(read(os.path.join(d, "generations.csv")) == read(os.path.join(whole, "generations.csv")), "generations differ")


def case_shards(binary, work):
    s = small(binary, work)
    whole = os.path.join(work, "whole")
    run(binary, "calibrate", s, "-o", whole, "-j", "2", "--no-plot", "-q")
    d = os.path.join(work, "sharded")
    for step in range(40):
        run(binary, "calibrate", s, "-o", d, "--shard", "1/2", "-j", "1", "-q", "--no-plot")
        run(binary, "calibrate", s, "-o", d, "--shard", "2/2", "-j", "1", "-q", "--no-plot")
        m = run(binary, "calibrate", s, "-o", d, "--merge", "--no-plot")
        if os.path.exists(os.path.join(d, "posterior.csv")):
            break
        check("is next: run its shards" in m.stdout, f"--merge did not say what comes next:\n{m.stdout}")
    check(os.path.exists(os.path.join(d, "posterior.csv")), "the sharded calibration never finished")
    check(read(os.path.join(d, "posterior.csv")) == read(os.path.join(whole, "posterior.csv")),
          "a sharded calibration has another posterior than one process")
    print(f"sharded calibration: {step + 1} rounds of array jobs")


def case_mpi(binary, work):
    if not shutil.which("mpirun"):
        print("SKIP: mpirun not found")
        return
    from sweep_mpi import mpi_env
    s = small(binary, work)
    whole = os.path.join(work, "whole")
    run(binary, "calibrate", s, "-o", whole, "-j", "2", "--no-plot", "-q")
    d = os.path.join(work, "mpi")
    p = subprocess.run(["mpirun", "--oversubscribe", "-np", "2", binary, "calibrate", s, "-o", d, "--no-plot"],
                       capture_output=True, text=True, timeout=600, env=mpi_env())
    check(p.returncode == 0, f"mpirun calibrate exited {p.returncode}\n{p.stdout[-2000:]}\n{p.stderr[-2000:]}")
    check(p.stdout.count("coverage of the 90%") == 1, f"expected one summary, from rank 0:\n{p.stdout[-2000:]}")
    check(read(os.path.join(d, "posterior.csv")) == read(os.path.join(whole, "posterior.csv")),
          "mpirun -np 2 gives another posterior than one process")


def case_typo(binary, work):
    good = open(small(binary, work)).read()
    for wrong, expect in [("economy.market_growth_per_year", "economy.market_growth_per_yer"),
                          ("outcome: jobs_2026,", "outcome: jobs_2062,"),
                          ("hub: county, when: 2026-12", "hub: Prestn, when: 2026-12"),
                          ("hub: county, when: 2026-12", "hub: county, when: 2036-12"),
                          ('destination_kind: employed_in_county', 'destination_kind: employed_in_count'),
                          ("role: fitted", "role: fited")]:
        text = good.replace(wrong, expect, 1)
        check(text != good, f"typo case did not apply: {wrong}")
        s = write(os.path.join(work, "typo.yaml"), text)
        d = os.path.join(work, "typo_out")
        p = run(binary, "calibrate", s, "-o", d, ok=False, timeout=60)
        line = p.stderr.strip().splitlines()[-1] if p.stderr.strip() else ""
        check(p.returncode == 2, f"{expect}: exit {p.returncode}, expected 2\n{p.stderr}")
        check(line.startswith("hubsim: error: " + s + ":") and line.count(":") >= 4, f"{expect}: no file:line:col: {line}")
        check(not os.path.exists(d), f"{expect}: the calibration directory was created")
        print(f"{expect}: {line}")


def case_design(binary, work):
    s = small(binary, work)
    d = os.path.join(work, "cal")
    run(binary, "calibrate", s, "-o", d, "-j", "2", "--no-plot", "-q")
    exp = write(os.path.join(work, "draws.yaml"), f"""name: draws
{COMMON}parameters:
  - {{key: config, values: [{ROOT}/configs/scenarios/1_trend.yaml, {ROOT}/configs/scenarios/2_ncf.yaml]}}
design: {{kind: posterior, file: {d}/posterior.csv, draws: 3, seed: 1}}
replicates: 2
seeds: common
outcomes:
  - {{name: jobs_2026, variable: employment, hub: county, when: 2026-12}}
""")
    run(binary, "sweep", exp, "-o", os.path.join(work, "sweep"), "-q")
    rows = list(csv.DictReader(open(os.path.join(work, "sweep", "summary.csv"))))
    check(len(rows) == 12, f"2 scenarios x 3 draws x 2 seeds = 12 runs, got {len(rows)}")
    post = {r["particle"]: r for r in posterior(d)}
    for r in rows:
        check(r["posterior_draw"] in post, f"unknown particle {r['posterior_draw']}")
        check(float(r["economy.market_growth_per_year"]) == float(post[r["posterior_draw"]]["economy.market_growth_per_year"]),
              "a draw's parameter is not its particle's")
    # Common seeds: the same draw and replicate has one seed in both scenarios.
    by = {}
    for r in rows:
        by.setdefault((r["posterior_draw"], r["replicate"], r["point"]), r["seed"])
    seeds = {(r["point"], r["replicate"]): r["seed"] for r in rows}
    half = len(rows) // 2
    for a, b in zip(rows[:half], rows[half:]):
        check(a["seed"] == b["seed"] and a["posterior_draw"] == b["posterior_draw"], f"not paired: {a} / {b}")
    # A posterior file that is not one is refused before any run.
    bad = write(os.path.join(work, "bad.csv"), "particle,weight\n0,1\n")
    p = run(binary, "sweep", write(os.path.join(work, "bad.yaml"), open(exp).read().replace(f"{d}/posterior.csv", bad)),
            "-o", os.path.join(work, "bad_sweep"), ok=False, timeout=60)
    check(p.returncode == 2 and "design.file" in p.stderr, f"bad posterior file: exit {p.returncode}\n{p.stderr}")


def test(argv):
    binary, work, case = argv[0], scratch(argv[1]), argv[2]
    globals()["case_" + case](binary, work)


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    main(test)
