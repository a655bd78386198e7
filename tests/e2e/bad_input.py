"""Bad input exits 2 with one line on stderr saying where (file:line:column) and which key, and
leaves no output file and no temporary file behind. Covers the command line itself (CLI11's parse
errors, unknown subcommands, --seed) and --set/--change values (issue 17: tags, aliases, a second
document, control and invisible characters shown escaped, renames onto an existing name).
Usage: bad_input.py HUBSIM SCRATCH GROUP-OR-CASE (a group runs each of its cases; `all` runs all)"""
import os
import re

from e2e_common import check, hubsim, main, scratch, write

UNKNOWN_KEY = "labour:\n  commute_minute: 60\n"
OUT_OF_RANGE = "hubs:\n  Preston: {lat: 80}\n"
E = re.escape
SEED_RANGE = "expected [0, 9007199254740991]"
SUBCOMMANDS = "run, inspect, check, params, sweep, collect, calibrate, analyse, report, bench"


def cli_error(message, command="run"):
    """A CLI11 error as hubsim prints it: one line, the hint to the command's --help at its end."""
    return E(f"hubsim: error: {message} (see hubsim{' ' + command if command else ''} --help)")


def set_error(assignment, key, problem):
    return E(f"hubsim: error: --set {assignment}: {key}: {problem}")


