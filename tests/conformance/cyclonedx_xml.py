#!/usr/bin/env python3
"""CycloneDX XML conformance over ../shared/data (TAP).

Every CycloneDX XML example is read (1.1, older than what we read, is refused with one line); read
and written back it is infoset-equal to its input (element names and namespaces, attributes, text,
order) and reports no loss; what we write validates against the official XSD of its version
(xmllint, offline through the schemas' XML catalog). Examples that exist as JSON and as XML read
into the same document. Every CycloneDX JSON example written as XML validates, and read back it
is the same document but for exactly the members reported lost.

The constructs 1.5 and 1.6 brought (formulation, declarations, definitions, a component's modelCard
and cryptoProperties) go JSON -> XML -> JSON and XML -> JSON -> XML with nothing of them lost: in
every shared example that has one, and in the fixtures of tests/data/cyclonedx-xml (each one's
corners; FILE.lost lists the JSON Pointers that must be reported lost, and nothing else may be),
whose XML validates against the XSD and whose JSON read back against the JSON schema; and the
hand-written XML seed of each construct (fuzz/seeds/cyclonedx_xml) goes XML -> JSON -> XML likewise."""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from examples import cyclonedx_json_examples  # noqa: E402
try:
    import cyclonedx_schema  # noqa: E402  (python3-jsonschema)
except ImportError:
    cyclonedx_schema = None

build, source = sys.argv[1], sys.argv[2]
shared = os.path.realpath(os.path.join(source, "..", "shared", "data"))
tool = os.path.join(build, "tests", "conformance", "cdx_xml")

if not os.path.isdir(shared):
    print("1..0 # SKIP ../shared/data is absent: CycloneDX XML conformance not run")
    sys.exit(0)

schemas = os.path.join(shared, "schemas", "cyclonedx")
xmllint = shutil.which("xmllint")
tests = []
# Differences between the two files of a pair that are the examples' own (each file was made by a
# separate run of its generator), not ours.
PAIR_DIFFERENCES = {
    "dropwizard-1.3.15/bom": "its JSON has an issue-tracker reference and leaves out scope 'required' where its XML does not",
}


def check(name, ok, detail=""):
    tests.append((name, ok, detail))


def run(*args):
    return subprocess.run([tool] + list(args), capture_output=True)


def xsd_valid(path, version):
    """None when valid, else the complaint; raises when xmllint is missing (caller skips)."""
    env = dict(os.environ, XML_CATALOG_FILES=os.path.join(schemas, "xmlcatalog.xml"))
    r = subprocess.run([xmllint, "--nonet", "--noout", "--schema", os.path.join(schemas, "bom-%s.xsd" % version), path],
                       capture_output=True, env=env)
    return None if r.returncode == 0 else r.stderr.decode()[-600:]


def written_xml(path, data, version, what, rel):
    """Writes the XML we wrote to `path` and checks it against the XSD of its version."""
    with open(path, "wb") as fh:
        fh.write(data)
    if xmllint:
        err = xsd_valid(path, version)
        check("%s valid against bom-%s.xsd: %s" % (what, version, rel), err is None, err or "")
    return path


def same_xml(src, reference, name, tmp):
    """Writes `src` (JSON text or an XML file) as XML and checks it is infoset-equal to the XML
    file `reference` and nothing was reported lost."""
    if isinstance(src, bytes):
        path = os.path.join(tmp, "again.json")
        with open(path, "wb") as fh:
            fh.write(src)
        src = path
    again = run("xml", src)
    out = os.path.join(tmp, "again.xml")
    with open(out, "wb") as fh:
        fh.write(again.stdout)
    d = run("infoset", reference, out)
    check(name, again.returncode == 0 and again.stderr == b"" and d.returncode == 0, (again.stderr + d.stdout).decode()[:600])


def version_of_xml(path):
    with open(path, "rb") as f:
        m = re.search(rb"http://cyclonedx.org/schema/bom/(1\.\d)", f.read(4096))
    return m.group(1).decode() if m else None


