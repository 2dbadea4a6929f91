#!/bin/sh
# Times `sbom-exceptions apply` on a generated ledger of ENTRIES entries against a scan of
# FINDINGS findings (default 100000 x 6000; gen.py): wall and CPU time and peak RSS of the
# fastest of RUNS runs (default 3), and the SHA-256 of the output so runs of two builds can be
# compared byte for byte.
# Usage: run.sh BUILD_DIR [ENTRIES] [FINDINGS] [RUNS]
set -eu
build=${1:?usage: run.sh BUILD_DIR [ENTRIES] [FINDINGS] [RUNS]}
entries=${2:-100000}
findings=${3:-6000}
runs=${4:-3}
here=$(dirname "$0")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 "$here/gen.py" "$dir" "$entries" "$findings"
tool=$(realpath "$build/tools/sbom-exceptions/sbom-exceptions")
i=0
: > "$dir/times"
while [ "$i" -lt "$runs" ]; do
  # Relative names: the ledger's name is written into the output, and the digest must not depend on $dir.
  (cd "$dir" && /usr/bin/time -o time -f "%e %U %S %M" "$tool" apply --now 2026-12-01 exceptions.yaml scan.cdx.json > out.json 2> stderr)
  tail -n 1 "$dir/time" >> "$dir/times"
  i=$((i + 1))
done
sum=$(sha256sum < "$dir/out.json" | cut -c1-16)
sort -n "$dir/times" | head -n 1 | awk -v e="$entries" -v f="$findings" -v s="$sum" -v l="$(cut -d' ' -f1-3 /proc/loadavg)" \
  '{ printf "sbom-exceptions apply %d entries x %d findings: %6.2f s wall, %6.2f s CPU, %4d MB peak RSS, output %s (load %s)\n", e, f, $1, $2 + $3, $4 / 1024, s, l }'
