"""Bad input exits 2 with one line on stderr saying where (file:line:column) and which key, and
leaves no output file and no temporary file behind.
Usage: bad_input.py HUBSIM SCRATCH CASE"""
import os
import re

from e2e_common import check, hubsim, main, scratch, write

UNKNOWN_KEY = "labour:\n  commute_minute: 60\n"
OUT_OF_RANGE = "hubs:\n  Preston: {lat: 80}\n"


def cases(work):
    """name -> (config text to write as scenario.yaml or None, hubsim arguments, stderr regex, one line only)"""
    cfg = os.path.join(work, "scenario.yaml")
    out = ["-o", os.path.join(work, "out.h5")]
    e = re.escape
    return {
        "unknown_key": (UNKNOWN_KEY, ["run", "-q", cfg, *out],
                        e(f"hubsim: error: {cfg}:2:3: labour.commute_minute: unknown key (expected one of: ")
                        + r"commute_minutes, .*\)", True),
        "out_of_range": (OUT_OF_RANGE, ["run", "-q", cfg, *out],
                         e(f"hubsim: error: {cfg}:2:18: hubs.Preston.lat: value 80 is out of range; "
                           "expected [49.0, 61.0] (degrees)"), True),
        "missing_file": (None, ["run", "-q", cfg, *out], e(f"hubsim: error: {cfg}: cannot open the file"), True),
        "empty_file": ("", ["run", "-q", cfg, *out], e(f"hubsim: error: {cfg}: the configuration is empty"), True),
        "bad_set": (None, ["run", "-q", "--set", "labour.commute_minutes=700", *out],
                    e("hubsim: error: --set labour.commute_minutes=700: labour.commute_minutes: value 700 is out "
                      "of range; expected [0.0, 600.0] (minutes)"), True),
        "bad_set_path": (None, ["run", "-q", "--set", "hubs.Atlantis.lat=53", *out],
                         e('hubsim: error: --set hubs.Atlantis.lat=53: hubs.Atlantis: no entry with name "Atlantis"'),
                         True),
        "negative_seed": (None, ["run", "-q", "--seed", "-1", *out],
                          e("hubsim: error: --seed: run.seed: expected a non-negative integer"), True),
        # CLI11 reports command-line errors itself, with a second line pointing to --help.
        "unknown_subcommand": (None, ["simulate", *out], r"(?i).*subcommand.*", False),
        "unknown_option": (None, ["run", "-q", "--bogus", *out], r".*--bogus", False),
    }


def test(argv):
    binary, work, name = argv[0], scratch(argv[1]), argv[2]
    text, args, pattern, one_line = cases(work)[name]
    if text is not None:
        write(os.path.join(work, "scenario.yaml"), text)
    before = sorted(os.listdir(work))
    code, out, err = hubsim(binary, *args, cwd=work)
    command = "hubsim " + " ".join(args)
    check(code == 2, f"{command} exited {code}, expected 2\nstderr:\n{err}")
    lines = err.splitlines()
    check(lines, f"{command} printed nothing on stderr")
    if one_line:
        check(len(lines) == 1, f"{command} printed {len(lines)} lines on stderr, expected 1:\n{err}")
    check(re.fullmatch(pattern, lines[0]), f"{command}: stderr line\n  {lines[0]}\ndoes not match\n  {pattern}")
    check("Lancashire" not in out, f"{command} printed a summary:\n{out}")
    after = sorted(os.listdir(work))
    check(after == before, f"{command} left files behind: {sorted(set(after) - set(before))}")


main(test)
