#!/usr/bin/env python3
"""The README pipeline with each of the five formats as the interchange format (TAP).

The example image (examples/make-example-image) through
  sbom-gen --format F | sbom-match | sbom-exceptions apply | sbom-gate --fail-on high --report json
and sbom-diff of each run's scan against the CycloneDX JSON run's, and of each run's matched
document against its scan (what the exceptions suppressed). Every format gives the gate's exit
status, verdict, violations and findings of the CycloneDX JSON run, and the diffs find nothing new
or fixed, except what docs/formats.md says the format loses:
  - SPDX 2.3 cannot carry findings, so its leg is the SBOM: sbom-gen writes SPDX 2, sbom-match reads
    it and writes CycloneDX JSON (--format). SPDX 2 has no properties or evidence: a finding's path
    and layer (and the fingerprint made from the path) are not there.
SPDX 3 and CycloneDX XML lose nothing a finding shows.
A finding's `component` is the component's id in its document (a bom-ref, an SPDXID, an spdxId),
so it is compared through the component's purl instead."""
import json
import os
import subprocess
import sys
import tempfile

build, source = sys.argv[1], sys.argv[2]
tools = os.path.join(build, "tools")
NOW = "2026-06-01"
FORMATS = ["cyclonedx-json", "cyclonedx-xml", "spdx-json", "spdx-tag-value", "spdx3-json"]
# The fields of a gate report finding each format cannot carry (docs/formats.md), and the ones made
# from them (the fingerprint from the path).
LOST = {"spdx-json": {"path", "layer"}, "spdx-tag-value": {"path", "layer"}}
DERIVED = {"spdx-json": {"fingerprint"}, "spdx-tag-value": {"fingerprint"}}

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tap  # noqa: E402


def check(ok, name, detail=""):
    tap.check(name, ok, detail)


def tool(name):
    return os.path.join(tools, name, name)


def run(args, stdin=None):
    p = subprocess.run(args, input=stdin, capture_output=True)
    return p.returncode, p.stdout, p.stderr.decode()


def findings(report):
    out = []
    for f in report["findings"]:
        f = dict(f)
        f.pop("component", None)
        out.append(f)
    return out


with tempfile.TemporaryDirectory() as tmp:
    rc, _, err = run([os.path.join(source, "examples", "make-example-image"), tmp])
    if rc != 0:
        print("1..1\nnot ok 1 - make the example image\n# " + err.replace("\n", "\n# "))
        sys.exit(0)
    image = os.path.join(tmp, "app.tar")
    runs = {}
    for fmt in FORMATS:
        steps = []
        rc, sbom, err = run([tool("sbom-gen"), "--format", fmt, image])
        steps.append(("sbom-gen", rc, err))
        match_format = ["--format", "cyclonedx-json"] if fmt.startswith("spdx-") else []
        rc, matched, err = run([tool("sbom-match"), "--db", os.path.join(source, "examples", "osv")] + match_format + ["-"], sbom)
        steps.append(("sbom-match", rc, err))
        rc, excepted, err = run([tool("sbom-exceptions"), "apply", "--now", NOW,
                                 os.path.join(source, "examples", "exceptions.yaml"), "-"], matched)
        steps.append(("sbom-exceptions", rc, err))
        report_path = os.path.join(tmp, "report-%s.json" % fmt)
        gate_rc, scan, err = run([tool("sbom-gate"), "--fail-on", "high", "--report", "json=" + report_path, "-"], excepted)
        failed = [(s, rc, e) for s, rc, e in steps if rc != 0]
        check(not failed and gate_rc in (0, 1), "%s: the pipeline runs" % fmt,
              "; ".join("%s exit %d: %s" % f for f in failed) + ("" if gate_rc in (0, 1) else "sbom-gate exit %d: %s" % (gate_rc, err)))
        if failed or gate_rc not in (0, 1):
            continue
        check(scan == excepted, "%s: sbom-gate passes the document through byte for byte" % fmt)
        paths = {}
        for name, text in (("matched", matched), ("scan", scan)):
            paths[name] = os.path.join(tmp, "%s-%s" % (name, fmt))
            with open(paths[name], "wb") as f:
                f.write(text)
        with open(report_path) as f:
            runs[fmt] = {"rc": gate_rc, "report": json.load(f), "paths": paths}

    base = runs.get("cyclonedx-json")
    for fmt in FORMATS[1:]:
        if not base or fmt not in runs:
            continue
        r = runs[fmt]
        check(r["rc"] == base["rc"], "%s: the gate's decision is the CycloneDX JSON run's" % fmt,
              "exit %d, CycloneDX JSON %d" % (r["rc"], base["rc"]))
        top = {k: v for k, v in r["report"].items() if k != "findings"}
        base_top = {k: v for k, v in base["report"].items() if k != "findings"}
        check(top == base_top, "%s: verdict, violations, counts as in CycloneDX JSON" % fmt,
              json.dumps(top) + "\n!= " + json.dumps(base_top))
        lost = LOST.get(fmt, set()) | DERIVED.get(fmt, set())
        got = [{k: v for k, v in f.items() if k not in lost} for f in findings(r["report"])]
        want = [{k: v for k, v in f.items() if k not in lost} for f in findings(base["report"])]
        check(got == want, "%s: the findings of CycloneDX JSON (but %s)" % (fmt, ", ".join(sorted(lost)) or "nothing"),
              "\n".join(json.dumps(x, sort_keys=True) for x in got) + "\n!=\n" +
              "\n".join(json.dumps(x, sort_keys=True) for x in want))
        carried = [{k: v for k, v in f.items() if k in LOST.get(fmt, set())} for f in findings(r["report"])]
        check(all(not v for f in carried for v in f.values()),
              "%s: what the format loses is absent, not made up" % fmt, json.dumps(carried))

    # sbom-diff reads each format: against the CycloneDX JSON scan nothing changed, and within a
    # format the exceptions' suppressions show the same way.
    summaries = {}
    for fmt in FORMATS:
        if fmt not in runs:
            continue
        if base:
            rc, out, err = run([tool("sbom-diff"), base["paths"]["scan"], runs[fmt]["paths"]["scan"]])
            lines = out.decode().splitlines()
            check(rc == 0 and any(l.startswith("findings: 0 new, 0 fixed, 0 suppressed, 0 unsuppressed") for l in lines)
                  and any(l.startswith("components: 0 added, 0 removed, 0 upgraded, 0 downgraded") for l in lines),
                  "%s: sbom-diff against the CycloneDX JSON scan finds no change" % fmt, out.decode() + err)
        rc, out, err = run([tool("sbom-diff"), runs[fmt]["paths"]["matched"], runs[fmt]["paths"]["scan"]])
        summaries[fmt] = [l for l in out.decode().splitlines() if l.startswith(("findings:", "components:"))]
        check(rc == 1 and summaries[fmt], "%s: sbom-diff of the matched document and the scan (exit 1: suppressed)" % fmt,
              "exit %d: %s" % (rc, err))
    if "cyclonedx-json" in summaries:
        for fmt, s in summaries.items():
            check(s == summaries["cyclonedx-json"], "%s: the exceptions' diff is the CycloneDX JSON one" % fmt,
                  "\n".join(s) + "\n!=\n" + "\n".join(summaries["cyclonedx-json"]))

tap.finish()
