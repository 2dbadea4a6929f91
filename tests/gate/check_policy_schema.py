#!/usr/bin/python3
"""schemas/policy.schema.json and sbom-gate's policy reader must agree (TAP output).

Every valid policy (examples/policy.json, tests/data/gate/policy/valid/*) must pass the schema and be
accepted by `sbom-gate --policy`; every invalid one (tests/data/gate/policy/invalid/*) must fail the
schema and make sbom-gate exit 2 with one `sbom-gate: error: FILE:LINE:COL: ...` line.
Run with Debian's /usr/bin/python3 (python3-jsonschema).
"""
import glob
import json
import os
import re
import subprocess
import sys

import jsonschema


def main():
    source, gate = sys.argv[1], sys.argv[2]
    with open(os.path.join(source, "schemas", "policy.schema.json")) as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    doc = os.path.join(source, "tests", "data", "gate", "sbomkit-1.4.cdx.json")
    valid = [os.path.join(source, "examples", "policy.json")] + \
        sorted(glob.glob(os.path.join(source, "tests", "data", "gate", "policy", "valid", "*.json")))
    invalid = sorted(glob.glob(os.path.join(source, "tests", "data", "gate", "policy", "invalid", "*.json")))
    if len(valid) < 2 or not invalid:
        print("Bail out! policy fixtures not found under " + source)
        return 1
    print("1..%d" % (len(valid) + len(invalid)))
    failed = 0
    n = 0
    for path in valid + invalid:
        n += 1
        want_valid = path in valid
        with open(path) as f:
            instance = json.load(f)
        errors = [e.message for e in validator.iter_errors(instance)]
        r = subprocess.run([gate, "--policy", path, "--top", "0", doc], capture_output=True, text=True)
        problems = []
        if want_valid:
            if errors:
                problems.append("schema rejects it: " + "; ".join(errors))
            if r.returncode not in (0, 1):
                problems.append("sbom-gate exit %d: %s" % (r.returncode, r.stderr.strip()))
        else:
            if not errors:
                problems.append("schema accepts it")
            lines = r.stderr.splitlines()
            if r.returncode != 2 or len(lines) != 1 or r.stdout:
                problems.append("sbom-gate exit %d, stderr %r, stdout %d bytes" % (r.returncode, r.stderr, len(r.stdout)))
            elif not re.match(r"^sbom-gate: error: .+:\d+:\d+: ", lines[0]):
                problems.append("error line without FILE:LINE:COL: " + lines[0])
        name = os.path.relpath(path, source)
        if problems:
            failed += 1
            print("not ok %d %s" % (n, name))
            for p in problems:
                print("# " + p)
        else:
            print("ok %d %s (%s)" % (n, name, "valid" if want_valid else "rejected"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
