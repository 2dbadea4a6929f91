#!/bin/sh
# Times sbom-diff on generated releases of N components each (default 100000): the library stages
# (diff_bench), then the command line end to end, wall and CPU time and peak RSS, in every format:
# OLD against NEW (a few percent changed; the target is under 1 s wall for N = 100000 on two
# cores) and OLD against UPGRADED (every package upgraded: a report of N changes). Each command
# line runs RUNS times (default 3); the fastest run is shown, with the load average before it,
# since wall times on a shared machine say more about the load than about the tool.
# Usage: run.sh BUILD_DIR [N] [RUNS]
set -eu
build=${1:?usage: run.sh BUILD_DIR [N] [RUNS]}
n=${2:-100000}
runs=${3:-3}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$build/bench/diff/diff_bench" --write "$dir" "$n"
tool="$build/tools/sbom-diff/sbom-diff"

# One line: the fastest of $runs runs (by wall time) of sbom-diff --format $1 $2 $3.
best() {
  format=$1 old=$2 new=$3
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  i=0
  : > "$dir/times"
  while [ "$i" -lt "$runs" ]; do
    # Exit 1 (differences found) is the expected outcome.
    /usr/bin/time -o "$dir/time" -f "%e %U %S %M" "$tool" --format "$format" "$old" "$new" > /dev/null || true
    tail -n 1 "$dir/time" >> "$dir/times"
    i=$((i + 1))
  done
  sort -n "$dir/times" | head -n 1 | awk -v f="$format" -v w="$(basename "$new" .cdx.json)" -v l="$load" \
    '{ printf "sbom-diff --format %-8s old %-8s %5.2f s wall, %5.2f s CPU (%.2f user + %.2f sys), %4d MB peak RSS (load %s)\n",
       f, w, $1, $2 + $3, $2, $3, $4 / 1024, l }'
}

echo "command line, 2 x $n components, best of $runs:"
for format in text markdown json html; do
  best "$format" "$dir/old.cdx.json" "$dir/new.cdx.json"
done
for format in text markdown json html; do
  best "$format" "$dir/old.cdx.json" "$dir/upgraded.cdx.json"
done
