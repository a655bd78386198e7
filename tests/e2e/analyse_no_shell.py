"""No shell ever sees a user-controlled string (issue 17): no source file of hubsim (sim/, models/,
viz/, apps/) calls popen() or system(); helper programs are spawned with an argument vector
(posix_spawn, execvp). Comments and string literals are not exempt: a call is a call.
Usage: analyse_no_shell.py SOURCE_DIR"""
import os
import re

from e2e_common import check, main

CALL = re.compile(rb"(?<![A-Za-z0-9_])(popen|system)\s*\(")
EXTENSIONS = (".c", ".cc", ".cpp", ".cxx", ".h", ".hh", ".hpp", ".hxx", ".inl", ".in")


def test(argv):
    root = argv[0]
    found, scanned = [], 0
    for top in ("sim", "models", "viz", "apps"):
        for d, _, files in os.walk(os.path.join(root, top)):
            for name in files:
                if not name.endswith(EXTENSIONS):
                    continue
                path = os.path.join(d, name)
                scanned += 1
                with open(path, "rb") as f:
                    for number, line in enumerate(f, 1):
                        if CALL.search(line):
                            found.append(f"{os.path.relpath(path, root)}:{number}: {line.decode(errors='replace').strip()}")
    check(scanned > 50, f"only {scanned} source files found under {root}: wrong directory?")
    check(not found, "popen()/system() hand a string to a shell; spawn with an argument vector instead:\n  " +
          "\n  ".join(found))
    # The check itself must see what it looks for.
    check(CALL.search(b"FILE* p = ::popen(cmd, \"w\");") and CALL.search(b"std::system (x)") and
          not CALL.search(b"std::filesystem::path p(x);") and not CALL.search(b"my_system(x)"), "the pattern is wrong")


if __name__ == "__main__":
    main(test)
