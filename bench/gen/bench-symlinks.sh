#!/usr/bin/env bash
# bench-symlinks: sbom-gen on a symlink bomb (issue 11, item 6): a docker-archive of COUNT symlinks
# with TARGET-byte targets in one gzip layer, made in a temporary directory. Prints wall time, CPU
# time and peak RSS (/usr/bin/time -v); the warning line shows what was skipped.
# Usage: bench/gen/bench-symlinks.sh SBOM_GEN [COUNT] [TARGET]   (defaults 200000 and 8192)
set -euo pipefail
GEN=${1:?usage: bench-symlinks.sh SBOM_GEN [COUNT] [TARGET]}
COUNT=${2:-200000}
TARGET=${3:-8192}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
python3 - "$T/bomb.tar" "$COUNT" "$TARGET" <<'PY'
import gzip, hashlib, io, json, sys, tarfile
out, count, target = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])

class Hashing:
    """Hashes the uncompressed tar (the diff_id) on its way into gzip."""
    def __init__(self, f):
        self.f, self.h = f, hashlib.sha256()
    def write(self, b):
        self.h.update(b)
        return self.f.write(b)

blob = io.BytesIO()
gz = gzip.GzipFile(fileobj=blob, mode="wb", compresslevel=1, mtime=0)
raw = Hashing(gz)
with tarfile.open(fileobj=raw, mode="w|", format=tarfile.PAX_FORMAT) as t:
    for i in range(count):
        info = tarfile.TarInfo("usr/share/l%07d" % i)
        info.type, info.linkname = tarfile.SYMTYPE, "x" * target
        t.addfile(info)
gz.close()
cfg = json.dumps({"architecture": "amd64", "os": "linux",
                  "rootfs": {"type": "layers", "diff_ids": ["sha256:" + raw.h.hexdigest()]}}).encode()
cfg_name = hashlib.sha256(cfg).hexdigest() + ".json"
with tarfile.open(out, "w") as t:
    for name, data in (("0/layer.tar", blob.getvalue()), (cfg_name, cfg),
                       ("manifest.json", json.dumps([{"Config": cfg_name, "RepoTags": ["bomb:1"],
                                                      "Layers": ["0/layer.tar"]}]).encode())):
        info = tarfile.TarInfo(name)
        info.size = len(data)
        t.addfile(info, io.BytesIO(data))
PY
echo "image: $(du -h "$T/bomb.tar" | cut -f1) ($COUNT symlinks, $TARGET-byte targets)"
/usr/bin/time -v -o "$T/time" "$GEN" -q "$T/bomb.tar" > /dev/null 2> "$T/err" || true
cat "$T/err"
awk -F': ' '/Elapsed \(wall clock\)/ { print "wall: " $2 } /User time/ { u = $2 } /System time/ { s = $2 }
            /Maximum resident/ { printf "CPU: %.2f s, peak RSS: %d MB\n", u + s, $2 / 1024 }' "$T/time"
