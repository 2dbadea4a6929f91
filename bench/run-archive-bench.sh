#!/bin/bash
# sbom-archive create and verify on a generated document (default 20,000 components, 10,000
# vulnerabilities), each paired with sbom-gate on the same document (one read and one judgement:
# the yardstick) through farm-bench --vs: quote the medians and the A/B ratios. A benchmark, not a
# test: nothing here asserts a time. Usage: run-archive-bench.sh BUILD-DIR [COMPONENTS VULNERABILITIES]
set -euo pipefail
build=$(cd "${1:?usage: run-archive-bench.sh BUILD-DIR [COMPONENTS VULNERABILITIES]}" && pwd)
components=${2:-20000}
vulns=${3:-10000}
here=$(cd "$(dirname "$0")" && pwd)
command -v farm-bench >/dev/null || { echo "run-archive-bench: farm-bench is not installed" >&2; exit 77; }
archive=$build/tools/sbom-archive/sbom-archive
gate=$build/tools/sbom-gate/sbom-gate
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
/usr/bin/python3 "$here/gen_big_sbom.py" --components "$components" --vulnerabilities "$vulns" -o big.cdx.json
printf '{"version": 1, "fail-on": "critical"}\n' > policy.json
"$archive" create big.cdx.json --policy policy.json --date 2026-01-01 -o big.tar 2>/dev/null
echo "sbom-archive: $components components, $vulns vulnerabilities, input $(stat -c %s big.cdx.json) bytes"
echo "== create (A) vs sbom-gate (B)"
farm-bench -n 5 --timeout 600 --vs "$gate --policy policy.json -o /dev/null big.cdx.json" -- \
  "$archive" create big.cdx.json --policy policy.json --date 2026-01-01 -o again.tar
cmp -s big.tar again.tar || { echo "run-archive-bench: two creates gave different bundles" >&2; exit 1; }
echo "== verify (A) vs sbom-gate (B)"
farm-bench -n 5 --timeout 600 --vs "$gate --policy policy.json -o /dev/null big.cdx.json" -- \
  "$archive" verify --now 2026-01-02 big.tar
