#!/usr/bin/python3
"""qr_capture.py - a QR code drawn on the terminal, as an image.

    qr_capture.py OUT.pgm < capture.txt

Reads what 'tmux capture-pane -p' printed of a screen showing a QR code in
half-block characters and writes it as a greyscale PGM that zbarimg reads:
each character cell is one module wide and two tall, "█" both dark, "▀"
the upper one, "▄" the lower one; everything else (spaces, text around the
code) is light paper. Each module becomes SCALE pixels, and a light margin
goes around the whole screen.
"""
import sys

SCALE = 4
MARGIN = 8  # modules
UPPER = {"█": (1, 1), "▀": (1, 0), "▄": (0, 1)}


def main():
    rows = [l.rstrip("\n") for l in sys.stdin]
    width = max((len(r) for r in rows), default=0)
    modules = []
    for r in rows:
        top, bottom = [], []
        for c in r.ljust(width):
            a, b = UPPER.get(c, (0, 0))
            top.append(a)
            bottom.append(b)
        modules += [top, bottom]
    w = (width + 2 * MARGIN) * SCALE
    h = (len(modules) + 2 * MARGIN) * SCALE
    img = bytearray(b"\xff" * (w * h))
    for y, line in enumerate(modules):
        for x, dark in enumerate(line):
            if not dark:
                continue
            for dy in range(SCALE):
                start = ((y + MARGIN) * SCALE + dy) * w + (x + MARGIN) * SCALE
                img[start:start + SCALE] = b"\x00" * SCALE
    with open(sys.argv[1], "wb") as f:
        f.write(b"P5\n%d %d\n255\n" % (w, h))
        f.write(img)


main()
