#!/usr/bin/env python3
"""xpath_resolves.py XML LOSS-REPORT: whether each loss location of a report is a place in XML.

Each location is an XPath of local names as sbomkit writes them ("/bom/components/component[2]/
licenses/license[1]/@bom-ref", "text()", "@*"); it is evaluated with xmllint with every step made
namespace-blind (a CycloneDX document has a default namespace, and kept elements keep their own
prefix). Prints how many resolve, then each one that does not, with what was lost there. Exit 0
either way: the output is the test's (tests/cli golden cases).
"""
import json
import re
import subprocess
import sys


def blind(xpath):
    steps = []
    for step in xpath.strip("/").split("/"):
        m = re.fullmatch(r"(@?)([^\[\]]+)((?:\[\d+\])?)", step)
        if not m or step in ("@*", "text()") or m.group(2) == "*":
            steps.append(step)
            continue
        at, name, pos = m.groups()
        local = name.split(":")[-1]
        steps.append(f"{at}*[local-name()='{local}']{pos}")
    return "/" + "/".join(steps)


def main():
    xml, report = sys.argv[1], sys.argv[2]
    losses = json.load(open(report))["losses"]
    missing = []
    for loss in losses:
        r = subprocess.run(["xmllint", "--xpath", f"count({blind(loss['location'])})", xml], capture_output=True, text=True)
        if r.returncode != 0 or r.stdout.strip() in ("", "0"):
            missing.append(loss)
    print(f"{len(losses) - len(missing)} of {len(losses)} loss locations resolve in the XML")
    for loss in missing:
        print(f"  not in the XML: {loss['location']}: {loss['what']}")


if __name__ == "__main__":
    main()
