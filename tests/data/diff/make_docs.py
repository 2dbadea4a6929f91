#!/usr/bin/env python3
"""Writes the sbom-diff test documents of this folder (run it here after changing it).

Three releases of one made-up Debian image with an app layer, in our shape (r1, r2, r3), and r1
again the way Trivy writes it (other bom-refs, qualifiers, property names, rating layout), so
that a diff of the two shows no differences. The expected answers are in the golden cases
tests/cli/cases/diff-*.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def deb(name, version, lic=None):
    return {"kind": "deb", "name": name, "version": version, "license": lic}


def lang(kind, name, version, path, lic=None, group=None, sha=None):
    return {"kind": kind, "name": name, "version": version, "path": path, "license": lic, "group": group, "sha": sha}


# (component key, vulnerability) -> rating; `supp` marks an exception (analysis).
def vuln(vid, comp, severity, aliases=(), supp=None, fixed=None, source="debian"):
    return {"id": vid, "comp": comp, "severity": severity, "aliases": list(aliases), "supp": supp,
            "fixed": fixed, "source": source}


RELEASES = {
    "r1": {
        "os": "12.4",
        "components": [
            deb("openssl", "3.0.11-1~deb12u1", "Apache-2.0"),
            deb("zlib1g", "1:1.2.13.dfsg-1"),
            deb("curl", "7.88.1-10+deb12u4", "curl"),
            lang("npm", "lodash", "4.17.20", "/app/node_modules/lodash/package.json", "MIT"),
            lang("npm", "lodash", "4.17.20", "/app/vendor/node_modules/lodash/package.json", "MIT"),
            lang("pypi", "requests", "2.31.0", "/usr/lib/python3/dist-packages/requests", "Apache-2.0", sha="aa" * 32),
            lang("maven", "log4j-core", "2.14.1", "/app/lib/log4j-core-2.14.1.jar", "Apache-2.0",
                 group="org.apache.logging.log4j"),
        ],
        "vulns": [
            vuln("CVE-2023-5678", "openssl", "high", fixed="3.0.13-1~deb12u1"),
            vuln("CVE-2021-44228", "log4j-core", "critical", aliases=["GHSA-jfh8-c2jp-5v3q"], fixed="2.15.0",
                 source="ghsa"),
            vuln("CVE-2021-23337", "lodash", "high", aliases=["GHSA-35jh-r3h4-6jhm"], fixed="4.17.21", source="ghsa"),
            vuln("CVE-2023-38545", "curl", "medium"),
            vuln("CVE-2023-45853", "zlib1g", "low"),
        ],
    },
    "r2": {
        "os": "12.5",
        "components": [
            deb("openssl", "3.0.13-1~deb12u1", "Apache-2.0"),
            deb("zlib1g", "1:1.2.13.dfsg-1"),
            deb("curl", "7.88.1-10+deb12u4", "curl"),
            lang("npm", "lodash", "4.17.21", "/app/node_modules/lodash/package.json", "MIT"),
            lang("npm", "lodash", "4.17.20", "/app/vendor/node_modules/lodash/package.json", "MIT"),
            lang("npm", "express", "4.18.2", "/app/node_modules/express/package.json", "MIT"),
            lang("pypi", "requests", "2.31.0", "/usr/lib/python3/dist-packages/requests", "Apache-2.0", sha="bb" * 32),
            lang("maven", "log4j-core", "2.17.1", "/app/lib/log4j-core-2.17.1.jar", "Apache-2.0",
                 group="org.apache.logging.log4j"),
        ],
        "vulns": [
            vuln("CVE-2021-23337", "lodash", "high", aliases=["GHSA-35jh-r3h4-6jhm"], fixed="4.17.21", source="ghsa"),
            vuln("CVE-2023-38545", "curl", "high"),
            vuln("CVE-2024-29041", "express", "medium", aliases=["GHSA-rv95-896h-c2vc"], fixed="4.19.2", source="ghsa"),
            vuln("CVE-2023-45853", "zlib1g", "low", supp="not_affected"),
        ],
    },
    "r3": {
        "os": "12.5",
        "components": [
            deb("openssl", "3.0.13-1~deb12u1", "Apache-2.0"),
            deb("zlib1g", "1:1.2.13.dfsg-1"),
            lang("npm", "lodash", "4.17.21", "/app/node_modules/lodash/package.json", "MIT"),
            lang("npm", "express", "4.18.2", "/app/node_modules/express/package.json", "MIT OR Apache-2.0"),
            lang("pypi", "requests", "2.30.0", "/usr/lib/python3/dist-packages/requests", "Apache-2.0", sha="cc" * 32),
            lang("pypi", "urllib3", "1.26.5", "/usr/lib/python3/dist-packages/urllib3", "MIT"),
            lang("maven", "log4j-core", "2.17.1", "/app/lib/log4j-core-2.17.1.jar", "Apache-2.0",
                 group="org.apache.logging.log4j"),
        ],
        "vulns": [
            vuln("CVE-2024-29041", "express", "medium", aliases=["GHSA-rv95-896h-c2vc"], fixed="4.19.2", source="ghsa"),
            vuln("CVE-2023-45853", "zlib1g", "low", supp="not_affected"),
            # Reported under its GHSA id this time: the alias group still says CVE.
            vuln("GHSA-v845-jxx5-vc9f", "urllib3", "high", aliases=["CVE-2023-43804"], fixed="1.26.17",
                 source="ghsa"),
        ],
    },
}


def purl(c, distro):
    if c["kind"] == "deb":
        return "pkg:deb/debian/%s@%s?arch=amd64&distro=%s" % (c["name"], c["version"].replace(":", "%3A"), distro)
    if c["kind"] == "maven":
        return "pkg:maven/%s/%s@%s" % (c["group"], c["name"], c["version"])
    return "pkg:%s/%s@%s" % (c["kind"], c["name"], c["version"])


def licenses(lic, trivy):
    if not lic:
        return None
    if " OR " in lic:
        return [{"expression": lic}]
    return [{"license": {"name": lic}}] if trivy else [{"license": {"id": lic}}]


def ours(name, rel):
    comps = [{"type": "operating-system", "bom-ref": "os", "name": "debian", "version": rel["os"]}]
    refs = {}
    for i, c in enumerate(rel["components"]):
        ref = "c%d" % (i + 1)
        refs.setdefault(c["name"], []).append(ref)
        comp = {"type": "library", "bom-ref": ref}
        if c.get("group"):
            comp["group"] = c["group"]
        comp.update({"name": c["name"], "version": c["version"]})
        lic = licenses(c["license"], False)
        if lic:
            comp["licenses"] = lic
        if c.get("sha"):
            comp["hashes"] = [{"alg": "SHA-256", "content": c["sha"]}]
        comp["purl"] = purl(c, "debian-12")
        if c.get("path"):
            comp["properties"] = [{"name": "sbomkit:path", "value": c["path"]}]
        comps.append(comp)
    vulns = []
    for v in rel["vulns"]:
        item = {"bom-ref": "v-" + v["id"], "id": v["id"], "source": {"name": v["source"]}}
        if v["aliases"]:
            item["references"] = [{"id": a, "source": {"name": "osv"}} for a in v["aliases"]]
        item["ratings"] = [{"source": {"name": v["source"]}, "severity": v["severity"]}]
        if v["supp"]:
            item["analysis"] = {"state": v["supp"], "justification": "code_not_reachable",
                                "detail": "the vulnerable function is never called"}
        item["affects"] = [{"ref": r} for r in refs[v["comp"]]]
        if v["fixed"]:
            item["properties"] = [{"name": "sbomkit:fixed_version", "value": v["fixed"]}]
        vulns.append(item)
    return {
        "bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
        "metadata": {"tools": {"components": [{"type": "application", "group": "sbomkit", "name": "sbom-gen",
                                               "version": "0.1.0"}]},
                     "component": {"type": "container", "bom-ref": "image", "name": "example/app",
                                   "version": name}},
        "components": comps, "vulnerabilities": vulns,
    }


def trivy(name, rel):
    """The same release as Trivy would write it: bom-refs are purls or UUIDs, components in
    another order, licence names, its own properties, NVD ratings next to the vendor's."""
    comps = [{"bom-ref": "3f1a0000-0000-4000-8000-000000000001", "type": "operating-system", "name": "debian",
              "version": rel["os"], "properties": [{"name": "aquasecurity:trivy:Class", "value": "os-pkgs"},
                                                   {"name": "aquasecurity:trivy:Type", "value": "debian"}]}]
    refs = {}
    for i, c in enumerate(reversed(rel["components"])):
        p = purl(c, "debian-" + rel["os"])
        ref = p if c["kind"] == "deb" else "3f1a0000-0000-4000-8000-%012d" % (i + 2)
        refs.setdefault(c["name"], []).append(ref)
        comp = {"bom-ref": ref, "type": "library"}
        if c.get("group"):
            comp["group"] = c["group"]
        comp.update({"name": c["name"], "version": c["version"]})
        lic = licenses(c["license"], True)
        if lic:
            comp["licenses"] = lic
        if c.get("sha"):
            comp["hashes"] = [{"alg": "SHA-256", "content": c["sha"]}]
        comp["purl"] = p
        props = [{"name": "aquasecurity:trivy:PkgType", "value": c["kind"] if c["kind"] != "deb" else "debian"}]
        if c.get("path"):
            props.insert(0, {"name": "aquasecurity:trivy:FilePath", "value": c["path"].lstrip("/")})
        comp["properties"] = props
        comps.append(comp)
    vulns = []
    for v in rel["vulns"]:
        ratings = [{"source": {"name": v["source"]}, "severity": v["severity"]}]
        ratings.append({"source": {"name": "nvd"}, "score": 5.3, "severity": "medium", "method": "CVSSv31",
                        "vector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N"})
        item = {"id": v["id"], "source": {"name": v["source"], "url": "https://example.invalid/" + v["source"]},
                "ratings": ratings}
        if v["aliases"]:
            item["advisories"] = [{"url": "https://example.invalid/" + a} for a in v["aliases"]]
            item["references"] = [{"id": a, "source": {"name": "trivy"}} for a in v["aliases"]]
        if v["fixed"]:
            item["recommendation"] = "Upgrade %s to version %s" % (v["comp"], v["fixed"])
        if v["supp"]:
            item["analysis"] = {"state": v["supp"]}
        item["affects"] = [{"ref": r, "versions": [{"version": "x", "status": "affected"}]} for r in refs[v["comp"]]]
        vulns.append(item)
    return {
        "$schema": "http://cyclonedx.org/schema/bom-1.5.schema.json",
        "bomFormat": "CycloneDX", "specVersion": "1.5",
        "serialNumber": "urn:uuid:3f1a0000-0000-4000-8000-0000000000ff", "version": 1,
        "metadata": {"timestamp": "2026-01-01T00:00:00+00:00",
                     "tools": {"components": [{"type": "application", "group": "aquasecurity", "name": "trivy",
                                               "version": "0.50.0"}]},
                     "component": {"bom-ref": "pkg:oci/app@sha256%3A00", "type": "container", "name": "example/app:" + name,
                                   "purl": "pkg:oci/app@sha256%3A00"}},
        "components": comps, "dependencies": [], "vulnerabilities": vulns,
    }


def write(name, doc):
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")


def main():
    for name, rel in RELEASES.items():
        write(name + ".cdx.json", ours(name, rel))
    write("r1-trivy.cdx.json", trivy("r1", RELEASES["r1"]))
    write("r2-trivy.cdx.json", trivy("r2", RELEASES["r2"]))
    # No vulnerabilities array at all: a plain component inventory (syft-like).
    plain = ours("r1", RELEASES["r1"])
    del plain["vulnerabilities"]
    write("r1-plain.cdx.json", plain)


if __name__ == "__main__":
    main()
