"""Helpers shared by the end-to-end tests: run hubsim, fail with a clear message, scratch dirs."""
import os
import shutil
import subprocess
import sys


class Failure(Exception):
    pass


def check(ok, message):
    if not ok:
        raise Failure(message)


def scratch(path):
    """An empty scratch directory (removed and recreated)."""
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


# Under the asan preset, ignore leaks inside libhdf5 (it loses memory failing to open corrupt files).
LSAN_SUPPRESSIONS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lsan.supp")


def hubsim(binary, *args, cwd=None):
    """Runs hubsim; returns (exit code, stdout, stderr)."""
    env = dict(os.environ)
    env.setdefault("LSAN_OPTIONS", f"suppressions={LSAN_SUPPRESSIONS}:print_suppressions=0")
    p = subprocess.run([binary, *args], cwd=cwd, env=env, capture_output=True, text=True, errors="replace",
                       timeout=50)
    return p.returncode, p.stdout, p.stderr


def ok_run(binary, *args, cwd=None):
    """Runs hubsim and requires exit code 0; returns stdout."""
    code, out, err = hubsim(binary, *args, cwd=cwd)
    check(code == 0, f"hubsim {' '.join(args)} exited {code}, expected 0\nstderr:\n{err}")
    return out


def main(test):
    """Runs test(argv) and turns a Failure into exit code 1 with the message on stderr."""
    try:
        test(sys.argv[1:])
    except Failure as e:
        print(f"FAIL: {e}", file=sys.stderr)
        sys.exit(1)
    print("ok")
