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
def tool_list(tools):
    if isinstance(tools, dict):
        return tools.get("components", [])
    return tools or []


def tools_kept(before, after):
    """The output's tools are the input's, in the same form, and sbom-match's entry after them."""
    if before is not None and isinstance(before, dict) != isinstance(after, dict):
        return False
    b, a = tool_list(before), tool_list(after)
    return a[:len(b)] == b and len(a) == len(b) + 1 and a[-1].get("name") == "sbom-match"


tests = []
# Every declared version, 1.2 to the newest schema there is: the output validates against the
# schema of the version it declares (1.2 and 1.3 cannot carry vulnerabilities: raised to 1.4).
spec_dir = os.path.join(data, "spec")
with open(os.path.join(spec_dir, "bom.cdx.json")) as f:
    spec_doc = json.load(f)
minor = 2
while os.path.exists(os.path.join(schema_dir, "bom-1.%d.schema.json" % minor)):
    version = "1.%d" % minor
    minor += 1
    spec_doc["specVersion"] = version
    errs = cyclonedx_schema.errors(schema_dir, spec_doc)
    tests.append(("spec %s: the input validates" % version, not errs, "\n".join(errs[:10])))
    p = subprocess.run([match, "--db", os.path.join(spec_dir, "osv"), "-"], input=json.dumps(spec_doc).encode(), capture_output=True)
    if p.returncode != 0:
        tests.append(("spec %s: sbom-match runs" % version, False, p.stderr.decode()[:500]))
        continue
    out = json.loads(p.stdout)
    declared = out.get("specVersion")
    want = "1.4" if version in ("1.2", "1.3") else version
    tests.append(("spec %s: written as %s" % (version, want), declared == want, "declared %s" % declared))
    errs = cyclonedx_schema.errors(schema_dir, out)
    tests.append(("spec %s: output validates against bom-%s" % (version, declared), not errs, "\n".join(errs[:10])))
    methods = sorted(r.get("method") for v in out.get("vulnerabilities", []) for r in v.get("ratings", []))
    want_methods = ["CVSSv31", "CVSSv4", "other"] if minor - 1 >= 5 else ["CVSSv31", "other", "other"]
    tests.append(("spec %s: ratings %s" % (version, want_methods), methods == want_methods, "got %s" % methods))
    tests.append(("spec %s: records sbom-match in its tools form" % version, tools_kept(None, out["metadata"]["tools"])
                  and isinstance(out["metadata"]["tools"], dict) == (minor - 1 >= 5), json.dumps(out["metadata"]["tools"])))

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
    changed = [k for k in set(inp) | set(out) if k not in ("vulnerabilities", "metadata") and inp.get(k) != out.get(k)]
    in_md, out_md = dict(inp.get("metadata", {})), dict(out.get("metadata", {}))
    in_tools, out_tools = in_md.pop("tools", None), out_md.pop("tools", None)
    # sbom-match owns the index's provenance (sbomkit:index:* properties); every other property stays.
    for md in (in_md, out_md):
        if "properties" in md:
            md["properties"] = [p for p in md["properties"] if not p.get("name", "").startswith("sbomkit:index:")] or None
            if md["properties"] is None:
                del md["properties"]
    if in_md != out_md:
        changed.append("metadata")
    tests.append((name + " passes everything else through", not changed, "changed: %s" % changed))
    tests.append((name + " records itself and keeps the tools it found", tools_kept(in_tools, out_tools), json.dumps(out_tools)))
    for v in inp.get("vulnerabilities", []):
        kept = [o for o in out["vulnerabilities"] if o["id"] == v["id"]]
        tests.append((name + " keeps " + v["id"] + " once", len(kept) == 1, ""))

print("1..%d" % len(tests))
for i, (name, ok, detail) in enumerate(tests, 1):
    print("%s %d %s" % ("ok" if ok else "not ok", i, name))
    if not ok and detail:
        for line in detail.splitlines():
            print("# " + line)
