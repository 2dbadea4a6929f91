#!/bin/sh
# Reading speed of SPDX 2.3 JSON and tag-value against CycloneDX JSON on the generated benchmark
# document (bench/gen_big_sbom.py: N components, N/2 vulnerabilities; default 100000), converted in
# memory; prints the median of RUNS reads (default 5) of each and the ratio to CycloneDX JSON.
# Usage: run.sh BUILD_DIR [N] [RUNS]
set -eu
build=${1:?usage: run.sh BUILD_DIR [N] [RUNS]}
n=${2:-100000}
runs=${3:-5}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 "$(dirname "$0")/../gen_big_sbom.py" --components "$n" --vulnerabilities $((n / 2)) -o "$dir/big.cdx.json"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
"$build/bench/spdx/spdx_read_bench" "$dir/big.cdx.json" "$runs"
