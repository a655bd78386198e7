"""Bar charts of `hubsim analyse` tables: Sobol S1/ST with 95% CIs, Morris mu* (with sigma), or
outcome means with their 90% bands by point. `hubsim analyse` runs this script (embedded in the
binary) with Debian's python3; it can also be run by hand.
Usage: plot_sweep.py TABLE.csv OUT.png   (sobol.csv, morris.csv or bands.csv)"""
import csv
import sys

try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError:
    print("plot_sweep.py: matplotlib is not installed (Debian: apt-get install python3-matplotlib)",
          file=sys.stderr)
    sys.exit(3)


def num(text):
    return float(text) if text else float("nan")


def by_outcome(rows):
    groups = {}
    for row in rows:
        groups.setdefault(row["outcome"], []).append(row)
    return groups


def sobol(ax, rows):
    names = [r["parameter"] for r in rows]
    x = range(len(rows))
    for offset, key, colour in ((-0.2, "S1", "#4c72b0"), (0.2, "ST", "#dd8452")):
        values = [num(r[key]) for r in rows]
        low = [max(0.0, v - num(r[key + "_low"])) for v, r in zip(values, rows)]
        high = [max(0.0, num(r[key + "_high"]) - v) for v, r in zip(values, rows)]
        ax.bar([i + offset for i in x], values, 0.4, yerr=[low, high], capsize=3, label=key, color=colour)
    ax.set_xticks(list(x), names, rotation=30, ha="right", fontsize=8)
    ax.set_ylabel("Sobol index")
    ax.legend()


def morris(ax, rows):
    rows = sorted(rows, key=lambda r: int(r["rank"]), reverse=True)
    y = range(len(rows))
    # mu* hides the direction: colour each bar by the sign of mu, so that a lever which lowers the
    # outcome (mu < 0) is not read as one that raises it. |mu| well below mu* means mixed signs.
    colours = ["#c44e52" if num(r["mu"]) < 0 else "#4c72b0" for r in rows]
    ax.barh(list(y), [num(r["mu_star"]) for r in rows], color=colours)
    ax.barh([0], [0], color="#4c72b0", label="mu* (mu > 0: raises it)")
    ax.barh([0], [0], color="#c44e52", label="mu* (mu < 0: lowers it)")
    ax.plot([num(r["sigma"]) for r in rows], list(y), "o", color="#dd8452", label="sigma (interactions)")
    ax.set_yticks(list(y), [r["parameter"] for r in rows], fontsize=8)
    ax.set_xlabel("elementary effect per unit of the parameter's range")
    ax.legend()


def bands(ax, rows):
    x = range(len(rows))
    means = [num(r["mean"]) for r in rows]
    low = [max(0.0, m - num(r["p05"])) for m, r in zip(means, rows)]
    high = [max(0.0, num(r["p95"]) - m) for m, r in zip(means, rows)]
    ax.bar(list(x), means, yerr=[low, high], capsize=3, color="#4c72b0")
    ax.set_xticks(list(x), [r["label"] for r in rows], rotation=30, ha="right", fontsize=8)
    ax.set_ylabel("mean, 90% band")


def main(argv):
    table, out = argv[0], argv[1]
    with open(table, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    header = rows[0].keys() if rows else []
    draw = sobol if "S1" in header else morris if "mu_star" in header else bands
    groups = by_outcome(rows)
    fig, axes = plt.subplots(len(groups), 1, figsize=(9, 3.6 * max(1, len(groups))), squeeze=False)
    for ax, (outcome, group) in zip(axes[:, 0], groups.items()):
        draw(ax, group)
        ax.set_title(outcome)
    fig.tight_layout()
    fig.savefig(out, dpi=110)


if __name__ == "__main__":
    main(sys.argv[1:])
