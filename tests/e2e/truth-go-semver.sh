#!/usr/bin/env bash
# Copies a truth directory (TRUTH) to OUT with the Go toolchain rows (kind stdlib) written as the
# SemVer sbom-gen writes for them (go1.19 -> 1.19.0, go1.21rc2 -> 1.21.0-rc.2, as OSV's Go records
# name the toolchain); the truth names them as Go does, and compare-truth only drops the "go".
set -euo pipefail
TRUTH=$1
OUT=$2
mkdir -p "$OUT"
cp "$TRUTH"/*.tsv "$OUT"/
awk -F'\t' -v OFS='\t' 'NR > 1 && $3 == "stdlib" {
  v = $2; sub(/^go/, "", v); pre = ""
  if (match(v, /[a-z]+[0-9]+$/)) { w = substr(v, RSTART); v = substr(v, 1, RSTART - 1)
    match(w, /[0-9]+$/); pre = "-" substr(w, 1, RSTART - 1) "." substr(w, RSTART) }
  n = split(v, parts, "."); while (n < 3) { v = v ".0"; n++ }
  $2 = v pre
} { print }' "$TRUTH/golang.tsv" > "$OUT/golang.tsv"