def drop(doc, pointer):
    """Removes the member at a JSON Pointer (the loss report's location) from `doc`."""
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]
    node = doc
    for p in parts[:-1]:
        node = node[int(p)] if isinstance(node, list) else node.get(p)
        if node is None:
            return
    last = parts[-1]
    if isinstance(node, list):
        node[int(last)] = None  # keeps the other indexes valid; lost items are compared as null
    elif isinstance(node, dict):
        node.pop(last, None)


def at(doc, pointer):
    """The value at a JSON Pointer, or None."""
    node = doc
    for p in [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]:
        if isinstance(node, list) and p.isdigit() and int(p) < len(node):
            node = node[int(p)]
        elif isinstance(node, dict) and p in node:
            node = node[p]
        else:
            return None
    return node


def strip_nulls(v):
    if isinstance(v, list):
        return [strip_nulls(x) for x in v if x is not None]
    if isinstance(v, dict):
        return {k: strip_nulls(x) for k, x in v.items()}
    return v


def no_empty_depends_on(doc):
    """XML spells a dependency without dependsOn and one with an empty dependsOn alike (an empty
    <dependency ref="x"/>), so the two are the same document."""
    for d in doc.get("dependencies", []) or []:
        if isinstance(d, dict) and d.get("dependsOn") == []:
            del d["dependsOn"]
    return doc


CONSTRUCTS = ("formulation", "declarations", "definitions", "modelCard", "cryptoProperties")


def construct_pointers(v, path=""):
    """JSON Pointers of every formulation, declarations, definitions, modelCard and cryptoProperties."""
    out = []
    if isinstance(v, dict):
        for k, x in v.items():
            p = path + "/" + k.replace("~", "~0").replace("/", "~1")
            if k in CONSTRUCTS[3:] or (k in CONSTRUCTS[:3] and path == ""):
                out.append(p)
            out.extend(construct_pointers(x, p))
    elif isinstance(v, list):
        for i, x in enumerate(v):
            out.extend(construct_pointers(x, "%s/%d" % (path, i)))
    return out


def losses(stderr):
    return [line.split(" ", 2)[1].rstrip(":") for line in stderr.decode().splitlines() if line.startswith("loss ")]


def difference_but_losses(expected, got, lost):
    """The first difference between `got` (read back) and `expected` without the members at the
    `lost` JSON Pointers, or None."""
    for p in sorted(lost, key=lambda p: [int(x) if x.isdigit() else 0 for x in p.split("/")[1:]], reverse=True):
        drop(expected, p)
    expected = strip_nulls(expected)
    # A list of repeated elements whose every item was lost is no element at all: absent.
    for p in lost:
        parent, _, last = p.rpartition("/")
        if last.isdigit() and at(expected, parent) == [] and at(got, parent) is None:
            drop(expected, parent)
    return first_difference(no_empty_depends_on(got), no_empty_depends_on(expected))


def first_difference(a, b, path=""):
    if type(a) is not type(b):
        return "%s: %r vs %r" % (path, a, b)
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return "%s/%s: only in the %s" % (path, k, "first" if k in a else "second")
            d = first_difference(a[k], b[k], path + "/" + k)
            if d:
                return d
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return "%s: %d vs %d items" % (path, len(a), len(b))
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, "%s/%d" % (path, i))
            if d:
                return d
        return None
    return None if a == b else "%s: %r vs %r" % (path, a, b)


