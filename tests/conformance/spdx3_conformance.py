#!/usr/bin/env python3
"""Conformance of SPDX 3.0.1 output (TAP). For our CycloneDX fixtures, the shared SPDX 3 documents
and the SBOMs inside the shared attestations, `sbom-convert --format spdx3-json`:
  - validates against the SPDX 3.0.1 JSON schema in ../shared/data/schemas/spdx-3;
  - obeys the document rules: unique ids, every relationship end an element of the document
    (or NoneElement), one SpdxDocument;
  - of an SPDX 3 input: reports no loss and is JSON-equal up to the order of @graph;
  - of a CycloneDX input: read back as CycloneDX, keeps every finding (id and VEX state) or reports
    its loss.

The schema is checked by ajv (npm's ajv@8 and ajv-formats@3, installed by this test into the build
directory once, never into the source tree): one node process for every document, seconds where
python3-jsonschema took 15 minutes on the 1.6 MB Yocto SBOM. Without npm, or when the install fails
(no network), python3-jsonschema checks the documents under 64 KB and the larger ones are skipped,
visibly. Either validator must reject a broken copy of a document first, so the check can fail."""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

build, source = sys.argv[1], sys.argv[2]
shared = os.path.realpath(os.path.join(source, "..", "shared", "data"))
convert = os.path.join(build, "tools", "sbom-convert", "sbom-convert")
NONE_ELEMENT = "https://spdx.org/rdf/3.0.1/terms/Core/NoneElement"

if not os.path.isdir(shared):
    print("1..0 # SKIP ../shared/data is absent: SPDX 3 conformance not run")
    sys.exit(0)

SCHEMA = os.path.join(shared, "schemas", "spdx-3", "spdx-json-schema.json")
PYTHON_LIMIT = 64 * 1024
prefix = os.path.join(build, "tests", "conformance", "npm")
AJV = r"""
const fs = require('fs');
const Ajv2020 = require('ajv/dist/2020');
const addFormats = require('ajv-formats');
const ajv = new Ajv2020({strict: false, allErrors: true});
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(process.argv[2], 'utf8')));
for (const p of process.argv.slice(3)) {
  const ok = validate(JSON.parse(fs.readFileSync(p, 'utf8')));
  const errs = ok ? [] : validate.errors.slice(0, 5).map(e => e.instancePath + ': ' + e.message);
  console.log(JSON.stringify([p, errs]));
}
"""


def ajv_ready():
    """Whether ajv is installed under `prefix` (installing it when npm can); the reason when not."""
    npm, node = shutil.which("npm"), shutil.which("node")
    if not npm or not node:
        return "npm or node is absent"
    if not os.path.isdir(os.path.join(prefix, "node_modules", "ajv-formats")):
        os.makedirs(prefix, exist_ok=True)
        try:
            r = subprocess.run([npm, "install", "--prefix", prefix, "--no-audit", "--no-fund", "--no-save",
                                "ajv@8", "ajv-formats@3"], capture_output=True, timeout=300)
        except subprocess.TimeoutExpired:
            return "npm install of ajv took more than 5 minutes (network?)"
        if r.returncode != 0:
            return "npm install of ajv failed (no network?)"
    return None


def validate_all(paths):
    """path -> list of schema errors, or None when it was not checked (with the reason in skipped)."""
    why = ajv_ready()
    if why is None:
        script = os.path.join(prefix, "validate.js")
        with open(script, "w") as f:
            f.write(AJV)
        env = dict(os.environ, NODE_PATH=os.path.join(prefix, "node_modules"))
        r = subprocess.run(["node", script, SCHEMA] + paths, capture_output=True, env=env)
        out = {}
        for line in r.stdout.decode().splitlines():
            p, errs = json.loads(line)
            out[p] = errs
        for p in paths:
            out.setdefault(p, ["ajv gave no verdict: " + r.stderr.decode(errors="replace")[-300:]])
        return out, "ajv"
    import jsonschema  # noqa: E402  (python3-jsonschema)
    with open(SCHEMA) as f:
        schema = json.load(f)
    validator = jsonschema.validators.validator_for(schema)(schema)
    out = {}
    for p in paths:
        if os.path.getsize(p) > PYTHON_LIMIT:
            out[p] = None
            continue
        with open(p) as f:
            out[p] = [e.message[:300] for e in validator.iter_errors(json.load(f))][:5]
    return out, "python3-jsonschema (%s)" % why


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
# A directory of this run's own (in the build directory), removed at the end.
os.makedirs(os.path.join(build, "tests", "conformance"), exist_ok=True)
tmp = tempfile.mkdtemp(prefix="spdx3-out-", dir=os.path.join(build, "tests", "conformance"))
loss_file = os.path.join(tmp, "losses.json")
outputs = []  # (name, file written): validated against the schema together, at the end

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
    written = os.path.join(tmp, "%d.spdx3.json" % len(outputs))
    with open(written, "wb") as f:
        f.write(out)
    outputs.append((name, written))
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
        # A statement not written (no affected element); "written without" a justification keeps it.
        lost = {l["location"].split("/")[2] for l in losses
                if l["location"].startswith("/vulnerabilities/") and l["location"].endswith("/analysis")
                and "needs an affected element" in l["why"]}
        expected = sorted((vid, "" if str(i) in lost else NEAREST.get(state, state))
                          for i, (vid, state) in enumerate(findings(original)))
        tests.append((name + ": findings and VEX states come back, or their loss is reported",
                      kept == expected, "kept %s\nexpected %s" % (kept[:8], expected[:8])))

# A broken copy of the smallest output with a package (its primaryPurpose no enum value) must be rejected.
with_package = [p for _, p in outputs if b'"software_Package"' in open(p, "rb").read()]
if with_package:
    with open(min(with_package, key=os.path.getsize)) as f:
        broken = json.load(f)
    for e in broken["@graph"]:
        if e.get("type") == "software_Package":
            e["software_primaryPurpose"] = "no-such-purpose"
    broken_path = os.path.join(tmp, "broken.spdx3.json")
    with open(broken_path, "w") as f:
        json.dump(broken, f)
    verdicts, how = validate_all([broken_path] + [p for _, p in outputs])
    tests.append(("the schema check (%s) rejects a broken copy" % how, bool(verdicts[broken_path]), ""))
    for name, p in outputs:
        errs = verdicts[p]
        if errs is None:
            tests.append((name + ": validates against the SPDX 3.0.1 schema # SKIP %d KB, over what python3-jsonschema checks in time"
                          % (os.path.getsize(p) // 1024), True, ""))
        else:
            tests.append((name + ": validates against the SPDX 3.0.1 schema", not errs, "\n".join(errs)))

shutil.rmtree(tmp)
print("1..%d" % len(tests))
for i, (desc, ok, detail) in enumerate(tests, 1):
    print("%s %d - %s" % ("ok" if ok else "not ok", i, desc))
    if not ok and detail:
        for line in detail.splitlines():
            print("# " + line)
