"""--help works for every command and --version prints the version: exit 0, on stdout, nothing on
stderr (command-line errors are one `hubsim: error:` line with exit 2 instead: bad_input.py).
Usage: help.py HUBSIM VERSION"""
from e2e_common import check, hubsim, main


def ok_quiet(binary, *args):
    code, out, err = hubsim(binary, *args)
    command = "hubsim " + " ".join(args)
    check(code == 0, f"{command} exited {code}, expected 0\nstderr:\n{err}")
    check(err == "", f"{command} printed on stderr:\n{err}")
    check("hubsim: error" not in out, f"{command} printed an error:\n{out}")
    return out


def test(argv):
    binary, version = argv
    for command, expect in [([], "SUBCOMMAND"), (["run"], "--seed"), (["check"], "--set"), (["params"], "params"),
                            (["inspect"], "file"), (["run"], "--from"), (["sweep"], "--jobs"),
                            (["analyse"], "--bootstrap"), (["bench"], "--quick")]:
        for flag in ["--help", "-h"]:
            out = ok_quiet(binary, *command, flag)
            check("Usage:" in out, f"hubsim {' '.join(command)} {flag} prints no usage:\n{out}")
            check(expect in out, f"hubsim {' '.join(command)} {flag} does not mention {expect}:\n{out}")
    out = ok_quiet(binary, "run", "--help")
    check("0 to 2^53-1" in out, f"hubsim run --help does not give --seed's range:\n{out}")
    out = ok_quiet(binary, "--version")
    check(out.startswith(version), f"hubsim --version printed {out!r}, expected it to start with {version}")
    check(out.count("\n") == 1, f"hubsim --version printed more than one line: {out!r}")


main(test)
