#!/usr/bin/env python3
"""Every (ecosystem, package name) of the shared OSV zips, one "ecosystem<TAB>name" a line, for
vulndb_bench. Usage: list-keys.py OSV_DIR OUT"""
import json, sys, zipfile, glob
seen = set()
with open(sys.argv[2], "w") as out:
    for zp in sorted(glob.glob(sys.argv[1] + "/*/all.zip")):
        z = zipfile.ZipFile(zp)
        for n in z.namelist():
            for a in json.loads(z.read(n)).get("affected", []):
                p = a.get("package")
                if p and (p["ecosystem"], p["name"]) not in seen:
                    seen.add((p["ecosystem"], p["name"]))
                    out.write("%s\t%s\n" % (p["ecosystem"], p["name"]))
