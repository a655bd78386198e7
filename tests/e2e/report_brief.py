"""`hubsim report` writes one self-contained HTML brief (issue 15, item 6), rendered here in a real
browser: headless Chromium takes a screenshot of it and dumps its DOM after load, where the page's
own check says whether every embedded image decoded. Also: nothing outside the page is referenced,
every figure has a sentence, numbers in the tables are those of the CSVs, and bad arguments exit 2
with nothing written. Skipped (77) without chromium or matplotlib.
Usage: report_brief.py HUBSIM SCRATCH"""
import base64
import csv
import importlib.util
import os
import re
import shutil
import struct
import subprocess
import sys

from e2e_common import check, hubsim, main, ok_run, scratch, write

GRID = """name: brief_ladder
set: {run.end: 2022-12}
parameters:
  - {key: labour.commute_minutes, values: [30, 90]}
design: {kind: grid}
replicates: 4
seeds: common
outcomes:
  - {name: county_jobs, variable: employment, hub: county, when: last}
targets:
  - {name: some_jobs, outcome: county_jobs, op: ">=", value: 1}
"""

MORRIS = """name: brief_levers
set: {run.end: 2022-12}
parameters:
  - {key: economy.market_growth_per_year, range: [0.0, 0.1]}
  - {key: interventions.J.intensity, range: [0, 2]}
design: {kind: morris, trajectories: 4, levels: 4, seed: 2}
outcomes:
  - {name: county_jobs, variable: employment, hub: county, when: last}
"""


def png_size(data):
    check(data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", "not a PNG")
    return struct.unpack(">II", data[16:24])


def browser():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


def test(argv):
    binary, work = argv[0], scratch(argv[1])
    chromium = browser()
    if chromium is None or importlib.util.find_spec("matplotlib") is None:
        print("skipped: needs chromium (scripts/packages.txt) and python3-matplotlib")
        sys.exit(77)
    dirs = []
    for name, text in (("ladder", GRID), ("levers", MORRIS)):
        exp = write(os.path.join(work, name + ".yaml"), text)
        d = os.path.join(work, name)
        ok_run(binary, "sweep", exp, "-o", d, "-j", "2", "-q")
        dirs.append(d)

    # Bad arguments: one line, exit 2, no brief.
    brief = os.path.join(work, "brief.html")
    for args, expect in (([dirs[0], "-o", os.path.join(work, "no-such-dir", "b.html")], "-o: no such directory"),
                         ([dirs[0], os.path.join(work, "nothing"), "-o", brief], "not a finished sweep directory"),
                         ([dirs[0], "-o", brief, "--discover", "county_jobs => 3"], "--discover: expected OUTCOME OP")):
        code, _, err = hubsim(binary, "report", *args)
        check(code == 2 and err.count("\n") == 1 and expect in err, f"report {args}: {code}\n{err}")
        check(not os.path.exists(brief), f"report {args} wrote the brief")

    out = ok_run(binary, "report", *dirs, "-o", brief, "--bootstrap", "200", "--discover", "county_jobs >= 0")
    check("brief: " in out, f"stdout: {out}")
    page = open(brief, encoding="utf-8").read()
    # Self-contained: no reference to anything outside the page.
    check(not re.search(r'(src|href)\s*=\s*"(?!data:)', page), "the brief references an outside file")
    images = re.findall(r'<img alt="[^"]*" src="data:image/png;base64,([A-Za-z0-9+/=]+)">', page)
    check(len(images) == page.count("<img"), "an image is not an embedded PNG")
    # ladder: targets, paired, bands; levers: morris, PRIM trajectory
    check(len(images) == 5, f"{len(images)} figures, expected 5")
    for data in images:
        w, h = png_size(base64.b64decode(data))
        check(w > 300 and h > 200, f"figure {w}x{h}")
    check(page.count("<figcaption>") == len(images), "a figure without its sentence")
    for heading in ("Does it reach the targets?", "What each scenario adds", "Outcomes by scenario",
                    "Which levers matter most (Morris screening)", "Under which conditions does it hold? (PRIM)"):
        check(f"<h3>{heading}</h3>" in page, f"no section {heading!r}")
    check("J. Flexible delivery such as digital bootcamps" in page, "levers not named")
    # The tables hold the CSV's numbers: the paired difference of county jobs, as printed.
    with open(os.path.join(dirs[0], "analysis", "paired.csv"), newline="", encoding="utf-8") as f:
        row = next(csv.DictReader(f))
    printed = f"{round(float(row['mean_diff'])):,}" if abs(float(row["mean_diff"])) >= 100 else None
    check(printed is None or printed in page, f"paired difference {row['mean_diff']} not in the brief")

    # A real browser: it renders the page and every embedded image decodes.
    env = dict(os.environ, HOME=work)
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--virtual-time-budget=10000",
             f"--user-data-dir={os.path.join(work, 'chromium-profile')}"]
    shot = os.path.join(work, "brief.png")
    subprocess.run([chromium, *flags, "--window-size=1100,3000", f"--screenshot={shot}", "file://" + brief],
                   env=env, capture_output=True, timeout=120)
    check(os.path.isfile(shot), "chromium wrote no screenshot")
    data = open(shot, "rb").read()
    check(png_size(data) == (1100, 3000), f"screenshot size {png_size(data)}")
    check(len(data) > 50_000, f"screenshot of {len(data)} bytes: a blank page?")
    dom = subprocess.run([chromium, *flags, "--dump-dom", "file://" + brief], env=env, capture_output=True, text=True,
                         timeout=120).stdout
    body = re.search(r"<body[^>]*>", dom)
    check(body is not None, f"no DOM from chromium: {dom[:200]}")
    check('data-images="ok"' in body.group(0) and f'data-image-count="{len(images)}"' in body.group(0),
          f"broken images in the browser: {body.group(0)}")


if __name__ == "__main__":
    main(test)
