"""Checks that a hubsim-view screenshot shows each hub's node where the viewer says it drew it.

The viewer writes, next to the PNG (--layout-json), each hub's centre and radius in framebuffer
pixels and the colour it filled the node with, recorded by the drawing code itself. A county hub's
circle is translucent (alpha 0.85) and drawn over the road links and the flows, which converge on
it, so few of its pixels are the plain fill. Per node, of the pixels inside the radius (clear of
the anti-aliased edge):
- nearly all must be explicable as the fill at its alpha over *something* (only other hubs' labels
  are drawn on top): this pins the position and the size, and the colour coarsely;
- some must be exactly the fill over the panel's background: this pins the colour (to TOLERANCE);
and for circles, few pixels in the ring just outside the radius may look like the fill (so the
radius is not too small). Off-map metros are opaque arrowheads: their inscribed circle is checked.

Negative controls, to show that the check can fail: --shift-radii K moves every node K radii (plus
a few pixels) to the right, --radius-factor F scales the circles' radii, --tint N moves the fill's
red N levels (towards mid-grey); with --expect-all-fail the script succeeds only if every node
then fails.

usage: check_nodes.py PNG LAYOUT_JSON [--expect NAME,...]
                      [--shift-radii K] [--radius-factor F] [--tint N] [--expect-all-fail]
"""
import argparse
import json
import math
import sys

from check_png import read_png, unfilter

TOLERANCE = 1             # per channel, out of 255: the GPU rounds the blend either way
EDGE = 1.5                # pixels: ImGui's anti-aliased fringe around a filled shape
# Measured on the test's screenshots: inside, 100% could be the fill and 4-100% are it over the
# background (the small Samlesbury circle, where every link and flow meets, has the least); just
# outside, at most 3% could be it. The thresholds leave room for other runs and renderers.
MIN_COULD_BE = 0.9          # share of the disc that must be the fill over something
MIN_BARE = 0.02             # share of the disc that must be the fill over the bare background ...
MIN_BARE_PIXELS = 4         # ... or at least this many pixels (a small hub crossed by many flow lanes)
MAX_COULD_BE_OUTSIDE = 0.15  # share of the ring outside a circle that may look like its fill


def blend(fill, backdrop):
    """The colour of a fill with alpha drawn over an opaque backdrop (OpenGL's src-alpha blending)."""
    a = fill[3] / 255
    return [round(a * f + (1 - a) * b) for f, b in zip(fill[:3], backdrop[:3])]


class Image:
    def __init__(self, path):
        (self.width, self.height, depth, colour, _, _, interlace), raw = read_png(path)
        self.channels = {2: 3, 6: 4}.get(colour)
        if depth != 8 or self.channels is None or interlace != 0:
            sys.exit(f"{path}: unexpected PNG format (depth {depth}, colour type {colour}, interlace {interlace})")
        self.rows = unfilter(raw, self.width, self.height, self.channels)

    def pixels_in(self, x, y, r_min, r_max):
        """(column, row, RGB) of the pixels whose centres lie between r_min and r_max from (x, y)."""
        out = []
        for row in range(max(0, math.floor(y - r_max)), min(self.height, math.ceil(y + r_max) + 1)):
            for col in range(max(0, math.floor(x - r_max)), min(self.width, math.ceil(x + r_max) + 1)):
                d = math.hypot(col + 0.5 - x, row + 0.5 - y)
                if r_min <= d <= r_max:
                    out.append((col, row, self.rows[row][col * self.channels:col * self.channels + 3]))
        return out


def exact(pixel, colour):
    return max(abs(a - b) for a, b in zip(pixel, colour)) <= TOLERANCE


def could_be(pixel, fill):
    """Whether `pixel` can be `fill` at its alpha over something: P = a F + (1 - a) U, 0 <= U <= 255."""
    a = fill[3] / 255
    return all(a * f - TOLERANCE <= p <= a * f + (1 - a) * 255 + TOLERANCE for p, f in zip(pixel, fill[:3]))


def shares(pixels, fill, over_backdrop):
    """Of `pixels`: the share that could be the fill over anything, and that is the fill over the backdrop."""
    n = max(len(pixels), 1)
    return (sum(could_be(p, fill) for _, _, p in pixels) / n, sum(exact(p, over_backdrop) for _, _, p in pixels) / n)


def clear_of(pixels, others):
    """The pixels that lie outside every other node (and its anti-aliased edge)."""
    return [(c, w, p) for c, w, p in pixels
            if all(math.hypot(c + 0.5 - o["x"], w + 0.5 - o["y"]) > o["radius"] + 2 * EDGE for o in others)]


