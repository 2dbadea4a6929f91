#!/usr/bin/python3
"""Prints `sbom-diff --format html` to PDF with headless Chromium and reads the PDF back (TAP).

The releases are made here (three scans of one image, most findings UNKNOWN as in a real Debian
scan: 149 of them beside a few Critical and High), with what an archived report must show: image
names and manifest digests, the tools, the vulnerability index, advisory links.

1. Chromium prints the page; the PDF has between 5 and 16 pages: each of the five sections starts
   a page, and the 157 findings take 14 rows a page or more (fewer pages: sections ran together;
   more: rows were cut into slivers or a table overflowed).
2. The PDF's text (pdftotext) holds the key facts: image names and digest, report date, the
   versions of sbom-diff and of the scanning tools, the index digest, a finding's advisory link
   printed in full, every panel title of the trend chart.
3. No page is blank or clipped on the right: each page rendered by pdftoppm has ink, and none in
   its right margin (a table wider than the page would run into it).
4. The trend stays readable with 149 UNKNOWN: the Critical series (3, 2, 1) spans at least a third
   of its panel's height instead of lying flat on the axis.
Skipped, visibly, when chromium or poppler-utils is not installed. SBOM_HTML_PRINT_KEEP=DIR keeps
the HTML, the PDF and the page PNGs in DIR, to look at them.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_html_chromium import chromium, read_png, run_chromium  # noqa: E402

DIGESTS = ["sha256:" + (c * 64) for c in "abc"]
INDEX = "sha256:" + "d" * 64
CONFIG = "sha256:" + "f" * 64
NOW = "2026-03-04T05:06:07Z"


def release(i, critical, high, unknown):
    """Release i (1-based) of example/app: `critical`/`high`/`unknown` findings on its packages."""
    comps = [{"type": "library", "bom-ref": "c%d" % k, "name": "lib%d" % k, "version": "1.%d" % (k + i),
              "purl": "pkg:deb/debian/lib%d@1.%d?distro=debian-12" % (k, k + i)} for k in range(20)]
    vulns = []

    def add(n, severity, prefix):
        for k in range(n):
            v = {"bom-ref": "v-%s-%d" % (prefix, k), "id": "CVE-2025-%d%04d" % (len(prefix), k),
                 "source": {"name": "debian", "url": "https://security-tracker.debian.org/tracker/CVE-2025-%d%04d" % (len(prefix), k)},
                 "affects": [{"ref": "c%d" % (k % 20)}]}
            if severity:
                v["ratings"] = [{"source": {"name": "debian"}, "severity": severity}]
            vulns.append(v)
    add(critical, "critical", "c")
    add(high, "high", "hi")
    add(unknown, None, "unk")
    return {
        "bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
        "metadata": {
            "timestamp": "2026-01-0%dT00:00:00Z" % i,
            "tools": {"components": [{"type": "application", "group": "sbomkit", "name": "sbom-gen", "version": "0.1.0"},
                                     {"type": "application", "group": "sbomkit", "name": "sbom-match", "version": "0.1.0"}]},
            "component": {"type": "container", "bom-ref": "image", "name": "example/app", "version": "1.%d" % i,
                          "properties": [{"name": "sbomkit:image:manifest_digest", "value": DIGESTS[i - 1]},
                                         {"name": "sbomkit:image:config_digest", "value": CONFIG}]},
            "properties": [{"name": "sbomkit:index:digest", "value": INDEX},
                           {"name": "sbomkit:index:built", "value": "2026-01-01T00:00:00Z"},
                           {"name": "sbomkit:index:source", "value": "sha256:" + "e" * 64 + " debian-osv"}],
        },
        "components": comps,
        "vulnerabilities": vulns,
    }


def tool_version(tool):
    r = subprocess.run([tool, "--version"], capture_output=True, text=True)
    m = re.search(r"(\d+\.\d+\.\d+\S*)", r.stdout)
    return m.group(1) if m else "?"


def ink_columns(rows, width, channels):
    """The leftmost and rightmost pixel columns that are not (nearly) white; None for a blank page."""
    left, right = width, -1
    for line in rows:
        for x in range(0, width):
            i = x * channels
            if line[i] < 200 or line[i + 1] < 200 or line[i + 2] < 200:
                left = min(left, x)
                right = max(right, x)
                break
        for x in range(width - 1, right, -1):
            i = x * channels
            if line[i] < 200 or line[i + 1] < 200 or line[i + 2] < 200:
                right = x
                break
    return None if right < 0 else (left, right)


def main():
    src, build = sys.argv[1], sys.argv[2]
    exe = chromium()
    missing = [p for p in ("pdftotext", "pdftoppm", "pdfinfo") if not shutil.which(p)]
    if not exe:
        print("1..0 # SKIP chromium is not installed (apt-get install chromium)")
        return 0
    if missing:
        print("1..0 # SKIP %s not installed (apt-get install poppler-utils)" % ", ".join(missing))
        return 0
    tool = os.path.join(build, "tools", "sbom-diff", "sbom-diff")
    version = tool_version(tool)
    print("1..4")
    failed = 0

    def report(n, ok, what, problems=()):
        nonlocal failed
        print(("ok %d " if ok else "not ok %d ") % n + what)
        for p in problems:
            print("#   " + p)
        if not ok:
            failed += 1

    keep = os.environ.get("SBOM_HTML_PRINT_KEEP")
    with tempfile.TemporaryDirectory(prefix="sbom-diff-print-") as tmp:
        names = []
        for i, (c, h, u) in enumerate([(3, 5, 149), (2, 4, 149), (1, 4, 151)], start=1):
            names.append("r%d.cdx.json" % i)
            with open(os.path.join(tmp, names[-1]), "w") as f:
                json.dump(release(i, c, h, u), f)
        page = os.path.join(tmp, "report.html")
        r = subprocess.run([tool, "--format", "html", "--now", NOW, "-o", page] + names, cwd=tmp, capture_output=True)
        if r.returncode not in (0, 1) or not os.path.exists(page):
            print("Bail out! sbom-diff failed: %s" % r.stderr.decode(errors="replace"))
            return 1
        pdf = os.path.join(tmp, "report.pdf")
        run_chromium(exe, os.path.join(tmp, "profile"),
                     ["--no-pdf-header-footer", "--print-to-pdf=" + pdf, "file://" + page])
        if not os.path.exists(pdf):
            print("Bail out! chromium wrote no PDF")
            return 1
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
        report(1, 5 <= pages <= 16, "the printed report has 5 to 16 pages (%d)" % pages)

        text = subprocess.run(["pdftotext", "-raw", pdf, "-"], capture_output=True, text=True).stdout
        flat = " ".join(text.split())
        want = ["example/app:1.1", "example/app:1.3", DIGESTS[0], DIGESTS[2], "config " + CONFIG, "report date", NOW,
                "sbom-diff " + version, "sbom-gen 0.1.0", "sbom-match 0.1.0", INDEX, "debian-osv",
                "https://security-tracker.debian.org/tracker/CVE-2025-10000",
                "CRITICAL: 3 → 1", "HIGH: 5 → 4", "UNKNOWN: 149 → 151", "r1.cdx.json"]
        # Long digests and links may be wrapped inside a table cell: compare without spaces.
        squeezed = "".join(text.split())
        absent = [w for w in want if w not in flat and "".join(w.split()) not in squeezed]
        report(2, not absent, "the PDF's text holds the key facts", ["missing: %r" % w for w in absent])

        prefix = os.path.join(tmp, "page")
        subprocess.run(["pdftoppm", "-r", "40", "-png", pdf, prefix], check=True)
        problems = []
        pngs = sorted(f for f in os.listdir(tmp) if f.startswith("page") and f.endswith(".png"))
        if len(pngs) != pages:
            problems.append("%d PNGs for %d pages" % (len(pngs), pages))
        for p in pngs:
            w, h, ch, rows = read_png(os.path.join(tmp, p))
            cols = ink_columns(rows, w, ch)
            if cols is None:
                problems.append("%s is blank" % p)
            elif cols[1] > w - w // 40:
                problems.append("%s has ink in its right margin (column %d of %d)" % (p, cols[1], w))
        report(3, not problems, "every printed page has ink and nothing in its right margin (%d pages)" % len(pngs),
               problems)

        html = open(page, encoding="utf-8").read()
        panel = re.search(r'<g class="panel" data-severity="critical">.*?</g>', html, re.S)
        ys = []
        if panel:
            pts = re.search(r'<polyline class="series"[^>]*points="([^"]*)"', panel.group(0))
            ys = [int(p.split(",")[1]) for p in pts.group(1).split()] if pts else []
        base = re.findall(r'<line x1="\d+" y1="(\d+)"[^>]*stroke="#495057"', panel.group(0)) if panel else []
        tops = re.findall(r'<line x1="\d+" y1="(\d+)"', panel.group(0)) if panel else []
        height = (int(base[0]) - min(int(t) for t in tops)) if base and tops else 0
        spread = (max(ys) - min(ys)) if ys else 0
        report(4, height > 0 and spread * 3 >= height,
               "the Critical series spans at least a third of its panel beside 149 UNKNOWN (%d of %d px)" % (spread, height))
        if keep:
            os.makedirs(keep, exist_ok=True)
            for f in ["report.html", "report.pdf"] + pngs:
                shutil.copy(os.path.join(tmp, f), keep)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
