#!/usr/bin/env python3
"""Writes a made-up ledger of ENTRIES exceptions and a scanned SBOM of FINDINGS findings into DIR
(exceptions.yaml, scan.cdx.json), for timing `sbom-exceptions apply`. Every 16th entry names a
finding's id (half of them by its GHSA alias), the rest name ids the scan does not have; scopes
mix plain purls, purl patterns, version constraints and path patterns, so the scope check runs
on every candidate form. Usage: gen.py DIR [ENTRIES] [FINDINGS]"""
import json
import os
import sys

out = sys.argv[1]
entries = int(sys.argv[2]) if len(sys.argv) > 2 else 100000
findings = int(sys.argv[3]) if len(sys.argv) > 3 else 6000
components = max(1, findings // 2)

comps = []
for c in range(components):
    name = f"pkg{c}"
    version = f"{1 + c % 9}.{c % 13}.{c % 7}"
    comps.append({"bom-ref": f"c{c}", "type": "library", "name": name, "version": version,
                  "purl": f"pkg:npm/{name}@{version}",
                  "properties": [{"name": "sbomkit:path", "value": f"/app/node_modules/{name}/package.json"}]})
vulns = []
for j in range(findings):
    affects = [{"ref": f"c{(j + k * 7) % components}"} for k in range(1 + j % 3)]
    vulns.append({"bom-ref": f"v{j}", "id": f"CVE-2024-{j * 16:06d}",
                  "references": [{"id": f"GHSA-{j:04x}-aaaa-bbbb", "source": {"name": "GitHub"}}],
                  "affects": affects})
with open(os.path.join(out, "scan.cdx.json"), "w") as f:
    json.dump({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
               "components": comps, "vulnerabilities": vulns}, f, indent=1)

lines = ["version: 1", "exceptions:"]
for i in range(entries):
    j = i // 16
    if i % 16 == 0 and j < findings:
        vid = f"CVE-2024-{j * 16:06d}" if j % 2 == 0 else f"GHSA-{j:04x}-aaaa-bbbb"
        c = j % components
    else:
        vid = f"CVE-2025-{i:06d}"
        c = i % components
    lines.append(f"  - id: {vid}")
    form = i % 4
    if form == 0:
        lines.append(f"    scope: pkg:npm/pkg{c}")
    elif form == 1:
        lines.append(f"    scope: \"pkg:npm/pkg{c}*\"")
    elif form == 2:
        lines += ["    scope:", f"      purl: pkg:npm/pkg{c}", "      versions: \">= 1.0.0, < 10.0.0\""]
    else:
        lines += ["    scope:", f"      path: \"/app/node_modules/pkg{c}/*\""]
    lines += ["    status: not_affected", "    justification: code_not_reachable", "    reason: bench",
              "    owner: bench", "    expires: 2099-12-31"]
with open(os.path.join(out, "exceptions.yaml"), "w") as f:
    f.write("\n".join(lines) + "\n")
