#!/bin/sh
# Scans the releases of this directory into OUT (tests of sbom-diff's "why"): two indexes built a
# day apart from osv-day1 and osv-day2 (each copied to OUT/dayN/osv, so both name their source
# "osv"), r1 and r2 scanned with each, and r2 (day 2) with the exceptions before and after.
# Usage: scan.sh OUT (sbom-db, sbom-match and sbom-exceptions on PATH).
set -e
here=$(cd "$(dirname "$0")" && pwd)
out=$1
for day in 1 2; do
  mkdir -p "$out/day$day"
  cp -r "$here/osv-day$day" "$out/day$day/osv"
  (cd "$out/day$day" && SOURCE_DATE_EPOCH=$((1767225600 + (day - 1) * 86400)) sbom-db build osv -o index.sbomdb 2>/dev/null)
  for r in r1 r2; do
    sbom-match -q --db "$out/day$day/index.sbomdb" --now 2026-01-0$((day + 1)) "$here/$r.cdx.json" > "$out/$r-day$day.json" 2>/dev/null
  done
done
# Relative names: an applied entry is named by its file as given, and reports must not depend on
# where the checkout lives.
cd "$here"
sbom-exceptions apply --now 2026-01-03 exceptions-before.yaml "$out/r2-day2.json" > "$out/r2-before.json" 2>/dev/null
sbom-exceptions apply --now 2026-01-10 exceptions-after.yaml "$out/r2-day2.json" > "$out/r2-after.json" 2>/dev/null
