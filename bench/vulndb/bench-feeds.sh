#!/usr/bin/env bash
# bench-feeds: sbom-db build over every shared feed it imports (the four OSV zips, the GHSA
# records, the NVD records, the KEV catalog, EPSS scores, the Debian tracker, Red Hat CSAF VEX and
# Canonical's OpenVEX) and over synthetic feeds as large as the real ones, made from the shared
# files under new ids: an NVD yearly feed of COUNT CVEs (plain and gzipped), a KEV catalog and an
# EPSS file of COUNT entries, a Debian tracker JSON of COUNT CVEs, and COUNT/10 CSAF and OpenVEX
# documents. Prints best wall time of RUNS runs, the CPU time (user+sys) of that run, peak RSS,
# and MB/s of input by CPU (the issue's floor: 100 MB/s).
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
F=$DATA/feeds
FEEDS=("$F/ghsa/golang-vulndb" "$F/nvd" "$F/kev/known_exploited_vulnerabilities.json" "$F/epss/vunnel/example-1.csv"
       "$F/debian-tracker/osv.dev/debian_security_tracker_mock.json" "$F/redhat-csaf/vex"
       "$F/vunnel-inputs/ubuntu/test-fixtures/vex/cve/2023")
MB=$(python3 - "${ZIPS[@]}" "${FEEDS[@]}" <<'PY'
import os, sys, zipfile
n = 0
for p in sys.argv[1:]:
    if p.endswith('.zip'):
        n += sum(i.file_size for i in zipfile.ZipFile(p).infolist())
    else:
        n += os.path.getsize(p) if os.path.isfile(p) else sum(
            os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(p) for f in fs if f.endswith('.json'))
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
# The other feeds, as large as the real ones, from the shared files under new ids.
python3 - "$F" "$COUNT" "$T" <<'PY'
import copy, json, os, sys
feeds, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
kev = json.load(open(os.path.join(feeds, 'kev/known_exploited_vulnerabilities.json')))
base = kev['vulnerabilities']
kev['vulnerabilities'] = [dict(base[i % len(base)], cveID='CVE-2099-%07d' % (i + 1)) for i in range(count)]
kev['count'] = count
json.dump(kev, open(os.path.join(out, 'kev.json'), 'w'), indent=2)
with open(os.path.join(feeds, 'epss/vunnel/example-1.csv')) as f:
    head = [f.readline(), f.readline()]
with open(os.path.join(out, 'epss.csv'), 'w') as f:
    f.writelines(head)
    for i in range(count * 6):  # the real file scores every CVE: about 6 times a yearly feed
        f.write('CVE-2099-%07d,0.%05d,0.%05d\n' % (i + 1, (i * 7919) % 100000, (i * 104729) % 100000))
tracker = json.load(open(os.path.join(feeds, 'debian-tracker/osv.dev/debian_security_tracker_mock.json')))
entries = [(p, c) for p, cves in tracker.items() for c in cves.values()]
big = {}
for i in range(count):
    pkg, entry = entries[i % len(entries)]
    big.setdefault('%s%d' % (pkg, i % 997), {})['CVE-2099-%07d' % (i + 1)] = entry
json.dump(big, open(os.path.join(out, 'tracker.json'), 'w'), indent=2)
for name, src, docs in (('csaf', 'redhat-csaf/vex', count // 10), ('ubuntu-vex', 'vunnel-inputs/ubuntu/test-fixtures/vex/cve/2023', count // 10)):
    d = os.path.join(out, name)
    os.makedirs(d)
    files = sorted(os.path.join(feeds, src, f) for f in os.listdir(os.path.join(feeds, src)) if f.endswith('.json'))
    texts = [open(f).read() for f in files]
    ids = [json.loads(t) for t in texts]
    for i in range(docs):
        t, doc = texts[i % len(texts)], ids[i % len(ids)]
        cve = 'CVE-2099-%07d' % (i + 1)
        old = doc['vulnerabilities'][0]['cve'] if name == 'csaf' else doc['statements'][0]['vulnerability']['name']
        open(os.path.join(d, cve + '.json'), 'w').write(t.replace(old, cve))
PY
size_mb() { du -sb "$@" | awk '{ n += $1 } END { printf "%.1f", n / 1e6 }'; }
NVD_MB=$(awk -v b="$(stat -c %s "$T/nvdcve-2.0-2099.json")" 'BEGIN { printf "%.1f", b / 1e6 }')

echo '| what | best wall | CPU | peak RSS | input JSON per CPU second |'
echo '| --- | --- | --- | --- | --- |'
measure "sbom-db build, all shared feeds ($MB MB of JSON)" "$MB" "$DB_TOOL" build "${ZIPS[@]}" "${FEEDS[@]}" -o "$T/all.sbomdb"
measure "sbom-db build, NVD yearly feed of $COUNT CVEs ($NVD_MB MB)" "$NVD_MB" "$DB_TOOL" build "$T/nvdcve-2.0-2099.json" -o "$T/nvd.sbomdb"
measure "sbom-db build, the same gzipped" "$NVD_MB" "$DB_TOOL" build "$T/nvdcve-2.0-2099.json.gz" -o "$T/nvd.sbomdb"
measure "sbom-db build, KEV catalog of $COUNT entries ($(size_mb "$T/kev.json") MB)" "$(size_mb "$T/kev.json")" "$DB_TOOL" build "$T/kev.json" -o "$T/kev.sbomdb"
measure "sbom-db build, EPSS scores of $((COUNT * 6)) CVEs ($(size_mb "$T/epss.csv") MB)" "$(size_mb "$T/epss.csv")" "$DB_TOOL" build "$T/epss.csv" -o "$T/epss.sbomdb"
measure "sbom-db build, Debian tracker JSON of $COUNT CVEs ($(size_mb "$T/tracker.json") MB)" "$(size_mb "$T/tracker.json")" "$DB_TOOL" build "$T/tracker.json" -o "$T/tracker.sbomdb"
measure "sbom-db build, $((COUNT / 10)) Red Hat CSAF VEX documents ($(size_mb "$T/csaf") MB)" "$(size_mb "$T/csaf")" "$DB_TOOL" build "$T/csaf" -o "$T/csaf.sbomdb"
measure "sbom-db build, $((COUNT / 10)) Ubuntu OpenVEX documents ($(size_mb "$T/ubuntu-vex") MB)" "$(size_mb "$T/ubuntu-vex")" "$DB_TOOL" build "$T/ubuntu-vex" -o "$T/ubuntu.sbomdb"
