#!/usr/bin/env python3
"""Conformance of sbom-match output (TAP): what it writes validates against the official CycloneDX
schema of the document's specVersion, and every input member other than `vulnerabilities` comes
out JSON-equal (a filter owns only what it adds)."""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))

build, source = sys.argv[1], sys.argv[2]
shared = os.path.realpath(os.path.join(source, "..", "shared", "data"))
match = os.path.join(build, "tools", "sbom-match", "sbom-match")
data = os.path.join(source, "tests", "data", "match")

if not os.path.isdir(shared):
    print("1..0 # SKIP ../shared/data is absent: sbom-match schema checks not run")
    sys.exit(0)

import cyclonedx_schema  # noqa: E402  (needs python3-jsonschema)

schema_dir = os.path.join(shared, "schemas", "cyclonedx")
osv_zips = ["--db", os.path.join(shared, "osv", "Go", "all.zip"), "--db", os.path.join(shared, "osv", "PyPI", "all.zip")]
cases = [
    ("app", os.path.join(data, "app.cdx.json"), osv_zips),
    ("os", os.path.join(data, "os.cdx.json"), ["--db", os.path.join(data, "osv")]),
    ("trivy", os.path.join(data, "trivy.cdx.json"), ["--db", os.path.join(data, "osv")]),
    ("cdxgen", os.path.join(data, "cdxgen.cdx.json"), ["--db", os.path.join(data, "osv")]),
]
tests = []
for name, path, db in cases:
    p = subprocess.run([match] + db + [path], capture_output=True)
    if p.returncode != 0:
        tests.append((name + " runs", False, p.stderr.decode()[:500]))
        continue
    out = json.loads(p.stdout)
    errs = cyclonedx_schema.errors(schema_dir, out)
    tests.append((name + " validates against bom-%s" % out.get("specVersion"), not errs, "\n".join(errs[:10])))
    found = len(out.get("vulnerabilities", []))
    tests.append((name + " has findings", found > 0, ""))
    with open(path) as f:
        inp = json.load(f)
    changed = [k for k in set(inp) | set(out) if k != "vulnerabilities" and inp.get(k) != out.get(k)]
    tests.append((name + " passes everything else through", not changed, "changed: %s" % changed))
    for v in inp.get("vulnerabilities", []):
        kept = [o for o in out["vulnerabilities"] if o["id"] == v["id"]]
        tests.append((name + " keeps " + v["id"] + " once", len(kept) == 1, ""))

print("1..%d" % len(tests))
for i, (name, ok, detail) in enumerate(tests, 1):
    print("%s %d %s" % ("ok" if ok else "not ok", i, name))
    if not ok and detail:
        for line in detail.splitlines():
            print("# " + line)