def check_node(image, node, others):
    """Returns the measured shares and a list of what is wrong with one node (empty: drawn as described)."""
    x, y, r, fill = node["x"], node["y"], node["radius"], node["fill"]
    over_backdrop = blend(fill, node["backdrop"])
    # Where circles overlap, either may be on top: only the pixels that are this node's alone count.
    inside = clear_of(image.pixels_in(x, y, 0, max(r - EDGE, 1.0)), others)
    if not inside:
        return "", [f"no pixels inside ({x:.1f}, {y:.1f}) r {r:.1f}: off the image or under other nodes"]
    could, bare = shares(inside, fill, over_backdrop)
    report = f"inside: {could:.0%} could be the fill, {bare:.0%} are it over the background"
    problems = []
    if could < MIN_COULD_BE:
        problems.append(f"only {could:.0%} of {len(inside)} pixels inside could be {fill} drawn over something")
    if bare < MIN_BARE and bare * len(inside) < MIN_BARE_PIXELS:
        problems.append(f"only {bare:.0%} of {len(inside)} pixels inside are {over_backdrop}, "
                        "the fill over the background")
    if node["shape"] == "circle":
        width = max(4.0, 0.25 * r)
        ring = clear_of(image.pixels_in(x, y, r + EDGE + 0.5, r + EDGE + 0.5 + width), others)
        could, bare = shares(ring, fill, over_backdrop)
        report += f"; just outside: {could:.0%}, {bare:.0%}"
        if ring and could > MAX_COULD_BE_OUTSIDE:
            problems.append(f"{could:.0%} of {len(ring)} pixels just outside the radius could be the fill too")
    return report, problems


def falsified(node, args):
    """The node as a negative control claims it: moved, resized or recoloured (unchanged by default)."""
    fill = list(node["fill"])
    fill[0] += args.tint if fill[0] < 128 else -args.tint  # towards mid-grey: never clipped
    shift = args.shift_radii * node["radius"] + 3 if args.shift_radii else 0
    return dict(node, x=node["x"] + shift, radius=node["radius"] * args.radius_factor, fill=fill)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("png")
    ap.add_argument("layout")
    ap.add_argument("--expect", default="", help="hubs that every map must have drawn, comma-separated")
    ap.add_argument("--shift-radii", type=float, default=0.0, help="negative control: move nodes right")
    ap.add_argument("--radius-factor", type=float, default=1.0,
                    help="negative control: scale the circles' radii (arrows are then left out: theirs is inscribed)")
    ap.add_argument("--tint", type=int, default=0, help="negative control: move the fill's red this much")
    ap.add_argument("--expect-all-fail", action="store_true", help="succeed only if every node fails")
    args = ap.parse_args()

    image = Image(args.png)
    with open(args.layout) as f:
        layout = json.load(f)
    if (layout["width"], layout["height"]) != (image.width, image.height):
        sys.exit(f"{args.layout} is for {layout['width']}x{layout['height']}, the PNG is {image.width}x{image.height}")
    nodes = layout["nodes"]
    maps = sorted(set(n["map"] for n in nodes))
    if not maps:
        sys.exit(f"{args.layout}: no nodes")
    for m in maps:
        missing = set(filter(None, args.expect.split(","))) - set(n["name"] for n in nodes if n["map"] == m)
        if missing:
            sys.exit(f"map '{m}': no node for {', '.join(sorted(missing))}")

    checked = [n for n in nodes if args.radius_factor == 1 or n["shape"] == "circle"]
    failed = 0
    for node in checked:
        claim = falsified(node, args)
        others = [o for o in nodes if o is not node and o["map"] == node["map"]]
        report, problems = check_node(image, claim, others)
        failed += bool(problems)
        where = (f"{node['map'] or 'map'}: {node['name']} "
                 f"({node['shape']} at {claim['x']:.0f}, {claim['y']:.0f}, r {claim['radius']:.1f})")
        print(f"{'FAIL' if problems else 'ok'}  {where}: {report}" + "".join(f"\n      {p}" for p in problems))

    if args.expect_all_fail:
        if failed < len(checked):
            sys.exit(f"negative control: {len(checked) - failed} of {len(checked)} nodes still pass")
        print(f"negative control: all {len(checked)} nodes fail, as they should")
    elif failed:
        sys.exit(f"{failed} of {len(checked)} nodes are not drawn as the layout says")
    else:
        print(f"{args.png}: all {len(checked)} nodes drawn as the layout says")


if __name__ == "__main__":
    main()
