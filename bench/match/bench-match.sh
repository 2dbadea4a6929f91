#!/usr/bin/env bash
# bench-match: sbom-db build of the shared OSV zips, a synthetic index of SCALE records, and
# sbom-match on the shared app SBOM, the shared Debian image's SBOM (when built) and on a synthetic
# SBOM of 10,000 real package names.
# Prints best wall time of RUNS runs, the CPU time (user+sys) of that run and peak RSS.
# Usage: bench/match/bench-match.sh BUILD_DIR [RUNS] [SCALE]   (RUNS default 3, SCALE default 500000)
set -euo pipefail
BUILD=${1:?usage: bench-match.sh BUILD_DIR [RUNS] [SCALE]}
RUNS=${2:-3}
SCALE=${3:-500000}
SRC=$(cd "$(dirname "$0")/../.." && pwd)
OSV=$SRC/../shared/data/osv
DB_TOOL=$BUILD/tools/sbom-db/sbom-db
MATCH=$BUILD/tools/sbom-match/sbom-match
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

measure() {  # NAME CMD...: best wall, its CPU, max RSS
  local name=$1; shift
  local best="" cpu="" rss=0
  for ((i = 0; i < RUNS; i++)); do
    /usr/bin/time -f "%e %U %S %M" -o "$T/time" "$@" > /dev/null 2> "$T/err" || { cat "$T/err" >&2; return 1; }
    read -r wall u s r < "$T/time"
    if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$wall; cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
    fi
    [ "$r" -gt "$rss" ] && rss=$r
  done
  printf '| %s | %s s | %s s | %d MB |\n' "$name" "$best" "$cpu" $((rss / 1024))
}

ZIPS=("$OSV"/*/all.zip)
MB=$(python3 -c "import sys, zipfile; print(round(sum(i.file_size for z in sys.argv[1:] for i in zipfile.ZipFile(z).infolist()) / 1e6, 1))" "${ZIPS[@]}")
echo "OSV JSON in the shared zips: $MB MB"
echo
echo '| what | best wall | CPU | peak RSS |'
echo '| --- | --- | --- | --- |'
measure "sbom-db build, 4 shared zips ($MB MB)" "$DB_TOOL" build "${ZIPS[@]}" -o "$T/osv.sbomdb"
"$DB_TOOL" build "${ZIPS[@]}" -o "$T/osv.sbomdb" 2> /dev/null

# Synthetic scale: SCALE small PyPI-shaped records in one zip.
python3 - "$T/scale.zip" "$SCALE" <<'PY'
import json, sys, zipfile
path, n = sys.argv[1], int(sys.argv[2])
with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
    for i in range(n):
        rec = {"id": "SYN-%07d" % i, "modified": "2024-01-01T00:00:00Z", "aliases": ["CVE-2024-%07d" % i],
               "summary": "synthetic record %d" % i,
               "affected": [{"package": {"ecosystem": "PyPI", "name": "pkg-%d" % (i % 50000)},
                             "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "%d.%d" % (i % 7 + 1, i % 13)}]}]}]}
        z.writestr("SYN-%07d.json" % i, json.dumps(rec, indent=2))
PY
SMB=$(python3 -c "import sys, zipfile; print(round(sum(i.file_size for i in zipfile.ZipFile(sys.argv[1]).infolist()) / 1e6, 1))" "$T/scale.zip")
measure "sbom-db build, $SCALE synthetic records ($SMB MB)" "$DB_TOOL" build "$T/scale.zip" -o "$T/scale.sbomdb"

# SBOMs: the shared app's Go and PyPI packages, and 10,000 components named after real packages.
python3 "$SRC/bench/match/gen-match-sbom.py" "$OSV" "$T/big.cdx.json"
measure "sbom-match, shared app SBOM (58 components)" "$MATCH" --db "$T/osv.sbomdb" "$SRC/tests/data/match/app.cdx.json"
# The shared Debian image (../shared/scripts/make-debian-image), when it has been built: sbom-gen's SBOM of it.
IMG=${SBOMKIT_FIXTURES:-${XDG_CACHE_HOME:-$HOME/.cache}/sbomkit-fixtures}/debian-app/debian-app.docker.tar
if [ -f "$IMG" ] && [ -x "$BUILD/tools/sbom-gen/sbom-gen" ]; then
  "$BUILD/tools/sbom-gen/sbom-gen" "$IMG" > "$T/debian.cdx.json" 2> /dev/null
  N=$(python3 -c "import json, sys; print(len(json.load(open(sys.argv[1]))['components']))" "$T/debian.cdx.json")
  measure "sbom-match, shared Debian image's SBOM ($N components)" "$MATCH" --db "$T/osv.sbomdb" "$T/debian.cdx.json"
else
  echo "(shared Debian image not built: ../shared/scripts/make-debian-image; its row is skipped)" >&2
fi
measure "sbom-match, 10,000 components" "$MATCH" --db "$T/osv.sbomdb" "$T/big.cdx.json"
# Go modules without advisories: each is looked up again ignoring case (the fallback for module
# paths a producer lowercased), a scan of the index's Go keys per distinct name.
python3 - "$T/go-misses.cdx.json" <<'PY'
import json, sys
comps = [{"type": "library", "bom-ref": "m%d" % i, "name": "mod%d" % i, "version": "v1.0.0",
          "purl": "pkg:golang/github.com/nosuch/mod%d@v1.0.0" % i} for i in range(10000)]
json.dump({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": comps}, open(sys.argv[1], "w"))
PY
measure "sbom-match, 10,000 Go modules without advisories (case-insensitive fallback each)" "$MATCH" --db "$T/osv.sbomdb" "$T/go-misses.cdx.json"
echo
python3 "$SRC/bench/match/list-keys.py" "$OSV" "$T/keys.tsv"
"$BUILD/bench/match/vulndb_bench" "$T/osv.sbomdb" "$T/keys.tsv"
