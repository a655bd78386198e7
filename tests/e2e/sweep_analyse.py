"""`hubsim analyse` on small Morris, Saltelli and replicate sweeps of short runs: the tables
(stdout and CSV), the ranking, and the PNG charts (when matplotlib is there).
Usage: sweep_analyse.py HUBSIM SCRATCH"""
import csv
import os

from e2e_common import check, hubsim, main, ok_run, scratch, write

PARAMS = """set: {run.end: 2022-12}
parameters:
  - {key: economy.market_growth_per_year, range: [0.0, 0.1]}
  - {key: labour.commute_minutes, range: [30, 60]}
  - {key: hubs.Preston.incubation_space, range: [20, 100], integer: true}
outcomes:
  - {name: county_jobs, variable: employment, hub: county, when: last}
  - {name: leavers, variable: leavers, when: "2022", stat: sum}
"""


def table(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def has_matplotlib():
    import importlib.util
    return importlib.util.find_spec("matplotlib") is not None


def is_png(path):
    with open(path, "rb") as f:
        return f.read(8) == b"\x89PNG\r\n\x1a\n"


def sweep_and_analyse(binary, work, name, design):
    exp = write(os.path.join(work, name + ".yaml"), f"name: {name}\n{design}\n{PARAMS}")
    d = os.path.join(work, name)
    ok_run(binary, "sweep", exp, "-o", d, "-j", "2", "-q")
    return d, ok_run(binary, "analyse", d, "--bootstrap", "200")


def test(argv):
    binary, work = argv[0], scratch(argv[1])
    plots = has_matplotlib()

    d, out = sweep_and_analyse(binary, work, "morris", "design: {kind: morris, trajectories: 4, levels: 4, seed: 2}")
    rows = table(os.path.join(d, "analysis", "morris.csv"))
    check(len(rows) == 6 and {r["parameter"] for r in rows} == {"economy.market_growth_per_year", "labour.commute_minutes",
                                                              "hubs.Preston.incubation_space"}, f"morris.csv: {rows}")
    jobs = sorted((r for r in rows if r["outcome"] == "county_jobs"), key=lambda r: int(r["rank"]))
    # Demand growth drives job growth far more than the other two over one year.
    check(jobs[0]["parameter"] == "economy.market_growth_per_year", f"ranking: {jobs}")
    check(all(float(r["mu_star"]) >= 0 and int(r["effects"]) == 4 for r in rows), f"morris.csv: {rows}")
    check("Morris elementary effects" in out and "mu*" in out, f"stdout:\n{out}")
    # Bootstrap CIs over trajectories bracket mu*, and the sign is +, - or mixed (issue 15).
    check(all(float(r["mu_star_low"]) <= float(r["mu_star"]) <= float(r["mu_star_high"]) and r["sign"] in ("+", "-", "mixed")
              for r in rows), f"morris CIs: {rows}")
    check("Real growth of demand" in out, f"parameters not named from the model's description:\n{out}")
    if plots:
        check(is_png(os.path.join(d, "analysis", "morris.png")), "morris.png is not a PNG")

    d, out = sweep_and_analyse(binary, work, "sobol", "design: {kind: saltelli, samples: 4}")
    rows = table(os.path.join(d, "analysis", "sobol.csv"))
    check(len(rows) == 6, f"sobol.csv: {rows}")
    for r in rows:
        check(float(r["S1_low"]) <= float(r["S1"]) <= float(r["S1_high"]), f"S1 outside its CI: {r}")
        check(float(r["ST_low"]) <= float(r["ST"]) <= float(r["ST_high"]), f"ST outside its CI: {r}")
    check("Sobol indices" in out, f"stdout:\n{out}")
    # N = 4 cannot support Sobol indices: analyse says so (issue 15).
    check("warning: N = 4 base samples is too few" in out, f"no small-N warning:\n{out}")
    if plots:
        check(is_png(os.path.join(d, "analysis", "sobol.png")), "sobol.png is not a PNG")

    exp = write(os.path.join(work, "reps.yaml"), """name: reps
set: {run.end: 2022-12}
parameters:
  - {key: labour.commute_minutes, values: [30, 60]}
design: {kind: grid}
replicates: 5
outcomes:
  - {name: county_jobs, variable: employment, hub: county, when: last}
""")
    d = os.path.join(work, "reps")
    ok_run(binary, "sweep", exp, "-o", d, "-q")
    out = ok_run(binary, "analyse", d)
    rows = table(os.path.join(d, "analysis", "bands.csv"))
    check([r["label"] for r in rows] == ["labour.commute_minutes=30", "labour.commute_minutes=60"], f"bands: {rows}")
    for r in rows:
        check(r["n"] == "5" and float(r["p05"]) <= float(r["mean"]) <= float(r["p95"]), f"band: {r}")
    check("90% band" in out, f"stdout:\n{out}")
    if plots:
        check(is_png(os.path.join(d, "analysis", "bands.png")), "bands.png is not a PNG")

    # Without matplotlib the tables are still written and the command succeeds, with a note.
    fake = write(os.path.join(work, "python-without-matplotlib"),
                 "#!/bin/sh\nexec /usr/bin/python3 -c 'import sys; sys.modules[\"matplotlib\"] = None; "
                 "sys.argv = sys.argv[1:]; exec(compile(sys.stdin.read(), \"plot_sweep.py\", \"exec\"))' \"$@\"\n")
    os.chmod(fake, 0o755)
    os.remove(os.path.join(d, "analysis", "bands.csv"))
    env_code = os.environ.get("HUBSIM_PYTHON")
    os.environ["HUBSIM_PYTHON"] = fake
    try:
        code, out, err = hubsim(binary, "analyse", d)
    finally:
        if env_code is None:
            del os.environ["HUBSIM_PYTHON"]
        else:
            os.environ["HUBSIM_PYTHON"] = env_code
    check(code == 0 and "matplotlib is not installed" in err and "not written" in err, f"no matplotlib: {code}\n{err}")
    check(os.path.isfile(os.path.join(d, "analysis", "bands.csv")), "no bands.csv without matplotlib")

    code, out, err = hubsim(binary, "analyse", os.path.join(work, "nothing-here"))
    check(code == 2 and "not a finished sweep directory" in err, f"analyse of a non-sweep: {code}\n{err}")


if __name__ == "__main__":
    main(test)
