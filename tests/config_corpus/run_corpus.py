"""Feeds every malformed or hostile config to `hubsim run` and checks each is rejected properly:
exit code 2, exactly one line on stderr naming the file, line:column (where the problem has a
position) and key path as listed in expected.tsv, within 1 s, and no file written (no run file,
no temporary, no runs/ directory). Besides cases/, a few inputs are made here rather than stored:
an 8 MiB file, /dev/zero, a directory and a missing file.
Usage: run_corpus.py HUBSIM SCRATCH CORPUS_DIR"""
import os
import shutil
import subprocess
import sys
import time

LIMIT_SECONDS = 1.0
# Sanitizer builds (asan preset): libhdf5's own leaks are not ours (see tests/e2e/lsan.supp).
LSAN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e", "lsan.supp")


def expectations(corpus):
    cases = {}
    with open(os.path.join(corpus, "expected.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                name, pos, key, problem = line.rstrip("\n").split("\t")
                cases[os.path.join(corpus, "cases", name)] = (pos, key, problem)
    return cases


def generated(work):
    """Inputs too big or too special to keep in the repository."""
    huge = os.path.join(work, "inputs", "huge.yaml")
    os.makedirs(os.path.dirname(huge))
    with open(huge, "w") as f:
        f.write("labour:\n  commute_minutes: 60\n" + "# padding\n" * (8 << 17))
    too_big = ("-", "-", "the file is larger than 1 MiB")
    return {huge: too_big, "/dev/zero": too_big,
            os.path.join(work, "inputs"): ("-", "-", "is a directory, not a file"),
            os.path.join(work, "inputs", "missing.yaml"): ("-", "-", "cannot open the file")}


def check_case(binary, work, path, pos, key, problem):
    """Returns a list of problems with how hubsim handled `path` (empty if all is well)."""
    out_dir = os.path.join(work, "out")
    shutil.rmtree(out_dir, ignore_errors=True)
    os.makedirs(out_dir)
    env = dict(os.environ)
    env.setdefault("LSAN_OPTIONS", f"suppressions={LSAN}:print_suppressions=0")
    start = time.monotonic()
    try:
        p = subprocess.run([binary, "run", "-q", path, "-o", os.path.join(out_dir, "out.h5")], cwd=out_dir,
                           env=env, capture_output=True, timeout=20)
    except subprocess.TimeoutExpired:
        return ["did not finish within 20 s"]
    seconds = time.monotonic() - start
    err = p.stderr.decode("utf-8", "backslashreplace")
    lines = err.splitlines()
    expected = "hubsim: error: " + path + ("" if pos == "-" else ":" + pos) + ": " + \
        ("" if key == "-" else key + ": ") + problem
    issues = []
    if p.returncode != 2:
        issues.append(f"exit code {p.returncode}, expected 2")
    if len(lines) != 1:
        issues.append(f"{len(lines)} lines on stderr, expected 1")
    if not lines or not lines[0].startswith(expected):
        issues.append(f"stderr does not start with\n    {expected}\n  it is\n    {err[:400]}")
    if seconds > LIMIT_SECONDS:
        issues.append(f"took {seconds:.2f} s, limit {LIMIT_SECONDS} s")
    if os.listdir(out_dir):
        issues.append(f"left files behind: {os.listdir(out_dir)}")
    return issues


def main():
    binary, work, corpus = (os.path.abspath(a) for a in sys.argv[1:4])
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    cases = expectations(corpus)
    stored = {os.path.join(corpus, "cases", n) for n in os.listdir(os.path.join(corpus, "cases"))}
    failures = [f"{p}: not listed in expected.tsv" for p in sorted(stored - set(cases))]
    failures += [f"{p}: listed in expected.tsv but missing" for p in sorted(set(cases) - stored)]
    cases.update(generated(work))
    for path, (pos, key, problem) in sorted(cases.items()):
        failures += [f"{path}: {issue}" for issue in check_case(binary, work, path, pos, key, problem)]
    if failures:
        print("FAIL:\n" + "\n".join(failures), file=sys.stderr)
        sys.exit(1)
    print(f"ok: {len(cases)} malformed configs rejected")


main()
