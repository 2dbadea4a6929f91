#!/usr/bin/env python3
"""SPDX 2 conformance over ../shared/data (TAP), through tests/conformance/format_convert:
every SPDX 2.2/2.3 JSON and tag-value example is read and written back in its own syntax with
nothing lost (JSON-equal; tag-value: equal after reading both), the outputs validate against the
official SPDX JSON schema of their version and keep SPDX's document rules (spdx_rules.py); every
CycloneDX JSON example and sbom-gen's output of the test images (the golden expectations) converts
to valid SPDX 2.3 and 2.2 JSON and tag-value; bad SPDX input gives
exit 2 and one line naming file:line:col.

Equality is that of SPDX 2 documents: the order of array elements is not significant (the spec's
arrays are sets), and "B DEPENDENCY_OF A" is the same statement as "A DEPENDS_ON B" (the model
keeps one dependency graph; the writer spells edges DEPENDS_ON)."""
import glob
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))

build, source = sys.argv[1], sys.argv[2]
shared = os.path.realpath(os.path.join(source, "..", "shared", "data"))
convert = os.path.join(build, "tests", "conformance", "format_convert")

if not os.path.isdir(shared):
    print("1..0 # SKIP ../shared/data is absent: SPDX conformance over shared data not run")
    sys.exit(0)

import jsonschema  # noqa: E402  (python3-jsonschema)
import spdx_rules  # noqa: E402

schemas = {}
for version, name in (("2.3", "spdx-2.3-schema.json"), ("2.2", "spdx-2.2.2-schema.json")):
    with open(os.path.join(shared, "schemas", "spdx", name)) as fh:
        s = json.load(fh)
    schemas[version] = jsonschema.validators.validator_for(s)(s)

from shared_data import json_documents  # noqa: E402
from tap import check, finish  # noqa: E402


def schema_errors(doc):
    v = schemas.get(doc.get("spdxVersion", "")[5:])
    if v is None:
        return ["no schema for %r" % doc.get("spdxVersion")]
    return ["%s: %s" % ("/".join(str(p) for p in e.absolute_path), e.message[:200]) for e in v.iter_errors(doc)]


def canon(v):
    if isinstance(v, dict):
        return {k: canon(x) for k, x in v.items()}
    if isinstance(v, list):
        return sorted((canon(x) for x in v), key=lambda x: json.dumps(x, sort_keys=True))
    return v


def same_document(d):
    d = json.loads(json.dumps(d))
    for r in d.get("relationships", []):
        if r.get("relationshipType") == "DEPENDENCY_OF" and len(r) == 3:
            r["relationshipType"] = "DEPENDS_ON"
            r["spdxElementId"], r["relatedSpdxElement"] = r["relatedSpdxElement"], r["spdxElementId"]
    return canon(d)


def run(target, path):
    r = subprocess.run([convert, target, path], capture_output=True, timeout=120)
    losses = []
    other = []
    for line in r.stderr.decode(errors="replace").splitlines():
        try:
            losses.append(json.loads(line))
        except ValueError:
            other.append(line)
    return r.returncode, r.stdout, losses, other


def first_diff(a, b, path=""):
    if type(a) is not type(b):
        return path or "/"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return path + "/" + k
            d = first_diff(a[k], b[k], path + "/" + k)
            if d:
                return d
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return path + " (length %d vs %d)" % (len(a), len(b))
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_diff(x, y, path + "/%d" % i)
            if d:
                return d
        return None
    return None if a == b else path


def via_tag_value(path, tmp):
    """path written as tag-value, and that read back and written as SPDX JSON: (ok, doc, detail)."""
    rc, tv, _, other = run("spdx-tag-value", path)
    p = os.path.join(tmp, "via.spdx")
    with open(p, "wb") as fh:
        fh.write(tv)
    rc2, back, _, other2 = run("spdx-json", p)
    ok = rc == 0 and rc2 == 0
    return ok, json.loads(back) if ok else {}, "exit %d/%d %s %s" % (rc, rc2, other[:1], other2[:1])


MISSING = object()


