#!/usr/bin/env python3
"""Deterministic generator of a large CycloneDX 1.6 document with vulnerabilities, for benchmarks.

  gen_big_sbom.py [--components N] [--vulnerabilities M] [--seed S] [-o FILE]

Components are OS and language packages with purls, hashes, licenses and properties; each
vulnerability has a data source, references, NVD and vendor ratings (CVSS vectors with their
scores), CWEs, a description, affects with version status and, for most, a fixed version. The same
arguments always give the same bytes.
"""
import argparse
import json
import random
import sys

ECOSYSTEMS = [
    ("deb", "pkg:deb/debian/{n}@{v}?arch=amd64&distro=debian-12", "debian"),
    ("npm", "pkg:npm/{n}@{v}", "ghsa"),
    ("pypi", "pkg:pypi/{n}@{v}", "ghsa"),
    ("golang", "pkg:golang/github.com/example/{n}@v{v}", "go"),
    ("maven", "pkg:maven/org.example/{n}@{v}", "ghsa"),
]
# (vector, base score, severity) — CVSS v3.1 base scores per the specification's formula.
VECTORS = [
    ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, "critical"),
    ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5, "high"),
    ("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1, "medium"),
    ("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.8, "high"),
    ("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:L", 3.7, "low"),
    ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 7.5, "high"),
    ("CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:N/A:N", 4.7, "medium"),
]
VENDOR_SEVERITIES = ["low", "medium", "high", "critical", "negligible"]
WORDS = ["alpha", "beta", "gamma", "delta", "libfoo", "zlib", "openssl", "curl", "expat", "parser",
         "core", "utils", "http", "xml", "yaml", "crypto", "image", "log", "net", "tls"]


def version(rng):
    return "%d.%d.%d" % (rng.randrange(0, 5), rng.randrange(0, 30), rng.randrange(0, 100))


def bump(v):
    parts = v.split(".")
    parts[-1] = str(int(parts[-1]) + 1)
    return ".".join(parts)


def component(rng, i):
    eco, purl_fmt, _ = ECOSYSTEMS[i % len(ECOSYSTEMS)]
    name = "%s-%s-%d" % (rng.choice(WORDS), rng.choice(WORDS), i)
    ver = version(rng)
    purl = purl_fmt.format(n=name, v=ver)
    c = {
        "bom-ref": purl + "&idx=%d" % i if "?" in purl else purl + "?idx=%d" % i,
        "type": "library",
        "name": name,
        "version": ver,
        "hashes": [{"alg": "SHA-256", "content": "%064x" % rng.getrandbits(256)}],
        "licenses": [{"license": {"id": rng.choice(["MIT", "Apache-2.0", "BSD-3-Clause", "GPL-2.0-only"])}}],
        "purl": purl,
        "properties": [
            {"name": "sbomkit:layer", "value": "sha256:%064x" % rng.getrandbits(256)},
            {"name": "sbomkit:ecosystem", "value": eco},
        ],
    }
    return c


def vulnerability(rng, j, comps):
    target = comps[rng.randrange(len(comps))]
    eco = target["properties"][1]["value"]
    src = next(s for e, _, s in ECOSYSTEMS if e == eco)
    vec, score, sev = rng.choice(VECTORS)
    cve = "CVE-%d-%05d" % (2015 + j % 11, j)
    fixed = bump(target["version"]) if rng.random() < 0.7 else None
    v = {
        "bom-ref": "%s/%d" % (cve, j),
        "id": cve,
        "source": {"name": src, "url": "https://example.org/advisories/%s" % cve},
        "references": [{"id": "GHSA-%04x-%04x-%04x" % (j & 0xFFFF, rng.getrandbits(16), rng.getrandbits(16)),
                        "source": {"name": "GitHub", "url": "https://github.com/advisories"}}],
        "ratings": [
            {"source": {"name": "NVD"}, "score": score, "severity": sev, "method": "CVSSv31", "vector": vec},
            {"source": {"name": src}, "severity": rng.choice(VENDOR_SEVERITIES)},
        ],
        "cwes": [rng.choice([79, 89, 120, 125, 287, 400, 787])],
        "description": "A flaw in %s allows a remote attacker to do something unwanted (%d)." % (target["name"], j),
        "published": "2024-%02d-%02dT00:00:00Z" % (1 + j % 12, 1 + j % 28),
        "affects": [{"ref": target["bom-ref"],
                     "versions": [{"version": target["version"], "status": "affected"}]
                     + ([{"version": fixed, "status": "unaffected"}] if fixed else [])}],
    }
    if fixed:
        v["recommendation"] = "Upgrade %s to version %s" % (target["name"], fixed)
    if j % 50 == 0:
        v["analysis"] = {"state": "not_affected", "justification": "code_not_reachable"}
    return v


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--components", type=int, default=100000)
    ap.add_argument("--vulnerabilities", type=int, default=50000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", default="-")
    args = ap.parse_args()
    if args.components < 1 or args.vulnerabilities < 0:
        ap.error("need at least one component and a non-negative vulnerability count")
    rng = random.Random(args.seed)
    comps = [component(rng, i) for i in range(args.components)]
    vulns = [vulnerability(rng, j, comps) for j in range(args.vulnerabilities)]
    doc = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "serialNumber": "urn:uuid:00000000-0000-4000-8000-%012x" % args.seed,
        "version": 1,
        "metadata": {
            "timestamp": "2026-01-01T00:00:00Z",
            "component": {"type": "container", "bom-ref": "image", "name": "example/big", "version": "1.0"},
        },
        "components": comps,
        "vulnerabilities": vulns,
    }
    out = sys.stdout if args.output == "-" else open(args.output, "w")
    json.dump(doc, out, indent=2)
    out.write("\n")
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
