#!/usr/bin/env python3
"""Conformance of SPDX 3.0.1 output (TAP). For our CycloneDX fixtures, the shared SPDX 3 documents
and the SBOMs inside the shared attestations, `sbom-convert --format spdx3-json`:
  - validates against the SPDX 3.0.1 JSON schema in ../shared/data/schemas/spdx-3;
  - obeys the document rules: unique ids, every relationship end an element of the document
    (or NoneElement), one SpdxDocument;
  - of an SPDX 3 input: reports no loss and is JSON-equal up to the order of @graph;
  - of a CycloneDX input: read back as CycloneDX, keeps every finding (id and VEX state) or reports
    its loss."""
import glob
import json
import os
import subprocess
import sys

build, source = sys.argv[1], sys.argv[2]
shared = os.path.realpath(os.path.join(source, "..", "shared", "data"))
convert = os.path.join(build, "tools", "sbom-convert", "sbom-convert")
NONE_ELEMENT = "https://spdx.org/rdf/3.0.1/terms/Core/NoneElement"

if not os.path.isdir(shared):
    print("1..0 # SKIP ../shared/data is absent: SPDX 3 conformance not run")
    sys.exit(0)

import jsonschema  # noqa: E402  (python3-jsonschema)

with open(os.path.join(shared, "schemas", "spdx-3", "spdx-json-schema.json")) as f:
    schema = json.load(f)
validator = jsonschema.validators.validator_for(schema)(schema)


def run(args, stdin=None):
    p = subprocess.run([convert] + args, input=stdin, capture_output=True)
    return p.returncode, p.stdout, p.stderr.decode()


def to_spdx3(path, loss_file):
    return run(["--format", "spdx3-json", "--loss-report", loss_file, path])


def element_id(e):
    return e.get("spdxId", e.get("@id", json.dumps(e, sort_keys=True)))


def rule_problems(doc):
    problems = []
    ids = {}
    for e in doc["@graph"]:
        for key in ("spdxId", "@id"):
            if key in e:
                if e[key] in ids:
                    problems.append("duplicate id " + e[key])
                ids[e[key]] = e
    for e in doc["@graph"]:
        if "relationshipType" in e:
            for end in [e["from"]] + e["to"]:
                if end != NONE_ELEMENT and end not in ids:
                    problems.append("relationship %s names %s, which is no element" % (e.get("spdxId"), end))
    if sum(1 for e in doc["@graph"] if e.get("type") == "SpdxDocument") != 1:
        problems.append("not exactly one SpdxDocument")
    return problems


def graph_multiset(doc):
    out = {}
    for e in doc["@graph"]:
        out.setdefault(element_id(e), []).append(json.dumps(e, sort_keys=True))
    return {k: sorted(v) for k, v in out.items()}


# CycloneDX states SPDX 3 has no VEX status for are written as the nearest one (a reported loss).
NEAREST = {"false_positive": "not_affected", "resolved_with_pedigree": "resolved"}


def findings(cdx):
    return [(v.get("id", ""), (v.get("analysis") or {}).get("state", "")) for v in cdx.get("vulnerabilities", [])]


tests = []
tmp = os.path.join(build, "tests", "conformance", "spdx3-out")
os.makedirs(tmp, exist_ok=True)
loss_file = os.path.join(tmp, "losses.json")

spdx3_inputs = [os.path.join(shared, "sbom-examples", p) for p in (
    "spdx-3/yocto/core-image-minimal-qemux86-64.rootfs.spdx.json",
    "spdx-3/syft/identify-3.0.json",
    "spdx-spec-examples/spdx3.0-package_sbom.jsonld")]
cdx_inputs = sorted(glob.glob(os.path.join(source, "tests", "data", "**", "*.cdx.json"), recursive=True))
cdx_inputs += [os.path.join(shared, "sbom-examples", "attestations", p) for p in (
    "trivy/centos-7-cyclonedx.intoto.jsonl", "trivy/sbom.cdx.intoto.jsonl", "trivy/sigstore-bundle.json")]

for path in spdx3_inputs + cdx_inputs:
    name = os.path.relpath(path, os.path.dirname(source)) if path.startswith(source) else os.path.relpath(path, shared)
    is_spdx3 = path in spdx3_inputs
    if not is_spdx3:
        rc, out, err = run(["--format", "cyclonedx-json", path])
        if rc != 0:
            continue  # a fixture no tool reads (hostile or malformed on purpose)
        original = json.loads(out)
    rc, out, err = to_spdx3(path, loss_file)
    if rc != 0:
        tests.append((name + ": converts", False, err[:500]))
        continue
    doc = json.loads(out)
    errs = [e.message[:300] for e in validator.iter_errors(doc)]
    tests.append((name + ": validates against the SPDX 3.0.1 schema", not errs, "\n".join(errs[:5])))
    problems = rule_problems(doc)
    tests.append((name + ": unique ids, every relationship end exists", not problems, "\n".join(problems[:5])))
    with open(loss_file) as f:
        losses = json.load(f)
    losses = losses.get("losses", losses) if isinstance(losses, dict) else losses
    if is_spdx3:
        with open(path) as f:
            source_doc = json.load(f)
        tests.append((name + ": no loss within SPDX 3", not losses, json.dumps(losses[:3])))
        tests.append((name + ": JSON-equal up to @graph order", graph_multiset(source_doc) == graph_multiset(doc), ""))
    else:
        rc, back, err = run(["--format", "cyclonedx-json", "-"], stdin=out)
        if rc != 0:
            tests.append((name + ": reads back", False, err[:500]))
            continue
        kept = sorted(findings(json.loads(back)))
        lost = {l["location"].split("/")[2] for l in losses
                if l["location"].startswith("/vulnerabilities/") and l["location"].endswith("/analysis")}
        expected = sorted((vid, "" if str(i) in lost else NEAREST.get(state, state))
                          for i, (vid, state) in enumerate(findings(original)))
        tests.append((name + ": findings and VEX states come back, or their loss is reported",
                      kept == expected, "kept %s\nexpected %s" % (kept[:8], expected[:8])))

print("1..%d" % len(tests))
for i, (desc, ok, detail) in enumerate(tests, 1):
    print("%s %d - %s" % ("ok" if ok else "not ok", i, desc))
    if not ok and detail:
        for line in detail.splitlines():
            print("# " + line)
