#!/usr/bin/env bash
# bench-hygiene: sbom-gen --hygiene on the shared Debian image (../shared/scripts/make-debian-image),
# paired by farm-bench --vs with sbom-gen without it, no layer cache. Quote the medians and the A/B
# ratios farm-bench prints (bench/README.md).
# Usage: bench/gen/bench-hygiene.sh SBOM_GEN [IMAGE] [RUNS]   (RUNS default 7)
set -euo pipefail
GEN=$(cd "$(dirname "${1:?usage: bench-hygiene.sh SBOM_GEN [IMAGE] [RUNS]}")" && pwd)/$(basename "$1")
IMG=${2:-${SBOMKIT_FIXTURES:-${XDG_CACHE_HOME:-$HOME/.cache}/sbomkit-fixtures}/debian-app/debian-app.docker.tar}
RUNS=${3:-7}
[ -f "$IMG" ] || { echo "bench-hygiene: $IMG not found (run ../shared/scripts/make-debian-image)" >&2; exit 2; }
echo "== A: sbom-gen --hygiene, B: sbom-gen"
farm-bench -n "$RUNS" --vs "$GEN --no-cache -q $IMG" -- "$GEN" --no-cache -q --hygiene "$IMG"