with tempfile.TemporaryDirectory() as tmp:
    xml_examples = sorted(glob.glob(os.path.join(shared, "sbom-examples", "**", "*.xml"), recursive=True))
    xml_examples = [f for f in xml_examples if version_of_xml(f)]
    for f in xml_examples:
        rel = os.path.relpath(f, shared)
        version = version_of_xml(f)
        r = run("xml", f)
        if version in ("1.0", "1.1"):
            lines = r.stderr.decode().splitlines()
            check("CycloneDX %s XML refused: %s" % (version, rel),
                  r.returncode == 2 and r.stdout == b"" and len(lines) == 1
                  and ("CycloneDX %s XML is not supported (1.2 to 1.7 are read)" % version) in lines[0],
                  r.stderr.decode()[:300])
            continue
        check("read and written: " + rel, r.returncode == 0 and r.stderr == b"",
              "exit %d: %s" % (r.returncode, r.stderr.decode()[:600]))
        out = os.path.join(tmp, "out.xml")
        with open(out, "wb") as fh:
            fh.write(r.stdout)
        d = run("infoset", f, out)
        check("XML -> XML infoset-equal: " + rel, d.returncode == 0, d.stdout.decode()[:600])
        if xmllint:
            err = xsd_valid(out, version)
            check("written XML valid against bom-%s.xsd: %s" % (version, rel), err is None, err or "")

        base = f[:-4]
        key = os.path.relpath(base, os.path.join(shared, "sbom-examples", "cyclonedx-bom-examples", "SBOM"))
        if key in PAIR_DIFFERENCES:
            check("XML and JSON of one example read alike: %s # SKIP %s" % (rel, PAIR_DIFFERENCES[key]), True)
        elif os.path.exists(base + ".json"):
            jx = run("json", f)
            jj = run("json", base + ".json")
            ok = jx.returncode == 0 and jj.returncode == 0
            detail = (jx.stderr + jj.stderr).decode()[:300]
            if ok:
                a, b = json.loads(jx.stdout), json.loads(jj.stdout)
                b.pop("$schema", None)  # JSON only
                for doc in (a, b):      # the pair's files were made by separate runs
                    doc.pop("serialNumber", None)
                    doc.get("metadata", {}).pop("timestamp", None)
                diff = first_difference(a, b)
                ok, detail = diff is None, diff or ""
            check("XML and JSON of one example read alike: " + rel, ok, detail)

    json_examples = [(f, d["specVersion"]) for f, d in cyclonedx_json_examples(shared)
                     if d.get("specVersion") in ("1.2", "1.3", "1.4", "1.5", "1.6", "1.7")]
    for f, version in json_examples:
        rel = os.path.relpath(f, shared)
        r = run("xml", f)
        if r.returncode != 0:
            check("JSON -> XML: " + rel, False, r.stderr.decode()[:600])
            continue
        out = written_xml(os.path.join(tmp, "from-json.xml"), r.stdout, version, "JSON -> XML", rel)
        lost = losses(r.stderr)
        with open(f, "rb") as fh:
            constructs = construct_pointers(json.load(fh))
        if constructs:
            inside = [p for p in lost if any(p == c or p.startswith(c + "/") for c in constructs)]
            check("JSON -> XML keeps %s: %s" % (", ".join(sorted({c.rsplit("/", 1)[1] for c in constructs})), rel),
                  not inside, "reported lost: " + ", ".join(inside[:5]))
        back = run("json", out)
        orig = run("json", f)
        ok = back.returncode == 0 and orig.returncode == 0
        detail = (back.stderr + orig.stderr).decode()[:300]
        if ok:
            diff = difference_but_losses(json.loads(orig.stdout), json.loads(back.stdout), lost)
            ok, detail = diff is None, diff or ""
            if constructs and cyclonedx_schema:
                errs = cyclonedx_schema.errors(os.path.join(shared, "schemas", "cyclonedx"), json.loads(back.stdout))
                check("JSON -> XML -> JSON valid against bom-%s.schema.json: %s" % (version, rel), not errs,
                      "\n".join(errs[:5]))
        check("JSON -> XML -> JSON loses exactly what is reported: " + rel, ok, detail)

    # The fixtures: JSON -> XML (valid, losing exactly FILE.lost) -> JSON (the same but for those,
    # valid) -> XML (infoset-equal to the first XML, nothing lost), and XML -> XML.
    fixtures = sorted(glob.glob(os.path.join(source, "tests", "data", "cyclonedx-xml", "*.cdx.json")))
    schema_dir = os.path.join(shared, "schemas", "cyclonedx")
    for f in fixtures:
        rel = os.path.relpath(f, source)
        with open(f, "rb") as fh:
            version = json.load(fh)["specVersion"]
        expected_lost = []
        if os.path.exists(f[:-len(".cdx.json")] + ".lost"):
            with open(f[:-len(".cdx.json")] + ".lost") as fh:
                expected_lost = [line.strip() for line in fh if line.strip() and not line.startswith("#")]
        r = run("xml", f)
        if r.returncode != 0:
            check("fixture JSON -> XML: " + rel, False, r.stderr.decode()[:600])
            continue
        lost = losses(r.stderr)
        check("fixture JSON -> XML loses exactly what %s.lost says: %s" % (os.path.basename(f)[:-9], rel),
              sorted(lost) == sorted(expected_lost),
              "reported: %s\nexpected: %s" % (sorted(lost), sorted(expected_lost)))
        xml1 = written_xml(os.path.join(tmp, "fixture.xml"), r.stdout, version, "fixture XML", rel)
        back = run("json", xml1)
        orig = run("json", f)
        if back.returncode != 0 or orig.returncode != 0:
            check("fixture JSON -> XML -> JSON: " + rel, False, (back.stderr + orig.stderr).decode()[:600])
            continue
        got = json.loads(back.stdout)
        diff = difference_but_losses(json.loads(orig.stdout), got, lost)
        check("fixture JSON -> XML -> JSON equal but for the losses: " + rel, diff is None, diff or "")
        if cyclonedx_schema:
            errs = cyclonedx_schema.errors(schema_dir, got)
            check("fixture JSON read back from XML valid against bom-%s.schema.json: %s" % (version, rel),
                  not errs, "\n".join(errs[:5]))
        same_xml(back.stdout, xml1, "fixture XML -> JSON -> XML infoset-equal, nothing lost: " + rel, tmp)
        same_xml(xml1, xml1, "fixture XML -> XML infoset-equal, nothing lost: " + rel, tmp)

    # Hand-written XML of each construct (the fuzz seeds): valid against the XSD, XML -> XML and
    # XML -> JSON -> XML infoset-equal, XML -> JSON valid against the JSON schema and losing only
    # what has no JSON spelling.
    # (cdx_xml calls the writers themselves: losses in the model's terms, JSON Pointers; the XPath
    # a tool reports is format::write's, tested in tests/unit/cyclonedx and tests/cli.)
    xml_lost = {"definitions-1.7.xml": ["/definitions/patents/0/patentAssignee"]}
    for name in ("formulation-1.5.xml", "modelcard-1.6.xml", "crypto-1.7.xml", "declarations-1.6.xml",
                 "definitions-1.7.xml"):
        f = os.path.join(source, "fuzz", "seeds", "cyclonedx_xml", name)
        rel = os.path.relpath(f, source)
        version = version_of_xml(f)
        if xmllint:
            err = xsd_valid(f, version)
            check("hand-written XML valid against bom-%s.xsd: %s" % (version, rel), err is None, err or "")
        same_xml(f, f, "hand-written XML -> XML infoset-equal, nothing lost: " + rel, tmp)
        j = run("json", f)
        lost = losses(j.stderr)
        check("hand-written XML -> JSON loses only what JSON cannot spell: " + rel,
              j.returncode == 0 and sorted(lost) == sorted(xml_lost.get(name, [])), j.stderr.decode()[:600])
        if j.returncode != 0:
            continue
        if cyclonedx_schema:
            errs = cyclonedx_schema.errors(schema_dir, json.loads(j.stdout))
            check("hand-written XML -> JSON valid against bom-%s.schema.json: %s" % (version, rel), not errs,
                  "\n".join(errs[:5]))
        if name in xml_lost:
            continue  # what was lost is not there to come back
        same_xml(j.stdout, f, "hand-written XML -> JSON -> XML infoset-equal, nothing lost: " + rel, tmp)

print("1..%d" % len(tests))
if not xmllint:
    print("# xmllint (libxml2-utils) is absent: XSD validation not run")
for i, (name, ok, detail) in enumerate(tests, 1):
    print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
    if not ok and detail:
        for line in detail.splitlines():
            print("#   " + line)
