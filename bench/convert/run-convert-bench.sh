#!/bin/bash
# sbom-convert of the generated benchmark document (bench/gen_big_sbom.py: COMPONENTS components,
# half as many vulnerabilities; default 100,000) in every direction the issue-12 bound names: from
# CycloneDX JSON to each output format, and from CycloneDX XML to CycloneDX JSON. Prints, per
# direction, the medians of RUNS whole-process runs (/usr/bin/time: user + sys CPU, wall, peak
# RSS) and the load average. With REFERENCE (another sbom-convert build), runs the two in turn
# and checks that every output is byte-identical, so a speed change cannot change a byte.
# A benchmark, not a test: nothing asserts a time.
# Usage: run-convert-bench.sh SBOM-CONVERT [REFERENCE|-] [COMPONENTS] [RUNS]
set -euo pipefail
convert=${1:?usage: run-convert-bench.sh SBOM-CONVERT [REFERENCE|-] [COMPONENTS] [RUNS]}
reference=${2:--}
n=${3:-100000}
runs=${4:-5}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 "$here/gen_big_sbom.py" --components "$n" --vulnerabilities $((n / 2)) -o "$work/big.cdx.json"
"$convert" --format cyclonedx-xml -o "$work/big.cdx.xml" "$work/big.cdx.json" 2>/dev/null

# median of the numbers on stdin
median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

# time_one BINARY FORMAT INPUT OUTPUT: one run's "cpu wall peak-MiB" line
time_one() {
  /usr/bin/time -f '%U %S %e %M' -o "$work/time" "$1" --format "$2" -o "$4" "$3" 2>/dev/null || true
  awk '{printf "%.3f %.3f %.1f\n", $1 + $2, $3, $4 / 1024}' "$work/time"
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-32s %-10s %9s %9s %9s\n' direction build cpu-s wall-s peak-MiB
for direction in json:cyclonedx-json json:cyclonedx-xml json:spdx-json json:spdx-tag-value json:spdx3-json \
                 xml:cyclonedx-json; do
  input=$work/big.cdx.${direction%%:*}
  format=${direction#*:}
  builds=(new)
  [ "$reference" != - ] && builds+=(reference)
  : > "$work/new.times"
  : > "$work/reference.times"
  for ((i = 0; i < runs; i++)); do
    time_one "$convert" "$format" "$input" "$work/out.new" >> "$work/new.times"
    [ "$reference" != - ] && time_one "$reference" "$format" "$input" "$work/out.reference" >> "$work/reference.times"
  done
  for b in "${builds[@]}"; do
    printf '%-32s %-10s %9s %9s %9s\n' "${direction%%:*} -> $format" "$b" \
      "$(cut -d' ' -f1 "$work/$b.times" | median)" "$(cut -d' ' -f2 "$work/$b.times" | median)" \
      "$(cut -d' ' -f3 "$work/$b.times" | median)"
  done
  if [ "$reference" != - ]; then
    if cmp -s "$work/out.new" "$work/out.reference"; then echo "  outputs identical ($(stat -c %s "$work/out.new") bytes)"
    else echo "  OUTPUTS DIFFER"; fi
  fi
done
