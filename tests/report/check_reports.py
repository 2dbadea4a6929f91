#!/usr/bin/python3
"""Checks sbom-gate's and sbom-diff's --report outputs against independent references (TAP).

- SARIF: the official SARIF 2.1.0 JSON schema (../shared/data/schemas/sarif), the members GitHub
  code scanning reads that Trivy's and Grype's SARIF carry too, and Microsoft's SARIF Multitool
  `validate` (npm @microsoft/sarif-multitool-linux, installed here into BUILD/report-tools; the
  check is skipped, visibly, when it cannot be installed, e.g. without network).
- JUnit: xmllint against both XSDs in ../shared/data/schemas/junit (Ant's and Jenkins').
- GitLab: no public copy of GitLab's schema is in the shared data, so the report is checked
  against the real container-scanning reports there: the format version we target is 15.0.7
  (the 15.x line GitLab accepts), every member we write must appear in those reports, and every
  member all of their findings carry must be in ours.
- JSON: schemas/report.schema.json.
- Exit status and stdout unchanged by --report; fingerprints the same across two runs and across
  two releases of the same image; a report that cannot be written is exit 2 with nothing on
  stdout and no file left behind.
Run: check_reports.py SRC BUILD
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

GITLAB_VERSION = "15.0.7"
FORMATS = ["sarif", "junit", "gitlab", "table", "markdown", "json", "github"]


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, name, detail=""):
        self.n += 1
        if cond:
            print("ok %d %s" % (self.n, name))
        else:
            self.failed += 1
            print("not ok %d %s" % (self.n, name))
            for line in str(detail).splitlines()[:30]:
                print("# " + line)

    def skip(self, name, why):
        self.n += 1
        print("ok %d %s # SKIP %s" % (self.n, name, why))


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, **kw)


def key_paths(v, prefix=""):
    """Every member path of a JSON value, arrays as []: {"a":[{"b":1}]} -> a, a[], a[].b."""
    out = set()
    if isinstance(v, dict):
        for k, x in v.items():
            p = prefix + "." + k if prefix else k
            out.add(p)
            out |= key_paths(x, p)
    elif isinstance(v, list):
        for x in v:
            out |= key_paths(x, prefix + "[]")
    return out


def multitool(build):
    """The Multitool binary, installed into BUILD/report-tools once; None when it cannot be."""
    prefix = os.path.join(build, "report-tools")
    exe = os.path.join(prefix, "node_modules", "@microsoft", "sarif-multitool-linux", "Sarif.Multitool")
    if os.path.exists(exe):
        return exe
    if not shutil.which("npm"):
        return None
    os.makedirs(prefix, exist_ok=True)
    r = run(["npm", "install", "--no-audit", "--no-fund", "--prefix", prefix, "@microsoft/sarif-multitool-linux"],
            timeout=600)
    return exe if r.returncode == 0 and os.path.exists(exe) else None


def main():
    src, build = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    shared = os.path.realpath(os.path.join(src, "..", "shared", "data"))
    gate = os.path.join(build, "tools", "sbom-gate", "sbom-gate")
    diff = os.path.join(build, "tools", "sbom-diff", "sbom-diff")
    match = os.path.join(build, "tools", "sbom-match", "sbom-match")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1767225600", LC_ALL="C")
    env.pop("SBOMKIT_POLICY", None)
    env.pop("GITHUB_STEP_SUMMARY", None)
    tap = Tap()
    tmp = tempfile.mkdtemp(prefix="sbomkit-report-")
    try:
        import jsonschema
    except ImportError:
        print("1..0 # SKIP python3-jsonschema is not installed")
        return 0
    if not os.path.isdir(shared):
        print("1..0 # SKIP ../shared/data is absent")
        return 0

    # The inputs: Trivy's CycloneDX with vulnerabilities, and the shared Debian image's SBOM
    # scanned by sbom-match against the shared OSV data.
    inputs = {"trivy-debian": os.path.join(src, "tests", "data", "gate", "trivy-debian.cdx.json")}
    scanned = os.path.join(tmp, "debian-app.cdx.json")
    r = run([match, "--db", os.path.join(shared, "osv", "Go", "all.zip"), "--db", os.path.join(shared, "osv", "PyPI", "all.zip"),
             os.path.join(src, "tests", "data", "match", "app.cdx.json"), "-o", scanned], env=env)
    if r.returncode == 0:
        inputs["debian-app"] = scanned
    # The image itself, when it has been built (../shared/scripts/make-debian-image): the SBOM
    # sbom-gen makes carries paths and layers, which the SARIF locations and fingerprints use.
    img = os.environ.get("SBOMKIT_DEBIAN_IMAGE") or os.path.join(
        os.environ.get("SBOMKIT_FIXTURES") or os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"),
                                                            "sbomkit-fixtures"), "debian-app")
    gen = os.path.join(build, "tools", "sbom-gen", "sbom-gen")
    tar = os.path.join(img, "debian-app.docker.tar")
    if os.path.exists(tar):
        sbom = os.path.join(tmp, "image.cdx.json")
        image_scan = os.path.join(tmp, "image-scan.cdx.json")
        if run([gen, "-q", tar, "-o", sbom], env=env).returncode == 0 and run(
                [match, "--db", os.path.join(shared, "osv", "Go", "all.zip"), "--db", os.path.join(shared, "osv", "PyPI", "all.zip"),
                 sbom, "-o", image_scan], env=env).returncode == 0:
            inputs["debian-image"] = image_scan
    else:
        tap.skip("the Debian image scanned end to end", "no image at %s (../shared/scripts/make-debian-image builds it)" % img)
    print("# inputs: " + ", ".join(sorted(inputs)))

    sarif_schema = json.load(open(os.path.join(shared, "schemas", "sarif", "sarif-schema-2.1.0.json")))
    sarif_validator = jsonschema.validators.validator_for(sarif_schema)(sarif_schema)
    report_schema = json.load(open(os.path.join(src, "schemas", "report.schema.json")))
    report_validator = jsonschema.Draft202012Validator(report_schema)
    gl_examples = []
    for root, _, files in os.walk(os.path.join(shared, "schemas", "gitlab", "examples")):
        for f in sorted(files):
            if f.endswith((".json", ".golden")):
                gl_examples.append(json.load(open(os.path.join(root, f))))
    gl_known = set().union(*(key_paths(e) for e in gl_examples))
    # Beyond the real reports: scan.messages (level info/warn/fatal, value) of the security report
    # schema 15.0.7 that we target, where the report names the vulnerability index it used.
    gl_known |= {"scan.messages", "scan.messages[].level", "scan.messages[].value"}
    gl_vulns = [v for e in gl_examples for v in e.get("vulnerabilities", [])]
    gl_required = set.intersection(*(key_paths(v) for v in gl_vulns))
    # Members GitHub code scanning reads that both Trivy's and Grype's SARIF carry.
    peer_paths = None
    for name in ["trivy/alpine-310.sarif.golden", "grype/TestSarifPresenter_image.golden"]:
        p = key_paths(json.load(open(os.path.join(shared, "schemas", "sarif", "examples", name))))
        peer_paths = p if peer_paths is None else peer_paths & p

    mt = multitool(build)
    outputs = {}
    for label, path in sorted(inputs.items()):
        d = os.path.join(tmp, label)
        os.makedirs(d)
        plain = run([gate, "--fail-on", "high", path], env=env)
        args = [gate, "--fail-on", "high"] + sum((["--report", f] for f in FORMATS), []) + [path]
        with_reports = run(args, env=env, cwd=d)
        tap.ok(plain.returncode == with_reports.returncode and plain.stdout == with_reports.stdout and
               plain.stderr == with_reports.stderr,
               "%s: exit status, stdout and stderr unchanged by --report" % label,
               "exit %d vs %d; %s" % (plain.returncode, with_reports.returncode, with_reports.stderr.decode(errors="replace")))
        files = {f: os.path.join(d, n) for f, n in [
            ("sarif", "sbom-gate.sarif"), ("junit", "sbom-gate.junit.xml"), ("gitlab", "gl-container-scanning-report.json"),
            ("table", "sbom-gate.txt"), ("markdown", "sbom-gate.md"), ("json", "sbom-gate.report.json"),
            ("github", "sbom-gate.summary.md")]}
        tap.ok(all(os.path.exists(p) for p in files.values()), "%s: every report written to its default file" % label,
               sorted(os.listdir(d)))
        outputs[label] = files

        sarif = json.load(open(files["sarif"]))
        errors = list(sarif_validator.iter_errors(sarif))
        tap.ok(not errors, "%s: SARIF valid against the SARIF 2.1.0 schema" % label, "\n".join(e.message for e in errors[:5]))
        missing = sorted(p for p in peer_paths if p.startswith("runs[].results[]") or p.startswith("runs[].tool.driver.rules[]")
                         if p not in key_paths(sarif) and not p.startswith("runs[].results[].locations[].message"))
        tap.ok(not missing, "%s: SARIF carries the members Trivy's and Grype's SARIF give code scanning" % label, missing)
        results = sarif["runs"][0]["results"]
        if label == "debian-image":
            uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]
            tap.ok(uris and all("/" in u and not u.startswith("/") for u in uris) and
                   all("layer sha256:" in r["message"]["text"] for r in results),
                   "debian-image: every SARIF result located at its file in the image, with its layer", uris[:5])
        prints = [r["partialFingerprints"]["sbomkitFinding/v1"] for r in results]
        tap.ok(len(prints) == len(set(prints)), "%s: SARIF fingerprints distinct within a run" % label)
        if mt is None:
            tap.skip("%s: SARIF Multitool validate" % label, "@microsoft/sarif-multitool-linux could not be installed (no network?)")
        else:
            log = os.path.join(d, "multitool.sarif")
            r = run([mt, "validate", files["sarif"], "-o", log], env=dict(env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT="1"),
                    timeout=300)
            found = json.load(open(log)) if os.path.exists(log) else {"runs": []}
            errs = [x for run_ in found["runs"] for x in run_.get("results", []) if x.get("level") == "error"]
            errs += [x for run_ in found["runs"] for inv in run_.get("invocations", [])
                     for x in inv.get("toolExecutionNotifications", []) if x.get("level") == "error"]
            tap.ok(r.returncode == 0 and os.path.exists(log) and not errs, "%s: SARIF Multitool validate: no errors" % label,
                   r.stdout.decode(errors="replace") + json.dumps(errs[:3]))

        for xsd in ["junit-10.xsd", "JUnit.xsd"]:
            r = run(["xmllint", "--noout", "--schema", os.path.join(shared, "schemas", "junit", xsd), files["junit"]])
            tap.ok(r.returncode == 0, "%s: JUnit valid against %s" % (label, xsd), r.stderr.decode(errors="replace"))

        gl = json.load(open(files["gitlab"]))
        ours = key_paths(gl)
        tap.ok(gl.get("version") == GITLAB_VERSION and gl["scan"]["type"] == "container_scanning",
               "%s: GitLab report is container scanning, format %s" % (label, GITLAB_VERSION))
        tap.ok(ours <= gl_known, "%s: GitLab report writes only members real reports have" % label, sorted(ours - gl_known))
        lacking = sorted(p for v in gl["vulnerabilities"] for p in gl_required - key_paths(v))
        tap.ok(not lacking, "%s: GitLab findings carry every member all real findings carry" % label, lacking)

        rep = json.load(open(files["json"]))
        errors = list(report_validator.iter_errors(rep))
        tap.ok(not errors, "%s: JSON report valid against schemas/report.schema.json" % label, "\n".join(e.message for e in errors[:5]))
        tap.ok(len(rep["findings"]) == len(results), "%s: SARIF has one result per finding" % label)

        # The index the findings come from, as sbom-match recorded it: named by every report.
        doc = json.load(open(path))
        digests = [p["value"] for p in doc.get("metadata", {}).get("properties", []) if p.get("name") == "sbomkit:index:source"]
        if digests:
            first = digests[0].split(" ")[0]
            junit_text = open(files["junit"]).read()
            named = {
                "json": first in rep.get("index", {}).get("sources", [""])[0],
                "sarif": first in json.dumps(sarif["runs"][0].get("properties", {}).get("index", {})),
                "junit": '<property name="index" value="' in junit_text and '<property name="index_source" value="' + first in junit_text,
                "gitlab": any(m.get("value", "").startswith("index: ") for m in gl["scan"].get("messages", [])),
                "table": open(files["table"]).read().splitlines()[-1].startswith("index: "),
                "markdown": "\nIndex: " in open(files["markdown"]).read(),
                "github": "\nIndex: " in open(files["github"]).read(),
            }
            tap.ok(all(named.values()), "%s: every report names the index the scan used" % label,
                   sorted(k for k, v in named.items() if not v))

        again = os.path.join(d, "again")
        os.makedirs(again)
        run([gate, "--fail-on", "high", "--report", "sarif", path], env=env, cwd=again)
        tap.ok(open(os.path.join(again, "sbom-gate.sarif"), "rb").read() == open(files["sarif"], "rb").read(),
               "%s: two runs write the same SARIF, byte for byte" % label)

    # Two releases of one image: the next one with another serial and every component one
    # version on, still vulnerable. The same findings keep their fingerprints.
    base = json.load(open(inputs["trivy-debian"]))
    nxt = json.loads(json.dumps(base))
    nxt["serialNumber"] = "urn:uuid:00000000-0000-4000-8000-000000000001"
    for c in nxt.get("components", []):
        if "version" in c:
            c["version"] += "+next1"
    release2 = os.path.join(tmp, "release2.cdx.json")
    json.dump(nxt, open(release2, "w"))
    d2 = os.path.join(tmp, "release2")
    os.makedirs(d2)
    run([gate, "--report", "json", release2], env=env, cwd=d2)
    first = {(f["id"], f["package"]): f["fingerprint"] for f in json.load(open(outputs["trivy-debian"]["json"]))["findings"]}
    second = {(f["id"], f["package"]): f["fingerprint"] for f in json.load(open(os.path.join(d2, "sbom-gate.report.json")))["findings"]}
    tap.ok(first == second and len(first) > 0, "fingerprints the same across two releases of the image",
           json.dumps({"first": len(first), "second": len(second)}))

    # A report that cannot be written: exit 2, nothing on stdout, nothing left in the directory.
    ro = os.path.join(tmp, "nowhere")
    r = run([gate, "--report", "sarif=" + os.path.join(ro, "x.sarif"), inputs["trivy-debian"]], env=env)
    tap.ok(r.returncode == 2 and r.stdout == b"" and not os.path.exists(ro),
           "unwritable report: exit 2, nothing on stdout", r.stderr.decode(errors="replace"))

    # sbom-diff: SARIF and JUnit of what the later release brings, nothing that was there before.
    dd = os.path.join(tmp, "diff")
    os.makedirs(dd)
    older = json.loads(json.dumps(base))
    older["vulnerabilities"] = older["vulnerabilities"][:2]
    older_path = os.path.join(tmp, "older.cdx.json")
    json.dump(older, open(older_path, "w"))
    r = run([diff, "--fail-on-new", "critical", "--report", "sarif", "--report", "junit", older_path, inputs["trivy-debian"]],
            env=env, cwd=dd)
    sarif = json.load(open(os.path.join(dd, "sbom-diff.sarif")))
    ids = {x["ruleId"] for x in sarif["runs"][0]["results"]}
    old_ids = {v["id"] for v in older["vulnerabilities"]}
    new_ids = {v["id"] for v in base["vulnerabilities"]} - old_ids
    tap.ok(r.returncode == 1 and ids == new_ids and not list(sarif_validator.iter_errors(sarif)),
           "sbom-diff --report sarif: the new findings only, valid SARIF", "%s vs %s" % (sorted(ids), sorted(new_ids)))
    xr = run(["xmllint", "--noout", "--schema", os.path.join(shared, "schemas", "junit", "junit-10.xsd"),
              os.path.join(dd, "sbom-diff.junit.xml")])
    tap.ok(xr.returncode == 0, "sbom-diff --report junit: valid JUnit", xr.stderr.decode(errors="replace"))

    print("1..%d" % tap.n)
    shutil.rmtree(tmp, ignore_errors=True)
    return 1 if tap.failed else 0


if __name__ == "__main__":
    sys.exit(main())