def resolve(doc, pointer):
    """The value at a JSON Pointer, or MISSING."""
    at = doc
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(at, dict) and token in at:
            at = at[token]
        elif isinstance(at, list) and token.isdigit() and int(token) < len(at):
            at = at[int(token)]
        else:
            return MISSING
    return at


def leaves(doc, ptr=""):
    """(pointer, value) of every scalar and every empty array or object."""
    if isinstance(doc, dict) and doc:
        for k, v in doc.items():
            yield from leaves(v, ptr + "/" + k.replace("~", "~0").replace("/", "~1"))
    elif isinstance(doc, list) and doc:
        for i, v in enumerate(doc):
            yield from leaves(v, "%s/%d" % (ptr, i))
    else:
        yield ptr, doc


def is_tag_value(path):
    with open(path, "rb") as fh:
        head = fh.read(4096)
    return head.lstrip().startswith(b"SPDXVersion:") or b"\nSPDXVersion:" in head


roots = [os.path.join(shared, "sbom-examples", "spdx-examples")] + \
    sorted(glob.glob(os.path.join(shared, "sbom-examples", "spdx-spec-examples", "support_2.3*")))
examples_json = [(f, d) for root in roots for f, d in json_documents(root)
                 if str(d.get("spdxVersion", "")).startswith("SPDX-2")]
examples_tv = []
for root in roots:
    for f in sorted(glob.glob(os.path.join(root, "**", "*"), recursive=True)):
        if not os.path.isfile(f):
            continue
        if not f.endswith(".json") and is_tag_value(f):
            examples_tv.append(f)
check("SPDX 2 examples found", len(examples_json) >= 10 and len(examples_tv) >= 10,
      "%d JSON, %d tag-value" % (len(examples_json), len(examples_tv)))

