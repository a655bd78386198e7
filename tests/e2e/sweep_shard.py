"""--shard 1/2 and 2/2 then --merge give the same summary as the whole sweep; merging before
every shard is done reports the missing runs (exit 1).
Usage: sweep_shard.py HUBSIM SCRATCH"""
import os

from e2e_common import check, hubsim, main, ok_run, scratch
from sweep_common import experiment, same_outputs, summary_rows


def test(argv):
    binary, work = argv[0], scratch(argv[1])
    exp = experiment(work)
    whole, sharded = os.path.join(work, "whole"), os.path.join(work, "sharded")
    ok_run(binary, "sweep", exp, "-o", whole, "-q")

    ok_run(binary, "sweep", exp, "-o", sharded, "--shard", "1/2", "-j", "2", "-q")
    check(not os.path.exists(os.path.join(sharded, "summary.csv")), "a shard wrote the summary")
    runs = sorted(os.listdir(os.path.join(sharded, "runs")))
    check(len(runs) == 6, f"shard 1/2 of 12 runs wrote {runs}")
    code, out, err = hubsim(binary, "sweep", "--merge", sharded)
    check(code == 1 and "6 runs have no file yet" in err, f"early merge exited {code}:\n{err}")
    check(sum(r["status"] == "missing" for r in summary_rows(sharded)) == 6, "early merge: missing rows")

    ok_run(binary, "sweep", exp, "-o", sharded, "--shard", "2/2", "-j", "2", "-q")
    ok_run(binary, "sweep", "--merge", sharded, "-q")
    same_outputs(whole, sharded, "shards 1/2 + 2/2 + merge vs whole")
    # The experiment-file form of --merge gives the same.
    ok_run(binary, "sweep", exp, "-o", sharded, "--merge", "-q")
    same_outputs(whole, sharded, "merge with the experiment file")

    code, out, err = hubsim(binary, "sweep", exp, "-o", sharded, "--shard", "3/2")
    check(code == 2 and "--shard" in err, f"bad shard exited {code}:\n{err}")


if __name__ == "__main__":
    main(test)
