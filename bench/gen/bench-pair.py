#!/usr/bin/env python3
"""bench-pair: two sbom-gen builds on one image, in turn (A B A B ...), no layer cache.

Prints each one's median CPU (user + system, the kernel's accounting of the finished process) and
wall time, and the median of the per-pair CPU ratios A/B (pairs share the machine's state, so the
ratio holds when its speed drifts). bench/README.md quotes it.
Usage: bench/gen/bench-pair.py SBOM_GEN_A SBOM_GEN_B [IMAGE] [RUNS]   (IMAGE "" or absent: the shared Debian
image; RUNS default 9, one warm-up each)
"""
import os
import resource
import statistics
import subprocess
import sys
import time

if len(sys.argv) < 3:
    sys.exit(__doc__.strip())
gens = sys.argv[1:3]
fixtures = os.environ.get("SBOMKIT_FIXTURES") or os.path.join(
    os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "sbomkit-fixtures")
image = sys.argv[3] if len(sys.argv) > 3 and sys.argv[3] else os.path.join(fixtures, "debian-app", "debian-app.docker.tar")
runs = int(sys.argv[4]) if len(sys.argv) > 4 else 9
if not os.path.isfile(image):
    sys.exit("bench-pair: %s not found (run ../shared/scripts/make-debian-image)" % image)


def run(gen):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    subprocess.run([gen, "-q", "--no-cache", image, "-o", os.devnull], check=True)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, wall


for g in gens:
    run(g)  # warm-up: the image in the page cache
cpu = {g: [] for g in gens}
wall = {g: [] for g in gens}
ratios = []
for _ in range(runs):
    pair = []
    for g in gens:
        c, w = run(g)
        cpu[g].append(c)
        wall[g].append(w)
        pair.append(c)
    ratios.append(pair[0] / pair[1])
for label, g in zip("AB", gens):
    print("%s %s: CPU median %.3f s (min %.3f, max %.3f), wall median %.3f s" %
          (label, g, statistics.median(cpu[g]), min(cpu[g]), max(cpu[g]), statistics.median(wall[g])))
print("A/B CPU: median %.3f (min %.3f, max %.3f) over %d pairs" % (statistics.median(ratios), min(ratios), max(ratios), runs))
