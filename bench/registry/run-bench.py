#!/usr/bin/env python3
"""bench/registry: sbom-gen from a local registry against a tar, the layer cache cold against warm,
and a fleet of 20 images sharing one base scanned with GNU parallel on both cores, cache against
no cache. Median wall times of RUNS runs; a Markdown table on stdout.

Needs Debian's docker-registry, skopeo and parallel, and the shared Debian image
(../shared/scripts/make-debian-image). Everything runs on 127.0.0.1 and is removed afterwards.

usage: bench/registry/run-bench.py SBOM_GEN [RUNS]   (RUNS default 5; the fleet runs max(3, RUNS // 2))

The figures, and what they say against issue 17's targets: bench/README.md.
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from benchlib import debian_base_layer, print_table, require, run
from common import DEBIAN_TAR, Registry, oci_image, oci_layout, tar_layer

GEN = os.path.abspath(sys.argv[1])
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 5
FLEET = 20
T = tempfile.mkdtemp(prefix="sbomkit-bench-registry-")
PROCS = []


def timed(cmd, env=None):
    t0 = time.monotonic()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.monotonic() - t0


def median_of(n, make_cmd, before=None):
    times = []
    for i in range(n):
        if before:
            before(i)
        times.append(timed(make_cmd(i)))
    return statistics.median(times)


def fresh(path):
    shutil.rmtree(path, ignore_errors=True)


def push(src, dest):
    subprocess.run(["skopeo", "copy", "-q", "--dest-tls-verify=false", src, dest], check=True)


def main():
    require(["docker-registry", "skopeo", "parallel"])
    reg = Registry("bench", os.path.join(T, "storage"), T, PROCS)
    ref = f"registry:{reg.host}/debian-app:1"
    push(f"docker-archive:{DEBIAN_TAR}", f"docker://{reg.host}/debian-app:1")  # gzip layers, as registries hold them
    q = [GEN, "-q"]
    rows = []
    tar = median_of(RUNS, lambda i: q + ["--no-cache", DEBIAN_TAR])
    remote = median_of(RUNS, lambda i: q + ["--no-cache", "--insecure", ref])
    rows.append(("Debian image, no cache: docker-archive tar", tar, ""))
    rows.append(("Debian image, no cache: local registry", remote, f"{remote / tar:.2f}x the tar"))
    cache = os.path.join(T, "cache")
    cold = median_of(RUNS, lambda i: q + ["--cache-dir", cache, "--insecure", ref], before=lambda i: fresh(cache))
    warm = median_of(RUNS, lambda i: q + ["--cache-dir", cache, "--insecure", ref])
    rows.append(("Debian image from the registry, cold cache", cold, ""))
    rows.append(("Debian image from the registry, warm cache", warm, f"{cold / warm:.1f}x faster than cold"))
    oci = os.path.join(os.path.dirname(DEBIAN_TAR), "debian-app.oci")
    if os.path.isdir(oci):
        cold_o = median_of(RUNS, lambda i: q + ["--cache-dir", cache, oci], before=lambda i: fresh(cache))
        warm_o = median_of(RUNS, lambda i: q + ["--cache-dir", cache, oci])
        rows.append(("Debian image as an OCI directory, cold cache", cold_o, ""))
        rows.append(("Debian image as an OCI directory, warm cache", warm_o, f"{cold_o / warm_o:.1f}x faster than cold"))

    # The fleet: the Debian layer as a shared base, and one small layer of each image's own.
    base = debian_base_layer()
    layout = os.path.join(T, "fleet.oci")
    descs = []
    for n in range(FLEET):
        d = oci_image(layout, "amd64", [(base, "gzip"), (tar_layer({f"etc/fleet-{n}": f"image {n}\n".encode()}), "gzip")])
        d["annotations"] = {"org.opencontainers.image.ref.name": f"img{n}"}
        descs.append(d)
    oci_layout(layout, descs)
    images = os.path.join(T, "images.txt")
    with open(images, "w") as f:
        for n in range(FLEET):
            push(f"oci:{layout}:img{n}", f"docker://{reg.host}/fleet/img{n}:1")
            f.write(f"registry:{reg.host}/fleet/img{n}:1\n")
    fleet_cache = os.path.join(T, "fleet-cache")
    out = os.path.join(T, "out")
    os.makedirs(out)

    def fleet_cmd(flags):
        return lambda i: ["parallel", "--will-cite", "--jobs", "2", "--halt", "now,fail=1",
                          f"{GEN} -q --insecure {flags} -o {out}/{{#}}.json {{}}", "::::", images]
    fruns = max(3, RUNS // 2)
    no_cache = median_of(fruns, fleet_cmd("--no-cache"))
    shared = median_of(fruns, fleet_cmd(f"--cache-dir {fleet_cache}"), before=lambda i: fresh(fleet_cache))
    rows.append((f"{FLEET} images sharing a base, GNU parallel -j2, no cache", no_cache, ""))
    rows.append((f"{FLEET} images sharing a base, GNU parallel -j2, one cache (empty at start)", shared,
                 f"{no_cache / shared:.1f}x faster than no cache"))

    print(f"sbom-gen, median wall time of {RUNS} runs ({fruns} for the fleet), {os.cpu_count()} cores\n")
    print_table(["what", "wall (s)", "ratio"], rows, ["{}", "{:.3f}", "{}"])


run(main, PROCS, T)
