"""`mpirun -np 1` and `-np 3 hubsim sweep` give the same summary as a local sweep (rank 0 hands
out runs on request; ranks write run files; rank 0 builds the one summary).
Usage: sweep_mpi.py HUBSIM SCRATCH"""
import os
import shutil
import subprocess

from e2e_common import check, main, ok_run, scratch
from sweep_common import experiment, same_outputs


def mpi_env():
    env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
               OMPI_MCA_rmaps_base_oversubscribe="1")
    # Under the asan preset: Open MPI's runtime (MPI_Init's plugins, ompi_op_base_op_select)
    # leaks at exit by design; those reports are not hubsim's memory, so leak checking is off
    # for the MPI runs only (address and UB checks stay on).
    if "ASAN_OPTIONS" in env or "LSAN_OPTIONS" in env:
        env["ASAN_OPTIONS"] = ":".join(filter(None, [env.get("ASAN_OPTIONS", ""), "detect_leaks=0"]))
    return env


def mpirun_command(binary, np, *args):
    return ["mpirun", "--oversubscribe", "-np", str(np), binary, *args]


def mpirun(binary, np, *args):
    command = mpirun_command(binary, np, *args)
    p = subprocess.run(command, capture_output=True, text=True, timeout=50, env=mpi_env())
    check(p.returncode == 0, f"{' '.join(command)} exited {p.returncode}\nstdout:\n{p.stdout}\nstderr:\n{p.stderr}")
    return p


def test(argv):
    binary, work = argv[0], scratch(argv[1])
    if not shutil.which("mpirun"):
        print("SKIP: mpirun not found (apt-get install openmpi-bin libopenmpi-dev, then rebuild hubsim)")
        return
    exp = experiment(work)
    local = os.path.join(work, "local")
    ok_run(binary, "sweep", exp, "-o", local, "-j", "2", "-q")
    for np in (1, 3):
        d = os.path.join(work, f"np{np}")
        p = mpirun(binary, np, "sweep", exp, "-o", d)
        if np > 1:
            check(f"{np} MPI ranks" in p.stderr, f"-np {np} did not run distributed (built without MPI?):\n{p.stderr}")
        check(p.stdout.count("12 runs: 12 ok") == 1, f"-np {np}: expected one summary line from rank 0:\n{p.stdout}")
        same_outputs(local, d, f"mpirun -np {np} vs local")


if __name__ == "__main__":
    main(test)
