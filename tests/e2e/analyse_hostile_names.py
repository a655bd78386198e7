"""`hubsim analyse` spawns its chart script without a shell (issue 17): sweep directories named like
shell code (`x'$(touch PWNED)'y`, backticks, `;`, `|`, newlines) or merely awkward (`it's a sweep`,
spaces, a leading dash, non-ASCII) get their tables and chart, and nothing else runs. A stand-in
interpreter (HUBSIM_PYTHON) checks the argument vector exactly: python - CSV PNG, the script on stdin;
one that is missing or fails gives a note and exit 0.
Usage: analyse_hostile_names.py HUBSIM SCRATCH"""
import importlib.util
import json
import os
import shutil

from e2e_common import check, hubsim, main, ok_run, scratch, write

EXPERIMENT = """name: hostile
set: {run.end: 2022-02}
parameters:
  - {key: labour.commute_minutes, values: [30, 60]}
design: {kind: grid}
outcomes:
  - {name: jobs, variable: employment, hub: county, when: last}
"""

NAMES = ["x'$(touch PWNED)'y", "it's a sweep", 'a"b$(touch PWNED)"c', "`touch PWNED`", ";touch PWNED;", "a|touch PWNED",
         "$(touch${IFS}PWNED)", "new\nline$(touch PWNED)", "-rf", "dir with  spaces", "ünïcødé ☃", "*", "a\\b'\"c"]

RECORDER = """#!/usr/bin/python3
import json, sys
script = sys.stdin.read()
with open(sys.argv[0] + ".calls", "a") as f:
    f.write(json.dumps({"argv": sys.argv[1:], "script": script[:40]}) + "\\n")
open(sys.argv[3], "wb").write(b"\\x89PNG\\r\\n\\x1a\\nfake")
"""


def pwned(root):
    """Files a shell would have made: `touch PWNED` in whatever directory it ran."""
    return [os.path.join(d, n) for d, _, files in os.walk(root) for n in files if n == "PWNED"]


def is_png(path):
    with open(path, "rb") as f:
        return f.read(8) == b"\x89PNG\r\n\x1a\n"


def test(argv):
    binary, work = argv[0], scratch(argv[1])
    exp = write(os.path.join(work, "hostile.yaml"), EXPERIMENT)
    plots = importlib.util.find_spec("matplotlib") is not None
    # The sweep itself into a hostile name, then copies of it under the others.
    first = os.path.join(work, NAMES[0])
    ok_run(binary, "sweep", exp, "-o", first, "-q", cwd=work)
    for name in NAMES:
        d = os.path.join(work, name)
        if name != NAMES[0]:
            shutil.copytree(first, d)
        shutil.rmtree(os.path.join(d, "analysis"), ignore_errors=True)
        out = ok_run(binary, "analyse", d, cwd=work)
        check(os.path.isfile(os.path.join(d, "analysis", "bands.csv")), f"{name!r}: no bands.csv")
        if plots:
            png = os.path.join(d, "analysis", "bands.png")
            check(os.path.isfile(png) and is_png(png), f"{name!r}: no chart\n{out}")
            check(f"chart: {png}" in out, f"{name!r}: chart not reported:\n{out}")
    check(not pwned(work) and not os.path.exists(os.path.join(os.getcwd(), "PWNED")),
          f"a directory name ran as a command: {pwned(work)}")

    # The exact argument vector, through an interpreter whose own path is awkward too.
    py_dir = os.path.join(work, "py 'x' $(touch PWNED)")
    os.makedirs(py_dir)
    recorder = write(os.path.join(py_dir, "python"), RECORDER)
    os.chmod(recorder, 0o755)
    d = os.path.join(work, NAMES[0])
    env = dict(os.environ)
    try:
        os.environ["HUBSIM_PYTHON"] = recorder
        out = ok_run(binary, "analyse", d, cwd=work)
        calls = [json.loads(line) for line in open(recorder + ".calls")]
        csv, png = os.path.join(d, "analysis", "bands.csv"), os.path.join(d, "analysis", "bands.png")
        check(calls == [{"argv": ["-", csv, png], "script": calls[0]["script"]}], f"calls: {calls}")
        check(calls[0]["script"].startswith('"""Bar charts'), f"the script was not on stdin: {calls}")
        check(f"chart: {png}" in out, f"chart not reported:\n{out}")

        os.environ["HUBSIM_PYTHON"] = os.path.join(work, "no such python")
        code, out, err = hubsim(binary, "analyse", d, cwd=work)
        check(code == 0 and "hubsim: note: no chart: cannot start" in err, f"missing interpreter: {code}\n{err}")
        failing = write(os.path.join(work, "failing python"), "#!/bin/sh\ncat >/dev/null\nexit 5\n")
        os.chmod(failing, 0o755)
        os.environ["HUBSIM_PYTHON"] = failing
        code, out, err = hubsim(binary, "analyse", d, cwd=work)
        check(code == 0 and "not written" in err and "exited 5" in err and os.path.isfile(csv),
              f"failing interpreter: {code}\n{err}")
        # One that stops reading at once: no SIGPIPE for hubsim.
        closing = write(os.path.join(work, "closing python"), "#!/bin/sh\nexec 0<&-\nexit 0\n")
        os.chmod(closing, 0o755)
        os.environ["HUBSIM_PYTHON"] = closing
        code, out, err = hubsim(binary, "analyse", d, cwd=work)
        check(code == 0, f"an interpreter that closed its stdin: exit {code}\n{err}")
    finally:
        os.environ.clear()
        os.environ.update(env)
    check(not pwned(work), f"a path ran as a command: {pwned(work)}")


if __name__ == "__main__":
    main(test)
