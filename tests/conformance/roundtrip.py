#!/usr/bin/env python3
"""Conformance over ../shared/data (TAP): every CycloneDX JSON example goes through
`sbom-gate --fail-on none` (`--allow-unscanned` for the examples without vulnerabilities, which
the gate otherwise refuses) and comes out byte for byte as it went in; read into the model and
written back (tests/conformance/cdx_rewrite, the writer every filter uses) it comes out JSON-equal
to its input and validates against the official schema whenever the input did; bad inputs give
exit 2, nothing on stdout and one line naming file:line:col."""
import glob
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))

build, source = sys.argv[1], sys.argv[2]
shared = os.path.realpath(os.path.join(source, "..", "shared", "data"))
gate = os.path.join(build, "tools", "sbom-gate", "sbom-gate")
rewrite = os.path.join(build, "tests", "conformance", "cdx_rewrite")

if not os.path.isdir(shared):
    print("1..0 # SKIP ../shared/data is absent: conformance over shared data not run")
    sys.exit(0)

import cyclonedx_schema  # noqa: E402  (needs python3-jsonschema)

schema_dir = os.path.join(shared, "schemas", "cyclonedx")
from shared_data import json_documents  # noqa: E402
from tap import check, finish  # noqa: E402


examples = [(f, d) for f, d in json_documents(os.path.join(shared, "sbom-examples")) if d.get("bomFormat") == "CycloneDX"]

for f, d in examples:
    rel = os.path.relpath(f, shared)
    # Most examples were never scanned: the gate refuses those unless told --allow-unscanned.
    scanned = "vulnerabilities" in d
    if not scanned:
        r = subprocess.run([gate, "--fail-on", "none", f], capture_output=True)
        lines = r.stderr.decode().splitlines()
        check("gate refuses unscanned " + rel, r.returncode == 2 and r.stdout == b"" and len(lines) == 1
              and "no sign of a vulnerability scan" in lines[0], "exit %d: %s" % (r.returncode, r.stderr.decode()[:300]))
    r = subprocess.run([gate, "--fail-on", "none"] + ([] if scanned else ["--allow-unscanned"]) + [f], capture_output=True)
    with open(f, "rb") as fh:
        raw = fh.read()
    check("gate passes through " + rel, r.returncode == 0 and r.stdout == raw,
          "exit %d, %d bytes out of %d: %s" % (r.returncode, len(r.stdout), len(raw), r.stderr.decode()[:300]))
    r = subprocess.run([rewrite, f], capture_output=True)
    if r.returncode != 0:
        check("roundtrip " + rel, False, "exit %d: %s" % (r.returncode, r.stderr.decode()[:300]))
        continue
    out = json.loads(r.stdout)
    check("roundtrip " + rel, out == d, "output differs from input")
    # Schema: the output must be as valid as the input was (several upstream examples are not).
    if d.get("specVersion") in ("1.4", "1.5", "1.6", "1.7"):
        before = cyclonedx_schema.errors(schema_dir, d)
        after = cyclonedx_schema.errors(schema_dir, out)
        check("schema " + rel, after == before, "; ".join(after[:3]))

bad = {
    "truncated.json": (b'{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [{"name": "a"', ":1:"),
    "not-json.json": (b"hello world\n", ":1:1:"),
    "wrong-type.json": (b'{"bomFormat": "CycloneDX",\n "specVersion": "1.6",\n "components": [{"name": 5}]}\n', ":3:26: at /components/0/name:"),
    "deep.json": (b"[" * 1000000, ":1:"),
    "empty.json": (b"", "empty"),
    "not-cyclonedx.json": (b'{"bomFormat": "SPDX"}', "bomFormat is 'SPDX'"),
    "spdx.json": (b'{"spdxVersion": "SPDX-2.1"}', ":1:17: at /spdxVersion: unsupported SPDX version 'SPDX-2.1'"),
    "duplicate-key.json": (b'{"bomFormat":"CycloneDX","specVersion":"1.6","bomFormat":"CycloneDX"}', ":1:46: duplicate key 'bomFormat' (the first is at 1:2)"),
    "bad-utf8.json": (b'{"bomFormat": "CycloneDX", "specVersion": "1.6", "x": "\xff"}', ":1:"),
}
with tempfile.TemporaryDirectory() as tmp:
    for name, (content, expect) in sorted(bad.items()):
        p = os.path.join(tmp, name)
        with open(p, "wb") as fh:
            fh.write(content)
        r = subprocess.run([gate, p], capture_output=True, timeout=60)
        err = r.stderr.decode(errors="replace")
        lines = err.splitlines()
        ok = (r.returncode == 2 and r.stdout == b"" and len(lines) == 1 and
              lines[0].startswith("sbom-gate: error: " + p) and expect in lines[0])
        check("bad input " + name, ok, "rc=%d stdout=%d bytes stderr=%r" % (r.returncode, len(r.stdout), err[:300]))
        # The same through stdin names <stdin>.
        r = subprocess.run([gate], input=content, capture_output=True, timeout=60)
        lines = r.stderr.decode(errors="replace").splitlines()
        ok = r.returncode == 2 and r.stdout == b"" and len(lines) == 1 and lines[0].startswith("sbom-gate: error: <stdin>")
        check("bad stdin " + name, ok, "rc=%d %r" % (r.returncode, lines[:2]))

finish()
