"""configs/PARAMETERS.md is what `hubsim params` prints now.
Usage: parameters_doc.py HUBSIM PARAMETERS_MD"""
import difflib

from e2e_common import check, main, ok_run


def test(argv):
    binary, committed_path = argv
    generated = ok_run(binary, "params")
    try:
        with open(committed_path, encoding="utf-8") as f:
            committed = f.read()
    except OSError as e:
        committed = f"(cannot read: {e})\n"
    diff = "".join(list(difflib.unified_diff(committed.splitlines(True), generated.splitlines(True),
                                             "configs/PARAMETERS.md", "hubsim params"))[:40])
    check(generated == committed,
          f"{committed_path} is out of date; regenerate it with\n"
          f"  build/release/hubsim params > configs/PARAMETERS.md\n{diff}")


main(test)
