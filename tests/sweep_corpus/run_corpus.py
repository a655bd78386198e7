"""Feeds malformed, hostile and careless experiments to `hubsim sweep` and edited summaries to
`hubsim analyse`, and checks each is rejected properly (issue 17): exit code 2, exactly one line
on stderr, `hubsim: error: FILE:LINE:COLUMN: KEY: problem` as listed, within the time limit, and
nothing written (no sweep directory, no analysis/ directory).

- cases/*.yaml, listed in expected.tsv: experiments (`hubsim sweep CASE -o OUT -j 1 -q`).
- summary_edits.tsv: edits of the summary.csv of a real sweep of summary_base.yaml (two points x
  two replicates of two months), each given to `hubsim analyse --no-plot`.
- a few inputs made here: a file over 1 MiB, a directory, a FIFO, /dev/zero and a missing file as
  the experiment; a FIFO as base; summary.csv and experiment.yaml missing, a directory, a FIFO.
Positive controls: the unedited summary, the same with CRLF line endings, and a properly failed
row are accepted (exit 0).
Usage: run_corpus.py HUBSIM SCRATCH CORPUS_DIR"""
import codecs
import os
import shutil
import subprocess
import sys
import time

LIMIT_SECONDS = 5.0  # the model checks run a one-month probe; sanitizer builds are slower
LSAN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e", "lsan.supp")


