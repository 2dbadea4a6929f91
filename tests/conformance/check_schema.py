#!/usr/bin/env python3
"""sbom-check's schema profile against python3-jsonschema on every CycloneDX and SPDX 2 JSON example.

Both must agree on valid / invalid for each example the toolkit reads (TAP). Our validator applies
JSON Schema draft 4 (RapidJSON); where an example is invalid only by a later keyword (const, if,
format) the two may differ, and such a difference fails this test unless the example is listed in
KNOWN with the keyword that explains it.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

import jsonschema

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cyclonedx_schema  # noqa: E402

KNOWN = {}


def spdx_validator(schemas, version):
    name = {"SPDX-2.3": "spdx-2.3-schema.json", "SPDX-2.2": "spdx-2.2.2-schema.json"}.get(version)
    if not name:
        return None
    with open(os.path.join(schemas, "spdx", name)) as f:
        schema = json.load(f)
    return jsonschema.Draft7Validator(schema)


def main():
    build, source = sys.argv[1], sys.argv[2]
    shared = os.path.realpath(os.path.join(source, "..", "shared", "data"))
    if not os.path.isdir(shared):
        print("1..0 # SKIP ../shared/data is absent")
        return 0
    tool = os.path.join(build, "tools", "sbom-check", "sbom-check")
    schemas = os.path.join(shared, "schemas")
    examples = os.path.join(shared, "sbom-examples")
    files = []
    for root, _, names in os.walk(examples):
        if "attestations" in root:
            continue
        files += [os.path.join(root, n) for n in names if n.endswith(".json")]
    files.sort()
    results = []
    tmp = tempfile.mkdtemp(prefix="check-schema-")
    # Each CycloneDX example again with a value its schema refuses but our reader takes (a
    # component type outside the enum): both validators must call it invalid, at the same place.
    mutated = []
    for path in files:
        try:
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
        except (ValueError, UnicodeDecodeError):
            continue
        if isinstance(doc, dict) and doc.get("bomFormat") == "CycloneDX" and doc.get("components"):
            doc["components"][0]["type"] = "gadget"
            out = os.path.join(tmp, "%03d-%s" % (len(mutated), os.path.basename(path)))
            with open(out, "w") as f:
                json.dump(doc, f)
            mutated.append(out)
    for path in files + mutated:
        try:
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
        except (ValueError, UnicodeDecodeError):
            continue
        if not isinstance(doc, dict):
            continue
        if doc.get("bomFormat") == "CycloneDX" and doc.get("specVersion") in ("1.2", "1.3", "1.4", "1.5", "1.6", "1.7"):
            theirs = not cyclonedx_schema.errors(os.path.join(schemas, "cyclonedx"), doc)
        elif "spdxVersion" in doc and spdx_validator(schemas, doc["spdxVersion"]):
            theirs = not list(spdx_validator(schemas, doc["spdxVersion"]).iter_errors(doc))
        else:
            continue
        p = subprocess.run([tool, "-p", "schema", "--format", "json", "--schema-dir", schemas, path],
                           capture_output=True, text=True)
        rel = os.path.relpath(path, examples) if path.startswith(examples) else "mutated " + os.path.basename(path)
        if not theirs and path in mutated and '"location": "/components/0/type"' not in p.stdout and p.returncode == 1:
            results.append((rel, False, "sbom-check did not place the violation at /components/0/type"))
            continue
        if p.returncode == 2:
            results.append((rel, None, "sbom-check could not read it: " + p.stderr.strip()))
            continue
        ours = p.returncode == 0
        if ours == theirs:
            results.append((rel, True, "valid" if ours else "invalid"))
        elif rel in KNOWN:
            results.append((rel, True, "differs, known: " + KNOWN[rel]))
        else:
            results.append((rel, False, "sbom-check says %s, jsonschema says %s" % (ours, theirs)))
    shutil.rmtree(tmp, ignore_errors=True)
    # Every report sbom-check writes as JSON is valid against schemas/check.schema.json.
    with open(os.path.join(source, "schemas", "check.schema.json")) as f:
        report_schema = jsonschema.Draft7Validator(json.load(f))
    for path in files:
        p = subprocess.run([tool, "-p", "ntia-2021", "-p", "cisa-2025", "-p", "bsi-tr-03183-2", "-p", "schema",
                            "--schema-dir", schemas, "--format", "json", path], capture_output=True, text=True)
        if p.returncode == 2:
            continue
        errs = list(report_schema.iter_errors(json.loads(p.stdout)))
        rel = "report of " + os.path.relpath(path, examples)
        results.append((rel, not errs, errs[0].message[:200] if errs else "valid against check.schema.json"))
    print("1..%d" % len(results))
    failed = 0
    for i, (rel, ok, why) in enumerate(results, 1):
        if ok is None:
            print("ok %d - %s # SKIP %s" % (i, rel, why))
        elif ok:
            print("ok %d - %s: %s" % (i, rel, why))
        else:
            failed += 1
            print("not ok %d - %s: %s" % (i, rel, why))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