with tempfile.TemporaryDirectory() as tmp:
    for f, d in examples_json:
        rel = os.path.relpath(f, shared)
        rc, out, losses, other = run("same", f)
        if rc != 0:
            check("json round trip " + rel, False, "exit %d: %s" % (rc, other[:2]))
            continue
        o = json.loads(out)
        check("json round trip " + rel, same_document(o) == same_document(d) and not losses,
              "differs at %s; losses %s" % (first_diff(same_document(d), same_document(o)), losses[:3]))
        before, after = schema_errors(d), schema_errors(o)
        check("json schema " + rel, not after or before, "; ".join(after[:3]))
        broken = set(spdx_rules.problems(d))
        check("json rules " + rel, set(spdx_rules.problems(o)) <= broken,
              "; ".join(sorted(set(spdx_rules.problems(o)) - broken)[:3]))
        # JSON -> tag-value -> JSON: tag-value spells every member these examples use.
        ok, b, detail = via_tag_value(f, tmp)
        # hasFiles and documentDescribes come back as the relationships they stand for.
        check("json via tag-value " + rel, ok and (not schema_errors(b) or before), "%s %s" % (detail, schema_errors(b)[:2]))

    for f in examples_tv:
        rel = os.path.relpath(f, shared)
        rc, out, losses, other = run("same", f)
        if rc != 0:
            check("tag-value round trip " + rel, False, "exit %d: %s" % (rc, other[:2]))
            continue
        p = os.path.join(tmp, "rt.spdx")
        with open(p, "wb") as fh:
            fh.write(out)
        rc1, a, _, o1 = run("spdx-json", f)
        rc2, b, _, o2 = run("spdx-json", p)
        ok = rc1 == 0 and rc2 == 0
        a = json.loads(a) if ok else {}
        b = json.loads(b) if ok else {}
        check("tag-value round trip " + rel, ok and same_document(a) == same_document(b) and not losses,
              "exit %d/%d %s %s; differs at %s; losses %s" % (rc1, rc2, o1[:1], o2[:1],
                                                               first_diff(same_document(a), same_document(b)), losses[:3]))
        check("tag-value as json schema " + rel, ok and not schema_errors(a), "; ".join(schema_errors(a)[:3]))

    # Every CycloneDX JSON example converts to SPDX that validates and keeps the rules.
    cdx = [f for f, d in json_documents(os.path.join(shared, "sbom-examples"))
           if d.get("bomFormat") == "CycloneDX" and d.get("specVersion") in ("1.4", "1.5", "1.6", "1.7")]
    # sbom-gen's output of the test images (the golden expectations of its CLI cases) too.
    for case in sorted(glob.glob(os.path.join(source, "tests", "cli", "cases", "gen-*", "expected-stdout"))):
        with open(case, "rb") as fh:
            head = fh.read(200)
        if b'"bomFormat": "CycloneDX"' in head:
            cdx.append(case)
    check("sbom-gen outputs found", sum(1 for f in cdx if f.startswith(source)) >= 5, "")
    for f in cdx:
        rel = os.path.relpath(f, source if f.startswith(source) else shared)
        for target in ("spdx-json", "spdx-json@2.2"):
            rc, out, losses, other = run(target, f)
            if rc != 0:
                check("%s %s" % (target, rel), False, "exit %d: %s" % (rc, other[:2]))
                continue
            o = json.loads(out)
            problems = schema_errors(o) + spdx_rules.problems(o)
            check("%s %s" % (target, rel), not problems and not other, "; ".join((problems + other)[:3]))
        ok, b, detail = via_tag_value(f, tmp)
        problems = schema_errors(b) + spdx_rules.problems(b) if ok else []
        check("spdx-tag-value " + rel, ok and not problems, "%s %s" % (detail, problems[:3]))

    # CycloneDX -> SPDX 2.3 -> CycloneDX: every member of the input comes back or is in the loss
    # report, never both (tests/data/spdx/cross.cdx.json has each field of the mapping table).
    fixture = os.path.join(source, "tests", "data", "spdx", "cross.cdx.json")
    with open(fixture) as fh:
        original = json.load(fh)
    rc, out, losses, other = run("spdx-json", fixture)
    spdx_doc = json.loads(out) if rc == 0 else {}
    check("cross: written as SPDX 2.3", rc == 0 and not other and not schema_errors(spdx_doc) and not spdx_rules.problems(spdx_doc),
          "exit %d %s %s" % (rc, other[:1], (schema_errors(spdx_doc) + spdx_rules.problems(spdx_doc))[:3]))
    p = os.path.join(tmp, "cross.spdx.json")
    with open(p, "wb") as fh:
        fh.write(out)
    rc, back, _, other = run("cyclonedx-json", p)
    final = json.loads(back) if rc == 0 else {}
    lost_at = [x["location"] for x in losses]
    check("cross: every loss is at a member of the input", all(resolve(original, loc) is not MISSING for loc in lost_at),
          "; ".join(loc for loc in lost_at if resolve(original, loc) is MISSING))
    wrong = []
    for ptr, value in leaves(original):
        is_lost = any(ptr == loc or ptr.startswith(loc + "/") for loc in lost_at)
        got = resolve(final, ptr)
        kept = got == value or (value in ([], {}) and got in (MISSING, [], {}))
        if kept == is_lost:
            wrong.append("%s %s" % (ptr, "reported lost but kept" if kept else "dropped without a loss"))
    check("cross: CycloneDX -> SPDX 2.3 -> CycloneDX keeps exactly what the loss report does not list", rc == 0 and not wrong,
          "exit %d %s; %s" % (rc, other[:1], "; ".join(wrong[:6])))
    # Tag-value carries the same: same losses, same CycloneDX back.
    rc, tv, losses_tv, other = run("spdx-tag-value", fixture)
    p = os.path.join(tmp, "cross.spdx")
    with open(p, "wb") as fh:
        fh.write(tv)
    rc2, back_tv, _, _ = run("cyclonedx-json", p)
    check("cross: via tag-value the same", rc == 0 and rc2 == 0 and losses_tv == losses and json.loads(back_tv) == final,
          "exit %d/%d; losses %d vs %d" % (rc, rc2, len(losses_tv), len(losses)))

    # Bad input: exit 2, nothing on stdout, one line naming file:line:col.
    bad = {
        "version.spdx.json": (b'{"spdxVersion": "SPDX-2.1", "SPDXID": "SPDXRef-DOCUMENT"}', ":1:17: at /spdxVersion: unsupported SPDX version 'SPDX-2.1'"),
        "packages.spdx.json": (b'{"spdxVersion": "SPDX-2.3",\n "packages": {}}', ":2:14: at /packages: expected an array, found an object"),
        "nameless.spdx.json": (b'{"spdxVersion": "SPDX-2.3",\n "packages": [{"SPDXID": "SPDXRef-a", "name": 7}]}', ":2:47: at /packages/0/name: expected a string, found a number"),
        "noid.spdx.json": (b'{"spdxVersion": "SPDX-2.3",\n "packages": [{"name": "a"}]}', ":2:15: at /packages/0: package without SPDXID"),
        "twice.spdx.json": (b'{"spdxVersion": "SPDX-2.3", "packages": [{"SPDXID": "SPDXRef-a"}, {"SPDXID": "SPDXRef-a"}]}', ":1:67: at /packages/1: SPDXID 'SPDXRef-a' is already used at 1:42 (/packages/0)"),
        "twice-files.spdx.json": (b'{"spdxVersion": "SPDX-2.3",\n "files": [{"SPDXID": "SPDXRef-f", "fileName": "a", "annotations": []},\n {"SPDXID": "SPDXRef-f", "fileName": "b"}]}', ":3:2: at /files/1: SPDXID 'SPDXRef-f' is already used at 2:12 (/files/0)"),
        "twice-package-file.spdx.json": (b'{"spdxVersion": "SPDX-2.3",\n "files": [{"SPDXID": "SPDXRef-x", "fileName": "a"}],\n "packages": [{"SPDXID": "SPDXRef-x"}]}', ":3:15: at /packages/0: SPDXID 'SPDXRef-x' is already used at 2:12 (/files/0)"),
        "twice-document.spdx.json": (b'{"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT",\n "packages": [{"SPDXID": "SPDXRef-DOCUMENT"}]}', ":2:15: at /packages/0: SPDXID 'SPDXRef-DOCUMENT' is already used at 1:39 (/SPDXID)"),
        "twice.spdx": (b"SPDXVersion: SPDX-2.3\nFileName: a\nSPDXID: SPDXRef-f\n\nFileName: b\nSPDXID: SPDXRef-f\n", ":5:1: SPDXID 'SPDXRef-f' is already used at line 2"),
        # found by fuzz_spdx_tag_value: the document says no SPDXID (its SPDXID line follows a file's), a file takes the document's
        "document-id-taken.spdx": (b"SPDXVersion: SPDX-2.3\nFileName: a\nSPDXID: SPDXRef-DOCUMENT\n", ":2:1: SPDXID 'SPDXRef-DOCUMENT' is the document's own (SPDX 2.3 clause 6.3), not an element's"),
        "dupkey.spdx.json": (b'{"spdxVersion": "SPDX-2.3", "name": "a", "name": "b"}', ":1:42: duplicate key 'name'"),
        "unknown-tag.spdx": (b"SPDXVersion: SPDX-2.3\nPackageName: a\nPackageColour: red\n", ":3:1: unknown tag 'PackageColour'"),
        "text.spdx": (b"SPDXVersion: SPDX-2.3\nDocumentComment: <text>open\n", ":2:1: <text> without </text>"),
        "latin1.spdx": (b"SPDXVersion: SPDX-2.3\nDocumentName: caf\xe9\n", "not UTF-8 text"),
    }
    for name, (content, expect) in sorted(bad.items()):
        p = os.path.join(tmp, name)
        with open(p, "wb") as fh:
            fh.write(content)
        rc, out, losses, other = run("spdx-json", p)
        check("bad input " + name, rc == 2 and out == b"" and len(other) == 1 and other[0].startswith(p) and expect in other[0],
              "rc=%d stdout=%d bytes stderr=%r" % (rc, len(out), other[:2]))

finish()
