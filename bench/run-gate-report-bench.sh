#!/bin/bash
# What --report costs sbom-gate on a generated document of 100,000 components and 50,000
# vulnerabilities: RUNS runs without reports and RUNS runs writing every format (sarif, junit,
# gitlab, table, markdown, json, github), medians of wall time, and the overhead in percent.
# A benchmark, not a test: nothing here asserts a time (the issue's target is under 50%).
# With REFERENCE (another build's sbom-gate, e.g. the one before a change to the writers), the
# seven reports of both are compared byte for byte: a faster writer must write the same bytes.
# Usage: run-gate-report-bench.sh SBOM-GATE [COMPONENTS VULNERABILITIES RUNS [REFERENCE]]
set -euo pipefail
usage="usage: run-gate-report-bench.sh SBOM-GATE [COMPONENTS VULNERABILITIES RUNS [REFERENCE]]"
gate=${1:?$usage}
components=${2:-100000}
vulns=${3:-50000}
runs=${4:-5}
reference=${5:-}
export SOURCE_DATE_EPOCH=1767225600  # the reports' timestamps, so two builds' reports can be compared
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -x /usr/bin/time ]; then
  echo "run-gate-report-bench: /usr/bin/time is missing (apt-get install -y time)" >&2
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 "$here/gen_big_sbom.py" --components "$components" --vulnerabilities "$vulns" -o "$work/big.cdx.json"
cat "$work/big.cdx.json" > /dev/null  # warm the page cache
reports=()
for f in sarif junit gitlab table markdown json github; do reports+=(--report "$f=$work/report.$f"); done
# One timed run: "wall cpu" seconds (the verdict's exit status 1 is not a failure here). CPU time
# (user + sys) is reported besides wall time: on a shared machine it is the steadier of the two.
timed() {
  /usr/bin/time -f "%e %U %S" -o "$work/t" "$gate" --fail-on high --top 0 "$@" "$work/big.cdx.json" \
    > "$work/out.json" 2> /dev/null || [ $? -eq 1 ]
  awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$work/t"
}
median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
plain=()
with=()
# Interleaved, so a slow moment of a shared machine falls on both kinds of run alike.
for ((i = 0; i < runs; i++)); do
  plain+=("$(timed)")
  with+=("$(timed "${reports[@]}")")
done
pw=$(printf '%s\n' "${plain[@]}" | cut -d' ' -f1 | median)
pc=$(printf '%s\n' "${plain[@]}" | cut -d' ' -f2 | median)
ww=$(printf '%s\n' "${with[@]}" | cut -d' ' -f1 | median)
wc=$(printf '%s\n' "${with[@]}" | cut -d' ' -f2 | median)
cmp -s "$work/out.json" "$work/big.cdx.json" || { echo "run-gate-report-bench: the document changed" >&2; exit 1; }
if [ -n "$reference" ]; then
  mkdir "$work/ref"
  ref_reports=()
  for f in sarif junit gitlab table markdown json github; do ref_reports+=(--report "$f=$work/ref/report.$f"); done
  "$reference" --fail-on high --top 0 "${ref_reports[@]}" "$work/big.cdx.json" > /dev/null 2>&1 || [ $? -eq 1 ]
  for f in sarif junit gitlab table markdown json github; do
    cmp "$work/ref/report.$f" "$work/report.$f" >&2 || { echo "run-gate-report-bench: the $f report differs from $reference's" >&2; exit 1; }
  done
  echo "all 7 reports byte-identical to $reference's"
fi
size=$(du -ch "$work"/report.* | tail -1 | cut -f1)
awk -v c="$components" -v v="$vulns" -v n="$runs" -v pw="$pw" -v pc="$pc" -v ww="$ww" -v wc="$wc" -v size="$size" 'BEGIN {
  printf "sbom-gate: %d components, %d vulnerabilities, median of %d runs (%s of reports)\n", c, v, n, size
  printf "  wall: without reports %.2f s, with all 7 reports %.2f s: %+.0f%%\n", pw, ww, (ww - pw) * 100 / pw
  printf "  cpu:  without reports %.2f s, with all 7 reports %.2f s: %+.0f%%\n", pc, wc, (wc - pc) * 100 / pc
}'
