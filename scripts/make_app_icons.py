"""Writes the web app manifest's icons (static/img/icon-192.png, icon-512.png) from the shapes of
static/img/icon.svg, with the standard library only (no imaging dependency). Run once after
changing the logo: `python scripts/make_app_icons.py`. The background fills the whole square
and the mark stays inside the middle 80 %, so one icon serves as "any" and "maskable"."""

import itertools
import struct
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "static" / "img"
BACKGROUND = (0x0F, 0x5C, 0x4D)
MARK = (0xF4, 0xD3, 0x5E)
# The mark of icon.svg on its 32-unit grid: a rising zigzag, 3 units thick, round ends.
POINTS = [(10, 24), (14, 15), (18, 18), (22, 9)]
STROKE = 3.0
SAMPLES = 3  # per axis, for smooth edges


def distance_to_segment(px: float, py: float, a: tuple, b: tuple) -> float:
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    cx, cy = ax + t * dx, ay + t * dy
    return ((px - cx) ** 2 + (py - cy) ** 2) ** 0.5


def coverage(x: int, y: int, size: int) -> float:
    scale = 32 / size
    inside = 0
    for sx in range(SAMPLES):
        for sy in range(SAMPLES):
            px = (x + (sx + 0.5) / SAMPLES) * scale
            py = (y + (sy + 0.5) / SAMPLES) * scale
            near = min(distance_to_segment(px, py, a, b) for a, b in itertools.pairwise(POINTS))
            inside += near <= STROKE / 2
    return inside / SAMPLES**2


def pixel(x: int, y: int, size: int) -> bytes:
    share = coverage(x, y, size)
    return bytes(round(b + (m - b) * share) for b, m in zip(BACKGROUND, MARK, strict=True))


def png(size: int) -> bytes:
    rows = b"".join(b"\x00" + b"".join(pixel(x, y, size) for x in range(size)) for y in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


if __name__ == "__main__":
    for size in (192, 512):
        path = OUT / f"icon-{size}.png"
        path.write_bytes(png(size))
        print(f"wrote {path} ({path.stat().st_size} bytes)")
