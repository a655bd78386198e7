"""Plots `hubsim bench --csv FILE` (docs/PERFORMANCE.md): throughput and memory against agents
for each thread count, and where a step's time goes at the largest population.
Usage: /usr/bin/python3 experiments/plot_bench.py bench.csv -o docs/images/bench-scaling.png"""
import argparse
import csv

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("csv")
    ap.add_argument("-o", "--output", default="bench-scaling.png")
    args = ap.parse_args()
    with open(args.csv, newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["case"] == "model"]
    if not rows:
        raise SystemExit(f"{args.csv}: no model cases")
    for r in rows:
        for k, v in list(r.items()):
            try:
                r[k] = float(v)
            except (TypeError, ValueError):
                pass
    threads = sorted({r["threads"] for r in rows})
    fig, (speed, memory, phases) = plt.subplots(1, 3, figsize=(15, 4.6))

    for t, color in zip(threads, ["tab:blue", "tab:orange", "tab:green", "tab:red"]):
        rs = sorted((r for r in rows if r["threads"] == t), key=lambda r: r["agents"])
        x = [r["agents"] for r in rs]
        label = f"{t:.0f} thread{'s' if t > 1 else ''}"
        speed.plot(x, [r["agent_steps_per_s"] / 1e6 for r in rs], "o-", color=color, label=label + ", total")
        speed.plot(x, [r["agent_steps_per_s_per_core"] / 1e6 for r in rs], "s--", color=color, alpha=0.6,
                   label=label + ", per core")
        memory.plot(x, [r["bytes_per_agent"] for r in rs], "o-", color=color, label=label)
    speed.axhline(10, color="grey", lw=1, ls=":", label="target: 10M per core")
    speed.set(xscale="log", xlabel="agents (workers + firms + investors, mean over the run)",
              ylabel="million agent-steps per second", title="Throughput")
    speed.set_ylim(bottom=0)
    speed.legend(fontsize=8)
    memory.axhline(100, color="grey", lw=1, ls=":", label="target: 100 B/agent")
    memory.set(xscale="log", yscale="log", xlabel="agents", ylabel="peak RSS / agents (bytes)",
               title="Memory per agent")
    memory.legend(fontsize=8)

    # Where a step goes: the largest population, one bar per thread count, phases over 3% stacked.
    largest = max(r["agents"] for r in rows)
    cases = sorted((r for r in rows if r["agents"] == largest), key=lambda r: r["threads"])
    names = [k[len("phase_ms_"):] for k in cases[0] if k.startswith("phase_ms_")]
    total = sum(cases[0]["phase_ms_" + n] for n in names)
    major = [n for n in names if cases[0]["phase_ms_" + n] >= 0.03 * total]
    labels = [f"{c['threads']:.0f} thr" for c in cases]
    bottom = [0.0] * len(cases)
    for n in major + ["other"]:
        ms = [sum(c["phase_ms_" + m] for m in names if m not in major) if n == "other" else c["phase_ms_" + n]
              for c in cases]
        phases.bar(labels, ms, bottom=bottom, label=n)
        bottom = [b + v for b, v in zip(bottom, ms)]
    phases.set(ylabel="ms per monthly step", title=f"Time per step by phase, {largest / 1e6:.2f}M agents")
    phases.legend(fontsize=7, loc="upper right")
    fig.tight_layout()
    fig.savefig(args.output, dpi=110)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
