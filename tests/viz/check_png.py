"""Checks a PNG written by hubsim-view: its IHDR size, and that it is a real picture rather than one
flat colour (more than 50 distinct pixel values). Standard library only.

usage: check_png.py FILE WIDTH HEIGHT
"""
import struct
import sys
import zlib


def read_png(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"{path}: not a PNG")
    pos, ihdr, idat = 8, None, b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    if ihdr is None:
        sys.exit(f"{path}: no IHDR chunk")
    return ihdr, zlib.decompress(idat)


def unfilter(raw, width, height, bpp):
    """Undoes the per-row PNG filters (None, Sub, Up, Average, Paeth) and returns the rows."""
    stride, rows, prev, pos = width * bpp, [], bytearray(width * bpp), 0
    for _ in range(height):
        kind, line = raw[pos], bytearray(raw[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, prev))
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prev[i], prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        elif kind != 0:
            sys.exit(f"unknown PNG filter {kind}")
        rows.append(bytes(line))
        prev = line
    return rows


def main():
    path, want_w, want_h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    (width, height, depth, colour, _, _, interlace), raw = read_png(path)
    if (width, height) != (want_w, want_h):
        sys.exit(f"{path}: {width}x{height}, expected {want_w}x{want_h}")
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace != 0:
        sys.exit(f"{path}: unexpected PNG format (depth {depth}, colour type {colour}, interlace {interlace})")
    distinct = set()
    for row in unfilter(raw, width, height, channels):
        distinct.update(row[i:i + channels] for i in range(0, len(row), channels))
    if len(distinct) <= 50:
        sys.exit(f"{path}: only {len(distinct)} distinct pixel values: a blank or flat image")
    print(f"{path}: {width}x{height}, {len(distinct)} distinct pixel values")


if __name__ == "__main__":
    main()
