#!/usr/bin/env python3
"""bench/registry: pulls of a many-layer image, and the connections they open, one sbom-gen build
against another (connection reuse). Debian's docker-registry on 127.0.0.1, plain HTTP and HTTPS
(a CA made with openssl), an image of LAYERS small layers on the Debian image's layer, pushed with
skopeo; each pull goes through a counting TCP proxy of tests/registry/common.py.

usage: bench/registry/run-conn-bench.py GEN_A [GEN_B] [RUNS]
  Median wall times of RUNS interleaved runs (A B A B ..., default 7) over plain HTTP, the ratio
  A/B pair by pair, and the connections each opened; for A alone also over HTTPS (--ca-file; a
  build without it is skipped there).
usage: bench/registry/run-conn-bench.py --serve
  Sets the registries up, prints the references and flags, and serves until its input ends: for
  timing the pulls with other tools (/usr/bin/time, a benchmark runner).
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

from benchlib import debian_base_layer, print_table, require, run
from common import CountingProxy, Registry, make_ca, oci_image, oci_layout, tar_layer

LAYERS = 40
T = tempfile.mkdtemp(prefix="sbomkit-bench-conn-")
PROCS = []


def setup():
    require(["docker-registry", "skopeo", "openssl"])
    storage = os.path.join(T, "storage")
    plain = Registry("plain", storage, T, PROCS)
    base = debian_base_layer()
    layout = os.path.join(T, "layers.oci")
    layers = [(base, "gzip")] + [(tar_layer({f"usr/share/doc/bench{i}/README": f"layer {i}\n".encode() * 2000}), "gzip")
                                 for i in range(LAYERS)]
    oci_layout(layout, [oci_image(layout, "amd64", layers)])
    subprocess.run(["skopeo", "copy", "-q", "--dest-tls-verify=false", f"oci:{layout}", f"docker://{plain.host}/layers:1"],
                   check=True)
    ca, crt, key = make_ca(T)
    tls = Registry("tls", storage, T, PROCS, tls=(crt, key))
    return plain, tls, ca


def pull(gen, host, flags):
    proxy = CountingProxy(host)
    t0 = time.monotonic()
    r = subprocess.run([gen, "-q", "--no-cache", *flags, f"registry:{proxy.host}/layers:1"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    secs = time.monotonic() - t0
    proxy.close()
    if r.returncode != 0:
        raise SystemExit(f"bench/registry: {gen} failed: {r.stderr.decode(errors='replace')}")
    return secs, proxy.connections


def main():
    plain, tls, ca = setup()
    if sys.argv[1] == "--serve":
        print(f"plain HTTP: --no-cache --insecure registry:{plain.host}/layers:1")
        print(f"HTTPS:      --no-cache --certs-dir {T}/none --ca-file {ca} registry:{tls.host}/layers:1", flush=True)
        sys.stdin.read()
        return
    gens = [os.path.abspath(g) for g in sys.argv[1:] if not g.isdigit()]
    runs = int(next((a for a in sys.argv[1:] if a.isdigit()), "7"))
    rows = []
    times = {g: [] for g in gens}
    conns = {g: [] for g in gens}
    ratios = []
    pull(gens[0], plain.host, ["--insecure"])  # warm-up: the page cache, the registry's
    for _ in range(runs):
        for g in gens:
            s, c = pull(g, plain.host, ["--insecure"])
            times[g].append(s)
            conns[g].append(c)
        if len(gens) == 2:
            ratios.append(times[gens[0]][-1] / times[gens[1]][-1])
    for i, g in enumerate(gens):
        rows.append((f"{'AB'[i]}: {g}, plain HTTP", statistics.median(times[g]), max(conns[g])))
    if ratios:
        print(f"A/B wall, median of {runs} pairs: {statistics.median(ratios):.3f}")
    tls_flags = ["--certs-dir", os.path.join(T, "none"), "--ca-file", ca]
    t = [pull(gens[0], tls.host, tls_flags) for _ in range(runs)]
    rows.append((f"A: {gens[0]}, HTTPS", statistics.median(s for s, _ in t), max(c for _, c in t)))
    print(f"pull of {LAYERS + 1} layers (--no-cache), median wall of {runs} runs, {os.cpu_count()} cores\n")
    print_table(["what", "wall (s)", "connections (most in a run)"], rows, ["{}", "{:.3f}", "{}"])


run(main, PROCS, T)
