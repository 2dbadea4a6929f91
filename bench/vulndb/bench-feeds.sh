#!/usr/bin/env bash
# bench-feeds: sbom-db build over every shared feed it imports (the four OSV zips, the GHSA
# records, the NVD records) and over a synthetic NVD yearly feed of COUNT CVEs (the shared API page
# repeated under new ids, as large as a real yearly feed), plain and gzipped. Prints best wall
# time of RUNS runs, the CPU time (user+sys) of that run, peak RSS, and MB/s of input JSON by CPU.
# Usage: bench/vulndb/bench-feeds.sh BUILD_DIR [RUNS] [COUNT]   (RUNS default 3, COUNT default 40000)
set -euo pipefail
BUILD=${1:?usage: bench-feeds.sh BUILD_DIR [RUNS] [COUNT]}
RUNS=${2:-3}
COUNT=${3:-40000}
SRC=$(cd "$(dirname "$0")/../.." && pwd)
DATA=$SRC/../shared/data
DB_TOOL=$BUILD/tools/sbom-db/sbom-db
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

measure() {  # NAME MB CMD...: best wall, its CPU, max RSS, MB/s by CPU
  local name=$1 mb=$2; shift 2
  local best="" cpu="" rss=0
  for ((i = 0; i < RUNS; i++)); do
    /usr/bin/time -f "%e %U %S %M" -o "$T/time" "$@" > /dev/null 2> "$T/err" || { cat "$T/err" >&2; return 1; }
    read -r wall u s r < "$T/time"
    if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$wall; cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
    fi
    [ "$r" -gt "$rss" ] && rss=$r
  done
  printf '| %s | %s s | %s s | %d MB | %s MB/s |\n' "$name" "$best" "$cpu" $((rss / 1024)) \
    "$(awk -v m="$mb" -v c="$cpu" 'BEGIN { printf "%.0f", m / c }')"
}

ZIPS=("$DATA"/osv/*/all.zip)
FEEDS=("$DATA/feeds/ghsa/golang-vulndb" "$DATA/feeds/nvd")
MB=$(python3 - "${ZIPS[@]}" "${FEEDS[@]}" <<'PY'
import os, sys, zipfile
n = 0
for p in sys.argv[1:]:
    if p.endswith('.zip'):
        n += sum(i.file_size for i in zipfile.ZipFile(p).infolist())
    else:
        n += sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(p) for f in fs if f.endswith('.json'))
print(round(n / 1e6, 1))
PY
)
python3 - "$DATA/feeds/nvd/vunnel/full-page.json" "$COUNT" "$T/nvdcve-2.0-2099.json" <<'PY'
import json, sys
page = json.load(open(sys.argv[1]))
base, out = page['vulnerabilities'], []
while len(out) < int(sys.argv[2]):
    for v in base:
        c = json.loads(json.dumps(v))
        c['cve']['id'] = 'CVE-2099-%07d' % (len(out) + 1)
        out.append(c)
page['vulnerabilities'] = out[:int(sys.argv[2])]
page['resultsPerPage'] = page['totalResults'] = len(page['vulnerabilities'])
json.dump(page, open(sys.argv[3], 'w'), indent=2)
PY
gzip -k "$T/nvdcve-2.0-2099.json"
NVD_MB=$(awk -v b="$(stat -c %s "$T/nvdcve-2.0-2099.json")" 'BEGIN { printf "%.1f", b / 1e6 }')

echo '| what | best wall | CPU | peak RSS | input JSON per CPU second |'
echo '| --- | --- | --- | --- | --- |'
measure "sbom-db build, all shared feeds ($MB MB of JSON)" "$MB" "$DB_TOOL" build "${ZIPS[@]}" "${FEEDS[@]}" -o "$T/all.sbomdb"
measure "sbom-db build, NVD yearly feed of $COUNT CVEs ($NVD_MB MB)" "$NVD_MB" "$DB_TOOL" build "$T/nvdcve-2.0-2099.json" -o "$T/nvd.sbomdb"
measure "sbom-db build, the same gzipped" "$NVD_MB" "$DB_TOOL" build "$T/nvdcve-2.0-2099.json.gz" -o "$T/nvd.sbomdb"
