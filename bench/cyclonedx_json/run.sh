#!/bin/bash
# CycloneDX JSON read and write on the benchmark document (100,000 components, 50,000
# vulnerabilities by default). A benchmark, not a test: nothing asserts a time.
# Usage: run.sh JSON_RW_BENCH [COMPONENTS VULNERABILITIES RUNS]
set -euo pipefail
bench=${1:?usage: run.sh JSON_RW_BENCH [COMPONENTS VULNERABILITIES RUNS]}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 "$here/gen_big_sbom.py" --components "${2:-100000}" --vulnerabilities "${3:-50000}" -o "$work/big.cdx.json"
"$bench" "$work/big.cdx.json" "${4:-5}"
