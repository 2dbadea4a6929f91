#!/usr/bin/env python3
"""An independent reader (TAP): the official CycloneDX JavaScript library
(@cyclonedx/cyclonedx-library from npm) validates the CycloneDX XML and JSON we write: every
CycloneDX XML example read and written back, and every CycloneDX JSON example written as XML and as
JSON, against the library's XML and JSON (strict) validators of the document's spec version; and
the fixtures of the 1.5+ constructs (tests/data/cyclonedx-xml, the XML seeds of each) both ways.

The library and the validators' peer dependencies (ajv, ajv-formats, ajv-formats-draft2019,
libxmljs2) are installed by this test into the build directory (tests/interop/npm), once; never
into the source tree. Without npm, or when the install fails (no network), the test is skipped,
visibly."""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

build, source = sys.argv[1], sys.argv[2]
shared = os.path.realpath(os.path.join(source, "..", "shared", "data"))
tool = os.path.join(build, "tests", "conformance", "cdx_xml")
prefix = os.path.join(build, "tests", "interop", "npm")
PACKAGES = ["@cyclonedx/cyclonedx-library@10", "ajv@8", "ajv-formats@3", "ajv-formats-draft2019@1", "libxmljs2"]

sys.path.insert(0, os.path.join(source, "tests", "conformance"))
from examples import cyclonedx_json_examples  # noqa: E402


def skip(why):
    print("1..0 # SKIP " + why)
    sys.exit(0)


if not os.path.isdir(shared):
    skip("../shared/data is absent")
npm, node = shutil.which("npm"), shutil.which("node")
if not npm or not node:
    skip("npm or node is absent: the CycloneDX JavaScript library cannot be installed")
if not os.path.isdir(os.path.join(prefix, "node_modules", "@cyclonedx", "cyclonedx-library")) or \
        not os.path.isdir(os.path.join(prefix, "node_modules", "libxmljs2")):
    os.makedirs(prefix, exist_ok=True)
    try:
        r = subprocess.run([npm, "install", "--prefix", prefix, "--no-audit", "--no-fund", "--no-save"] + PACKAGES,
                           capture_output=True, timeout=900)
    except subprocess.TimeoutExpired:
        skip("npm install took more than 15 minutes (network?)")
    if r.returncode != 0:
        skip("npm install failed (no network?): " + r.stderr.decode(errors="replace").strip().splitlines()[-1:][0]
             if r.stderr.strip() else "npm install failed")

# One node process validates every file: argv is a JSON list of [path, "xml"|"json", version].
VALIDATE = r"""
const fs = require('fs');
const CDX = require('@cyclonedx/cyclonedx-library');
const jobs = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
(async () => {
  for (const [path, kind, version] of jobs) {
    const v = CDX.Spec.Version['v' + version.replace('.', 'dot')];
    let verdict;
    try {
      const validator = kind === 'xml' ? new CDX.Validation.XmlValidator(v) : new CDX.Validation.JsonStrictValidator(v);
      const err = await validator.validate(fs.readFileSync(path, 'utf8'));
      verdict = err === null ? 'ok' : 'invalid: ' + JSON.stringify(err).slice(0, 400);
    } catch (e) {
      verdict = 'error: ' + String(e).slice(0, 400);
    }
    console.log(JSON.stringify([path, verdict]));
  }
})();
"""

tests = []
with tempfile.TemporaryDirectory() as tmp:
    jobs = []

    def written(args, suffix):
        out = os.path.join(tmp, "%d.%s" % (len(jobs), suffix))
        r = subprocess.run([tool] + args, capture_output=True)
        if r.returncode != 0:
            return None, r.stderr.decode()[:300]
        with open(out, "wb") as fh:
            fh.write(r.stdout)
        return out, None

    for f in sorted(glob.glob(os.path.join(shared, "sbom-examples", "**", "*.xml"), recursive=True)):
        with open(f, "rb") as fh:
            m = re.search(rb"http://cyclonedx.org/schema/bom/(1\.[2-7])", fh.read(4096))
        if not m:
            continue
        out, err = written(["xml", f], "xml")
        name = "XML -> XML " + os.path.relpath(f, shared)
        if out:
            jobs.append([out, "xml", m.group(1).decode(), name])
        else:
            tests.append((name, False, err))
    for f, d in cyclonedx_json_examples(shared):
        version = d.get("specVersion")
        if version not in ("1.2", "1.3", "1.4", "1.5", "1.6", "1.7"):
            continue
        for kind in ("xml", "json"):
            out, err = written([kind, f], kind)
            name = "JSON -> %s %s" % (kind.upper(), os.path.relpath(f, shared))
            if out:
                jobs.append([out, kind, version, name])
            else:
                tests.append((name, False, err))
    # The 1.5+ constructs (formulation, declarations, definitions, modelCard, cryptoProperties): our
    # fixtures JSON -> XML and back to JSON, the hand-written XML of each to JSON and to XML.
    for f in sorted(glob.glob(os.path.join(source, "tests", "data", "cyclonedx-xml", "*.cdx.json"))):
        with open(f) as fh:
            version = json.load(fh)["specVersion"]
        rel = os.path.relpath(f, source)
        out, err = written(["xml", f], "xml")
        if not out:
            tests.append(("JSON -> XML " + rel, False, err))
            continue
        jobs.append([out, "xml", version, "JSON -> XML " + rel])
        back, err = written(["json", out], "json")
        if back:
            jobs.append([back, "json", version, "JSON -> XML -> JSON " + rel])
        else:
            tests.append(("JSON -> XML -> JSON " + rel, False, err))
    for f in sorted(glob.glob(os.path.join(source, "fuzz", "seeds", "cyclonedx_xml", "*-1.[5-7].xml"))):
        version = re.search(r"-(1\.[5-7])\.xml$", f).group(1)
        rel = os.path.relpath(f, source)
        for kind in ("xml", "json"):
            out, err = written([kind, f], kind)
            name = "XML -> %s %s" % (kind.upper(), rel)
            if out:
                jobs.append([out, kind, version, name])
            else:
                tests.append((name, False, err))
    listing = os.path.join(tmp, "jobs.json")
    with open(listing, "w") as fh:
        json.dump([j[:3] for j in jobs], fh)
    script = os.path.join(tmp, "validate.js")
    with open(script, "w") as fh:
        fh.write(VALIDATE)
    r = subprocess.run([node, script, listing], capture_output=True, env=dict(os.environ, NODE_PATH=os.path.join(prefix, "node_modules")),
                       cwd=prefix)
    verdicts = {}
    for line in r.stdout.decode().splitlines():
        path, verdict = json.loads(line)
        verdicts[path] = verdict
    for path, kind, version, name in jobs:
        verdict = verdicts.get(path, "no verdict: " + r.stderr.decode()[-300:])
        tests.append(("%s (CycloneDX %s, the library's %s validator)" % (name, version, kind.upper()), verdict == "ok", verdict))

print("1..%d" % len(tests))
for i, (name, ok, detail) in enumerate(tests, 1):
    print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
    if not ok and detail:
        print("#   " + detail.replace("\n", "\n#   "))
