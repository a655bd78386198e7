"""`hubsim check` prints resolved YAML that itself passes `hubsim check` unchanged; scenario files and
--set show up in it, and a scenario changes the config stored in the run file.
Usage: check_roundtrip.py HUBSIM SCRATCH"""
import os

import h5py

from e2e_common import check, main, ok_run, scratch, write


def test(argv):
    binary, work = argv[0], scratch(argv[1])
    resolved = ok_run(binary, "check")
    check("commute_minutes:" in resolved and "hubs:" in resolved, f"hubsim check printed no config:\n{resolved}")
    path = write(os.path.join(work, "resolved.yaml"), resolved)
    again = ok_run(binary, "check", path)
    check(again == resolved, "hubsim check of its own output printed something different")

    seeded = ok_run(binary, "check", "--set", "run.seed=5")
    check("\n  seed: 5\n" in seeded, f"hubsim check --set run.seed=5 does not show 'seed: 5':\n{seeded[:200]}")

    # A scenario overlay changes only what it names.
    scenario = write(os.path.join(work, "commute-60.yaml"),
                     "run:\n  scenario: commute-60\nlabour:\n  commute_minutes: 60\n")
    overlaid = ok_run(binary, "check", scenario)
    check("  commute_minutes: 60.0\n" in overlaid, "the scenario's commute_minutes: 60 is not in the resolved config")
    changed = [(a, b) for a, b in zip(resolved.splitlines(), overlaid.splitlines()) if a != b]
    check(len(changed) == 2 and len(resolved.splitlines()) == len(overlaid.splitlines()),
          f"the scenario should change exactly 2 lines, changed: {changed}")

    out_file = os.path.join(work, "commute-60.h5")
    ok_run(binary, "run", "-q", scenario, "-o", out_file, cwd=work)
    with h5py.File(out_file, "r") as f:
        config = f.attrs["config"]
        config = config.decode() if isinstance(config, bytes) else str(config)
    check(config == overlaid, "the config stored in the run file differs from `hubsim check` of the scenario")


main(test)