def cases(work):
    """name -> (config text to write as scenario.yaml or None, hubsim arguments, stderr regex, one line only)"""
    cfg = os.path.join(work, "scenario.yaml")
    out = ["-o", os.path.join(work, "out.h5")]
    run = ["run", "-q"]
    dup = "(another entry has it; names must be unique)"
    no_alias = "YAML anchors and aliases are not supported"
    no_tag = "YAML tags are not supported"
    return {
        "unknown_key": (UNKNOWN_KEY, [*run, cfg, *out],
                        E(f"hubsim: error: {cfg}:2:3: labour.commute_minute: unknown key (expected one of: ")
                        + r"commute_minutes, .*\)", True),
        "out_of_range": (OUT_OF_RANGE, [*run, cfg, *out],
                         E(f"hubsim: error: {cfg}:2:18: hubs.Preston.lat: value 80 is out of range; "
                           "expected [49.0, 61.0] (degrees)"), True),
        "missing_file": (None, [*run, cfg, *out], E(f"hubsim: error: {cfg}: cannot open the file"), True),
        "empty_file": ("", [*run, cfg, *out], E(f"hubsim: error: {cfg}: the configuration is empty"), True),
        # CR-only line endings (old Mac) are line breaks: read correctly, not "empty" (issue 17).
        "cr_only_file_error": ("run:\r  seed: 5\r  scenario: x\r  start: 2022-13\r", [*run, cfg, *out],
                               E(f'hubsim: error: {cfg}:4:10: run.start: expected a month as YYYY-MM, got "2022-13"'),
                               True),
        "utf16_file": ("\ufeffrun: {seed: 5}\n".encode("utf-16-le"), [*run, cfg, *out],
                       E(f"hubsim: error: {cfg}: the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8"),
                       True),
        "bad_set": (None, [*run, "--set", "labour.commute_minutes=700", *out],
                    E("hubsim: error: --set labour.commute_minutes=700: labour.commute_minutes: value 700 is out "
                      "of range; expected [0.0, 600.0] (minutes)"), True),
        "bad_set_path": (None, [*run, "--set", "hubs.Atlantis.lat=53", *out],
                         E('hubsim: error: --set hubs.Atlantis.lat=53: hubs.Atlantis: no entry with name "Atlantis"'),
                         True),

        # --seed: checked like run.seed in a config, before CLI11 converts it (it saturated to INT64_MAX).
        "negative_seed": (None, [*run, "--seed", "-1", *out],
                          cli_error(f"--seed: run.seed: value -1 is out of range; {SEED_RANGE}"), True),
        "seed_too_big": (None, [*run, "--seed", "99999999999999999999", *out],
                         cli_error(f"--seed: run.seed: value 99999999999999999999 is out of range; {SEED_RANGE}"),
                         True),
        "seed_2_to_53": (None, [*run, "--seed", "9007199254740992", *out],
                         cli_error(f"--seed: run.seed: value 9007199254740992 is out of range; {SEED_RANGE}"), True),
        "seed_int64_max": (None, [*run, "--seed", "9223372036854775807", *out],
                           cli_error(f"--seed: run.seed: value 9223372036854775807 is out of range; {SEED_RANGE}"),
                           True),
        "seed_text": (None, [*run, "--seed", "abc", *out],
                      cli_error(f'--seed: run.seed: expected an integer in [0, 9007199254740991], got "abc"'), True),
        "seed_fraction": (None, [*run, "--seed", "1.5", *out],
                          cli_error(f'--seed: run.seed: expected a whole number in [0, 9007199254740991], got "1.5"'),
                          True),
        "seed_nan": (None, [*run, "--seed", ".nan", *out],
                     cli_error('--seed: run.seed: expected a finite number, got ".nan"'), True),
        "seed_empty": (None, [*run, "--seed", "", *out], cli_error("--seed: run.seed: missing value"), True),
        "seed_mapping": (None, [*run, "--seed", "{a: 1}", *out],
                         cli_error("--seed: run.seed: expected an integer in [0, 9007199254740991], got a mapping"),
                         True),

        # CLI11's parse errors: one line with hubsim's prefix, exit 2 (they were two lines, unprefixed).
        "unknown_option": (None, [*run, "--bogus", *out],
                           cli_error("The following argument was not expected: --bogus"), True),
        "threads_not_a_number": (None, [*run, "--threads", "abc", *out],
                                 cli_error("--threads: Value abc not in range 0 to 1024"), True),
        "threads_negative": (None, [*run, "--threads", "-1", *out],
                             cli_error("--threads: Value -1 not in range 0 to 1024"), True),
        "extra_positional": (None, [*run, "a.yaml", "b.yaml", *out],
                             cli_error("The following argument was not expected: b.yaml"), True),
        "checkpoint_every_zero": (None, [*run, "--checkpoint-every", "0", *out],
                                  cli_error("--checkpoint-every: Value 0 not in range 1 to 100000"), True),
        "option_without_value": (None, [*run, *out, "--seed"],
                                 cli_error("--seed: 1 required INT missing"), True),
        "excluded_options": (None, [*run, "--seed", "5", "--from", "x.h5", *out],
                             cli_error("--seed excludes --from"), True),
        "check_takes_no_seed": (None, ["check", "--seed", "5"],
                                cli_error("The following argument was not expected: --seed", "check"), True),
        "sweep_jobs_text": (None, ["sweep", "x.yaml", "-o", os.path.join(work, "sw"), "--jobs", "many"],
                            cli_error("--jobs: Value many not in range 0 to 4096", "sweep"), True),
        "inspect_without_file": (None, ["inspect"], cli_error("file is required", "inspect"), True),
        "escape_in_option_value": (None, [*run, "--threads", "\x1b[31m", *out],
                                   cli_error("--threads: Value \\x1b[31m not in range 0 to 1024"), True),
        "unknown_subcommand": (None, ["frobnicate", *out],
                               cli_error(f'unknown subcommand "frobnicate"; expected one of {SUBCOMMANDS}', ""), True),
        "unknown_subcommand_escaped": (None, ["fr\u202eob"],
                                       cli_error(f'unknown subcommand "fr\\u202eob"; expected one of {SUBCOMMANDS}', ""),
                                       True),
        "no_subcommand": (None, [], cli_error(f"a subcommand is required; expected one of {SUBCOMMANDS}", ""), True),
        "option_before_subcommand": (None, ["--bogus"],
                                     cli_error(f'unknown option "--bogus"; expected a subcommand first, one of '
                                               f"{SUBCOMMANDS}", ""), True),

        # --set values are YAML of their own, as hardened as files; what they hold is shown escaped.
        "set_second_document": (None, [*run, "--set", "labour.commute_minutes=60\n---\n70", *out],
                                set_error("labour.commute_minutes=60\\x0a---\\x0a70", "labour.commute_minutes",
                                          "more than one YAML document; expected one"), True),
        "set_newline": (None, [*run, "--set", "run.scenario=a\nb", *out],
                        set_error("run.scenario=a\\x0ab", "run.scenario",
                                  "control character \\x0a in the value; a --set value is one line of text"), True),
        "set_escape_sequence": (None, [*run, "--set", "run.scenario=\x1b[2J", *out],
                                set_error("run.scenario=\\x1b[2J", "run.scenario",
                                          "control character \\x1b in the value; a --set value is one line of text"),
                                True),
        "set_tab": (None, [*run, "--set", "run.scenario=a\tb", *out],
                    set_error("run.scenario=a\\x09b", "run.scenario",
                              "control character \\x09 in the value; a --set value is one line of text"), True),
        "set_control_in_key": (None, [*run, "--set", "labour.commute\n_minutes=60", *out],
                               set_error("labour.commute\\x0a_minutes=60", "labour.commute\\x0a_minutes",
                                         "control character in the key; expected key.path=value on one line"), True),
        "set_tag": (None, [*run, "--set", "labour.commute_minutes=!!str 60", *out],
                    set_error("labour.commute_minutes=!!str 60", "labour.commute_minutes",
                              f"{no_tag} (!!str); write the value without a tag"), True),
        "set_tag_python": (None, [*run, "--set", "run.scenario=!!python/object:os.system x", *out],
                           set_error("run.scenario=!!python/object:os.system x", "run.scenario",
                                     f"{no_tag} (!!python/object:os.system); write the value without a tag"), True),
        "set_non_specific_tag": (None, [*run, "--set", "labour.commute_minutes=! 60", *out],
                                 set_error("labour.commute_minutes=! 60", "labour.commute_minutes",
                                           f"{no_tag} (!); write the value without a tag"), True),
        "set_alias": (None, [*run, "--set", "run.scenario=*x", *out],
                      set_error("run.scenario=*x", "run.scenario", f"{no_alias} (*x); write the value out"), True),
        "set_anchor": (None, [*run, "--set", "run.scenario=&x y", *out],
                       set_error("run.scenario=&x y", "run.scenario", f"{no_alias} (&x); write the value out"), True),
        "set_anchor_in_list": (None, [*run, "--set", "sectors=[&a {name: x, share: 1.0}]", *out],
                               set_error("sectors=[&a {name: x, share: 1.0}]", "sectors[0]",
                                         f"{no_alias} (&a); write the value out"), True),
        "set_merge_key": (None, [*run, "--set", "labour={<<: {commute_minutes: 60}}", *out],
                          set_error("labour={<<: {commute_minutes: 60}}", "labour.<<",
                                    "YAML merge keys (<<) are not supported; write the keys out"), True),
        "set_directive": (None, [*run, "--set", "run.scenario=%TAG", *out],
                          set_error("run.scenario=%TAG", "run.scenario",
                                    "a value starting with % must be quoted (YAML reads %TAG as a directive)"), True),
        "set_bidi_override": (None, [*run, "--set", "run.scenario=abc\u202etxt", *out],
                              set_error("run.scenario=abc\\u202etxt", "run.scenario",
                                        'U+202E (bidi override) is not allowed; got "abc\\u202etxt"'), True),
        "set_zero_width_in_key": (None, [*run, "--set", "labour.commute\u200b_minutes=60", *out],
                                  set_error("labour.commute\\u200b_minutes=60", "labour.commute\\u200b_minutes",
                                            'U+200B (zero-width space) is not allowed in a key; '
                                            'got "commute\\u200b_minutes"'), True),
        "set_bom_in_key": (None, [*run, "--set", "\ufefflabour.commute_minutes=60", *out],
                           set_error("\\ufefflabour.commute_minutes=60", "\\ufefflabour",
                                     'U+FEFF (byte order mark, zero-width) is not allowed in a key; '
                                     'got "\\ufefflabour"'), True),
        "set_c1_control": (None, [*run, "--set", "run.scenario=a\u009bb", *out],
                           set_error("run.scenario=a\\u009bb", "run.scenario",
                                     'U+009B (C1 control character) is not allowed; got "a\\u009bb"'), True),
        "set_line_separator": (None, [*run, "--set", "run.scenario=a\u2028b", *out],
                               set_error("run.scenario=a\\u2028b", "run.scenario",
                                         'U+2028 (line separator) is not allowed; got "a\\u2028b"'), True),
        "set_quote_in_key": (None, [*run, "--set", 'labour."x=1', *out],
                             set_error('labour."x=1', 'labour."x', "unknown key (expected one of: ") + ".*", True),
        "change_newline": (None, [*run, "--change", "2026-03:labour.commute_minutes=6\n0", *out],
                           E("hubsim: error: --change (run.changes[0]: 2026-03 labour.commute_minutes=6\\x0a0): "
                             "labour.commute_minutes: control character \\x0a in the value; a --set value is one line "
                             "of text"), True),

        # Renaming a row onto another row's name (two rows, one label).
        "rename_sector_to_existing": (None, [*run, "--set", "sectors.electech.name=health_tech", *out],
                                      set_error("sectors.electech.name=health_tech", "sectors.electech.name",
                                                f'duplicate name "health_tech" {dup}'), True),
        "rename_hub_to_existing": (None, [*run, "--set", "hubs.Preston.name=Lancaster", *out],
                                   set_error("hubs.Preston.name=Lancaster", "hubs.Preston.name",
                                             f'duplicate name "Lancaster" {dup}'), True),
        "rename_anchor_to_existing": (None, [*run, "--set", "anchors.UCLan.name=BAE Systems", *out],
                                      set_error("anchors.UCLan.name=BAE Systems", "anchors.UCLan.name",
                                                f'duplicate name "BAE Systems" {dup}'), True),
        "rename_in_file_to_existing": ("anchors:\n  UCLan: {name: Lancaster University}\n", [*run, cfg, *out],
                                       E(f"hubsim: error: {cfg}:2:17: anchors.UCLan.name: duplicate name "
                                         f'"Lancaster University" {dup}'), True),
    }


