#!/usr/bin/env python3
"""compare-match: sbom-match of two builds (before and after a change) on the same SBOMs.

  bench/match/compare-match.py BUILD_A BUILD_B [RUNS]   (RUNS default 21)

Runs are interleaved (A, B, A, B, ...) so load on a shared machine hits both alike; prints the
median wall time and the median CPU time (user + system, from wait4, microsecond resolution) of
each, and vulndb_bench's open and per-query medians (RUNS / 7 runs, at least 3). Each build reads an index built by its own
sbom-db (the index format may differ between them). SBOMs: the shared app SBOM (58 components)
and 10,000 components named after the shared OSV zips' packages (gen-match-sbom.py).
"""
import glob
import os
import statistics
import subprocess
import sys
import tempfile
import time

def run(cmd):
    """(wall seconds, user+sys seconds) of one run; stdout discarded, stderr kept for errors."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("%s failed: %s" % (" ".join(cmd), err.decode(errors="replace")))
    return wall, usage.ru_utime + usage.ru_stime

def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    builds = [os.path.abspath(b) for b in sys.argv[1:3]]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 21
    src = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    osv = os.path.join(src, "..", "shared", "data", "osv")
    zips = sorted(glob.glob(os.path.join(osv, "*", "all.zip")))
    with tempfile.TemporaryDirectory() as t:
        dbs = []
        for i, b in enumerate(builds):
            db = os.path.join(t, "%d.sbomdb" % i)
            subprocess.run([os.path.join(b, "tools/sbom-db/sbom-db"), "build", *zips, "-o", db], check=True,
                           stderr=subprocess.DEVNULL)
            dbs.append(db)
        big = os.path.join(t, "big.cdx.json")
        keys = os.path.join(t, "keys.tsv")
        here = os.path.dirname(os.path.abspath(__file__))
        subprocess.run([sys.executable, os.path.join(here, "gen-match-sbom.py"), osv, big], check=True,
                       stderr=subprocess.DEVNULL)
        subprocess.run([sys.executable, os.path.join(here, "list-keys.py"), osv, keys], check=True)
        print("| what | build | median wall | median CPU | runs |")
        print("| --- | --- | --- | --- | --- |")
        for sbom in (os.path.join(src, "tests/data/match/app.cdx.json"), big):
            times = [[], []]
            for _ in range(runs):
                for i, b in enumerate(builds):
                    times[i].append(run([os.path.join(b, "tools/sbom-match/sbom-match"), "--db", dbs[i], sbom]))
            for i, b in enumerate(builds):
                print("| sbom-match %s | %s | %.3f s | %.3f s | %d |" % (os.path.basename(sbom), b,
                      statistics.median(w for w, _ in times[i]), statistics.median(c for _, c in times[i]), runs))
        print()
        # Every key of the shared zips is queried (about 13,500, most records parsed): a few runs suffice.
        opens, queries = [[], []], [[], []]
        for _ in range(max(3, runs // 7)):
            for i, b in enumerate(builds):
                out = subprocess.run([os.path.join(b, "bench/match/vulndb_bench"), dbs[i], keys], check=True,
                                     capture_output=True, text=True).stdout.split("\n")
                opens[i].append(float(out[0].split()[-2]))
                queries[i].append(float(out[1].split()[-4]))
        for i, b in enumerate(builds):
            print("vulndb_bench %s: open %.0f us, %.1f us per query (medians of %d)" % (b, statistics.median(opens[i]),
                  statistics.median(queries[i]), len(opens[i])))

main()
