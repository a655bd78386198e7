"""Bar charts and plots of `hubsim analyse` tables: target probabilities, paired differences,
outcome bands, Sobol S1/ST and Morris mu* with their CIs, cost per job, and PRIM's peeling trajectory.
`hubsim analyse` runs this script (embedded in the binary) with Debian's python3; it can also be
run by hand.
Usage: plot_sweep.py TABLE.csv OUT.png   (any table hubsim analyse writes under DIR/analysis)"""
import csv
import sys

try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter
except ImportError:
    print("plot_sweep.py: matplotlib is not installed (Debian: apt-get install python3-matplotlib)",
          file=sys.stderr)
    sys.exit(3)

BLUE, RED, GREY, ORANGE = "#4c72b0", "#c44e52", "#999999", "#dd8452"


def num(text):
    return float(text) if text else float("nan")


def readable(v, _pos=None):
    """30,105 rather than 30105.2; ~0 for what rounds away."""
    a = abs(v)
    if a >= 100:
        return f"{v:,.0f}"
    if a < 1e-9:
        return "0"
    return f"{v:.3g}"


def group(rows, key):
    groups = {}
    for row in rows:
        groups.setdefault(row[key], []).append(row)
    return groups


def errors(rows, est, low, high):
    values = [num(r[est]) for r in rows]
    lo = [max(0.0, v - num(r[low])) for v, r in zip(values, rows)]
    hi = [max(0.0, num(r[high]) - v) for v, r in zip(values, rows)]
    return values, [lo, hi]


def unit_of(rows):
    u = rows[0].get("unit", "") if rows else ""
    return f" ({u})" if u else ""


def targets(ax, rows, title):
    values, err = errors(rows, "probability", "ci_low", "ci_high")
    y = list(range(len(rows)))[::-1]
    ax.barh(y, values, xerr=err, capsize=3, color=BLUE)
    ax.axvline(0.9, color=RED, linestyle="--", linewidth=1, label="90% (the confidence the question asks for)")
    ax.set_yticks(y, [r["scenario"] for r in rows], fontsize=8)
    ax.set_xlim(0, 1)
    ax.set_xlabel("probability of meeting the target, 90% CI")
    ax.set_title(f"{title}: {rows[0]['condition']}")
    ax.legend(fontsize=7, loc="lower right")


def paired(ax, rows, title):
    values, err = errors(rows, "mean_diff", "ci_low", "ci_high")
    x = range(len(rows))
    ax.bar(list(x), values, yerr=err, capsize=3, color=[RED if v < 0 else BLUE for v in values])
    ax.axhline(0, color="black", linewidth=0.6)
    ax.set_xticks(list(x), [f"{r['label']} - {r['baseline']}" for r in rows], rotation=20, ha="right", fontsize=8)
    ax.set_ylabel("difference, 90% CI" + unit_of(rows))
    ax.yaxis.set_major_formatter(FuncFormatter(readable))
    ax.set_title(f"{title}: paired by seed")


def bands(ax, rows, title):
    x = range(len(rows))
    values, err = errors(rows, "mean", "p05", "p95")
    ax.bar(list(x), values, yerr=err, capsize=3, color=BLUE)
    ax.set_xticks(list(x), [r["label"] for r in rows], rotation=30, ha="right", fontsize=8)
    ax.set_ylabel("mean, 90% band" + unit_of(rows))
    ax.yaxis.set_major_formatter(FuncFormatter(readable))
    ax.set_title(title)


def sobol(ax, rows, title):
    x = range(len(rows))
    for offset, key, colour in ((-0.2, "S1", BLUE), (0.2, "ST", ORANGE)):
        values, err = errors(rows, key, key + "_low", key + "_high")
        ax.bar([i + offset for i in x], values, 0.4, yerr=err, capsize=3, label=key, color=colour)
    ax.set_xticks(list(x), [r["label"] for r in rows], rotation=30, ha="right", fontsize=8)
    ax.set_ylabel("Sobol index (share of variance), 95% CI")
    ax.set_title(title + unit_of(rows))
    ax.legend()


