#!/usr/bin/env bash
# bench-gen: times sbom-gen on the shared Debian image (../shared/scripts/make-debian-image) in each
# input form, and Trivy (../shared/scripts/run-peer-trivy, after install-peers) on the docker-archive,
# with /usr/bin/time -v: best wall time of RUNS runs, CPU time (user+sys) and peak RSS. Markdown table.
# Usage: bench/gen/bench-gen.sh SBOM_GEN [IMAGE_DIR] [RUNS]   (RUNS default 5; TRIVY_RUNS default 2)
# Wall times depend on what else the machine runs; CPU time is the steadier figure.
set -euo pipefail
GEN=${1:?usage: bench-gen.sh SBOM_GEN [IMAGE_DIR] [RUNS]}
IMG=${2:-${SBOMKIT_FIXTURES:-${XDG_CACHE_HOME:-$HOME/.cache}/sbomkit-fixtures}/debian-app}
RUNS=${3:-5}
SHARED=$(cd "$(dirname "$0")/../../../shared" 2>/dev/null && pwd || true)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# measure NAME RUNS CMD...: best wall, CPU of that run, max RSS over runs
measure() {
  local name=$1 runs=$2; shift 2
  local best="" cpu="" rss=0
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -v -o "$T/time" "$@" > /dev/null 2> "$T/err" || { cat "$T/err" >&2; return 1; }
    local wall u s r
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); t = 0; for (k = 1; k <= n; k++) t = t * 60 + p[k]; print t }' "$T/time")
    u=$(awk -F': ' '/User time/ { print $2 }' "$T/time")
    s=$(awk -F': ' '/System time/ { print $2 }' "$T/time")
    r=$(awk -F': ' '/Maximum resident/ { print $2 }' "$T/time")
    if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$wall; cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
    fi
    [ "$r" -gt "$rss" ] && rss=$r
  done
  printf '| %s | %.2f s | %s s | %d MB |\n' "$name" "$best" "$cpu" $((rss / 1024))
}

echo "| run | best wall | CPU (user+sys) | peak RSS |"
echo "| --- | --- | --- | --- |"
measure "sbom-gen docker-archive" "$RUNS" "$GEN" -q "$IMG/debian-app.docker.tar"
measure "sbom-gen OCI dir" "$RUNS" "$GEN" -q "$IMG/debian-app.oci"
measure "sbom-gen OCI tar" "$RUNS" "$GEN" -q "$IMG/debian-app.oci.tar"
measure "sbom-gen stdin" "$RUNS" bash -c "\"$GEN\" -q - < \"$IMG/debian-app.docker.tar\""
measure "sbom-gen rootfs dir" "$RUNS" "$GEN" -q "$IMG/rootfs"
if [ -n "$SHARED" ] && [ -x "$SHARED/scripts/run-peer-trivy" ]; then
  measure "trivy v0.44 docker-archive" "${TRIVY_RUNS:-2}" "$SHARED/scripts/run-peer-trivy" "$IMG/debian-app.docker.tar" "$T/trivy.json" ||
    echo "| trivy | (not run: see ../shared/scripts/install-peers) | | |"
fi
