#!/usr/bin/python3
"""Plot digital employment by hub from a hubsim run file.

    /usr/bin/python3 experiments/plot_employment.py runs/1_trend.h5 -o docs/images/employment-by-hub.png

Reads the file with h5py only, so it doubles as an example of the run format.
"""
import argparse

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run", help="hubsim run file (.h5)")
    parser.add_argument("-o", "--output", default="employment-by-hub.png")
    args = parser.parse_args()

    with h5py.File(args.run, "r") as f:
        dates = np.array([np.datetime64(d) for d in f["date"].asstr()[:]])
        hubs = list(f["hub"].asstr()[:])
        kind = f["hub_kind"][:]
        employment = f["employment"][:]
        scenario = f.attrs["scenario"]
        seed = f.attrs["seed"]

    county = [i for i, k in enumerate(kind) if k != 3]
    fig, (ax_total, ax_hubs) = plt.subplots(1, 2, figsize=(13, 4.8), constrained_layout=True)
    ax_total.plot(dates, employment[:, county].sum(axis=1), color="black", lw=2)
    ax_total.set_title("Lancashire digital employment")
    ax_total.set_ylabel("jobs")
    ax_total.grid(alpha=0.3)
    for i in county:
        ax_hubs.plot(dates, employment[:, i], label=hubs[i], lw=1.6)
    ax_hubs.set_yscale("log")
    ax_hubs.set_title("by hub (log scale)")
    ax_hubs.grid(alpha=0.3, which="both")
    ax_hubs.legend(fontsize=8, ncol=4, loc="upper center", bbox_to_anchor=(0.5, -0.07))
    fig.suptitle(f"hubsim run: scenario {scenario}, seed {seed}")
    fig.savefig(args.output, dpi=110)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
