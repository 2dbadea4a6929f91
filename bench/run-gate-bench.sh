#!/bin/bash
# sbom-gate on a generated document of 100,000 components and 50,000 vulnerabilities: prints the
# input size, wall time, CPU time and peak RSS (GNU time). A benchmark, not a test: nothing here
# asserts a time. Usage: run-gate-bench.sh SBOM-GATE [COMPONENTS VULNERABILITIES]
set -euo pipefail
gate=${1:?usage: run-gate-bench.sh SBOM-GATE [COMPONENTS VULNERABILITIES]}
components=${2:-100000}
vulns=${3:-50000}
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -x /usr/bin/time ]; then
  echo "run-gate-bench: /usr/bin/time is missing (apt-get install -y time)" >&2
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 "$here/gen_big_sbom.py" --components "$components" --vulnerabilities "$vulns" -o "$work/big.cdx.json"
size=$(stat -c %s "$work/big.cdx.json")
# Warm the page cache so the run measures sbom-gate, not the disk.
cat "$work/big.cdx.json" > /dev/null
/usr/bin/time -v -o "$work/time.txt" "$gate" --fail-on none --top 0 "$work/big.cdx.json" > "$work/out.cdx.json" 2> "$work/summary.txt"
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt")
user=$(sed -n 's/.*User time (seconds): //p' "$work/time.txt")
sys=$(sed -n 's/.*System time (seconds): //p' "$work/time.txt")
rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
awk -v c="$components" -v v="$vulns" -v size="$size" -v wall="$wall" -v user="$user" -v sys="$sys" -v rss="$rss_kb" 'BEGIN {
  printf "sbom-gate: %d components, %d vulnerabilities, input %.1f MB\n", c, v, size / 1e6
  printf "  wall %s s, cpu %.2f s (user %s + sys %s)\n", wall, user + sys, user, sys
  printf "  peak RSS %.1f MB = %.2fx the input\n", rss * 1024 / 1e6, rss * 1024 / size
}'
head -1 "$work/summary.txt" | sed 's/^/  summary: /'
cmp -s <(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1])) == json.load(open(sys.argv[2])))' "$work/big.cdx.json" "$work/out.cdx.json") <(echo True) \
  || { echo "run-gate-bench: output is not JSON-equal to the input" >&2; exit 1; }
