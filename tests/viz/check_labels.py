#!/usr/bin/python3
"""Checks the map labels of a --layout-json: each label inside its map panel and the frame, on no
circle, label or legend, no legend on a circle, and each label next to its own circle (no other
circle nearer than its own; within 0.6 label heights of it, or up to 7 with a leader line).

usage: check_labels.py LAYOUT.json [--expect-maps N]
Prints one line per map and exits 1 listing every violation."""
import json
import math
import sys


def disc_hits_box(cx, cy, r, b):
    """Whether the disc (cx, cy, r) and the box [l, t, r, b] share any area."""
    nx, ny = min(max(cx, b[0]), b[2]), min(max(cy, b[1]), b[3])
    return (nx - cx) ** 2 + (ny - cy) ** 2 < (r - 0.5) ** 2  # half a pixel: antialiased edges


def box_gap_to_disc(cx, cy, r, b):
    """Distance from the box to the disc's edge (0 when they touch or overlap)."""
    nx, ny = min(max(cx, b[0]), b[2]), min(max(cy, b[1]), b[3])
    return max(0.0, math.hypot(nx - cx, ny - cy) - r)


def boxes_overlap(a, b):
    return min(a[2], b[2]) - max(a[0], b[0]) > 0.5 and min(a[3], b[3]) - max(a[1], b[1]) > 0.5


def inside(inner, outer):
    return inner[0] >= outer[0] - 0.01 and inner[1] >= outer[1] - 0.01 and inner[2] <= outer[2] + 0.01 and inner[3] <= outer[3] + 0.01


def main():
    path = sys.argv[1]
    expect_maps = int(sys.argv[sys.argv.index("--expect-maps") + 1]) if "--expect-maps" in sys.argv else None
    doc = json.load(open(path))
    frame = [0, 0, doc["width"], doc["height"]]
    maps = {}
    for n in doc["nodes"]:
        maps.setdefault(n["map"], []).append(n)
    problems = []
    if expect_maps is not None and len(maps) != expect_maps:
        problems.append(f"{len(maps)} maps, expected {expect_maps}")
    for title, nodes in maps.items():
        bad = 0
        for n in nodes:
            lab, name = n["label"], n["name"]
            h = lab[3] - lab[1]
            where = f"map '{title}': {name}'s label {[round(v) for v in lab]}"
            issues = []
            if not (lab[2] > lab[0] and h > 0):
                issues.append(f"{where} is empty")
            if not inside(lab, n["panel"]) or not inside(lab, frame):
                issues.append(f"{where} is clipped by its panel {[round(v) for v in n['panel']]}")
            for o in nodes:
                if disc_hits_box(o["x"], o["y"], o["radius"], lab):
                    issues.append(f"{where} covers {'its own' if o is n else o['name'] + chr(39) + 's'} circle")
                if o is not n and boxes_overlap(lab, o["label"]):
                    issues.append(f"{where} overlaps {o['name']}'s label")
            for g in n["legends"]:
                if boxes_overlap(lab, g):
                    issues.append(f"{where} overlaps a legend {[round(v) for v in g]}")
                if disc_hits_box(n["x"], n["y"], n["radius"], g):  # a legend must not hide a hub either
                    issues.append(f"map '{title}': a legend {[round(v) for v in g]} covers {name}'s circle")
            # Nearness is measured from the circle the label was laid out around (the hub's largest
            # size in the run, or the arrow's spot on the border), so that labels stay put in playback.
            ax, ay, ar = n["label_anchor"]
            own = box_gap_to_disc(ax, ay, ar, lab)
            others = [o for o in nodes if o is not n]
            nearest = min(others, key=lambda o: box_gap_to_disc(o["x"], o["y"], o["radius"], lab)) if others else None
            if nearest and box_gap_to_disc(nearest["x"], nearest["y"], nearest["radius"], lab) < own - 0.5 and not n["leader"]:
                issues.append(f"{where} is nearer {nearest['name']}'s circle than its own, with no leader line")
            if own > (7.0 if n["leader"] else 0.6) * h:
                issues.append(f"{where} is {own:.0f} px from its circle")
            problems += issues
            bad += bool(issues)
        print(f"map '{title}': {len(nodes)} labels, {bad} with problems")
    if problems:
        print("\n".join("FAIL: " + p for p in problems), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
