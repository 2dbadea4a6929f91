#!/usr/bin/python3
"""Renders `sbom-diff --format html` in headless Chromium and checks the result (TAP for meson).

1. A screenshot (900x1600: the summary and the release table come first) of the three-release
   report is not blank and shows the trend chart: the critical, high and medium series colours
   cover more pixels than their panels' swatches alone.
2. The sortable tables sort: clicking the findings table's severity header twice orders the rows
   most severe first (checked on the DOM Chromium dumps after running the page's own script).
Skipped, visibly, when chromium is not installed.
"""
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

# The chart's colours (libsbom/src/diff/html.cpp) as RGB.
COLOURS = {"critical": (0xB0, 0x00, 0x1E), "high": (0xE8, 0x59, 0x0C), "medium": (0xF0, 0xB4, 0x00)}
SWATCH = 12 * 12  # a legend swatch alone


def chromium():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


def run_chromium(exe, profile, args):
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--no-first-run", "--user-data-dir=" + profile] + args
    return subprocess.run(cmd, capture_output=True, timeout=120)


def read_png(path):
    """Decodes an 8-bit RGB/RGBA non-interlaced PNG into (width, height, channels, rows)."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or colour not in (2, 6) or interlace:
                raise ValueError("unsupported PNG layout")
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 1:
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 0xFF
        elif f == 2:
            for i in range(stride):
                line[i] = (line[i] + prev[i]) & 0xFF
        elif f == 3:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif f == 4:
            for i in range(stride):
                a = line[i - channels] if i >= channels else 0
                b = prev[i]
                c = prev[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 0xFF
        rows.append(line)
        prev = line
    return width, height, channels, rows


def main():
    src, build = sys.argv[1], sys.argv[2]
    exe = chromium()
    if not exe:
        print("1..0 # SKIP chromium is not installed (apt-get install chromium)")
        return 0
    tool = os.path.join(build, "tools", "sbom-diff", "sbom-diff")
    data = os.path.join(src, "tests", "data", "diff")
    print("1..2")
    failed = 0
    with tempfile.TemporaryDirectory(prefix="sbom-diff-html-") as tmp:
        page = os.path.join(tmp, "report.html")
        r = subprocess.run([tool, "--format", "html", "-o", page, "r1.cdx.json", "r2.cdx.json", "r3.cdx.json"],
                           cwd=data, capture_output=True)
        if r.returncode not in (0, 1) or not os.path.exists(page):
            print("Bail out! sbom-diff failed: %s" % r.stderr.decode(errors="replace"))
            return 1

        shot = os.path.join(tmp, "shot.png")
        run_chromium(exe, os.path.join(tmp, "profile1"), ["--window-size=900,1600", "--screenshot=" + shot,
                                                          "file://" + page])
        problems = []
        if not os.path.exists(shot):
            problems.append("no screenshot written")
        else:
            w, h, ch, rows = read_png(shot)
            counts = {k: 0 for k in COLOURS}
            non_white = 0
            wanted = {v: k for k, v in COLOURS.items()}
            for line in rows:
                for i in range(0, w * ch, ch):
                    px = (line[i], line[i + 1], line[i + 2])
                    if px != (255, 255, 255):
                        non_white += 1
                    k = wanted.get(px)
                    if k:
                        counts[k] += 1
            if non_white < w * h // 50:
                problems.append("screenshot is (nearly) blank: %d non-white pixels of %d" % (non_white, w * h))
            for k, n in counts.items():
                if n < SWATCH * 3:
                    problems.append("%s series colour covers only %d pixels" % (k, n))
            print("# %dx%d screenshot, %d non-white pixels, series pixels %s" % (w, h, non_white, counts))
        if problems:
            failed += 1
            print("not ok 1 screenshot shows the trend chart")
            for p in problems:
                print("#   " + p)
        else:
            print("ok 1 screenshot shows the trend chart")

        # Click the severity header twice (descending), then dump the DOM.
        html = open(page, encoding="utf-8").read()
        clicker = ('<script>var th=document.querySelector("#findings th:nth-child(2)");th.click();th.click();'
                   '</script>\n</body>')
        sorted_page = os.path.join(tmp, "sorted.html")
        with open(sorted_page, "w", encoding="utf-8") as f:
            f.write(html.replace("</body>", clicker, 1))
        dump = run_chromium(exe, os.path.join(tmp, "profile2"), ["--dump-dom", "file://" + sorted_page])
        dom = dump.stdout.decode(errors="replace")
        table = re.search(r'<table class="sortable" id="findings">.*?</table>', dom, re.S)
        ranks = [int(x) for x in re.findall(r'<td data-sort="(\d)">', table.group(0))] if table else []
        original = [int(x) for x in re.findall(r'<td data-sort="(\d)">',
                                               re.search(r'id="findings">.*?</table>', html, re.S).group(0))]
        if not table or len(ranks) < 3 or ranks != sorted(ranks, reverse=True) or original == ranks:
            failed += 1
            print("not ok 2 severity header sorts the findings table (got %s, page had %s)" % (ranks, original))
        else:
            print("ok 2 severity header sorts the findings table (%s)" % ranks)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
