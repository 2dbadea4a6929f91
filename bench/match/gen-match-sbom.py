#!/usr/bin/env python3
"""A CycloneDX SBOM of 10,000 components named after the packages of the shared OSV zips (PyPI,
Go, crates.io), for the sbom-match benchmarks. Usage: gen-match-sbom.py OSV_DIR OUT"""
import json, sys, zipfile
osv, out = sys.argv[1], sys.argv[2]
comps, seen = [], set()
types = {"PyPI": "pypi", "Go": "golang", "crates.io": "cargo"}
for eco, t in types.items():
    z = zipfile.ZipFile("%s/%s/all.zip" % (osv, eco))
    for n in sorted(z.namelist()):
        for a in json.loads(z.read(n)).get("affected", []):
            name = a.get("package", {}).get("name")
            if not name or (eco, name) in seen or (eco == "Go" and "/" not in name):
                continue
            seen.add((eco, name))
            v = "v1.0.0" if eco == "Go" else "1.0.0"
            purl = "pkg:%s/%s@%s" % (t, name, v)
            comps.append({"type": "library", "bom-ref": purl, "name": name, "version": v, "purl": purl})
# Fewer distinct names than 10,000: repeat them at other versions (each a separate lookup target).
base, k = list(comps), 0
while len(comps) < 10000:
    c = dict(base[k % len(base)])
    v = ("v" if c["purl"].startswith("pkg:golang/") else "") + "0.%d.0" % (k // len(base) + 1)
    c["version"] = v
    c["purl"] = c["bom-ref"] = c["purl"].rsplit("@", 1)[0] + "@" + v
    comps.append(c)
    k += 1
comps = comps[:10000]
json.dump({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": comps}, open(out, "w"))
print("synthetic SBOM: %d components" % len(comps), file=sys.stderr)
