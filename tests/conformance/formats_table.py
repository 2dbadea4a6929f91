#!/usr/bin/env python3
"""The mapping table of docs/formats.md agrees with the loss reports (TAP).

Parses the table (one row per model field; the CycloneDX JSON column starts with the member's path;
a cell of another format says `lost ("why")` where the field is lost, and starts with `lost` when it
always is), converts tests/data/formats/every-field.cdx.json (every field set) with sbom-convert to
each format and checks both directions: every reported loss falls on a row (by its location) whose
cell for that format names its `why`, and every row whose cell starts with `lost` was reported.
Then converts each output back to CycloneDX JSON: every value of the fixture that was not reported
lost is there again, at the same path (ids aside: a bom-ref comes back as the format's element id)."""
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

build, source = sys.argv[1], sys.argv[2]
convert = os.path.join(build, "tools", "sbom-convert", "sbom-convert")
doc_path = os.path.join(source, "docs", "formats.md")
fixture = os.path.join(source, "tests", "data", "formats", "every-field.cdx.json")
# target -> the table's column for it
TARGETS = [("cyclonedx-xml", "CycloneDX XML"), ("spdx-json", "SPDX 2.3"), ("spdx-tag-value", "SPDX 2.3"),
           ("spdx3-json", "SPDX 3.0.1")]

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tap  # noqa: E402


def check(ok, name, detail=""):
    tap.check(name, ok, detail)


def cells(line):
    # Split a table row on the pipes that are not inside backticks.
    out, cur, tick = [], "", False
    for ch in line.strip()[1:-1]:
        if ch == "`":
            tick = not tick
        if ch == "|" and not tick:
            out.append(cur.strip())
            cur = ""
        else:
            cur += ch
    out.append(cur.strip())
    return out


def parse_table(text):
    section = text.split("## The mapping table", 1)[1].split("\n## ", 1)[0]
    lines = [l for l in section.splitlines() if l.startswith("|")]
    header = cells(lines[0])
    rows = []
    for line in lines[2:]:
        c = dict(zip(header, cells(line)))
        m = re.match(r"`([^`]+)`", c["CycloneDX JSON"])
        rows.append({"model": c[header[0]], "path": m.group(1) if m else None, "cells": c})
    return header, rows


def whys(cell):
    return re.findall(r'lost \("([^"]*)"\)', cell)


def why_matches(pattern, why):
    if "…" not in pattern:
        return pattern == why
    regex = ".*".join(re.escape(p) for p in pattern.split("…"))
    return re.fullmatch(regex, why) is not None


def normalize(location):
    """A loss location (JSON Pointer) as a table path: array indices become [], metadata.component
    and nested components are components[]."""
    out = []
    for token in location.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        if token.isdigit() and out:
            out[-1] += "[]"
        else:
            out.append(token)
    path = ".".join(out)
    path = re.sub(r"^metadata\.component(?=\.|$)", "components[]", path)
    # The table names tools as the model does (one list; the 1.5+ form's group is the vendor);
    # a location names the input's place (tools.components[], tools.services[]).
    path = re.sub(r"^metadata\.tools\.(components|services)\[\]", "metadata.tools[]", path)
    path = re.sub(r"^metadata\.tools\[\]\.group$", "metadata.tools[].vendor", path)
    while "components[].components[]" in path:
        path = path.replace("components[].components[]", "components[]")
    return path


def row_of(rows, path):
    """The row a normalized location falls on: the path itself (or its array), else the row that
    matches the longest part of it: a row path it is inside, or a `*` row of the object it is a
    member of (which counts its dot, so an unknown member of X is X.*, not X)."""
    best, best_len = None, -1
    for r in rows:
        p = r["path"]
        if not p:
            continue
        if p.endswith("*"):
            prefix = p[:-1]  # "components[]." or "" for the document
            if path.startswith(prefix) and len(prefix) > best_len:
                best, best_len = r, len(prefix)
            continue
        if path in (p, p.rstrip("[]")) or path + "[]" == p:
            return r
        if (path.startswith(p + ".") or path.startswith(p + "[")) and len(p) > best_len:
            best, best_len = r, len(p)
    return best


def leaves(v, ptr=""):
    if isinstance(v, dict):
        for k, x in v.items():
            yield from leaves(x, ptr + "/" + k.replace("~", "~0").replace("/", "~1"))
    elif isinstance(v, list):
        for i, x in enumerate(v):
            yield from leaves(x, ptr + "/" + str(i))
    else:
        yield ptr, v


IDS = re.compile(r"(bom-ref|\.ref|dependsOn\[\]|provides\[\])$")


def kept_values(doc, lost):
    """The (path, value) of every leaf of a CycloneDX JSON document but ids and what `lost` (loss
    locations: JSON Pointers into that document) covers."""
    out = collections.Counter()
    for ptr, v in leaves(doc):
        if any(ptr == l or ptr.startswith(l + "/") for l in lost):
            continue
        path = normalize(ptr)
        if not IDS.search(path):
            out[(path, json.dumps(v, sort_keys=True))] += 1
    return out


with open(doc_path) as f:
    header, rows = parse_table(f.read())
with open(fixture) as f:
    fixture_doc = json.load(f)
check(len(rows) >= 80 and all(t[1] in header for t in TARGETS), "the mapping table parses",
      "%d rows, columns %s" % (len(rows), header))

for target, column in TARGETS:
    with tempfile.TemporaryDirectory() as tmp:
        report = os.path.join(tmp, "losses.json")
        p = subprocess.run([convert, "--format", target, "--loss-report", report, fixture], capture_output=True)
        if p.returncode != 0:
            check(False, "%s: convert the every-field document" % target, p.stderr.decode())
            continue
        with open(report) as f:
            losses = json.load(f)["losses"]
        back = subprocess.run([convert, "--format", "cyclonedx-json", "-"], input=p.stdout, capture_output=True)
    if back.returncode != 0:
        check(False, "%s: convert back to CycloneDX JSON" % target, back.stderr.decode())
        continue
    missing = kept_values(fixture_doc, [l["location"] for l in losses]) - kept_values(json.loads(back.stdout), [])
    check(not missing, "%s: back in CycloneDX JSON, every value not reported lost is there" % target,
          "\n".join("%s = %s" % k for k in sorted(missing)))
    reported = {}
    unexplained = []
    for loss in losses:
        path = normalize(loss["location"])
        row = row_of(rows, path)
        allowed = whys(row["cells"][column]) if row else []
        if not row or not any(why_matches(w, loss["why"]) for w in allowed):
            unexplained.append("%s (%s): %r%s" % (loss["location"], path, loss["why"],
                                                  " on row " + row["model"] if row else " on no row"))
        else:
            reported.setdefault(row["model"], 0)
            reported[row["model"]] += 1
    check(not unexplained, "%s: every loss reported is a lost cell of the table's %s column" % (target, column),
          "\n".join(unexplained))
    required = [r["model"] for r in rows if r["cells"][column].startswith("lost")]
    missing = [m for m in required if m not in reported]
    check(not missing, "%s: every row the table says is lost in %s is reported (%d rows)" % (target, column, len(required)),
          "not reported: " + ", ".join(missing))

tap.finish()
