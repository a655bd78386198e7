"""Installs the hubsim package with the `_hubsim` extension CMake built (no compiler, no network):

    scripts/dev build                                            # builds build/release/python/hubsim
    /usr/bin/python3 -m pip install --no-build-isolation --no-deps python/   # [--target DIR | in a venv]

HUBSIM_BUILD_DIR chooses another build tree (default: ../build/release next to this folder).
"""
import glob
import os
import pathlib
import re
import shutil

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = pathlib.Path(__file__).resolve().parent
BUILD = pathlib.Path(os.environ.get("HUBSIM_BUILD_DIR", HERE.parent / "build" / "release"))


def built_extension():
    found = glob.glob(str(BUILD / "python" / "hubsim" / "_hubsim*.so"))
    if not found:
        raise SystemExit(f"hubsim: no _hubsim extension under {BUILD}/python/hubsim; run scripts/dev build first")
    return pathlib.Path(found[0])


class with_extension(build_py):
    """Copies the CMake-built extension into the package being built."""

    def run(self):
        super().run()
        target = pathlib.Path(self.build_lib) / "hubsim"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(built_extension(), target)


def version():
    text = (HERE.parent / "CMakeLists.txt").read_text()
    return re.search(r"project\(hubsim VERSION ([0-9.]+)", text).group(1)


setup(version=version(), cmdclass={"build_py": with_extension}, package_data={"hubsim": ["_hubsim*.so"]},
      has_ext_modules=lambda: True)