def morris(ax, rows, title):
    rows = sorted(rows, key=lambda r: int(r["rank"]), reverse=True)
    y = range(len(rows))
    values, err = errors(rows, "mu_star", "mu_star_low", "mu_star_high")
    colours = [BLUE if r["sign"] == "+" else RED if r["sign"] == "-" else GREY for r in rows]
    ax.barh(list(y), values, xerr=err, capsize=2, color=colours)
    for colour, text in ((BLUE, "raises it (every trajectory)"), (RED, "lowers it (every trajectory)"),
                         (GREY, "mixed: the sign differs between trajectories")):
        ax.barh([0], [0], color=colour, label=text)
    ax.plot([num(r["sigma"]) for r in rows], list(y), "o", color=ORANGE, label="sigma (interactions, noise)")
    ax.set_yticks(list(y), [r["label"] for r in rows], fontsize=7)
    ax.set_xlabel("mu*, 95% CI: mean |change| over the lever's range" + unit_of(rows))
    ax.xaxis.set_major_formatter(FuncFormatter(readable))
    ax.set_title(title)
    ax.legend(fontsize=7, loc="lower right")


def cost(ax, rows, title):
    rows = rows[::-1]
    y = range(len(rows))
    values, err = errors(rows, "per_m", "per_m_low", "per_m_high")
    ax.barh(list(y), values, xerr=err, capsize=2, color=[RED if v < 0 else BLUE for v in values])
    ax.axvline(0, color="black", linewidth=0.6)
    ax.set_yticks(list(y), [r["label"] for r in rows], fontsize=7)
    unit = rows[0]["unit"] if rows else ""
    ax.set_xlabel(f"{unit} in 2035 per GBP m spent, 90% CI")
    ax.xaxis.set_major_formatter(FuncFormatter(readable))
    ax.set_title(title)


def trajectory(ax, rows, title):
    for box, group_rows in group(rows, "box").items():
        cov = [num(r["coverage"]) for r in group_rows]
        den = [num(r["density"]) for r in group_rows]
        ax.plot(cov, den, "o-", markersize=3, label=f"box {box}")
        for r, c, d in zip(group_rows, cov, den):
            if r["chosen"] == "1":
                ax.plot([c], [d], "o", markersize=12, markerfacecolor="none", markeredgecolor="black")
    ax.set_xlabel("coverage (share of the runs that meet it, inside the box)")
    ax.set_ylabel("density (share of the box's runs that meet it)")
    ax.set_xlim(0, 1.02)
    ax.set_ylim(0, 1.02)
    ax.set_title(title)
    ax.legend(fontsize=7)


def main(argv):
    table, out = argv[0], argv[1]
    with open(table, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    header = rows[0].keys() if rows else []
    if "probability" in header:
        draw, key = targets, "target"
    elif "mean_diff" in header:
        draw, key = paired, "outcome"
    elif "S1" in header:
        draw, key = sobol, "outcome"
    elif "mu_star" in header:
        draw, key = morris, "outcome"
    elif "per_m" in header:
        draw, key = cost, "outcome"
    elif "density" in header:
        draw, key = trajectory, None
    else:
        draw, key = bands, "outcome"
    groups = group(rows, key) if key else {"PRIM peeling trajectory": rows}
    tall = draw in (morris, cost)
    height = (0.32 * max(len(g) for g in groups.values()) + 1.2) if tall and groups else 3.6
    fig, axes = plt.subplots(len(groups) or 1, 1, figsize=(9, max(3.2, height) * max(1, len(groups))), squeeze=False)
    for ax, (name, group_rows) in zip(axes[:, 0], groups.items()):
        draw(ax, group_rows, name)
    fig.tight_layout()
    fig.savefig(out, dpi=110)


if __name__ == "__main__":
    main(sys.argv[1:])
