#!/usr/bin/python3
"""Validates `sbom-diff --format json` against schemas/diff.schema.json (TAP for meson).

Run with Debian's python3 (python3-jsonschema). Each case is one command line over the documents
in tests/data/diff; a last check makes sure the schema rejects a report with a wrong member, so
the validation cannot pass vacuously.
"""
import copy
import json
import os
import subprocess
import sys

CASES = [
    ("two releases", ["r1.cdx.json", "r2.cdx.json"]),
    ("three releases", ["r1.cdx.json", "r2.cdx.json", "r3.cdx.json"]),
    ("trivy and ours", ["r1-trivy.cdx.json", "r1.cdx.json"]),
    ("without vulnerabilities", ["r1-plain.cdx.json", "r3.cdx.json"]),
    ("gate failed", ["--fail-on-new", "medium", "--fail-on-added", "r1.cdx.json", "r3.cdx.json"]),
]


def main():
    src, build = sys.argv[1], sys.argv[2]
    try:
        import jsonschema
    except ImportError:
        print("1..0 # SKIP python3-jsonschema is not installed")
        return 0
    with open(os.path.join(src, "schemas", "diff.schema.json")) as f:
        schema = json.load(f)
    validator = jsonschema.Draft202012Validator(schema)
    tool = os.path.join(build, "tools", "sbom-diff", "sbom-diff")
    data = os.path.join(src, "tests", "data", "diff")
    print("1..%d" % (len(CASES) + 2))
    failed = 0
    n = 0
    last = None
    for name, args in CASES:
        n += 1
        r = subprocess.run([tool, "--format", "json"] + args, cwd=data, capture_output=True)
        if r.returncode not in (0, 1):
            print("not ok %d %s # exit %d: %s" % (n, name, r.returncode, r.stderr.decode(errors="replace").strip()))
            failed += 1
            continue
        doc = json.loads(r.stdout)
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
        if errors:
            failed += 1
            print("not ok %d %s" % (n, name))
            for e in errors[:10]:
                print("#   %s: %s" % ("/".join(str(p) for p in e.path), e.message))
        else:
            print("ok %d %s" % (n, name))
        last = doc
    # The schema must reject what the tool must never write.
    for what, mutate in [("unknown member", lambda d: d["overall"].__setitem__("extra", 1)),
                         ("bad status", lambda d: d["overall"]["findings"][0].__setitem__("status", "gone"))]:
        n += 1
        bad = copy.deepcopy(last)
        mutate(bad)
        if validator.is_valid(bad):
            failed += 1
            print("not ok %d schema rejects a report with a %s" % (n, what))
        else:
            print("ok %d schema rejects a report with a %s" % (n, what))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