# ctest runs these names (tests/e2e/CMakeLists.txt); each runs a group of cases.
GROUPS = {
    "unknown_key": ["unknown_key"],
    "out_of_range": ["out_of_range"],
    "missing_file": ["missing_file"],
    "empty_file": ["empty_file", "cr_only_file_error", "utf16_file"],
    "bad_set": ["bad_set", "set_second_document", "set_newline", "set_escape_sequence", "set_tab", "set_tag",
                "set_tag_python", "set_non_specific_tag", "set_alias", "set_anchor", "set_anchor_in_list",
                "set_merge_key", "set_directive", "set_bidi_override", "set_c1_control", "set_line_separator",
                "change_newline"],
    "bad_set_path": ["bad_set_path", "set_control_in_key", "set_zero_width_in_key", "set_bom_in_key",
                     "set_quote_in_key", "rename_sector_to_existing", "rename_hub_to_existing",
                     "rename_anchor_to_existing", "rename_in_file_to_existing"],
    "negative_seed": ["negative_seed", "seed_too_big", "seed_2_to_53", "seed_int64_max", "seed_text",
                      "seed_fraction", "seed_nan", "seed_empty", "seed_mapping"],
    "unknown_subcommand": ["unknown_subcommand", "unknown_subcommand_escaped", "no_subcommand",
                           "option_before_subcommand"],
    "unknown_option": ["unknown_option", "threads_not_a_number", "threads_negative", "extra_positional",
                       "checkpoint_every_zero", "option_without_value", "excluded_options", "check_takes_no_seed",
                       "sweep_jobs_text", "inspect_without_file", "escape_in_option_value"],
}


