#!/usr/bin/env bash
# bench-npm-scale: times sbom-gen on a root filesystem holding one package-lock.json (v3) of N
# npm packages (generated here, distinct names and versions), for each N given, with
# /usr/bin/time -v: wall time, CPU time (user+sys) and peak RSS. Markdown table.
# Language cataloging must stay linear in the number of packages: 5x the packages, ~5x the time.
# Usage: bench/gen/bench-npm-scale.sh SBOM_GEN [N...]   (default N: 10000 40000 200000)
set -euo pipefail
GEN=${1:?usage: bench-npm-scale.sh SBOM_GEN [N...]}
shift
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(10000 40000 200000)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

echo "| packages | wall | CPU (user+sys) | peak RSS | components out |"
echo "| --- | --- | --- | --- | --- |"
for n in "${SIZES[@]}"; do
  R="$T/rootfs-$n"
  mkdir -p "$R/srv/app"
  python3 - "$n" > "$R/srv/app/package-lock.json" <<'PY'
import json, sys
n = int(sys.argv[1])
pkgs = {"": {"name": "app", "version": "1.0.0"}}
for i in range(n):
    # a third scoped, the rest plain; versions vary so purls differ in both parts
    name = ("@scope%d/pkg%d" % (i % 97, i)) if i % 3 == 0 else "pkg-%d" % i
    pkgs["node_modules/" + name] = {"version": "%d.%d.%d" % (i % 7, i % 13, i % 101)}
json.dump({"name": "app", "version": "1.0.0", "lockfileVersion": 3, "requires": True, "packages": pkgs}, sys.stdout)
PY
  /usr/bin/time -v -o "$T/time" "$GEN" -q "$R" > "$T/out.json" 2> "$T/err" || { cat "$T/err" >&2; exit 1; }
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); t = 0; for (k = 1; k <= n; k++) t = t * 60 + p[k]; print t }' "$T/time")
  cpu=$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { printf "%.2f", u + s }' "$T/time")
  rss=$(awk -F': ' '/Maximum resident/ { print $2 }' "$T/time")
  comps=$(grep -c '"bom-ref": "pkg:npm/' "$T/out.json" || true)
  printf '| %d | %.2f s | %s s | %d MB | %d |\n' "$n" "$wall" "$cpu" $((rss / 1024)) "$comps"
done