def run(binary, args, cwd):
    env = dict(os.environ)
    env.setdefault("LSAN_OPTIONS", f"suppressions={LSAN}:print_suppressions=0")
    start = time.monotonic()
    try:
        p = subprocess.run([binary, *args], cwd=cwd, env=env, capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        return None, "", 60.0
    return p.returncode, p.stderr.decode("utf-8", "backslashreplace"), time.monotonic() - start


def judge(code, err, seconds, expected, written):
    """Problems with one rejection (empty if all is well)."""
    if code is None:
        return ["did not finish within 60 s"]
    issues = []
    lines = err.splitlines()
    if code != 2:
        issues.append(f"exit code {code}, expected 2")
    if len(lines) != 1:
        issues.append(f"{len(lines)} lines on stderr, expected 1")
    if not lines or not lines[0].startswith(expected):
        issues.append(f"stderr does not start with\n    {expected}\n  it is\n    {err[:600]}")
    if seconds > LIMIT_SECONDS:
        issues.append(f"took {seconds:.2f} s, limit {LIMIT_SECONDS} s")
    if written:
        issues.append(f"wrote {written}")
    return issues


def message(source, pos, key, problem):
    return "hubsim: error: " + source + ("" if pos == "-" else ":" + pos) + ": " + \
        ("" if key == "-" else key + ": ") + problem


# ---- experiments -------------------------------------------------------------------------------

def experiment_cases(corpus):
    cases = {}
    with open(os.path.join(corpus, "expected.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                name, args, source, pos, key, problem = line.rstrip("\n").split("\t")
                path = os.path.join(corpus, "cases", name)
                src = path if source == "-" else os.path.join(corpus, "cases", source)
                problem = problem.replace("{cases}", os.path.join(corpus, "cases"))
                cases[path] = ([] if args == "-" else args.split(), message(src, pos, key, problem))
    return cases


def generated_experiments(work):
    """Inputs too big or too special to keep in the repository."""
    inputs = os.path.join(work, "inputs")
    os.makedirs(inputs)
    huge = os.path.join(inputs, "huge.yaml")
    with open(huge, "w") as f:
        f.write("design: {kind: grid}\n" + "# padding\n" * (8 << 17))
    fifo = os.path.join(inputs, "fifo.yaml")
    os.mkfifo(fifo)
    base_fifo = os.path.join(inputs, "base_fifo.yaml")
    with open(base_fifo, "w") as f:
        f.write(f"base: {fifo}\ndesign: {{kind: grid}}\noutcomes: [{{name: jobs, variable: employment}}]\n")
    too_big = "the file is larger than 1 MiB; an experiment is a few kB of YAML"
    return {
        huge: ([], message(huge, "-", "-", too_big)),
        inputs: ([], message(inputs, "-", "-", "is a directory, not a file")),
        fifo: ([], message(fifo, "-", "-", "is not a regular file (a FIFO, device or socket)")),
        "/dev/zero": ([], message("/dev/zero", "-", "-", "is not a regular file (a FIFO, device or socket)")),
        os.path.join(inputs, "missing.yaml"): ([], message(os.path.join(inputs, "missing.yaml"), "-", "-", "no such file")),
        base_fifo: ([], message(base_fifo, "1:7", "base", f"{fifo} is not a regular file")),
    }


def check_experiment(binary, work, path, args, expected):
    cwd = os.path.join(work, "cwd")
    shutil.rmtree(cwd, ignore_errors=True)
    os.makedirs(cwd)
    out = os.path.join(cwd, "out")
    code, err, seconds = run(binary, ["sweep", "-q", path, "-o", out, *(args or ["-j", "1"])], cwd)
    return judge(code, err, seconds, expected, os.listdir(cwd))


# ---- summaries ---------------------------------------------------------------------------------

def unescape(text):
    return codecs.decode(text, "unicode_escape").encode("latin-1")


def field_start(line, index):
    """1-based column where field `index` (0-based) of an unquoted CSV line starts."""
    col = 1
    for i, part in enumerate(line.split(b",")):
        if i == index:
            return col
        col += len(part) + 1
    return col


def apply_edit(lines, header, op, row, column, text):
    """Returns (new lines, expected line number or None, expected column spec resolver)."""
    lines = list(lines)
    r = int(row) if row != "-" else None
    if op == "field":
        fields = lines[r].split(b",")
        fields[header.index(column)] = text
        lines[r] = b",".join(fields)
    elif op == "line":
        lines[r] = text
    elif op == "insert":
        lines.insert(r, text)
    elif op == "delete":
        del lines[r]
    elif op == "append":
        lines.append(text)
    elif op == "keep":
        lines = lines[:r]
    elif op == "swap":
        lines[r], lines[r + 1] = lines[r + 1], lines[r]
    elif op == "raw":
        return [text], r
    elif op == "prefix":
        lines[0] = text + lines[0]
    else:
        raise ValueError(f"unknown edit {op}")
    return lines, r


def position(spec, lines, r, header, column):
    """The expected line:column from its spec: '-', 'L:C', or relative to the edited line:
    field (the edited field), field+N, field:NAME (the field of that column), field#N (the Nth
    field, 1-based), eol (just past the end of the line)."""
    if spec == "-" or ":" in spec and not spec.startswith("field"):
        return spec
    line = lines[r]
    if spec.startswith("field:"):
        col = field_start(line, header.index(spec[6:]))
    elif spec.startswith("field#"):
        col = field_start(line, int(spec[6:]) - 1)
    elif spec == "eol":
        col = len(line) + 1
    else:
        base, _, plus = spec.partition("+")
        col = field_start(line, header.index(column)) + (int(plus) if plus else 0)
    return f"{r + 1}:{col}"


def summary_cases(corpus):
    cases = []
    with open(os.path.join(corpus, "summary_edits.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                cases.append(line.rstrip("\n").split("\t"))
    return cases


def analyse(binary, work, d):
    return run(binary, ["analyse", "--no-plot", d], work)


def sweep_dir(work, name, experiment, summary):
    d = os.path.join(work, "summaries", name)
    os.makedirs(d)
    if experiment is not None:
        with open(os.path.join(d, "experiment.yaml"), "wb") as f:
            f.write(experiment)
    if summary is not None:
        with open(os.path.join(d, "summary.csv"), "wb") as f:
            f.write(summary)
    return d


def check_summaries(binary, work, corpus):
    base_exp = os.path.join(corpus, "summary_base.yaml")
    base = os.path.join(work, "base")
    p = subprocess.run([binary, "sweep", "-q", "-j", "2", base_exp, "-o", base], capture_output=True, text=True)
    if p.returncode != 0:
        return [f"the base sweep failed (exit {p.returncode}): {p.stderr}"], 0
    experiment = open(os.path.join(base, "experiment.yaml"), "rb").read()
    summary = open(os.path.join(base, "summary.csv"), "rb").read()
    lines = summary.split(b"\n")[:-1]
    header = [h.decode() for h in lines[0].split(b",")]
    failures, count = [], 0

    # Positive controls.
    failed_row = lines[2].split(b",")
    failed_row[header.index("jobs")] = failed_row[header.index("leavers")] = b""
    failed_row[header.index("status")], failed_row[header.index("error")] = b"failed", b"\"disk full, \"\"really\"\"\""
    controls = {"unedited": summary, "crlf": summary.replace(b"\n", b"\r\n"),
                "failed_row": b"\n".join(lines[:2] + [b",".join(failed_row)] + lines[3:]) + b"\n"}
    for name, text in controls.items():
        d = sweep_dir(work, "control_" + name, experiment, text)
        code, err, _ = analyse(binary, work, d)
        if code != 0:
            failures.append(f"control {name}: exit {code}, expected 0: {err}")

    for name, op, row, column, text, pos, key, problem in summary_cases(corpus):
        count += 1
        edited, r = apply_edit(lines, header, op, row, column, unescape(text) if text != "-" else b"")
        body = b"\n".join(edited) + (b"\n" if edited and edited != [b""] else b"")
        d = sweep_dir(work, name, experiment, body)
        source = os.path.join(d, "summary.csv")
        expected = message(source, position(pos, edited, r, header, column), key, unescape(problem).decode("utf-8"))
        code, err, seconds = analyse(binary, work, d)
        written = ["analysis/"] if os.path.exists(os.path.join(d, "analysis")) else []
        failures += [f"summary case {name}: {issue}" for issue in judge(code, err, seconds, expected, written)]

    # Sweep directories that are not what they seem.
    special = {}
    d = sweep_dir(work, "summary_is_directory", experiment, None)
    os.makedirs(os.path.join(d, "summary.csv"))
    special[d] = message(os.path.join(d, "summary.csv"), "-", "-", "is not a regular file")
    d = sweep_dir(work, "summary_is_fifo", experiment, None)
    os.mkfifo(os.path.join(d, "summary.csv"))
    special[d] = message(os.path.join(d, "summary.csv"), "-", "-", "is not a regular file")
    d = sweep_dir(work, "summary_missing", experiment, None)
    special[d] = message(d, "-", "-", "not a finished sweep directory (no summary.csv)")
    d = sweep_dir(work, "experiment_missing", None, summary)
    special[d] = message(d, "-", "-", "not a finished sweep directory (no experiment.yaml)")
    d = sweep_dir(work, "experiment_second_document", experiment + b"---\nname: x\n", summary)
    second = experiment.count(b"\n") + 1
    special[d] = message(os.path.join(d, "experiment.yaml"), f"{second}:1", "-", "more than one YAML document; expected one")
    d = sweep_dir(work, "experiment_huge_design", experiment.replace(b"replicates: 2", b"replicates: 100000")
                  .replace(b"values: [30, 60]", b"range: [30, 60], levels: 20"), summary)
    special[d] = message(os.path.join(d, "experiment.yaml"), "7:13", "replicates", "20 points x 100000 replicates")
    d = sweep_dir(work, "experiment_other_plan", experiment.replace(b"replicates: 2", b"replicates: 3"), summary)
    special[d] = message(os.path.join(d, "summary.csv"), "4:1", "run_id", "expected \"0000_02\" (run 3 of the plan)")
    for d, expected in special.items():
        count += 1
        code, err, seconds = analyse(binary, work, d)
        written = ["analysis/"] if os.path.exists(os.path.join(d, "analysis")) else []
        failures += [f"{os.path.basename(d)}: {issue}" for issue in judge(code, err, seconds, expected, written)]
    return failures, count


def main():
    binary, work, corpus = (os.path.abspath(a) for a in sys.argv[1:4])
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    cases = experiment_cases(corpus)
    stored = {os.path.join(corpus, "cases", n) for n in os.listdir(os.path.join(corpus, "cases"))}
    failures = [f"{p}: not listed in expected.tsv" for p in sorted(stored - set(cases))]
    failures += [f"{p}: listed in expected.tsv but missing" for p in sorted(set(cases) - stored)]
    cases.update(generated_experiments(work))
    for path, (args, expected) in sorted(cases.items()):
        failures += [f"{path}: {issue}" for issue in check_experiment(binary, work, path, args, expected)]
    summary_failures, summaries = check_summaries(binary, work, corpus)
    failures += summary_failures
    if failures:
        print("FAIL:\n" + "\n".join(failures), file=sys.stderr)
        sys.exit(1)
    print(f"ok: {len(cases)} bad experiments and {summaries} bad summaries or sweep directories rejected")


main()
