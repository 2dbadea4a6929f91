#!/usr/bin/env python3
"""The exceptions schema agrees with sbom-exceptions: good files validate, and files the schema
rejects are rejected by `sbom-exceptions lint` (exit 1) or by loading (exit 2) too."""
import json
import os
import subprocess
import sys

import jsonschema
import yaml

source, build = sys.argv[1], sys.argv[2]
schema = json.load(open(os.path.join(source, "schemas", "exceptions.schema.json")))
tool = os.path.join(build, "tools", "sbom-exceptions", "sbom-exceptions")
data = os.path.join(source, "tests", "data", "exceptions")


class TextDates(yaml.SafeLoader):
    """SafeLoader that leaves dates as text, as sbom-exceptions reads them (and 2026-02-30 is
    then a pattern-valid string that lint rejects, not a crash)."""


TextDates.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(path):
    with open(path) as f:
        return yaml.load(f, Loader=TextDates)


# (file, valid by the schema, sbom-exceptions lint's exit status): a file another validator
# (python3-jsonschema) rejects is refused by the tool too, as a file to fix (1) or a broken one (2).
seeds = os.path.join(source, "fuzz", "seeds", "exceptions")
cases = [(os.path.join(data, "exceptions.yaml"), True, 1), (os.path.join(data, "bad-lint.yaml"), False, 1),
         (os.path.join(seeds, "to-fix.yaml"), False, 1), (os.path.join(seeds, "bare-list.yaml"), False, 1),
         (os.path.join(seeds, "broken-after-to-fix.yaml"), False, 2), (os.path.join(seeds, "policy-broken.json"), False, 2)]
print("1..%d" % (2 * len(cases) + 2))
n = 0
failed = 0
for path, valid, rc in cases:
    name = os.path.basename(path)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(load(path)))
    n += 1
    ok = (not errors) == valid
    print(("ok" if ok else "not ok") + " %d schema %s %s" % (n, "accepts" if valid else "rejects", name))
    if not ok:
        failed += 1
        for e in errors[:5]:
            print("# " + e.message)
    r = subprocess.run([tool, "lint", "--now", "2026-11-27", path], capture_output=True)
    # exceptions.yaml has one entry that expired on purpose (lint flags the date, not the shape).
    lint_ok = r.returncode == rc if not valid else r.returncode == rc and b"expired on" in r.stdout
    n += 1
    print(("ok" if lint_ok else "not ok") + " %d sbom-exceptions lint agrees on %s" % (n, name))
    if not lint_ok:
        failed += 1
        print("# rc=%d %s%s" % (r.returncode, r.stdout.decode()[:300], r.stderr.decode()[:300]))
# Exports validate against the official schemas (OpenVEX 0.2.0, CycloneDX 1.6).
sys.path.insert(0, os.path.join(source, "tests", "conformance"))
import cyclonedx_schema  # noqa: E402

shared = os.path.realpath(os.path.join(source, "..", "shared", "data", "schemas"))
for fmt in ("openvex", "cyclonedx-vex"):
    n += 1
    if not os.path.isdir(shared):
        print("ok %d export %s # SKIP ../shared/data is absent" % (n, fmt))
        continue
    r = subprocess.run([tool, "export", "--to", fmt, "--now", "2026-11-27", "--sbom", os.path.join(data, "scan.cdx.json"), os.path.join(data, "exceptions.yaml")], capture_output=True)
    doc = json.loads(r.stdout) if r.returncode == 0 else None
    if doc is None:
        errs = ["exit %d: %s" % (r.returncode, r.stderr.decode()[:200])]
    elif fmt == "openvex":
        vex_schema = json.load(open(os.path.join(shared, "openvex", "openvex_json_schema.json")))
        errs = [e.message for e in jsonschema.validators.validator_for(vex_schema)(vex_schema).iter_errors(doc)]
    else:
        errs = cyclonedx_schema.errors(os.path.join(shared, "cyclonedx"), doc)
    ok = not errs and doc is not None and len(doc.get("statements", doc.get("vulnerabilities", []))) == 3
    print(("ok" if ok else "not ok") + " %d export %s validates (3 unexpired entries)" % (n, fmt))
    if not ok:
        failed += 1
        for e in errs[:5]:
            print("# " + e)
sys.exit(1 if failed else 0)
