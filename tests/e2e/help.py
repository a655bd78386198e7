"""--help works for every command and --version prints the version.
Usage: help.py HUBSIM VERSION"""
from e2e_common import check, main, ok_run


def test(argv):
    binary, version = argv
    for command, expect in [([], "SUBCOMMAND"), (["run"], "--seed"), (["check"], "--set"), (["params"], "params"), (["inspect"], "file"), (["run"], "--from")]:
        out = ok_run(binary, *command, "--help")
        check("Usage:" in out, f"hubsim {' '.join(command)} --help prints no usage:\n{out}")
        check(expect in out, f"hubsim {' '.join(command)} --help does not mention {expect}:\n{out}")
    out = ok_run(binary, "--version")
    check(out.startswith(version), f"hubsim --version printed {out!r}, expected it to start with {version}")


main(test)