def run_case(binary, work, name, case):
    text, args, pattern, one_line = case
    cfg = os.path.join(work, "scenario.yaml")
    if os.path.exists(cfg):
        os.remove(cfg)
    if isinstance(text, bytes):
        with open(cfg, "wb") as f:
            f.write(text)
    elif text is not None:
        write(cfg, text)
    before = sorted(os.listdir(work))
    code, out, err = hubsim(binary, *args, cwd=work)
    command = f"[{name}] hubsim " + " ".join(repr(a) if any(ord(c) < 32 or ord(c) > 126 for c in a) else a
                                             for a in args)
    check(code == 2, f"{command} exited {code}, expected 2\nstderr:\n{err}")
    lines = err.splitlines()
    check(lines, f"{command} printed nothing on stderr")
    if one_line:
        check(len(err.split("\n")) == 2 and err.endswith("\n"),
              f"{command} printed {len(lines)} lines on stderr, expected 1:\n{err}")
        check(all(c == "\n" or 32 <= ord(c) != 127 for c in err),
              f"{command} printed a control character on stderr: {err!r}")
    check(re.fullmatch(pattern, lines[0]), f"{command}: stderr line\n  {lines[0]}\ndoes not match\n  {pattern}")
    check("Lancashire" not in out, f"{command} printed a summary:\n{out}")
    after = sorted(os.listdir(work))
    check(after == before, f"{command} left files behind: {sorted(set(after) - set(before))}")


def test(argv):
    binary, work, name = argv[0], scratch(argv[1]), argv[2]
    every = cases(work)
    grouped = {c for names in GROUPS.values() for c in names}
    check(grouped == set(every), f"cases in no group: {sorted(set(every) - grouped)}; "
                                 f"unknown in groups: {sorted(grouped - set(every))}")
    names = list(every) if name == "all" else GROUPS.get(name, [name])
    for case in names:
        run_case(binary, work, case, every[case])


main(test)
