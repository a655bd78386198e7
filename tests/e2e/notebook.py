"""experiments/run_analysis.ipynb runs top to bottom on two runs made here (default and a longer
commute) and on a run without the flow_* variables, and produces its figures.
Usage: notebook.py HUBSIM SCRATCH NOTEBOOK"""
import json
import os
import shutil
import subprocess

import h5py

from e2e_common import check, main, ok_run, scratch


def execute(notebook, work, name, run_a, run_b, python_path=""):
    """Executes the notebook with jupyter nbconvert; returns the executed notebook as JSON."""
    jupyter = shutil.which("jupyter", path="/usr/bin:/bin")
    check(jupyter is not None, "jupyter is not installed (Debian package jupyter-nbconvert)")
    # Debian's python3 kernel, and every cache or runtime file inside the scratch directory.
    env = dict(os.environ, HUBSIM_RUN_A=run_a, HUBSIM_RUN_B=run_b, PATH="/usr/bin:/bin", PYTHONPATH=python_path,
               JUPYTER_RUNTIME_DIR=os.path.join(work, "jupyter"), IPYTHONDIR=os.path.join(work, "ipython"),
               MPLCONFIGDIR=os.path.join(work, "matplotlib"), PYDEVD_DISABLE_FILE_VALIDATION="1", MPLBACKEND="Agg")
    p = subprocess.run([jupyter, "nbconvert", "--to", "notebook", "--execute", notebook, "--output-dir", work,
                        "--output", name, "--ExecutePreprocessor.timeout=120"],
                       env=env, cwd=work, capture_output=True, text=True, errors="replace", timeout=170)
    check(p.returncode == 0, f"jupyter nbconvert --execute exited {p.returncode}:\n{p.stderr[-3000:]}")
    with open(os.path.join(work, name), encoding="utf-8") as f:
        return json.load(f)


def images(executed):
    return [o for c in executed["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])
            if "image/png" in o.get("data", {})]


def errors(executed):
    return [o for c in executed["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])
            if o.get("output_type") == "error"]


def test(argv):
    binary, work, notebook = argv[0], scratch(argv[1]), argv[2]
    run_a, run_b = os.path.join(work, "default.h5"), os.path.join(work, "commute-60.h5")
    ok_run(binary, "run", "-q", "-o", run_a, cwd=work)
    ok_run(binary, "run", "-q", "--set", "labour.commute_minutes=60", "--set", "run.scenario=commute-60",
           "-o", run_b, cwd=work)

    # The hubsim package next to the binary (build/<preset>/python), as the README sets it up.
    package = os.path.join(os.path.dirname(os.path.abspath(binary)), "python")
    executed = execute(notebook, work, "executed.ipynb", run_a, run_b, package)
    check(not errors(executed), f"the notebook raised: {errors(executed)}")
    if os.path.isdir(os.path.join(package, "hubsim")):
        check("identical before the change: True" in json.dumps(executed),
              "hubsim.run in the notebook did not reproduce the default run before its dated change")
    check(len(images(executed)) >= 3, f"expected at least 3 figures, got {len(images(executed))}")
    text = json.dumps(executed)
    check("commute-60" in text and "1_trend" in text, "the comparison does not name both scenarios")

    # A run without the flow matrices (an older file) still gets a flows figure: leavers by destination.
    older = os.path.join(work, "no-flows.h5")
    shutil.copyfile(run_a, older)
    with h5py.File(older, "r+") as f:
        for name in ("flow_knowledge", "flow_talent", "flow_capital", "flow_contracts"):
            if name in f:
                for dim in f[name].dims:
                    for scale in list(dim.values()):
                        dim.detach_scale(scale)
                del f[name]
    executed = execute(notebook, work, "executed-no-flows.ipynb", older, run_b)
    check(not errors(executed), f"the notebook raised on a run without flows: {errors(executed)}")
    check(len(images(executed)) >= 3, f"expected at least 3 figures without flows, got {len(images(executed))}")


main(test)
