"""Charts of a finished `hubsim calibrate` directory (compiled into hubsim; run as python - DIR).

marginals.png   each parameter's posterior (weighted histogram) against its prior
pairs.png       the most correlated parameter pairs of the posterior
predictive.png  every target: observed +- sd against the 90% predictive bands over the prior and
                the posterior, fitted and held-out targets apart
"""
import csv
import pathlib
import sys

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

d = pathlib.Path(sys.argv[1])
with h5py.File(d / "posterior.nc", "r") as f:
    keys = [k.decode() if isinstance(k, bytes) else k for k in f["parameter"][:]]
    values = f["value"][:]
    weight = f["weight"][:]
    lo, hi = f["prior_low"][:], f["prior_high"][:]
    calibration = f.attrs["calibration"]
    calibration = calibration.decode() if isinstance(calibration, bytes) else calibration
log_keys = set()
try:
    import yaml

    for p in yaml.safe_load(calibration).get("parameters", []):
        if p.get("distribution") == "log_uniform":
            log_keys.add(p["key"])
except Exception:  # the charts stay linear without PyYAML
    pass


def short(key):
    parts = key.split(".")
    return ".".join(parts[-2:]) if len(parts) > 2 else key


# --- marginals --------------------------------------------------------------------------------
k = len(keys)
cols = min(3, k)
rows = (k + cols - 1) // cols
fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 3.0 * rows), squeeze=False)
for i, key in enumerate(keys):
    ax = axes[i // cols][i % cols]
    x = values[:, i]
    log = key in log_keys
    # Densities per unit of the prior's own scale (per decade for a log-uniform prior), so a flat
    # dashed line is the prior and bars above it are where the data put weight.
    t = np.log10 if log else (lambda v: v)
    edges = np.linspace(t(lo[i]), t(hi[i]), 21)
    counts, _ = np.histogram(t(x), bins=edges, weights=weight)
    density = counts / (counts.sum() * np.diff(edges))
    shown = 10 ** edges if log else edges
    ax.stairs(density, shown, fill=True, color="#3b6ea8", alpha=0.8, label="posterior")
    ax.plot([shown[0], shown[-1]], [1 / (edges[-1] - edges[0])] * 2, color="#888", lw=2, ls="--", label="prior")
    if log:
        ax.set_xscale("log")
    order = np.argsort(x)
    cw = np.cumsum(weight[order]) / weight.sum()
    med = x[order][np.searchsorted(cw, 0.5)]
    ax.axvline(med, color="#c0392b", lw=1.5, label=f"median {med:.3g}")
    ax.set_title(short(key), fontsize=10)
    ax.set_yticks([])
    ax.legend(fontsize=7, frameon=False)
for j in range(k, rows * cols):
    axes[j // cols][j % cols].axis("off")
fig.suptitle("Posterior of each calibrated parameter (bars) against its prior (dashed)", fontsize=12)
fig.tight_layout()
fig.savefig(d / "marginals.png", dpi=110)
plt.close(fig)

# --- pairs: the strongest weighted correlations -------------------------------------------------
z = (values - lo) / (hi - lo)
m = np.average(z, axis=0, weights=weight)
c = np.cov(z.T, aweights=weight) if k > 1 else np.ones((1, 1))
s = np.sqrt(np.diag(c))
corr = c / np.outer(s, s) if k > 1 else c
pairs = sorted(((abs(corr[a, b]), a, b) for a in range(k) for b in range(a + 1, k)), reverse=True)[:3]
if pairs:
    fig, axes = plt.subplots(1, len(pairs), figsize=(4.6 * len(pairs), 4.0), squeeze=False)
    for ax, (_, a, b) in zip(axes[0], pairs):
        ax.scatter(values[:, a], values[:, b], s=8 + 400 * weight / weight.max() / len(weight) ** 0.5, alpha=0.5, color="#3b6ea8")
        ax.set_xlim(lo[a], hi[a])
        ax.set_ylim(lo[b], hi[b])
        if keys[a] in log_keys:
            ax.set_xscale("log")
        if keys[b] in log_keys:
            ax.set_yscale("log")
        ax.set_xlabel(short(keys[a]))
        ax.set_ylabel(short(keys[b]))
        ax.set_title(f"weighted correlation {corr[a, b]:+.2f}", fontsize=10)
    fig.suptitle("Posterior particles of the most correlated pairs (axes: the prior ranges)", fontsize=12)
    fig.tight_layout()
    fig.savefig(d / "pairs.png", dpi=110)
    plt.close(fig)

# --- posterior predictive -----------------------------------------------------------------------
with open(d / "predictive.csv", newline="") as f:
    rows_ = list(csv.DictReader(f))
rows_.sort(key=lambda r: r["role"] != "fitted")
n = len(rows_)
fig, axes = plt.subplots(n, 1, figsize=(10, 0.95 * n + 1.2), squeeze=False)


def val(r, key):
    return float(r[key]) if r[key] else np.nan


for ax, r in zip(axes[:, 0], rows_):
    obs, sd = val(r, "observed"), val(r, "sd")
    p5, p95 = val(r, "prior_p5"), val(r, "prior_p95")
    q5, q50, q95 = val(r, "posterior_p5"), val(r, "posterior_p50"), val(r, "posterior_p95")
    ax.plot([p5, p95], [0, 0], color="#cccccc", lw=10, solid_capstyle="butt", label="prior 90%")
    ax.plot([q5, q95], [0, 0], color="#3b6ea8", lw=6, solid_capstyle="butt", label="posterior 90%")
    ax.plot([q50], [0], "o", color="white", mec="#3b6ea8", ms=6)
    ax.errorbar([obs], [0], xerr=[[sd], [sd]], fmt="D", color="#c0392b", ms=7, capsize=4, label="observed +- sd")
    role = "fitted" if r["role"] == "fitted" else "held out"
    ax.set_yticks([])
    ax.set_ylabel(f"{r['label'][:38]}\n({role})", rotation=0, ha="right", va="center", fontsize=8)
    lo_x = np.nanmin([p5, q5, obs - sd])
    hi_x = np.nanmax([p95, q95, obs + sd])
    pad = 0.08 * (hi_x - lo_x if hi_x > lo_x else abs(obs) + 1)
    ax.set_xlim(lo_x - pad, hi_x + pad)
    ax.tick_params(axis="x", labelsize=7)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
axes[0, 0].legend(loc="lower center", bbox_to_anchor=(0.5, 1.05), ncol=3, fontsize=8, frameon=False)
fig.suptitle("Posterior predictive of every target (fitted above, held out below)", fontsize=12, y=0.995)
fig.tight_layout()
fig.savefig(d / "predictive.png", dpi=110)
plt.close(fig)
