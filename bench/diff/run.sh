#!/bin/sh
# Times sbom-diff on two generated releases of N components each (default 100000): the library
# stages (diff_bench) and the command line end to end, with peak RSS. Usage: run.sh BUILD_DIR [N]
set -eu
build=${1:?usage: run.sh BUILD_DIR [N]}
n=${2:-100000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$build/bench/diff/diff_bench" --write "$dir" "$n"
for format in text json html; do
  /usr/bin/time -f "sbom-diff --format $format: %e s wall, %U s user, %S s sys, %M KiB peak RSS" \
    "$build/tools/sbom-diff/sbom-diff" --format "$format" "$dir/old.cdx.json" "$dir/new.cdx.json" > /dev/null || true
done
