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
import tempfile

CASES = [
    ("two releases", ["r1.cdx.json", "r2.cdx.json"]),
    ("three releases", ["r1.cdx.json", "r2.cdx.json", "r3.cdx.json"]),
    ("trivy and ours", ["r1-trivy.cdx.json", "r1.cdx.json"]),
    ("without vulnerabilities", ["r1-plain.cdx.json", "r3.cdx.json"]),
    ("gate failed", ["--fail-on-new", "medium", "--fail-on-added", "r1.cdx.json", "r3.cdx.json"]),
]
# Documents scanned by tests/data/diff/why/scan.sh (index provenance, every kind of "why"), made
# in a temporary directory; "@" names a file there.
WHY_CASES = [
    ("why: rescan with another index", ["@r1-day1.json", "@r1-day2.json"]),
    ("why: release, exceptions, drift", ["@r1-day1.json", "@r2-day2.json", "@r2-before.json", "@r2-after.json"]),
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
    print("1..%d" % (len(CASES) + len(WHY_CASES) + 2))
    failed = 0
    n = 0
    last = None
    scans = tempfile.TemporaryDirectory()
    env = dict(os.environ, SOURCE_DATE_EPOCH="1767225600")
    env["PATH"] = os.pathsep.join(os.path.join(build, "tools", t) for t in ("sbom-db", "sbom-match", "sbom-exceptions")) + os.pathsep + env.get("PATH", "")
    made = subprocess.run(["sh", os.path.join(data, "why", "scan.sh"), scans.name], env=env, capture_output=True)
    for name, args in CASES + WHY_CASES:
        n += 1
        if made.returncode != 0 and any(a.startswith("@") for a in args):
            print("not ok %d %s # scan.sh failed: %s" % (n, name, made.stderr.decode(errors="replace").strip()))
            failed += 1
            continue
        args = [os.path.join(scans.name, a[1:]) if a.startswith("@") else a for a in args]
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
